"""Dated events the articles report, with relative dates resolved against publication. Pure.

"In January 2020" → 2020-01; "In February" → the last February on or before publication;
"last year" → the year before; "on Monday" → the Monday on or before publication;
"soon" → after publication. Said of the future ("will report in June", "a ruling is expected
in February"), a bare month or weekday is the next one on or after publication instead. Editor's notes with a `date` add editor-sourced events.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from atlas.link.sentences import sentence_spans
from atlas.model import Article, Record
from atlas.read.dates import MONTHS
from atlas.read.notes import PlacedNote

_MONTH = "|".join(m.capitalize() for m in MONTHS)
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_PATTERNS = (
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTH}),? (?P<year>\d{{4}})\b")),
    ("day", re.compile(rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})\b")),
    ("month", re.compile(rf"\b(?P<month>{_MONTH}),? (?P<year>\d{{4}})\b")),
    ("month", re.compile(rf"\b[Ii]n (?P<month>{_MONTH})\b(?! \d)")),
    ("year", re.compile(r"\b(?P<last>last year)\b")),
    ("year", re.compile(r"\b(?P<this>this year)\b")),
    ("weekday", re.compile(r"\b[Oo]n (?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("after", re.compile(r"\b(?P<soon>soon)\b")),
)


@dataclass(frozen=True, slots=True)
class Event(Record):  # cached per article: pickles as its constructor's arguments
    date: str  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    after: bool  # "soon": some time after the date
    article: str
    block: str
    start: int  # the sentence
    end: int
    phrase: str  # the words that gave the date
    note: PlacedNote | None = None  # set for editor-sourced events

    @property
    def sort_key(self) -> tuple[str, int]:
        return (self.date, 1 if self.after else 0)


# Words before a date phrase in its sentence that put it in the future.
_FUTURE = re.compile(r"\b(?:will|shall|(?:plans?|planning|intends?|aims?) to|(?:is|are) (?:expected|due|set|scheduled))\b", re.IGNORECASE)  # fmt: skip


def resolve(
    kind: str, match: re.Match[str], published: datetime.date, precision: int, future: bool = False
) -> tuple[str, bool] | None:
    """The ISO date a phrase names, read against the publication date (precision: 1 year … 3 day);
    `future`: the sentence speaks of what is to come, so a bare month or weekday lies ahead."""
    parts = match.groupdict()
    if kind == "day":
        try:
            day = datetime.date(int(parts["year"]), MONTHS[parts["month"].lower()], int(parts["day"]))
        except ValueError:
            return None
        return day.isoformat(), False
    if kind == "month":
        month = MONTHS[parts["month"].lower()]
        ahead = published.year + (month < published.month)
        year = (
            int(parts["year"]) if parts.get("year") else ahead if future else published.year - (month > published.month)
        )
        return f"{year:04d}-{month:02d}", False
    if kind == "year":
        return f"{published.year - (1 if parts.get('last') else 0):04d}", False
    if kind == "weekday" and precision == 3:
        back = (published.weekday() - _DAYS.index(parts["weekday"].lower())) % 7
        return (published + datetime.timedelta(days=(-back) % 7 if future else -back)).isoformat(), False
    if kind == "after":
        return _iso(published, precision), True
    return None


def _iso(day: datetime.date, precision: int) -> str:
    return day.isoformat()[: {1: 4, 2: 7, 3: 10}[precision]]


# A sentence without any of these words names no date: skip the patterns (most sentences).
_ANY_DATE = re.compile(rf"\b(?:{_MONTH}|year|soon|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def article_events(article: Article) -> list[Event]:
    if not article.date:
        return []  # relative dates need a publication date
    parts = [int(p) for p in article.date.split("-")]
    published = datetime.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    events: list[Event] = []
    for block in article.text_blocks:
        if not _ANY_DATE.search(block.text):
            continue
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            taken: list[tuple[int, int]] = []
            for kind, pattern in _PATTERNS:
                for match in pattern.finditer(sentence):
                    if any(s < match.end() and match.start() < e for s, e in taken):
                        continue  # "18 June 2020" is not also "June 2020"
                    future = _FUTURE.search(sentence, 0, match.start()) is not None
                    resolved = resolve(kind, match, published, len(parts), future)
                    if resolved:
                        taken.append(match.span())
                        events.append(
                            Event(resolved[0], resolved[1], article.slug, block.anchor, start, end, match.group())
                        )
    return events


def editor_events(notes: list[PlacedNote]) -> list[Event]:
    return [
        Event(n.note.date, False, n.anchor.article, n.anchor.block, n.anchor.start, n.anchor.end, n.note.quote.exact, n)
        for n in notes
        if n.note.date
    ]
