"""The words a synthetic council plan is written in.

Ten directorate *families*, each with its own people, services, measures and
one-word themes (a theme names one priority group and is unique across the
plan, so "Fostering Priority 3" resolves to one group); plus localities, the
verbs and phrasings plans use, and people's names for leads.

The lists are long enough that randomly combined statements rarely agree in
more than one slot (see :mod:`model.synth.text`): background items must not be
accidental duplicates, so that planted ones can be counted.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """One kind of directorate: its name, its people, services and measures, and its group themes."""

    name: str
    people: tuple[str, ...]
    services: tuple[str, ...]
    measures: tuple[str, ...]
    themes: tuple[str, ...]

    @property
    def word(self) -> str:
        """The directorate's first word: shared by all its groups' names ("Children Priority 3" is ambiguous)."""
        return self.name.split()[0]


def _t(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(";") if s.strip())


FAMILIES: tuple[Family, ...] = (
    Family("Children and Families",
           _t("children in care; care leavers; young carers; children on the edge of care; families with a new baby;"
              "young people at risk of exploitation; foster carers; kinship carers; children with a disability;"
              "newly qualified social workers; adopted children; unaccompanied young people"),
           _t("family group conferences; return home interviews; the edge of care team; independent visitors;"
              "placement stability meetings; the kinship assessment process; life story work; the mockingbird hub;"
              "the fostering recruitment campaign; supervised contact; the missing from home panel; step down planning"),
           _t("placement stability; timeliness of health assessments; re-referral rates; average caseloads;"
              "repeat child protection plans; in-house fostering capacity; staff turnover; audit grades"),
           _t("Safeguarding; Fostering; Adoption; Permanence; Adolescents; Neglect; Exploitation; Residential;"
              "Placements; Kinship; Guardianship; Advocacy; Parenting; Contact; Assessment; Leavers; Nurture;"
              "Attachment; Belonging; Stability")),
    Family("Adult Social Care",
           _t("older people living alone; carers of people with dementia; adults with a learning disability;"
              "people leaving hospital; autistic adults; people with sensory loss; care home residents;"
              "young adults in transition; people using direct payments; homecare workers; unpaid carers;"
              "people at risk of falls"),
           _t("the reablement service; carers assessments; shared lives placements; the telecare offer;"
              "occupational therapy visits; the brokerage team; day opportunities; respite breaks;"
              "the hospital discharge hub; community equipment; annual care reviews; the strengths based front door"),
           _t("delayed discharges; reablement success; waiting times for assessment; permanent admissions;"
              "carer satisfaction; review completion; homecare hours; safeguarding concluded enquiries"),
           _t("Reablement; Homecare; Dementia; Carers; Brokerage; Commissioning; Autism; Discharge; Daycare;"
              "Independence; Telecare; Equipment; Nursing; Respite; Transitions; Liberty; Wellbeing; Outreach;"
              "Sensory; Prevention")),
    Family("Housing and Neighbourhoods",
           _t("households in temporary accommodation; rough sleepers; private tenants; council tenants;"
              "refugee families; survivors of domestic abuse; first time buyers; leaseholders;"
              "residents of tower blocks; people with hoarding needs; landlords; young people leaving home"),
           _t("the housing options service; the tenancy sustainment team; disabled facilities grants;"
              "the empty homes programme; selective licensing; the damp and mould taskforce; the lettings agency;"
              "the resettlement scheme; the housing register; estate walkabouts; the repairs contact centre;"
              "the homeless prevention fund"),
           _t("bed and breakfast use; repairs fixed first time; void turnaround; rent collection;"
              "homelessness prevented; category one hazards; tenant satisfaction; energy ratings"),
           _t("Homelessness; Tenancy; Lettings; Allocations; Repairs; Retrofit; Estates; Wardens;"
              "Cohesion; Volunteering; Resettlement; Refuge; Landlords; Adaptations; Hostels; Tenants; Voids;"
              "Asylum; Equalities; Leasehold")),
    Family("Public Health",
           _t("smokers in routine jobs; expectant mothers; children starting school; men over forty;"
              "people who inject drugs; dependent drinkers; families in fuel poverty; lonely older residents;"
              "teenagers; shift workers; new arrivals; people with severe mental illness"),
           _t("the stop smoking service; health visiting checks; the healthy weight programme; needle exchange;"
              "community alcohol teams; the school nursing offer; health checks; the infant feeding team;"
              "the sexual health clinic; suicide prevention training; social prescribing; vaccination outreach"),
           _t("smoking quit rates; childhood immunisation uptake; healthy weight at reception; alcohol admissions;"
              "screening coverage; breastfeeding at eight weeks; health check uptake; drug treatment completions"),
           _t("Immunisation; Screening; Smoking; Obesity; Nutrition; Addiction; Alcohol; Contraception;"
              "Breastfeeding; Dental; Tobacco; Activity; Infection; Vaccination; Longevity; Inequalities;"
              "Loneliness; Maternity; Midwifery; Hygiene")),
    Family("Environment and Climate",
           _t("households on the garden waste round; park users; allotment holders; businesses with trade waste;"
              "residents of flood risk streets; community litter pickers; dog walkers; school eco councils;"
              "tree wardens; market traders; cyclists; bereaved families"),
           _t("the recycling collection; street cleansing rounds; the tree planting programme; fly tipping patrols;"
              "the flood defence scheme; the electric fleet; the household waste site; park ranger walks;"
              "the litter enforcement contract; the cemetery extension; air quality monitoring; the rewilding project"),
           _t("recycling rates; missed bins; fly tipping incidents; tree canopy cover;"
              "carbon emissions; nitrogen dioxide levels; green flag parks; flooded properties"),
           _t("Waste; Recycling; Cleansing; Fleet; Parks; Allotments; Trees; Biodiversity; Flooding; Drainage;"
              "Carbon; Energy; Pollution; Emissions; Noise; Cemeteries; Bereavement; Enforcement; Graffiti;"
              "Litter")),
    Family("Corporate Resources",
           _t("council taxpayers; benefit claimants; suppliers; managers; new starters; apprentices;"
              "councillors; residents online; pension scheme members; small businesses; agency staff;"
              "trade union representatives"),
           _t("the council tax reduction scheme; the payroll system; the procurement pipeline;"
              "the internal audit plan; the complaints process; the digital front door; the records archive;"
              "the cyber security programme; the office estate review; the member development programme;"
              "the staff survey; the leadership academy"),
           _t("council tax collection; invoices paid on time; sickness absence; complaints upheld;"
              "online transactions; audit actions closed; vacancy rates; savings delivered"),
           _t("Revenues; Benefits; Payroll; Pensions; Procurement; Audit; Insurance; Treasury; Legal; Elections;"
              "Scrutiny; Communications; Digital; Cyber; Property; Facilities; Complaints; Records; Workforce;"
              "Recruitment")),
    Family("Education and Skills",
           _t("pupils with an education health and care plan; children missing education; excluded pupils;"
              "school governors; adult learners; disadvantaged pupils; early years practitioners;"
              "young people not in education; headteachers; electively home educated children;"
              "pupils with english as an additional language; apprentices aged sixteen to eighteen"),
           _t("the inclusion panel; the attendance support team; school admissions; the virtual school;"
              "the careers hub; the alternative provision review; the tutoring programme; the governor training offer;"
              "the adult learning catalogue; the school place planning model; the literacy campaign;"
              "the early years quality visits"),
           _t("persistent absence; suspension rates; plan completion within twenty weeks; key stage two attainment;"
              "good level of development; young people in education or training; first preference offers;"
              "school readiness"),
           _t("Schools; Inclusion; Admissions; Attendance; Exclusions; Apprenticeships; Literacy; Numeracy;"
              "Governors; Curriculum; Tuition; Mentoring; Careers; Colleges; Traineeships; Governance; Music;"
              "Sufficiency; Improvement; Readiness")),
    Family("Growth and Regeneration",
           _t("town centre businesses; start-up founders; inward investors; jobseekers over fifty;"
              "visitors; market tenants; landowners; construction apprentices; creative freelancers;"
              "manufacturers; community groups; developers"),
           _t("the business growth grants; the town centre masterplan; the employment hub; the visitor economy plan;"
              "the local plan examination; the heritage action zone; the gigabit broadband rollout;"
              "the brownfield land register; the enterprise zone; the shopfront improvement scheme;"
              "the skills bootcamps; the planning enforcement team"),
           _t("vacant shop units; jobs created; planning decisions on time; visitor spend;"
              "business survival rates; new homes completed; full fibre coverage; footfall"),
           _t("Investment; Enterprise; Tourism; Markets; Broadband; Planning; Conservation; Heritage;"
              "Infrastructure; Employment; Retail; Innovation; Manufacturing; Housebuilding; Brownfield;"
              "Development; Exports; Funding; Masterplanning; Footfall")),
    Family("Highways and Transport",
           _t("bus passengers; pedestrians; blue badge holders; commuters; school crossing patrols;"
              "freight operators; residents near busy junctions; taxi drivers; older drivers; cycle commuters;"
              "rural villages; disabled travellers"),
           _t("the pothole repair programme; the winter gritting service; the street lighting upgrade;"
              "the bus service improvement plan; the active travel fund; parking enforcement;"
              "the bridge inspection regime; the school streets scheme; the concessionary travel pass;"
              "the road safety campaign; the traffic signal renewal; the resurfacing programme"),
           _t("road casualties; potholes repaired within target; bus punctuality; journey times;"
              "streetlights converted; cycling trips; parking appeals upheld; footway condition"),
           _t("Roads; Bridges; Lighting; Parking; Streetworks; Cycling; Walking; Buses; Rail; Signals;"
              "Gritting; Potholes; Footways; Congestion; Taxis; Concessions; Crossings; Resurfacing; Gullies;"
              "Junctions")),
    Family("Culture and Leisure",
           _t("library members; young readers; museum visitors; leisure centre users; local artists;"
              "community festivals; swimmers; volunteers; sports clubs; families on low incomes;"
              "residents over sixty five; schools on cultural visits"),
           _t("the summer reading challenge; the museum loans box; the leisure pass; learn to swim lessons;"
              "the arts grants programme; the events calendar; the archive digitisation; the outdoor gym trail;"
              "the library home delivery service; the theatre refurbishment; the holiday activities programme;"
              "the heritage open days"),
           _t("library visits; leisure memberships; museum footfall; children swimming twenty five metres;"
              "event attendance; volunteer hours; digital loans; satisfaction with cultural services"),
           _t("Libraries; Museums; Archives; Sport; Pools; Arts; Events; Theatres; Festivals; Galleries;"
              "Playgrounds; Countryside; Concerts; Fitness; Pitches; Trails; Reading; Swimming; Creativity;"
              "Outdoors")),
)

#: Localities: made-up place names, in a fixed order.
_PLACE_HEADS = _t("Ash; Birch; Brook; Clay; Elm; Fern; Hazel; Holly; Kirk; Lark; Mill; Moss; Oak; Pen; Rad;"
                  "Stan; Thorn; Whit; Wood; Wyke; Bram; Cal; Dun; Gar")
_PLACE_TAILS = _t("by; bury; dale; field; ford; ham; hill; ley; ton; wick; worth; well")
PLACES: tuple[str, ...] = tuple(h + t for t in _PLACE_TAILS for h in _PLACE_HEADS)
PLACE_KINDS = _t("locality; ward; estate; neighbourhood; parish; district")

VERBS = _t("Develop; Embed; Review; Strengthen; Expand; Launch; Co-produce; Redesign; Commission; Pilot;"
           "Roll out; Refresh; Implement; Deliver; Align; Integrate; Extend; Relaunch; Consolidate; Evaluate")
METHODS = _t("with health partners; through weekly case tracking; using the new dashboard; with voluntary sector partners;"
             "led by practice supervisors; through peer review; alongside the police; with residents' panels;"
             "through joint commissioning; using external funding; with schools; through quarterly deep dives;"
             "with the housing associations; through a single point of contact; with ward councillors;"
             "through monthly performance clinics")
BOARDS = _t("the Service Development Board; the Corporate Leadership Team; the Scrutiny Committee; the Cabinet Member;"
            "the Health and Wellbeing Board; the Performance Board; the Improvement Board; the Executive Board")
TRENDS = _t("rises; improves; steadies; recovers; climbs")
FALLS = _t("falls; drops; reduces; comes down; decreases")

FIRST_NAMES = _t("Aisha; Alan; Amir; Angela; Anita; Barbara; Ben; Bushra; Carl; Catherine; Chloe; Colin; Dawn; David;"
                 "Deborah; Declan; Elaine; Emma; Farah; Fiona; Gareth; Gemma; Graham; Hannah; Harjit; Helen; Ian;"
                 "Imran; Jacqui; James; Janet; Jo; Joanne; Karen; Kevin; Laura; Leanne; Mark; Martin; Michelle;"
                 "Mohammed; Naomi; Neil; Nicola; Owen; Paula; Priya; Rachel; Rebecca; Richard; Saima; Sandra;"
                 "Sarah; Shazia; Simon; Stephen; Tariq; Tracey; Victoria; Wendy; Yasmin; Zoe")
LAST_NAMES = _t("Ahmed; Ainsworth; Akhtar; Atkinson; Bateman; Begum; Bradshaw; Brennan; Clarke; Coates; Dawson;"
                "Duckworth; Eccles; Fairclough; Fielding; Gallagher; Greenwood; Haworth; Holden; Hussain; Iqbal;"
                "Jackson; Kay; Khan; Lord; Marsden; Mistry; Nuttall; Patel; Pickup; Rahman; Riley; Shaw; Siddle;"
                "Stewart; Taylor; Thompson; Walsh; Whittaker; Yates")
ROLES = _t("Head of; Service Lead for; Assistant Director for; Strategic Lead for; Operations Manager for;"
           "Principal Manager for; Deputy Director for")
PLAN_KINDS = _t("Service Plan; Improvement Plan; Delivery Plan; Strategy; Business Plan; Action Plan;"
                "Development Plan; Commissioning Plan")
