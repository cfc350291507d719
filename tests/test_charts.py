"""The SVG bar charts: valid XML, a text alternative, values in words, and
bars drawn to scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from creditsite.render.charts import HEIGHT, Bar, Target, bar_chart, nice_step

NS = {"svg": "http://www.w3.org/2000/svg"}


def pct(value: float) -> str:
    return f"{value:g}%"


def chart(bars: list[Bar], target: Target | None = Target(15, 20, "Mục tiêu 15–20%")) -> ET.Element:
    return ET.fromstring(bar_chart("c", "Tỷ lệ <vốn> & dư nợ", "Năm 2026: 17%.", bars, target, pct))


def texts(svg: ET.Element) -> list[str]:
    return [el.text or "" for el in svg.iter("{http://www.w3.org/2000/svg}text")]


def test_chart_is_an_image_with_title_and_description() -> None:
    svg = chart([Bar("2026", 17, "17%")])
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c-title c-desc"
    assert svg.find("svg:title", NS).text == "Tỷ lệ <vốn> & dư nợ"  # escaped in the source, intact once parsed
    assert svg.find("svg:desc", NS).text == "Năm 2026: 17%."
    assert svg.find("svg:title", NS).get("id") == "c-title"


def test_values_years_and_target_are_written_in_words() -> None:
    words = texts(chart([Bar("2026", 17, "17%"), Bar("2027", None, "chưa có")]))
    for expected in ("17%", "2026", "2027", "chưa có", "Mục tiêu 15–20%", "0%"):
        assert expected in words


def bar_heights(svg: ET.Element) -> list[float]:
    rects = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill") == "#12406b"]
    return [float(r.get("height")) for r in rects]


def test_bars_are_drawn_to_scale_and_missing_values_draw_nothing() -> None:
    svg = chart([Bar("a", 10, "10%"), Bar("b", None, ""), Bar("c", 20, "20%")])
    small, large = bar_heights(svg)
    assert large == pytest.approx(2 * small, rel=0.01)
    assert all(0 < h < HEIGHT for h in (small, large))


def test_the_scale_leaves_room_above_the_highest_value() -> None:
    svg = chart([Bar("a", 95, "95%")], target=None)
    top_tick = max(float(t.rstrip("%")) for t in texts(svg) if t.endswith("%") and t != "95%")
    assert top_tick >= 95


def test_a_target_line_without_a_range_has_no_band() -> None:
    svg = chart([Bar("2026", 8, "8%")], Target(15, None, "Mục tiêu 15% (2030)"))
    fills = [r.get("fill") for r in svg.iter("{http://www.w3.org/2000/svg}rect")]
    assert fills == ["#12406b"]  # the bar only
    dashed = [line for line in svg.iter("{http://www.w3.org/2000/svg}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 2  # the line across the plot, and its key


def test_no_data_at_all_still_draws_an_axis() -> None:
    svg = chart([Bar("2026", None, "chưa có")], target=None)
    assert "0%" in texts(svg) and bar_heights(svg) == []


@pytest.mark.parametrize(("top", "step"), [(23, 5), (8, 2), (115, 25), (0.5, 0.1), (0, 1)])
def test_nice_steps(top: float, step: float) -> None:
    assert nice_step(top) == pytest.approx(step)
