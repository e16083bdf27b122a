"""Dates as they appear in wire copy → ISO 8601 strings."""

from __future__ import annotations

import datetime
import functools
import re

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = r"(?P<month>[A-Z][a-z]+)\.?"
# Each shape a date takes; the first that matches wins.
_SHAPES = (
    re.compile(rf"^(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>\d{{4}})$"),  # 18 June 2020
    re.compile(rf"^{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})$"),  # June 18, 2020
    re.compile(rf"^{_MONTH},? (?P<year>\d{{4}})$"),  # December 2020
    re.compile(r"^(?P<year>\d{4})-(?P<month_number>\d{2})-(?P<day>\d{2})$"),  # 2020-06-18
    re.compile(r"^(?P<year>\d{4})-(?P<month_number>\d{2})$"),  # 2020-06 (a month-only date)
)


class NotADate(ValueError):
    """Looks like a date but is not one (e.g. 31 February 2020)."""


def looks_like_date(text: str) -> bool:
    return any(shape.match(text.strip()) for shape in _SHAPES)


def parse_date(text: str) -> str:
    """'18 June 2020' → '2020-06-18'; 'December 2020' → '2020-12'.

    Raises NotADate when the text has a date's shape but names no real day,
    and ValueError when it has no date's shape at all.
    """
    text = text.strip()
    for shape in _SHAPES:
        match = shape.match(text)
        if not match:
            continue
        parts = match.groupdict()
        if parts.get("month_number"):
            month = int(parts["month_number"])
        else:
            month = MONTHS.get(parts["month"].lower(), 0)
            # Allow three-letter abbreviations (Jun, Dec).
            if not month:
                month = next(
                    (n for name, n in MONTHS.items() if name[:3] == parts["month"].lower()[:3]),
                    0,
                )
        year = int(parts["year"])
        if not 1 <= month <= 12:
            raise NotADate(f"'{text}' names no real month")
        if parts.get("day") is None:
            return f"{year:04d}-{month:02d}"
        try:
            return datetime.date(year, month, int(parts["day"])).isoformat()
        except ValueError as error:
            raise NotADate(f"'{text}' is not a real date ({error})") from None
    raise ValueError(f"'{text}' is not a date")


@functools.lru_cache(maxsize=1 << 14)  # a few thousand dates, written hundreds of thousands of times
def human_date(iso: str) -> str:
    """'2020-06-18' → '18 June 2020'; '2020-12' → 'December 2020'; '2019' → '2019'."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return f"{parts[0]:04d}"
    month = list(MONTHS)[parts[1] - 1].capitalize()
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{parts[2]} {month} {parts[0]}"
