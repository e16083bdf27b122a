"""The data model every stage shares: plain, immutable records."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from typing import NamedTuple


class Record:
    """Pickles as its constructor's arguments (the build's cache holds 500,000 of these at
    10,000 articles): dataclasses' own pickling of slotted classes looks up the fields anew
    for every object, ten times slower."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), _values(type(self))(self)


@functools.cache
def _values(cls: type) -> operator.attrgetter[tuple[object, ...]]:
    return operator.attrgetter(*cls.__slots__)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Span(Record):
    """A run of characters in a block's repaired text."""

    start: int
    end: int
    text: str


class Block(NamedTuple):
    """A paragraph, heading or caption. A named tuple like Mention: 100,000s of them."""

    kind: str  # "paragraph" | "heading" | "caption"
    text: str  # repaired text: whitespace folded, page-break splits joined, dead links unwrapped
    anchor: str  # p1…pN for paragraphs, c1…cN for captions, "" for headings
    line: int  # line of the source file where the block starts
    level: int = 0  # 2 or 3 for headings
    dead_links: tuple[Span, ...] = ()  # `[text](#)` links, kept as text (future topics)
    credit: str | None = None  # a caption's photo credit, e.g. "AP Photo/Jane Doe"


@dataclass(frozen=True, slots=True)
class Article(Record):
    slug: str
    path: str  # relative to the project root, e.g. articles/<slug>.txt
    title: str
    blocks: tuple[Block, ...]
    date: str | None = None  # ISO 8601: YYYY-MM-DD or YYYY-MM
    author: str | None = None
    publisher: str | None = None
    copyright: str | None = None  # the `©` line, e.g. "© 2020 AFP"
    notice: str | None = None  # the publisher's rights notice
    source_url: str | None = None
    retrieved: str | None = None  # ISO 8601 date the republisher's copy was retrieved
    dateline: str | None = None  # where the story was filed, e.g. "ARMONK, N.Y."

    @property
    def text_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind != "heading")


@dataclass(frozen=True, slots=True)
class Entity:
    slug: str
    type: str  # the folder name under docs/
    name: str
    summary: str
    path: str  # relative to the project root
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # names shared with another entity: never linked by matching
    country: str | None = None
    parent: str | None = None
    website: str | None = None
    wikidata: str | None = None
    wikidata_confirmed: bool = False
    iso3166: str | None = None
    redirect_from: tuple[str, ...] = ()  # old slugs, kept working as redirect pages
    generated: bool = False  # a page the build writes (a country no editor has written about)
    draft: bool = False  # written by --draft, not yet reviewed by an editor
    type_uncertain: bool = False  # the draft's type is a best guess: the sentences disagreed or said nothing
    type_cues: tuple[str, ...] = ()  # the words each type was guessed from

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Mention(NamedTuple):
    """A name found in a block. A named tuple, not a dataclass: a corpus holds hundreds of
    thousands, and a tuple is made (and unpickled from the cache) in half the time."""

    article: str  # article slug
    block: str  # block anchor
    start: int
    end: int
    entity: str  # entity slug (unique across all types)
    surface: str
