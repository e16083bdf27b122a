"""A notes file (`articles/<slug>.notes.md`) → notes anchored to exact quotes. Pure.

One note per level-2 heading; the heading is the exact quote in double quotes, followed
by optional attributes in `attr_list` style:

    ## "IBM said it would exit the business" { source="AP, 9 June 2020" }
    IBM's chief executive announced this in a letter to Congress on 8 June 2020.

    ## "The firm" { entity=clearview-ai suffix=", which received funding" }

`entity=<slug>` binds that occurrence to an entity (coreference, a generic phrase that
means one body here); `entity=none` removes a false match. The body is Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from atlas.errors import InputError
from atlas.read.dates import parse_date
from atlas.read.selectors import Anchor, Quote

_HEADING = re.compile(r"^##\s+(?P<rest>.*?)\s*$")
_QUOTED = re.compile(r'^(?:"(?P<straight>[^"]+)"|“(?P<curly>[^”]+)”)\s*(?:\{(?P<attrs>.*)\})?$')
_ATTRIBUTE = re.compile(
    r"""\s*(?P<key>[a-z_]+)=(?:"(?P<double>(?:[^"\\]|\\.)*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'}]+))\s*"""
)
ATTRIBUTES = ("entity", "source", "prefix", "suffix", "date")
UNLINK = "none"  # entity=none: this occurrence is not the entity the matcher thought


@dataclass(frozen=True, slots=True)
class Note:
    article: str  # article slug
    path: str  # the notes file
    line: int
    quote: Quote
    body: str  # Markdown, written by an editor
    source: str | None = None
    entity: str | None = None  # a slug, or UNLINK
    date: str | None = None  # ISO 8601: makes the note an editor-sourced event on the timeline


def parse_notes(text: str, path: str, article: str) -> list[Note]:
    """Every note in the file; raises InputError naming the line of a malformed heading."""
    notes: list[Note] = []
    current: dict[str, object] | None = None
    body: list[str] = []

    def close() -> None:
        if current is not None:
            notes.append(Note(body="\n".join(body).strip(), **current))  # type: ignore[arg-type]

    for number, line in enumerate(text.split("\n"), start=1):
        heading = _HEADING.match(line)
        if not heading:
            if current is not None:
                body.append(line)
            continue
        close()
        body = []
        current = _heading(heading.group("rest"), path, number)
        current.update(article=article, path=path, line=number)
    close()
    return notes


def _heading(rest: str, path: str, line: int) -> dict[str, object]:
    quoted = _QUOTED.match(rest)
    if not quoted:
        raise InputError(
            path, line, "a note heading must be the exact quote in double quotes",
            'write it as ## "exact words from the article" { source="…" }',
        )  # fmt: skip
    attributes: dict[str, str] = {}
    remaining = quoted.group("attrs") or ""
    position = 0
    while position < len(remaining.strip()):
        match = _ATTRIBUTE.match(remaining, position)
        if not match:
            raise InputError(path, line, f"cannot read the attributes '{{{remaining}}}'", 'write them as key="value"')
        key = match.group("key")
        if key not in ATTRIBUTES:
            raise InputError(path, line, f"unknown note attribute '{key}'", f"use {', '.join(ATTRIBUTES)}")
        double, single, bare = match.group("double", "single", "bare")
        attributes[key] = (
            re.sub(r"\\(.)", r"\1", double) if double is not None else single if single is not None else bare
        )
        position = match.end()
    exact = quoted.group("straight") or quoted.group("curly")
    quote = Quote(exact, attributes.get("prefix", ""), attributes.get("suffix", ""))
    date = attributes.get("date")
    if date is not None and not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", date):
        raise InputError(
            path, line, f"note date '{date}' is not an ISO 8601 date", 'write it as date="2020-06-08" (or 2020-06)'
        )
    if date is not None and len(date) == 10:
        try:
            parse_date(date)
        except ValueError as error:
            raise InputError(path, line, str(error), "correct the note's date") from None
    return {"quote": quote, "source": attributes.get("source"), "entity": attributes.get("entity"), "date": date}


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note with the one place its quote matches."""

    note: Note
    anchor: Anchor
