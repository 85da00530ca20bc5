"""Server-drawn bar charts: plain numbers in, SVG geometry out (no scripts, no CDN).

The templates draw the rectangles and labels this returns; colours come from classes in
static/css/dashboard.css (``chart-series-N``), never from style attributes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.utils.formats import number_format

WIDTH = 640
HEIGHT = 260
LEFT = 56
RIGHT = 12
TOP = 12
BOTTOM = 36


def nice_max(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^n at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover


def _fmt(value: float) -> str:
    """A number people read (a label or a tooltip), in the active language: «2,5», «2.5»."""
    shown = float(f"{value:g}")
    return number_format(int(shown) if shown.is_integer() else shown, use_l10n=True)


def column_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, str]],
    values: Sequence[dict[str, float | None]],
    *,
    max_value: float | None = None,
    reference: tuple[float, str] | None = None,
    unit: str = "",
) -> dict[str, Any]:
    """Stacked columns: one column per category, one segment per series key.

    ``values[i][key]`` is the value of series ``key`` in category ``i`` (None = no data)."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    totals = [sum(v.get(key) or 0 for key, _label in series) for v in values]
    top = max_value or nice_max(max([*totals, reference[0] if reference else 0, 0]))
    slot = plot_w / max(len(categories), 1)
    bar_w = slot * 0.6
    bars = []
    for i, category in enumerate(categories):
        y_base: float = TOP + plot_h
        x = LEFT + i * slot + (slot - bar_w) / 2
        for index, (key, label) in enumerate(series):
            value = values[i].get(key) or 0
            if value <= 0:
                continue
            h = plot_h * value / top
            y_base -= h
            bars.append(
                {
                    "x": round(x, 1),
                    "y": round(y_base, 1),
                    "w": round(bar_w, 1),
                    "h": round(h, 1),
                    "css": f"chart-series-{index}",
                    "title": f"{category}, {label}: {_fmt(value)}{unit}",
                }
            )
    ticks = [{"y": round(TOP + plot_h - plot_h * f, 1), "label": _fmt(round(top * f, 1)) + unit} for f in (0, 0.5, 1)]
    labels = [{"x": round(LEFT + i * slot + slot / 2, 1), "label": c} for i, c in enumerate(categories)]
    ref = None
    if reference is not None:
        ref = {"y": round(TOP + plot_h - plot_h * reference[0] / top, 1), "label": reference[1]}
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_h,
        "label_y": HEIGHT - BOTTOM + 18,
        "bars": bars,
        "ticks": ticks,
        "labels": labels,
        "reference": ref,
        "legend": [{"css": f"chart-series-{i}", "label": label} for i, (_key, label) in enumerate(series)],
    }


def bar_chart(rows: Sequence[tuple[str, float]], *, unit: str = "") -> dict[str, Any]:
    """Horizontal bars, one per row (label, value): for long category names."""
    label_w = 250
    row_h = 28
    plot_w = WIDTH - label_w - 48
    top = nice_max(max([v for _label, v in rows] + [0]))
    bars = []
    for i, (label, value) in enumerate(rows):
        w = plot_w * value / top if value > 0 else 0
        bars.append(
            {
                "y": TOP + i * row_h,
                "text_y": TOP + i * row_h + row_h * 0.65,
                "x": label_w,
                "w": round(w, 1),
                "h": round(row_h * 0.7, 1),
                "label": label,
                "value": _fmt(value) + unit,
                "value_x": round(label_w + w + 6, 1),
                "css": "chart-series-0",
            }
        )
    return {"width": WIDTH, "height": TOP * 2 + len(rows) * row_h, "label_x": label_w - 8, "bars": bars}
