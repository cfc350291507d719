"""`site/lich.ics`: the plan's recurring dates as an iCalendar file that
officers add to their phones.

One all-day event per dated entry of `calendar` in targets.yml, repeating
every year from its next occurrence, with a reminder a week before. UIDs
are stable (entry id @ site host), so importing a newer file updates the
events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from icalendar import Alarm, Calendar, Event

from creditsite.model.site import SiteData
from creditsite.model.targets import DayOfYear, Deadline
from creditsite.render import fmt
from creditsite.render.strings import t
from creditsite.routes import PLAN, TARGETS, page_url

LANG = "vi"
REMIND_DAYS = 7


def on(day: DayOfYear, year: int) -> dt.date | None:
    try:
        return dt.date(year, day.month, day.day)
    except ValueError:  # 29 February in a common year
        return None


def occurrence(deadline: Deadline, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the next occurrence that has not ended yet
    (a period already under way counts)."""
    assert deadline.start is not None
    for year in range(today.year - 1, today.year + 6):
        start = on(deadline.start, year)
        if start is None:
            continue
        end = start
        if deadline.end is not None:
            end_year = (
                year
                if (deadline.end.month, deadline.end.day) >= (deadline.start.month, deadline.start.day)
                else year + 1
            )
            end = on(deadline.end, end_year) or dt.date(end_year, 2, 28)
        if end >= today:
            return start, end
    raise AssertionError("unreachable: every day of the year comes back within four years")


def summary(deadline: Deadline) -> str:
    title = deadline.title.vi
    if deadline.before and deadline.start is not None:
        return (
            f"{t('before', LANG).capitalize()} {fmt.day_month(deadline.start.month, deadline.start.day, LANG)}: {title}"
        )
    return title


def calendar_ics(data: SiteData, today: dt.date) -> bytes:
    units = data.units.by_id()
    site = data.commune.site.url
    host = urlparse(site).hostname or "localhost"
    stamp = dt.datetime.combine(today, dt.time(), dt.timezone.utc)  # from SOURCE_DATE_EPOCH: same commit, same file

    cal = Calendar()
    cal.add("prodid", "-//creditsite//lich//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", data.commune.site.name.vi)
    for deadline in data.targets.calendar:
        if deadline.start is None:  # the plan gives no date
            continue
        start, end = occurrence(deadline, today)
        link = (
            page_url(site, PLAN, LANG) + f"#{deadline.plan_ref}"
            if deadline.plan_ref
            else page_url(site, TARGETS, LANG) + f"#{deadline.id}"
        )
        lines = []
        if deadline.responsible:
            lines.append(f"{t('who', LANG)}: {', '.join(units[u].label(LANG) for u in deadline.responsible)}")
        if deadline.recipient:
            lines.append(f"{t('to_whom', LANG)}: {units[deadline.recipient].label(LANG)}")
        if deadline.note:
            lines.append(deadline.note.vi)
        lines.append(link)

        event = Event()
        event.add("uid", f"{deadline.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", summary(deadline))
        event.add("description", "\n".join(lines))
        event.add("dtstart", start)
        event.add("dtend", end + dt.timedelta(days=1))  # all-day events end the day after
        event.add("rrule", {"freq": "yearly"})
        event.add("transp", "TRANSPARENT")
        event.add("url", link)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary(deadline))
        alarm.add("trigger", dt.timedelta(days=-REMIND_DAYS))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
