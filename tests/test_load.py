"""Loading and validating plan_data/: the real data and broken copies."""

from pathlib import Path

import pytest

from conftest import COMMUNE
from creditsite.errors import DataError
from creditsite.load.site import load_site_data


def test_real_data_loads() -> None:
    data = load_site_data(COMMUNE)
    assert data.commune.bank_office.short.vi == "PGD NHCSXH Mẫu Sơn"
    anchors = data.plan.anchors()
    for anchor in ("muc-dich-a", "nhiem-vu-1-b", "nhiem-vu-6-dd", "nhiem-vu-4-a-1", "to-chuc-thuc-hien-2"):
        assert anchor in anchors
    tasks = list(data.plan.tasks())
    assert [t.label for t in tasks][:3] == ["II.1.a", "II.1.b", "II.2.a"]
    assert all(t.assigned.lead for t in tasks), "every task has a lead unit"


def test_every_plan_text_is_translated() -> None:
    data = load_site_data(COMMUNE)
    plan = data.plan
    texts = [plan.title, plan.subtitle, plan.preamble]
    for section in plan.sections:
        texts.append(section.title)
        for group in section.groups:
            texts += [x for x in (group.title, group.text, group.intro) if x]
            for item in group.items:
                texts += [item.text, *item.bullets]
    untranslated = [t.vi[:60] for t in texts if not t.en]
    assert not untranslated


def break_file(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(project: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    return [str(p) for p in exc.value.problems]


def test_unknown_key_names_file_line_and_field(project: Path) -> None:
    break_file(project, "plan_data/commune.yml", "  day_of_month: null\n", "  day_of_month: null\n  day_of_mont: 5\n")
    [message] = problems(project)
    assert message.startswith("plan_data/commune.yml:")
    assert "transaction_point.day_of_mont" in message and "unknown field" in message


def test_wrong_type_says_what_was_expected(project: Path) -> None:
    break_file(project, "plan_data/commune.yml", "day_of_month: null", "day_of_month: mười")
    [message] = problems(project)
    assert "transaction_point.day_of_month" in message
    assert "whole number" in message and "'mười'" in message


def test_missing_field(project: Path) -> None:
    break_file(
        project, "plan_data/units.yml", "    name: {vi: Phòng Kinh tế xã, en: Economic Division of the commune}\n", ""
    )
    [message] = problems(project)
    assert message.startswith("plan_data/units.yml:") and "units[5].name" in message and "required" in message


def test_reference_to_missing_unit(project: Path) -> None:
    break_file(project, "plan_data/plan.yml", "- phong-kinh-te", "- phong-kinh-te-xa")
    found = problems(project)
    assert any("phong-kinh-te-xa" in m and "unknown" in m for m in found)


def test_reference_to_missing_plan_anchor(project: Path) -> None:
    break_file(project, "plan_data/targets.yml", "plan_ref: nhiem-vu-4-a-1", "plan_ref: nhiem-vu-9-a")
    assert any("nhiem-vu-9-a" in m for m in problems(project))


def test_impossible_calendar_day(project: Path) -> None:
    break_file(project, "plan_data/targets.yml", "start: {month: 9, day: 30}", "start: {month: 2, day: 30}")
    [message] = problems(project)
    assert message.startswith("plan_data/targets.yml:") and "calendar[0].start" in message


def test_duplicate_unit_id(project: Path) -> None:
    break_file(project, "plan_data/units.yml", "  - id: truong-thon", "  - id: to-tk-vv")
    assert any("duplicate id" in m and "units" in m for m in problems(project)), problems(project)


def test_missing_file(project: Path) -> None:
    (project / "plan_data/targets.yml").unlink()
    assert problems(project) == ["plan_data/targets.yml: không tìm thấy tệp (file not found)"]
