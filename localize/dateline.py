"""The date an article speaks from, which decides the glossary's dated renderings (a title
someone held until March 2023 is out of date in an October 2023 article).

Wire copy dates itself twice: the publication line "(Xinhua) 10:05, July 15, 2021" carries the
year, the dateline "DUSHANBE, July 14 (Xinhua) --" the day the story is about. The dateline's
day wins, with the year of the publication line (the year before when the dateline's month is
later, as in a 1 January story datelined Dec. 31); without a dateline the publication date
applies; without either, the first "Month day, year" of the text.
"""

from __future__ import annotations

import re
from datetime import date

from localize.errors import LocalizeError

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*)\.?"
_PUBLISHED = re.compile(
    r"\((?:[A-Z][\w ]*)\)\s+\d{1,2}:\d{2},?\s+" + _MONTH + r"\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})"
)
# "DUSHANBE, July 14 (Xinhua) --", markup allowed between the place and the date (HTML).
_DATELINE = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})\s+\((?:[A-Z][\w ]*)\)\s*(?:--|—|–)")
_ANY_DATE = re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})\b")


def article_date(text: str) -> date | None:
    """The article's date from its dateline and publication line, or None if it has none."""
    published = _PUBLISHED.search(text) or _ANY_DATE.search(text)
    if published is None:
        return None
    year = int(published["year"])
    pub = _safe_date(year, _month(published["month"]), int(published["day"]))
    dateline = _DATELINE.search(text)
    if dateline is None:
        return pub
    month = _month(dateline["month"])
    if pub is not None and month > pub.month:
        year -= 1
    return _safe_date(year, month, int(dateline["day"])) or pub


def parse_date_option(value: str) -> date:
    """``--date YYYY-MM-DD``."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LocalizeError(
            f"--date {value}: not a date; write it as YYYY-MM-DD, e.g. --date 2023-10-12"
        ) from None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
