"""The build's idea of "today": the commit date when SOURCE_DATE_EPOCH is set,
so that two builds of one commit give the same pages."""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()
