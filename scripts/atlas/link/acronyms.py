"""Acronyms an article defines mean that within it. Pure.

"Australian Federal Police (AFP)" or "AFP (Australian Federal Police)" defines AFP for the
whole article, before and after the definition (a headline often uses it first). There, AFP
links to the entity named Long Name, or to nothing when the catalog has none; never to
another entity that has AFP as an alias elsewhere (the news agency). Parentheses that do not
spell out the acronym ("YouTube (Google)") define nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from atlas.link.annotate import Unlinked
from atlas.model import Article, Mention, Record

_AFTER = re.compile(r"\((?P<abbr>[A-Z]{2,6})\)")  # Long Name (ABBR)
_BEFORE = re.compile(r"(?<![\w-])(?P<abbr>[A-Z]{2,6})\s+\((?P<long>[^()]{3,120})\)")  # ABBR (Long Name)
_WORD = re.compile(r"[\w’'&.-]+")
# Words an acronym may skip: "Federal Bureau of Investigation (FBI)".
_SMALL = frozenset(["of", "the", "and", "for", "de", "du", "des", "la", "le", "on", "in", "to", "a", "an", "at", "&"])


@dataclass(frozen=True, slots=True)
class Definition(Record):
    abbr: str
    long: str  # the spelled-out name, exactly as written
    block: str  # where it is defined
    start: int  # the long name's span in that block
    end: int


def spells(words: list[str], abbr: str) -> bool:
    """Are the words' initials the acronym (small words may be skipped)?"""
    if not words or not words[0][:1].isupper():
        return False
    significant = [w for w in words if w.lower() not in _SMALL]
    if any(not w[:1].isupper() for w in significant):
        return False
    return any("".join(w[0] for w in chosen).upper() == abbr for chosen in (significant, words))


def definitions(article: Article) -> dict[str, Definition]:
    """Each acronym the article defines, at its first definition."""
    found: dict[str, Definition] = {}
    for block in article.text_blocks:
        text = block.text
        for match in _AFTER.finditer(text):
            abbr = match.group("abbr")
            words = list(_WORD.finditer(text[: match.start()]))[-(len(abbr) + 4) :]
            for size in range(1, len(words) + 1):
                chosen = words[-size:]
                if spells([w.group().strip(".") for w in chosen], abbr):
                    start, end = chosen[0].start(), chosen[-1].end()
                    found.setdefault(abbr, Definition(abbr, text[start:end].rstrip("."), block.anchor, start, end))
                    break
        for match in _BEFORE.finditer(text):
            abbr, long = match.group("abbr"), match.group("long").strip()
            if spells([w.strip(".") for w in long.split()], abbr):
                start = match.start("long") + (len(match.group("long")) - len(match.group("long").lstrip()))
                found.setdefault(abbr, Definition(abbr, long, block.anchor, start, start + len(long)))
    return found


def occurrences(text: str, abbr: str) -> list[tuple[int, int]]:
    """Where the acronym stands as a word (a possessive or plural 's' may follow)."""
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text)]


def apply_definitions(
    article: Article,
    mentions: list[Mention],
    unlinked: list[Unlinked],
    defined: dict[str, Definition],
    named: dict[str, str],
) -> tuple[list[Mention], list[Unlinked], list[Definition]]:
    """Every use of a defined acronym links to its long name's entity, or to nothing.

    `named` maps names and aliases to entity slugs. Returns the article's mentions, its
    ambiguous names left, and the definitions whose long name has no entity (for the report)."""
    if not defined:
        return mentions, unlinked, []
    undefined = []
    for definition in defined.values():
        slug = named.get(definition.long)
        if slug is None:  # the matcher may know the long name by a longer or shorter span
            slug = next(
                (
                    m.entity
                    for m in mentions
                    if m.block == definition.block and m.start <= definition.start and definition.end <= m.end
                ),
                None,
            )
        if slug is None:
            undefined.append(definition)
        for block in article.text_blocks:
            for start, end in occurrences(block.text, definition.abbr):
                mentions = [m for m in mentions if not (m.block == block.anchor and m.start < end and start < m.end)]
                unlinked = [u for u in unlinked if not (u.block == block.anchor and u.start < end and start < u.end)]
                if slug is not None:
                    mentions.append(Mention(article.slug, block.anchor, start, end, slug, definition.abbr))
    return mentions, unlinked, undefined
