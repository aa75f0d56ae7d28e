"""Small inline SVG charts for the HTML report: no charting library, nothing loaded.

Each function takes plain numbers and labels and returns one `<svg>` element as a
string; every label is escaped. The charts carry a `<title>` and a text label on
each bar, so they read without colour and without a mouse.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_HEIGHT = 22
LABEL_WIDTH = 170
CHART_WIDTH = 560


def _number(value: float) -> str:
    """Coordinates with at most one decimal, so the same data gives the same bytes."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_chart(
    title: str, bars: Sequence[tuple[str, int]], *, unit: str = "", colours: dict[str, str]
) -> str:
    """Horizontal bars, one per (label, value), longest first as given.

    >>> bar_chart("t", [("copyright", 3)], colours={}).startswith("<svg")
    True
    """
    width = CHART_WIDTH
    height = BAR_HEIGHT * max(len(bars), 1) + 10
    largest = max((value for _, value in bars), default=0) or 1
    room = width - LABEL_WIDTH - 90
    parts = [
        f'<svg class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for row, (label, value) in enumerate(bars):
        y = 5 + row * BAR_HEIGHT
        length = room * value / largest
        colour = colours.get(label, "#999")
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{_number(y + 15)}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{_number(max(length, 1))}" '
            f'height="{BAR_HEIGHT - 6}" fill="{escape(colour)}" stroke="#333" stroke-width="0.5">'
            f"<title>{escape(label)}: {value:,}{escape(unit)}</title></rect>"
            f'<text x="{_number(LABEL_WIDTH + length + 6)}" y="{_number(y + 15)}">'
            f"{value:,}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, bins: Sequence[tuple[str, int]]) -> str:
    """Vertical bars, one per (bin label, count), in the order given."""
    width, height, bottom, top = CHART_WIDTH, 220, 180, 20
    largest = max((count for _, count in bins), default=0) or 1
    step = (width - 20) / max(len(bins), 1)
    parts = [
        f'<svg class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="10" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="#333"/>',
    ]
    for column, (label, count) in enumerate(bins):
        x = 10 + column * step
        bar = (bottom - top) * count / largest
        parts.append(
            f'<rect x="{_number(x + 3)}" y="{_number(bottom - bar)}" '
            f'width="{_number(step - 6)}" height="{_number(bar)}" fill="#4a7ab5">'
            f"<title>{escape(label)}: {count:,} documents</title></rect>"
            f'<text x="{_number(x + step / 2)}" y="{_number(bottom - bar - 4)}" '
            f'text-anchor="middle">{count:,}</text>'
            f'<text x="{_number(x + step / 2)}" y="{bottom + 16}" text-anchor="middle" '
            f'class="axis">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
