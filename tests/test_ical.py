"""site/lich.ics: the plan's recurring dates, importable into a phone's calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

import pytest
from icalendar import Calendar

from conftest import COMMUNE, page
from creditsite.load.site import load_site_data
from creditsite.render.data.ical import calendar_ics

DATA = load_site_data(COMMUNE)
DATED = [d for d in DATA.targets.calendar if d.start is not None]


def events(ics: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(ics)
    return {str(ev["uid"]).split("@")[0]: ev for ev in cal.walk("VEVENT")}


def test_one_yearly_all_day_event_per_dated_entry() -> None:
    found = events(calendar_ics(DATA, dt.date(2026, 1, 10)))
    assert sorted(found) == sorted(d.id for d in DATED)
    assert "bao-cao-ubnd-xa" not in found  # the plan gives it no date
    for ev in found.values():
        start = ev.decoded("dtstart")
        assert type(start) is dt.date, "all-day"
        assert ev.decoded("dtend") > start
        assert ev["rrule"]["FREQ"] == ["YEARLY"]
        alarm = ev.walk("VALARM")[0]
        assert alarm.decoded("trigger") == dt.timedelta(days=-7)
        assert str(ev["uid"]).endswith("@xa-thu-nghiem.example.org")


def test_report_deadline_starts_at_its_next_date() -> None:
    before = events(calendar_ics(DATA, dt.date(2026, 9, 30)))["bao-cao-ket-qua"]
    assert before.decoded("dtstart") == dt.date(2026, 9, 30)
    assert before.decoded("dtend") == dt.date(2026, 10, 1)
    assert str(before["summary"]).startswith("Trước ngày 30/9: ")
    after = events(calendar_ics(DATA, dt.date(2026, 10, 1)))["bao-cao-ket-qua"]
    assert after.decoded("dtstart") == dt.date(2027, 9, 30)


def test_a_period_under_way_is_still_this_years() -> None:
    month = events(calendar_ics(DATA, dt.date(2026, 11, 1)))["thang-cao-diem-vi-nguoi-ngheo"]
    assert month.decoded("dtstart") == dt.date(2026, 10, 17)
    assert month.decoded("dtend") == dt.date(2026, 11, 19)  # 18 November is the last day
    over = events(calendar_ics(DATA, dt.date(2026, 11, 19)))["thang-cao-diem-vi-nguoi-ngheo"]
    assert over.decoded("dtstart") == dt.date(2027, 10, 17)


def test_description_names_who_and_links_the_plan() -> None:
    ev = events(calendar_ics(DATA, dt.date(2026, 1, 1)))["bao-cao-ket-qua"]
    text = str(ev["description"])
    assert "Gửi đến: PGD NHCSXH Mẫu Sơn" in text
    assert str(ev["url"]) == "https://xa-thu-nghiem.example.org/ke-hoach/#to-chuc-thuc-hien-1"


def test_same_day_same_file() -> None:
    assert calendar_ics(DATA, dt.date(2026, 5, 1)) == calendar_ics(DATA, dt.date(2026, 5, 1))


@pytest.mark.parametrize("lang_prefix", ["", "/en"])
def test_built_calendar_parses_and_the_targets_page_links_it(site: Path, lang_prefix: str) -> None:
    ics = (site / "lich.ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    assert len(events(ics)) == len(DATED)
    url = f"{lang_prefix}/ke-hoach/muc-tieu/"
    link = page(site, url).find("a", href=lambda h: h and h.endswith("lich.ics"))
    assert link is not None and link.has_attr("download")
    assert urljoin(f"http://h{url}", link["href"]) == "http://h/lich.ics"
