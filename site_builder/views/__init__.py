"""One view per kind of page: plain dataclasses of ready-made fields for the templates.

Each module builds the view of one kind of page from a
:class:`~site_builder.context.SiteContext` (the graph, the findings, the
dependency matrix, where each item lives). Templates only print and loop
over these fields; every query of the graph happens here.

Page (template): view function

* home (``home.md``): :func:`home.home_view`
* all priorities (``priorities.md``): :func:`lists.priorities_index_view`
* a priority (``priority.md``): :func:`priority.priority_view`
* outcomes dashboard (``outcomes.md``): :func:`outcomes.outcomes_view`
* operational plans and leads (``plans.md``): :func:`lists.plans_index_view`
* an operational plan (``operational_plan.md``): :func:`owners.operational_plan_view`
* a lead (``lead.md``): :func:`owners.lead_view`
* findings (``findings.md``): :func:`findings.findings_view`
* dependencies (``dependencies.md``): :func:`dependencies.dependencies_view`
* traceability matrix (``trace_index.md``): :func:`lists.trace_index_view`
* an outcome's trace (``trace.md``): :func:`trace.trace_view`
* downloads (``downloads.md``): :func:`downloads.downloads_view`
"""
