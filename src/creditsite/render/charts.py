"""Bar charts as SVG text, drawn at build time: no JavaScript, no request.

Each chart is an image with a title and a description that screen readers
read, and every value and the target are written on it in words, so no
meaning rests on colour alone. Pages put a data table next to each chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

# A narrow drawing, so that on a 360 px phone (about 290 px for the
# chart) the text is drawn about 13 px high.
WIDTH, HEIGHT = 320, 240
LEFT, RIGHT, TOP, BOTTOM = 42, 8, 36, 30
FONT = 14

# High-contrast colours; each has a text label beside it on the chart.
BAR = "#12406b"
TEXT = "#1a1a1a"
GRID = "#b0b0b0"
TARGET = "#1b5e20"
TARGET_FILL = "#dcefdc"


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar, e.g. the year
    value: float | None  # None: a slot with no data yet
    text: str  # written above the bar, e.g. "17%" or "chưa có số liệu"


@dataclass(frozen=True)
class Target:
    """A target range (low to high) or, without `high`, a line at `low`."""

    low: float
    high: float | None
    text: str  # e.g. "Mục tiêu 15–20%"


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about `ticks` gridlines up to `top`."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    bars: Sequence[Bar],
    target: Target | None,
    tick: Callable[[float], str],
) -> str:
    """An SVG bar chart. `tick(value)` writes an axis value, e.g. "15%"."""
    values = [b.value for b in bars if b.value is not None]
    if target is not None:
        values += [v for v in (target.low, target.high) if v is not None]
    top_value = max([*values, 0.0])
    step = nice_step(top_value * 1.15 or 1)
    y_max = step * math.ceil(top_value * 1.15 / step) if top_value > 0 else step * 5
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / y_max)

    parts = _open(chart_id, title, desc) + _grid(y, y_max, step, tick)
    over: list[str] = []
    if target is not None:
        under, over = _target(target, y)
        parts += under
    slot = plot_w / max(len(bars), 1)
    bar_w = min(48.0, slot * 0.6)
    for i, bar in enumerate(bars):
        cx = LEFT + slot * (i + 0.5)
        if bar.value is not None:
            top = y(bar.value)
            parts.append(
                f'<rect x="{cx - bar_w / 2:.1f}" y="{top:.1f}" width="{bar_w:.1f}" height="{y(0) - top:.1f}" '
                f'fill="{BAR}"/>'
            )
            label_y = top - 6
        else:
            label_y = y(0) - 6
        parts.append(
            f'<text x="{cx:.1f}" y="{label_y:.1f}" text-anchor="middle" fill="{TEXT}" '
            f'font-weight="bold">{escape(bar.text)}</text>'
        )
        parts.append(
            f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(bar.label)}</text>'
        )
    parts += over  # the target stays visible across the bars
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="{TEXT}" stroke-width="1.5"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _target(target: Target, y: Callable[[float], float]) -> tuple[list[str], list[str]]:
    """The target band (drawn under the bars), its edges (over them), and a
    key above the plot that says it in words (it never overlaps a value)."""
    low, high = y(target.low), y(target.high if target.high is not None else target.low)
    right = WIDTH - RIGHT
    dashed = f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"'
    under, out = [], []
    if target.high is not None:
        under.append(
            f'<rect x="{LEFT}" y="{high:.1f}" width="{right - LEFT}" height="{low - high:.1f}" fill="{TARGET_FILL}"/>'
        )
    for edge in sorted({low, high}):
        out.append(f'<line x1="{LEFT}" x2="{right}" y1="{edge:.1f}" y2="{edge:.1f}" {dashed}/>')
    key_y = TOP - 26
    if target.high is not None:
        out.append(f'<rect x="{LEFT}" y="{key_y}" width="22" height="12" fill="{TARGET_FILL}" {dashed}/>')
    else:
        out.append(f'<line x1="{LEFT}" x2="{LEFT + 22}" y1="{key_y + 6}" y2="{key_y + 6}" {dashed}/>')
    out.append(
        f'<text x="{LEFT + 28}" y="{key_y + 11}" fill="{TARGET}" font-weight="bold">{escape(target.text)}</text>'
    )
    return under, out


# A second series, patterned as well as coloured so print and colour-blind
# readers can tell the two apart.
BAR_2 = "#b35900"


@dataclass(frozen=True)
class Pair:
    label: str  # under the pair, e.g. the year
    first: float
    second: float


def paired_bar_chart(
    chart_id: str, title: str, desc: str, pairs: Sequence[Pair], names: tuple[str, str], tick: Callable[[float], str]
) -> str:
    """Two bars per group (e.g. receipts and spending each year), with a key."""
    top_value = max([p.first for p in pairs] + [p.second for p in pairs] + [0.0])
    step = nice_step(top_value * 1.1 or 1)
    y_max = step * math.ceil((top_value * 1.1 or 1) / step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / y_max)

    parts = _open(chart_id, title, desc) + _grid(y, y_max, step, tick)
    slot = plot_w / max(len(pairs), 1)
    bar_w = min(32.0, slot * 0.35)
    for i, pair in enumerate(pairs):
        cx = LEFT + slot * (i + 0.5)
        for value, x, colour, pattern in (
            (pair.first, cx - bar_w - 1, BAR, ""),
            (pair.second, cx + 1, BAR_2, ' stroke="#1a1a1a" stroke-dasharray="3 2"'),
        ):
            parts.append(
                f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar_w:.1f}" height="{y(0) - y(value):.1f}" '
                f'fill="{colour}"{pattern}/>'
            )
        parts.append(
            f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" '
            f'fill="{TEXT}">{escape(pair.label)}</text>'
        )
    key_y = TOP - 26
    for j, (name, colour) in enumerate(zip(names, (BAR, BAR_2))):
        x = LEFT + j * 130
        dash = ' stroke="#1a1a1a" stroke-dasharray="3 2"' if j else ""
        parts.append(f'<rect x="{x}" y="{key_y}" width="14" height="12" fill="{colour}"{dash}/>')
        parts.append(f'<text x="{x + 20}" y="{key_y + 11}" fill="{TEXT}">{escape(name)}</text>')
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="{TEXT}" stroke-width="1.5"/>'
    )
    return "\n".join([*parts, "</svg>"])


def hbar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> str:
    """Horizontal bars with their labels above them: long category names fit a phone."""
    row = 44
    height = TOP + row * len(bars)
    top_value = max([b.value or 0.0 for b in bars] + [1.0])
    width = WIDTH - 16
    parts = _open(chart_id, title, desc, height)
    for i, bar in enumerate(bars):
        top = 8 + i * row
        length = width * 0.7 * (bar.value or 0) / top_value
        parts.append(f'<text x="8" y="{top + 12}" fill="{TEXT}">{escape(bar.label)}</text>')
        parts.append(f'<rect x="8" y="{top + 18}" width="{length:.1f}" height="16" fill="{BAR}"/>')
        parts.append(
            f'<text x="{8 + length + 6:.1f}" y="{top + 31}" fill="{TEXT}" font-weight="bold">{escape(bar.text)}</text>'
        )
    return "\n".join([*parts, "</svg>"])


def _open(chart_id: str, title: str, desc: str, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cs-chart" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif" font-size="{FONT}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _grid(y: Callable[[float], float], y_max: float, step: float, tick: Callable[[float], str]) -> list[str]:
    parts = []
    for i in range(int(round(y_max / step)) + 1):
        value = step * i
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{GRID}" '
            'stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="{TEXT}">{escape(tick(value))}</text>'
        )
    return parts
