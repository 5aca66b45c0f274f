"""Property: ordinary variation applied to the shipped source never silently changes what it imports to.

Hypothesis rewrites the bundled export the way another council might have
written it: ratings spelt differently, priorities numbered another way,
timescales in another format, page breaks in other places. The counts
(priorities, actions, outcomes by RAG, plans, leads, links) must come out the
same as for the original, or the report must say why at the line concerned;
and every word stays accounted for.
"""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from goldenthread.model.importer import run_import

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "plan_data" / "source" / "service-development-plan-2020-21.txt"
LINES = SOURCE.read_text(encoding="utf-8").split("\n")
PAGE_HEADER = next(line for line in LINES if "Last updated" in line)
TABLE_HEADER = next(line for line in LINES if line.startswith("Priority\t"))

#: How councils write each rating (all read as the same value: docs/importing.md#ratings).
SPELLINGS = {
    "GREEN": ["Green", "green", "G", "g", "GREEN"],
    "AMBER": ["Amber", "amber", "A", "AMBER"],
    "RED": ["Red", "R", "red"],
    "AMBER/ GREEN": ["Amber-Green", "A/G", "amber and green", "Green/Amber", "AMBER / GREEN", "Amber Green"],
    "AMBER/GREEN": ["Amber-Green", "a/g", "Amber & Green"],
    "N/A": ["n/a", "NA", "Not applicable"],
}
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII"]
NUMBERING = ["{n}.", "({n})", "{n} -", "Priority {n}:", "roman."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DATE_FORMATS = ["{abbr}-{yy}", "end of {month} {year}", "{last}/{mm:02d}/{year}", "{month} {year}"]
_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

_DATA_ROWS = [i for i, line in enumerate(LINES) if line.count("\t") == 5 and not line.startswith("Priority\t")]


def _respell(cell: str, choose) -> str:
    for written, options in SPELLINGS.items():
        if cell.strip() == written:
            return choose(options)
        if f"<p>{written}</p>" in cell:
            return cell.replace(f"<p>{written}</p>", f"<p>{choose(options)}</p>")
    return cell


def _renumber(cell: str, style: str) -> str:
    """"3) Develop" in the Action column written in another style."""
    match = re.match(r"^(<p>)?(\d)\) ", cell)
    if not match:
        return cell
    n = int(match.group(2))
    mark = ROMAN[n] + "." if style == "roman." else style.format(n=n)
    return (match.group(1) or "") + mark + " " + cell[match.end():]


def _renumber_priority_cell(cell: str, style: str) -> str:
    """"<p>2</p> <p>Delivery ...</p>" or "3" in the Priority column written in another style."""
    match = re.match(r"^(<p>)?(\d)(</p>)?(?=\s|$)", cell)
    if not match:
        return cell
    n = int(match.group(2))
    mark = {"{n}.": f"{n}.", "({n})": f"({n})", "{n} -": f"{n}", "Priority {n}:": f"Priority {n}",
            "roman.": ROMAN[n]}[style]
    return (match.group(1) or "") + mark + (match.group(3) or "") + cell[match.end():]


def _cut(cell: str) -> tuple[str, str] | None:
    """A cell cut where a page break would cut it: mid-sentence, outside any tag, in its second half."""
    spaces, depth = [], 0
    for i, ch in enumerate(cell):
        depth += (ch == "<") - (ch == ">")
        if ch == " " and depth == 0 and i > len(cell) // 2 and cell[i + 1:i + 2].islower():
            spaces.append(i)
    return (cell[:spaces[0]], cell[spaces[0] + 1:]) if spaces else None


def _retime(cell: str, fmt: str) -> str:
    match = re.fullmatch(r"(" + "|".join(MONTHS) + r") (20\d\d)", cell.strip())
    if not match:
        return cell
    month, year = match.group(1), int(match.group(2))
    m = MONTHS.index(month) + 1
    last = _DAYS[m - 1] + (1 if m == 2 and year % 4 == 0 else 0)
    return fmt.format(abbr=month[:3], yy=year % 100, month=month, year=year, last=last, mm=m)


@st.composite
def variants(draw):
    """The shipped export, rewritten; and the (0-based) indices of rows that now start a page."""
    style = draw(st.sampled_from(NUMBERING))
    fmt = draw(st.sampled_from(DATE_FORMATS))
    respell = draw(st.booleans())
    lines = list(LINES)
    for i in _DATA_ROWS:
        cells = lines[i].split("\t")
        if respell:
            cells[5] = _respell(cells[5], lambda options: draw(st.sampled_from(options)))
        cells[1] = _renumber(cells[1], style)
        cells[0] = _renumber_priority_cell(cells[0], style)
        cells[4] = _retime(cells[4], fmt)
        lines[i] = "\t".join(cells)
    breaks = sorted(draw(st.sets(st.sampled_from(_DATA_ROWS[:-12]), max_size=3)))
    cut_at = draw(st.sampled_from([None, *_DATA_ROWS[:-12]]))
    if cut_at is not None and cut_at not in breaks and (cut := _cut(lines[cut_at].split("\t")[3])):
        # a page break that cuts a row's Outcomes cell: its rest on the first row of the next page
        cells = lines[cut_at].split("\t")
        cells[3] = cut[0]
        lines[cut_at] = "\t".join(cells)
        lines[cut_at + 1:cut_at + 1] = ["", PAGE_HEADER, "", TABLE_HEADER, "\t".join(["", "", "", cut[1], "", ""])]
        breaks = sorted([b + 5 if b > cut_at else b for b in breaks])
        breaks_after_cut = [b for b in breaks if b <= cut_at + 5]
        cut_line = cut_at + 5 + 4 * len(breaks_after_cut) + 1          # 1-based, once the breaks are in
    else:
        cut_line = None
    for i in reversed(breaks):   # a page break before row i: the page header and the table header again
        lines[i:i] = ["", PAGE_HEADER, "", TABLE_HEADER]
    new_rows = [i + 4 * (sum(1 for b in breaks if b <= i)) + 1 for i in breaks]   # 1-based lines after it all
    return "\n".join(lines), new_rows + ([cut_line] if cut_line else [])


def _import(text: str, folder: Path):
    source = folder / "export.txt"
    source.write_text(text, encoding="utf-8")
    return run_import(source, folder / "plan", dry_run=True)


BASELINE = None


@settings(max_examples=12 if settings.default.max_examples <= 100 else settings.default.max_examples,
          deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])   # a 60 kB document shrinks for minutes: the
                                                                   # failing line numbers are in the message
@given(variant=variants())
def test_ordinary_variation_keeps_the_counts_or_says_why(variant, tmp_path_factory):
    global BASELINE
    folder = tmp_path_factory.mktemp("variant")
    if BASELINE is None:
        BASELINE = _import("\n".join(LINES), tmp_path_factory.mktemp("original")).summary.to_dict()
    text, page_starts = variant
    report = _import(text, folder)
    assert not [e.format("variant") for e in report.entries
                if e.code in ("unaccounted-text", "text-repeated", "unknown-rating")], page_starts
    counts = report.summary.to_dict()
    if counts != BASELINE:
        # a moved page break may make a row the rest of the one before: the report must say so at that row
        said = {e.line for e in report.entries if e.code in ("continued-row", "continued-cell",
                                                             "continued-cell-alone")}
        assert said & set(page_starts), (counts, BASELINE, page_starts)
