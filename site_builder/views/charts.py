"""Chart geometry for the inline SVG charts: computed here, drawn by templates.

A chart is data (labels, numbers) plus the coordinates of its marks, so the
template stays a loop over rows and the numbers are testable. Every bar is
labelled with its word and its number in text: the colour is never the only
way to read it.

>>> from goldenthread.site_builder.views.common import RagBadge, RagCount
>>> chart = bar_chart([RagCount(RagBadge.of("GREEN"), 3, 75), RagCount(RagBadge.of("RED"), 1, 25)])
>>> [(bar.label, bar.value, bar.width) for bar in chart.bars]
[('GREEN', 3, 360), ('RED', 1, 120)]
"""
from __future__ import annotations

from dataclasses import dataclass

from goldenthread.site_builder.views.common import RagCount

LABEL_WIDTH = 130    # room for "AMBER/GREEN" and "No rating" left of the bars
BAR_AREA = 360       # the longest bar
VALUE_WIDTH = 110    # room for "12 (100%)" right of the bars
ROW_HEIGHT = 34
BAR_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    """One labelled bar: its word, its number and share, and where it is drawn."""

    label: str
    css: str
    value: int
    percent: int
    y: int
    width: int
    text_y: int
    href: str | None = None   # where the bar's outcomes are listed


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: its size and its bars, in order."""

    width: int
    height: int
    label_width: int
    bar_height: int
    value_x_pad: int
    total: int
    bars: tuple[Bar, ...]


def bar_chart(counts: list[RagCount]) -> BarChart:
    """A horizontal bar chart of RAG counts, the longest bar filling the bar area."""
    longest = max((c.count for c in counts), default=0) or 1
    bars = []
    for i, c in enumerate(counts):
        y = i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        width = round(BAR_AREA * c.count / longest)
        bars.append(Bar(label=c.badge.word, css=c.badge.css, value=c.count, percent=c.percent,
                        y=y, width=width, text_y=y + BAR_HEIGHT // 2 + 5, href=c.href))
    return BarChart(width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height=ROW_HEIGHT * len(counts),
                    label_width=LABEL_WIDTH, bar_height=BAR_HEIGHT, value_x_pad=8,
                    total=sum(c.count for c in counts), bars=tuple(bars))
