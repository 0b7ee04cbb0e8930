"""Server-rendered SVG charts: no JavaScript and nothing to download.

A chart draws one line per series over the report's weeks, with a band of one
standard deviation either side of the whole cohort's mean where there is one. Weeks
under the privacy floor are gaps, marked on the axis, never zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from coachbot.cohorts.reports import Cell, Kind

WIDTH, HEIGHT = 640, 210
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 14, 34


@dataclass(frozen=True)
class Line:
    label: str
    cells: tuple[Cell, ...]


def _range(kind: Kind, lines: list[Line]) -> tuple[float, float, list[tuple[float, str]]]:
    if kind == "rate":
        return 0.0, 1.0, [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")]
    if kind == "position":
        return -1.0, 1.0, [(-1.0, "old"), (0.0, "0"), (1.0, "new")]
    if kind == "mean":
        return 0.0, 10.0, [(0.0, "0"), (5.0, "5"), (10.0, "10")]
    top = max([c.value or 0 for line in lines for c in line.cells if c.shown] + [4.0])
    top = float(int(top) + (4 - int(top) % 4) % 4)
    return 0.0, top, [(0.0, "0"), (top / 2, f"{top / 2:g}"), (top, f"{top:g}")]


def line_chart(title: str, kind: Kind, weeks: list[str], lines: list[Line]) -> Markup:
    """An inline SVG for one measure; ``weeks`` are the x-axis labels."""
    low, high, ticks = _range(kind, lines)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(weeks), 1)

    def x(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        v = min(max(v, low), high)
        return TOP + plot_h * (1 - (v - low) / ((high - low) or 1))

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for value, label in ticks:
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y(value) + 4:.1f}" '
                     f'text-anchor="end">{escape(label)}</text>')
    step = max(1, (n + 11) // 12)  # at most about a dozen labels
    for i, label in enumerate(weeks):
        if i % step == 0 or i == n - 1:
            parts.append(f'<text class="tick" x="{x(i):.1f}" y="{HEIGHT - 14}" text-anchor="middle">'
                         f'{escape(label)}</text>')
    for index, line in enumerate(lines):
        cls = f"s{index % 6}"
        if index == 0 and len(lines) == 1:
            upper = [(x(i), y((c.value or 0) + c.spread)) for i, c in enumerate(line.cells)
                     if c.shown and c.spread is not None]
            lower = [(x(i), y((c.value or 0) - c.spread)) for i, c in enumerate(line.cells)
                     if c.shown and c.spread is not None]
            if len(upper) >= 2:
                points = " ".join(f"{px:.1f},{py:.1f}" for px, py in upper + lower[::-1])
                parts.append(f'<polygon class="band {cls}" points="{points}"/>')
        run: list[str] = []
        segments: list[list[str]] = []
        for i, c in enumerate(line.cells):
            if c.shown and c.value is not None:
                run.append(f"{x(i):.1f},{y(c.value):.1f}")
            elif run:
                segments.append(run)
                run = []
        if run:
            segments.append(run)
        for seg in segments:
            if len(seg) > 1:
                parts.append(f'<polyline class="line {cls}" points="{" ".join(seg)}"/>')
        for i, c in enumerate(line.cells):
            if c.shown and c.value is not None:
                parts.append(f'<circle class="dot {cls}" cx="{x(i):.1f}" cy="{y(c.value):.1f}" r="3.5">'
                             f'<title>{escape(line.label)}, {escape(weeks[i])}</title></circle>')
            elif index == 0:
                parts.append(f'<text class="gap" x="{x(i):.1f}" y="{TOP + plot_h - 6:.1f}" text-anchor="middle">'
                             f'–<title>{escape(weeks[i])}: not enough people yet</title></text>')
    parts.append("</svg>")
    return Markup("".join(parts))
