"""A synthetic plan document's text export in the shipped document's shape, of any size: for tests and benchmarks.

It is input for :func:`model.importer.run_import`, as the real text export is.

>>> lines = shaped_document(leadership=2, departmental=1, rows=3, plans=1).splitlines()
>>> lines[0], sum("utcome " in line for line in lines), lines[-1]
('VISION FOR EVERYONE', 9, 'Service plan 1\\tDepartmental Priority 1\\tLead 1, Head of Things\\tplan-1.pdf')
"""
from __future__ import annotations


def shaped_document(leadership: int, departmental: int, rows: int, plans: int) -> str:
    """A plan export in the shipped document's shape with the given numbers of things, a page break every 5 rows."""
    tab, ul = "\t", '<ul style="list-style-type: none">'
    header = tab.join(["Priority", "What We Need To Do? <i>Action</i>", "How will we make a difference? "
                       "<i>Indicators of Success</i>", "How will we know? <i>Outcomes/Impact</i>", "Timescale",
                       "RAG rating"])
    out = ["VISION FOR EVERYONE", "", "A good life for all.", "", "Council Plan 2023/2024", ""]
    count = 0

    def row(cells):
        nonlocal count
        if count and count % 5 == 0:
            out.extend(["", "Council Plan 2023/2024 – Last updated: 01/02/2024", "", header])
        out.append(tab.join(cells))
        count += 1

    out += [f"{leadership} Strategic Leadership Priorities", "", header]
    for n in range(1, leadership + 1):
        for r in range(rows):
            action = f"{n}) Leadership aim number {n}" if r == 0 else ""
            row(["Strategic Leadership" if r == 0 else "", action, f"{ul} Indicator {n}.{r} ",
                 f"{ul} Outcome {n}.{r} for leadership ", "March 2024", "GREEN" if r % 2 else "AMBER"])
    out += ["", f"{departmental} Strategic Departmental Priorities", ""]
    for n in range(1, departmental + 1):
        for r in range(rows):
            priority = f"<p>{n}</p> <p>Department aim {n}</p>" if r == 0 else ""
            action = f"<p>WORKSTREAM {n}: do things</p> <p><i>How to achieve:</i></p> {ul} • Step one • Step two " \
                if r == 0 else ""
            row([priority, action, f"{ul} Dept indicator {n}.{r} " if r == 0 else "",
                 f"{ul} Dept outcome {n}.{r} ", "Monthly", "RED"])
    out += ["", "Operational plans underpinning the priorities", "",
            tab.join(["Operational/Service Plan", "Connected Priority", "Plan Lead", "Link to plan"])]
    for n in range(1, plans + 1):
        out.append(tab.join([f"Service plan {n}", f"Departmental Priority {1 + (n - 1) % departmental}",
                             f"Lead {n % 3}, Head of Things", f"plan-{n}.pdf"]))
    return "\n".join(out) + "\n"
