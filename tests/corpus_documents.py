"""The import corpus: plans of other councils and services, tiny to large, each with the variation it tests.

Every due date below was worked out by hand from the timescale as written and
the plan's period (documented in docs/importing.md), not by running the
importer. A rating's ``value`` is what the documented mapping gives.
"""
from __future__ import annotations

from import_corpus import Act, Doc, Group, PlanRow, Pri, Row


def R(outcome, timescale=None, due=None, rag=None, value="same", **more) -> Row:  # noqa: N802 - a table of rows reads better
    return Row(outcome, timescale, rag, value, due, **more)


DOCUMENTS: list[Doc] = []

# -- tiny: one table, numbered "1.", no page break -------------------------------------------------
DOCUMENTS.append(Doc(
    name="tiny_parish", title="Millbrook Town Council – Annual Plan 2023/24",
    vision="A green and friendly town for everyone in Millbrook.", updated="05/06/2023",
    tests="tiny: one table numbered '1.' in the Action column, no page break, one plan",
    groups=[Group("council", "2 Council Priorities", "action", "{n}.", label="Council", priorities=[
        Pri(1, "Keep the parks open and safe", [Act("", [R("Parks open every day", "March 2024", "2024-03-31", "GREEN"),
                                                      R("New play area installed", "September 2023", "2023-09-30",
                                                        "AMBER")])]),
        Pri(2, "Support local events", [Act("", [R("Summer fair held", "August 2023", "2023-08-31", "GREEN")])]),
    ])],
    plans=[PlanRow("Parks Plan", "Council Priority 1", 1, "Jo Green, Town Clerk")],
))

# -- housing: "Priority 1:" in the Priority column, title-case ratings, quarters and financial years --------
DOCUMENTS.append(Doc(
    name="district_housing", title="Eastvale District Council Housing Service Plan 2021/22",
    vision="Everyone in Eastvale has a safe, warm and affordable home.", updated="12/10/2021", page_every=4,
    tests="'Priority 1:' numbering, two paragraphs (title, description) in the Priority cell, title-case "
          "ratings, quarters 'Q3 2021/22', 'Q4 21/22', 'Quarter 2 (2021/22)', financial year 'FY21/22'",
    groups=[
        Group("housing", "2 Strategic Housing Priorities", "priority", "Priority {n}:", priorities=[
            Pri(1, "More Affordable Homes", description="Deliver homes people on local incomes can afford.",
                actions=[Act("DELIVERY: build with partners", [
                    R("120 affordable homes started", "Q3 2021/22", "2021-12-31", "Green", "GREEN",
                      indicator="Homes started each quarter"),
                    R("Site pipeline agreed", "Q4 21/22", "2022-03-31", "Amber", "AMBER"),
                ], steps=["Agree sites with partners", "Bid for grant funding"])]),
            Pri(2, "Safe Homes", description="Tackle poor conditions in private rented homes.",
                actions=[Act("ENFORCEMENT: inspect and act", [
                    R("Licensing scheme consulted on", "Quarter 2 (2021/22)", "2021-09-30", "Red", "RED"),
                    R("Category 1 hazards removed", "FY21/22", "2022-03-31", "Amber", "AMBER"),
                ])]),
        ]),
        Group("tenancy", "1 Tenancy Priorities", "priority", "Priority {n}:", priorities=[
            Pri(1, "Sustain Tenancies", [Act("Early help for tenants at risk of eviction", [
                R("Evictions fall by 10%", "Q4 2021/22", "2022-03-31", "green", "GREEN"),
            ])]),
        ]),
    ],
    plans=[PlanRow("New Homes Plan", "Strategic Priority 1, Strategic Priority 2", 2, "Sam Patel, Head of Housing"),
           PlanRow("Tenancy Plan", "Tenancy Priority 1", 1, "Ali Khan – Tenancy Manager", "TBC")],
))

# -- highways: "(1)" and "1 -", hyphenated ratings, an unknown rating where the Action cell is empty -----
DOCUMENTS.append(Doc(
    name="county_highways", title="Northshire County Council – Highways Delivery Plan 2022/23",
    vision="Roads that keep Northshire moving safely.", updated="01/12/2022", page_every=5,
    tests="'(1)' in the Action column and '1 -' in the Priority column, ratings 'Amber-Green', 'Red-Amber', "
          "'green-amber', an unknown rating 'Ambre' on a row with an empty Action cell (kept as text, no "
          "structure change), deadlines 'end of March 2023', 'by April 2023', '31/03/2023'",
    groups=[
        Group("leadership", "3 Strategic Leadership Priorities", "action", "({n})", label="Strategic Leadership",
              priorities=[
                  Pri(1, "Keep roads in good repair", [
                      Act("", [R("Potholes fixed within 28 days", "end of March 2023", "2023-03-31", "Amber-Green",
                                 "AMBER/GREEN", indicator="Repairs on time"),
                               R("Resurfacing programme complete", "by April 2023", "2023-04-30", "Ambre", None),
                               R("Gully cleaning on schedule", "31/03/2023", "2023-03-31", "Red-Amber", "RED")]),
                      Act("a. Improve winter service", [R("Gritting routes reviewed", "November 2022",
                                                            "2022-11-30", "green-amber", "AMBER/GREEN")])]),
                  Pri(2, "Make walking and cycling safer", [
                      Act("", [R("Ten school streets in place", "July 2022", "2022-07-31", "GREEN")])]),
                  Pri(3, "Cut carbon from the fleet", [
                      Act("", [R("Half the fleet electric", "March 2023", "2023-03-31", "Amber-Green",
                                 "AMBER/GREEN")])]),
              ]),
        Group("departmental", "1 Departmental Priorities", "priority", "{n} -", priorities=[
            Pri(1, "Street Lighting", [Act("LED: replace old lanterns", [
                R("5,000 lanterns replaced", "March 2023", "2023-03-31", "AMBER")])]),
        ]),
    ],
    plans=[PlanRow("Road Repair Plan", "Leadership Priority 1, Departmental Priority 1", 2,
                   "Pat Jones, Head of Highways"),
           PlanRow("Active Travel Plan", "leadership priority 2", 1, "Pat Jones, Head of Highways")],
))

# -- schools: Roman numerals, school terms, single-letter ratings, breaks cutting Priority and Action cells --
DOCUMENTS.append(Doc(
    name="school_improvement", title="Westbridge Borough Council Education Improvement Plan 2021/22",
    vision="Every child in Westbridge goes to a good school.", updated="18/01/2022", page_every=3,
    cuts={0: "priority", 3: "action"},
    tests="Roman numerals 'I.' 'II.' in the Priority column, school terms ('Autumn term 2021', 'Spring term "
          "2022', 'Summer term' anchored on the plan year), single-letter ratings G, A, R, A/G, page breaks "
          "cutting a Priority cell and an Action cell",
    groups=[Group("education", "3 Education Priorities", "priority", "roman.", priorities=[
        Pri(1, "Reading for pleasure in every primary school", [
            Act("READING: a library in every classroom", [
                R("Every class has a reading corner", "Autumn term 2021", "2021-12-31", "G", "GREEN"),
                R("Reading ages rise", "Spring term 2022", "2022-03-31", "A", "AMBER"),
                R("Parents join reading cafés", "Summer term", "2021-07-31", "A/G", "AMBER/GREEN")])]),
        Pri(2, "Fewer exclusions from secondary schools and academies", [
            Act("INCLUSION: support pupils before exclusion becomes the only option left to schools", [
                R("Permanent exclusions halve", "Summer term 2022", "2022-07-31", "R", "RED"),
                R("Inclusion panel meets monthly", "Monthly", None, "G", "GREEN"),
                R("Alternative provision reviewed", "Spring term 2022", "2022-03-31", "A", "AMBER")])]),
        Pri(3, "Strong governance", [
            Act("GOVERNORS: training for every board", [
                R("All boards trained", "Autumn term 2021", "2021-12-31", "G", "GREEN")])]),
    ])],
    plans=[PlanRow("Reading Plan", "Education Priority 1", 1, "Dr Mary Shaw, Head of School Improvement"),
           PlanRow("Inclusion Plan", "Education Priorities 2 and 3", 2, "Tom Reid – Inclusion Lead")],
))

# -- public health: BRAG, seasons, month ranges, breaks cutting Indicator and Outcome cells, table on a new page --
DOCUMENTS.append(Doc(
    name="public_health", title="Southmoor Council Public Health Plan 2022/23",
    vision="Longer, healthier lives for everyone in Southmoor.", updated="30/09/2022", page_every=4,
    cuts={0: "indicator", 4: "outcome"},
    tests="'1.' in the Action column and '1' alone in the Priority column, BRAG ratings 'Blue' and 'Complete', "
          "seasons ('Spring 2022', 'Winter 2022'), month ranges ('April–June 2022', 'Sept 22 - Mar 23'), "
          "page breaks cutting an Indicators cell and an Outcomes cell, the second table starting on a new page",
    groups=[
        Group("leadership", "2 Strategic Leadership Priorities", "action", "{n}.", label="Strategic Leadership",
              priorities=[
                  Pri(1, "Reduce smoking in pregnancy", [Act("", [
                      R("Stop smoking service for every pregnant smoker referred by midwives", "April–June 2022",
                        "2022-06-30", "Blue", "GREEN", indicator="Referrals from midwives rise every quarter"),
                      R("Smoking at delivery below 10%", "Sept 22 - Mar 23", "2023-03-31", "AMBER"),
                      R("Campaign launched", "Spring 2022", "2022-05-31", "Complete", "GREEN")])]),
                  Pri(2, "Healthy weight for children", [Act("", [
                      R("Weight management offer for families", "Winter 2022", "2023-02-28", "AMBER")])]),
              ]),
        Group("departmental", "2 Departmental Priorities", "priority", "{n}", new_page=True, priorities=[
            Pri(1, "Sexual Health", [Act("CLINICS: open at evenings and weekends", [
                R("Evening clinics in three towns with online booking for every appointment", "October 2022",
                  "2022-10-31", "GREEN"),
                R("Waiting times under two days", "March 2023", "2023-03-31", "AMBER")])]),
            Pri(2, "Drugs and Alcohol", [Act("RECOVERY: more people in treatment", [
                R("Treatment numbers up 20%", "March 2023", "2023-03-31", "RED")])]),
        ]),
    ],
    plans=[PlanRow("Tobacco Control Plan", "Leadership Priority 1", 1, "Dr Lee Chan, Director of Public Health"),
           PlanRow("Sexual Health Plan", "Departmental Priority 1 & Leadership Priority 2", 2,
                   "Kim Ford, Commissioning Manager")],
))

# -- libraries: "and" and "/" between colours in any case, Mar-22, Ongoing, Annually, shifted rows -----------
DOCUMENTS.append(Doc(
    name="libraries_culture", title="Riverside City Council Libraries and Culture Plan 2021/22",
    vision="Culture and learning open to every resident of Riverside.", updated="07/02/2022", page_every=6,
    tests="ratings 'Amber and Green', 'green/amber', 'amber', 'RED'; timescales 'Mar-22', 'Ongoing', "
          "'Annually', '31st January 2022'; a row shifted right (prose in the RAG column, its rating on the row "
          "below) and a row shifted left (a rating in the Indicators column); references joined by '&' and 'and'",
    groups=[
        Group("corporate", "2 Corporate Priorities", "action", "{n})", label="Corporate", priorities=[
            Pri(1, "Libraries as community hubs", [
                Act("", [R("Opening hours extended", "Mar-22", "2022-03-31", "Amber and Green", "AMBER/GREEN"),
                         R("Digital help sessions weekly", "Ongoing", "2022-03-31", "green/amber", "AMBER/GREEN"),
                         R("Home library service reaches more readers", "Annually", "2022-03-31", "amber", "AMBER",
                           shift=-1)]),
                Act("a. Reading for all ages", [R("Summer reading challenge", "31st January 2022", "2022-01-31",
                                                  "RED")])]),
            Pri(2, "Culture for everyone", [
                Act("", [R("Festival held in four parks", "August 2021", "2021-08-31", "GREEN")]),
                Act("b. Heritage open to all", [R("Museum visits return to 2019 levels", "March 2022", "2022-03-31",
                                                  "AMBER", indicator="Visitor numbers", shift=1)])]),
        ]),
        Group("service", "1 Service Priorities", "priority", "{n}.", priorities=[
            Pri(1, "Modern Buildings", [Act("BUILDINGS: repair the central library", [
                R("Roof repaired", "December 2021", "2021-12-31", "RED")])]),
        ]),
    ],
    plans=[PlanRow("Library Strategy", "CORPORATE PRIORITY 1 & Service Priority 1", 2, "Ruth Hall, Head of Libraries"),
           PlanRow("Cultural Plan", "corporate priority 2 and service priority 1", 2, "Ben Ode – Culture Lead", "TBC")],
))

# -- waste: headings inside cells, quarters anchored on the plan year, ranges of priorities, empty cells -------
DOCUMENTS.append(Doc(
    name="waste_environment", title="Greendale Borough Council Environment Service Plan 2022/23",
    vision="A clean, green Greendale.", updated="15/07/2022", page_every=5,
    tests="headings inside Outcomes cells ('Data Collection', 'Quality Checks'), timescales 'Quarter 2', "
          "'Q1-Q2' anchored on the plan year, references 'Environment Priorities 1-3', an outcome with no "
          "timescale and no rating, an outcome with a timescale and no rating",
    groups=[Group("environment", "3 Environment Priorities", "priority", "{n})", priorities=[
        Pri(1, "Recycling", [Act("KERBSIDE: weekly food waste", [
            R("Food waste collected from every house", "Quarter 2", "2022-09-30", "AMBER",
              heading="Data Collection"),
            R("Contamination below 5%", "Q1-Q2", "2022-09-30", "GREEN", heading="Quality Checks"),
            R("Residents told about changes")])]),
        Pri(2, "Clean Streets", [Act("Litter picking in every ward", [
            R("Ward satisfaction above 70%", "December 2022", "2022-12-31")])]),
        Pri(3, "Fly-tipping", [Act("ENFORCEMENT: fines for fly-tippers", [
            R("Prosecutions published", "Q4", "2023-03-31", "RED")])]),
    ])],
    plans=[PlanRow("Waste Strategy", "Environment Priorities 1-3", 3, "Dee Moss, Head of Environment"),
           PlanRow("Street Scene Plan", "Environment Priority 2", 1, "Dee Moss, Head of Environment")],
))

# -- children's services, small: a break cutting a leadership title; a spanning Action cell; a Timescale cut ---
DOCUMENTS.append(Doc(
    name="childrens_breaks", title="Hillford Council Children's Services Plan 2020/21",
    vision="Every child in Hillford safe, happy and learning.", updated="22/01/2021", page_every=3,
    cuts={1: "action:capital", 5: "action", 7: "timescale"},
    tests="a page break cutting a leadership priority's title in the Action column (its rest starting with "
          "a capital), a break cutting a Timescale cell, a break inside a departmental action cell that spans "
          "rows (its rest shares the first row of the next page)",
    groups=[
        Group("leadership", "2 Strategic Leadership Priorities", "action", "{n})", label="Strategic Leadership",
              priorities=[
                  Pri(1, "Visible leaders", [Act("", [R("Leaders visit teams monthly", "Monthly", None, "GREEN")])]),
                  Pri(2, "Practice Driving Systems that strengthen a Performance Management Culture", [
                      Act("", [R("Dashboards used in supervision", "October 2020", "2020-10-31", "AMBER/GREEN"),
                               R("Audit findings acted on", "December 2020", "2020-12-31", "AMBER"),
                               R("Monthly performance clinics", "January 2021", "2021-01-31", "GREEN"),
                               R("Performance report to scrutiny", "March 2021 to June 2021", "2021-06-30",
                                 "AMBER")])]),
              ]),
        Group("departmental", "1 Strategic Departmental Priorities", "priority", "{n}", priorities=[
            Pri(1, "Early Help", [Act("Develop an integrated early help offer with schools, health visitors and "
                                      "the voluntary sector, so that families get help before problems grow", [
                R("Family hubs open", "November 2020", "2020-11-30", "GREEN"),
                R("Referrals to social care fall", "March 2021", "2021-03-31", "AMBER"),
                R("Schools report confidence", "February 2021", "2021-02-28", "GREEN"),
                R("Hub use reported to the board", "March 2021", "2021-03-31", "AMBER")])]),
        ]),
    ],
    plans=[PlanRow("Early Help Plan", "Departmental Priority 1", 1, "Gail Moor, Head of Early Help"),
           PlanRow("Performance Plan", "Leadership Priority 2", 1, "Ian Bell, Head of Performance")],
))

# -- finance: N/A spellings, unknown 'TBC' rating, descriptions, financial years in every form --------------
DOCUMENTS.append(Doc(
    name="finance_fy", title="Kingsmead District Council Finance and Resources Plan 2022/2023",
    vision="Sound finances that protect front-line services.", updated="03/03/2023", page_every=5,
    tests="'N/A', 'n/a', 'Not applicable', an unknown rating 'TBC' (kept as text), financial years '2022/23', "
          "'FY22/23', 'FY 2022-23', 'Q1 2022/23', a date '2023-03-31', 'Priority 1:' in the Priority column "
          "with the description as its own paragraph",
    groups=[Group("resources", "2 Resources Priorities", "priority", "Priority {n}:", priorities=[
        Pri(1, "Balanced Budget", description="Set and keep a budget that balances without reserves.", actions=[
            Act("BUDGET: monthly monitoring", [
                R("Outturn within 1% of budget", "2022/23", "2023-03-31", "AMBER"),
                R("Savings plan agreed", "Q1 2022/23", "2022-06-30", "N/A"),
                R("Reserves policy reviewed", "FY22/23", "2023-03-31", "n/a", "N/A")])]),
        Pri(2, "Modern Systems", description="Replace the finance system.", actions=[
            Act("SYSTEMS: procure and implement", [
                R("Supplier appointed", "2023-03-31", "2023-03-31", "Not applicable", "N/A"),
                R("Go-live", "FY 2022-23", "2023-03-31", "TBC", None)])]),
    ])],
    plans=[PlanRow("Medium Term Financial Plan", "Resources Priority 1", 1, "Nia Evans, Section 151 Officer"),
           PlanRow("Systems Plan", "Resources Priority 2", 1, "Nia Evans, Section 151 Officer")],
))

# -- community safety: "1 -" in the Action column, lower-case Roman in the Priority column ------------------
DOCUMENTS.append(Doc(
    name="community_safety", title="Oakport Community Safety Partnership Plan 2021-22",
    vision="Oakport: safe streets, safe homes.", updated="11/11/2021", page_every=4,
    tests="'1 -' numbering in the Action column, Roman 'I)' in the Priority column, a title with '2021-22', "
          "references in lower and upper case joined by 'and' and commas, two plans with TBC documents",
    groups=[
        Group("partnership", "2 Partnership Priorities", "action", "{n} -", label="Partnership", priorities=[
            Pri(1, "Reduce violent crime", [Act("", [
                R("Violence with injury down 10%", "March 2022", "2022-03-31", "AMBER"),
                R("Knife crime education in schools", "Spring term 2022", "2022-03-31", "GREEN")])]),
            Pri(2, "Tackle domestic abuse", [Act("", [
                R("Refuge places increased", "January 2022", "2022-01-31", "RED")])]),
        ]),
        Group("community", "2 Community Priorities", "priority", "roman)", priorities=[
            Pri(1, "Safer Neighbourhoods", [Act("PATROLS: joint patrols in hotspots", [
                R("Anti-social behaviour falls", "Q3 2021/22", "2021-12-31", "AMBER")])]),
            Pri(2, "Reducing Reoffending", [Act("Mentoring for young people leaving custody", [
                R("Reoffending rate falls", "December 2021", "2021-12-31", "GREEN")])]),
        ]),
    ],
    plans=[PlanRow("Violence Reduction Plan", "Partnership Priority 1, community priority 1", 2,
                   "Sue Park, Community Safety Manager", "TBC"),
           PlanRow("Domestic Abuse Strategy", "PARTNERSHIP PRIORITY 2 and Community Priority 2", 2,
                   "Raj Mehta – DA Coordinator", "TBC"),
           PlanRow("Youth Plan", "Community Priority 2", 1, "Sue Park, Community Safety Manager")],
))


def _large() -> Doc:
    """A large plan: 2 tables of 10 priorities, several actions and rows each, breaks cutting every column."""
    formats = [("March 2024", "2024-03-31", "AMBER"), ("Q2 2023/24", "2023-09-30", "Green"),
               ("31/12/2023", "2023-12-31", "Amber/Green"), ("Monthly", None, "GREEN"),
               ("end of January 2024", "2024-01-31", "R"), ("Autumn term 2023", "2023-12-31", "Blue"),
               ("Jun-23", "2023-06-30", "amber")]
    values = {"AMBER": "AMBER", "Green": "GREEN", "Amber/Green": "AMBER/GREEN", "GREEN": "GREEN", "R": "RED",
              "Blue": "GREEN", "amber": "AMBER"}
    topics = ["Home care", "Carers", "Hospital discharge", "Reablement", "Dementia", "Learning disability",
              "Mental health", "Safeguarding adults", "Housing with care", "Workforce"]
    k = 0

    def rows(n: int, topic: str) -> list[Row]:
        nonlocal k
        out = []
        for i in range(n):
            raw, due, rag = formats[k % len(formats)]
            k += 1
            out.append(R(f"{topic} outcome {i + 1} reported to the board with figures for each locality",
                         raw, due, rag, values[rag], indicator=f"{topic} measure {i + 1}" if i % 2 == 0 else None))
        return out

    leadership = [Pri(n, f"{topics[n - 1]} that people can rely on", [
        Act("", rows(3, topics[n - 1])), Act(f"a. {topics[n - 1]} reviewed with residents", rows(1, topics[n - 1]))])
        for n in range(1, 11)]
    departmental = [Pri(n, f"{topics[n - 1]} Service", [
        Act(f"{topics[n - 1].upper()}: improve the offer", rows(2, topics[n - 1]), steps=["Map demand", "Commission"]),
        Act(f"Review the {topics[n - 1].lower()} pathway with partners", rows(2, topics[n - 1]))])
        for n in range(1, 11)]
    return Doc(
        name="adult_social_care_large", title="Lowfield Council Adult Social Care Plan 2023/24",
        vision="Adults in Lowfield live the lives they choose.", updated="09/10/2023", page_every=5,
        cuts={4: "indicator", 9: "outcome", 12: "action", 44: "priority", 48: "action", 59: "outcome",
              70: "timescale"},
        tests="large: 2 tables of 10 priorities (80 outcomes), a page break every 5 rows, breaks cutting the "
              "Priority, Action, Indicators, Outcomes and Timescale columns, mixed rating and timescale spellings",
        groups=[Group("leadership", "10 Strategic Leadership Priorities", "action", "{n})",
                      label="Strategic Leadership", priorities=leadership),
                Group("departmental", "10 Strategic Departmental Priorities", "priority", "{n}",
                      priorities=departmental)],
        plans=[PlanRow(f"{topics[n]} Plan", f"Leadership Priority {n + 1}, Departmental Priority {n + 1}", 2,
                       f"Lead {n % 4}, Head of Service {n % 4}") for n in range(10)],
    )


DOCUMENTS.append(_large())

# -- regeneration, medium: a second table without its own header row, months without a year ----------------
DOCUMENTS.append(Doc(
    name="regeneration_medium", title="Castleton Council Regeneration Plan 2022/23",
    vision="A thriving town centre and good jobs for Castleton.", updated="20/04/2022", page_every=7,
    cuts={5: "outcome"},
    tests="medium: the second table without its own header row, months written without a year ('September', "
          "'January') placed in the plan year, "
          "'December and January 2023', 'Apr 22 - Jun 22', a break cutting an Outcomes cell, ratings 'Green', "
          "'AMBER / GREEN', 'Amber & Green'",
    groups=[
        Group("leadership", "3 Strategic Leadership Priorities", "action", "{n})", label="Strategic Leadership",
              priorities=[
                  Pri(1, "Bring empty shops back into use", [Act("", [
                      R("Twenty shops reopened", "September", "2022-09-30", "Green", "GREEN"),
                      R("Grant scheme launched", "Apr 22 - Jun 22", "2022-06-30", "AMBER / GREEN", "AMBER/GREEN"),
                      R("Market hall refurbished", "December and January 2023", "2023-01-31", "RED")])]),
                  Pri(2, "Good jobs for local people", [Act("", [
                      R("Jobs fair held", "January", "2023-01-31", "GREEN"),
                      R("Apprenticeships up 15% across the borough's employers", "March 2023", "2023-03-31",
                        "Amber & Green", "AMBER/GREEN")])]),
                  Pri(3, "A greener town centre", [Act("", [
                      R("Trees planted on the high street and in the market square", "November 2022", "2022-11-30",
                        "AMBER")])]),
              ]),
        Group("departmental", "2 Strategic Departmental Priorities", "priority", "{n}", header=False, priorities=[
            Pri(1, "Town Centre", [Act("MASTERPLAN: adopt and deliver", [
                R("Masterplan adopted", "October 2022", "2022-10-31", "GREEN")])]),
            Pri(2, "Skills", [Act("Adult skills courses in the library", [
                R("300 learners enrolled", "March 2023", "2023-03-31", "AMBER")])]),
        ]),
    ],
    plans=[PlanRow("Town Centre Plan", "Leadership Priority 1, Departmental Priority 1", 2,
                   "Omar Farouk, Regeneration Manager"),
           PlanRow("Skills Plan", "Leadership Priority 2 and Departmental Priority 2", 2, "Lyn Hart – Skills Lead")],
))

# -- leisure: actions numbered under their priority ("1.1", "1.2"), leads with roles after a dash ---------------
DOCUMENTS.append(Doc(
    name="leisure_subnumbered", title="Brookfield Borough Council Leisure and Wellbeing Plan 2024/25",
    vision="Active lives for everyone in Brookfield.", updated="02/09/2024", page_every=4,
    tests="priorities numbered '1.' in the Action column with their actions numbered '1.1', '1.2' beneath "
          "them, '31/03/25', 'Q2 24/25', 'Summer 2024', leads written 'Name – Role'",
    groups=[Group("wellbeing", "2 Wellbeing Priorities", "action", "{n}.", label="Wellbeing", priorities=[
        Pri(1, "More people active every week", [
            Act("", [R("Adult activity survey shows a rise", "31/03/25", "2025-03-31", "AMBER")]),
            Act("1.1 Free swimming for under 16s", [R("Junior swims up 25%", "Summer 2024", "2024-08-31", "GREEN")]),
            Act("1.2 Walking groups in every ward", [R("Twenty groups meeting", "Q2 24/25", "2024-09-30",
                                                       "Amber/Green", "AMBER/GREEN")])]),
        Pri(2, "Leisure centres fit for the future", [
            Act("", [R("Condition survey complete", "June 2024", "2024-06-30", "GREEN")]),
            Act("2.1 Decarbonise the main pool", [R("Heat pump installed", "March 2025", "2025-03-31", "RED")])]),
    ])],
    plans=[PlanRow("Active Brookfield Strategy", "Wellbeing Priorities 1 and 2", 2, "Hana Ito – Head of Leisure"),
           PlanRow("Pools Plan", "Wellbeing Priority 2", 1, "Carl Dunn – Facilities Manager", "TBC")],
))
