"""Likely duplicates among entity pages, drafts and the report's names, each with its evidence. Pure.

Two names are likely one entity when one is another's surname ("Smith", "Commissioner Smith"
beside "Jane Smith"), initials ("CCLA" beside "Canadian Civil Liberties Association"), the
other with "the" or a possessive place before it ("the Met", "London's Police Prefecture"),
a part of it that keeps its head ("Privacy Commissioner" in "Office of the Privacy
Commissioner", "Tessellate" in "Tessellate Systems", "the Durham police" in "Durham Regional
Police Service"), a short form a story defines ("Metropolitan Police Service (the Met)"), or
the same letters spaced or cased otherwise ("Open AI", "OpenAI").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from atlas.link.acronyms import spells
from atlas.link.candidates import strip_title
from atlas.link.typeguess import name_cues
from atlas.model import Article

_SUFFIX_TYPES = ("vendors", "organisations", "media")  # "Tessellate Systems", "Kroonhaven Holdings"
_LEADING = re.compile(r"^(?:the\s+|[A-Z][\w’'-]*['’]s\s+)", re.IGNORECASE)
# "Metropolitan Police Service (the Met)": a short form a story defines for a long name.
_SHORT_FORM = re.compile(r"(?P<long>[A-Z][\w’'&-]*(?:\s+(?:of\s+|for\s+|the\s+|and\s+)*[A-Z][\w’'&-]*)+)\s+\((?:the\s+)?(?P<short>[A-Z][\w’'-]+)\)")  # fmt: skip


@dataclass(frozen=True)
class Named:
    name: str
    type: str
    source: str  # a page's path, or "report" for a name with no page yet
    aliases: tuple[str, ...] = ()
    stories: frozenset[str] = frozenset()  # the stories that name it


@dataclass(frozen=True)
class Duplicate:
    name: str  # the one to fold
    source: str
    same_as: str  # the one to keep
    into: str
    evidence: str

    def record(self) -> dict[str, str]:
        return {"name": self.name, "source": self.source, "same_as": self.same_as, "into": self.into, "evidence": self.evidence}  # fmt: skip


def short_forms(articles: Iterable[Article]) -> dict[str, tuple[str, str]]:
    """Short form → (long name, where a story defines it)."""
    found: dict[str, tuple[str, str]] = {}
    for article in articles:
        for block in article.text_blocks:
            for match in _SHORT_FORM.finditer(block.text):
                short, long = match.group("short"), re.sub(r"^The\s+", "", match.group("long"))
                if any(word.startswith(short) and word != short for word in long.split()):
                    found.setdefault(short, (long, f"{article.path}#{block.anchor}"))
    return found


def _letters(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).casefold()


def same_entity(short: Named, long: Named, defined: dict[str, tuple[str, str]]) -> str | None:
    """Why `short` is likely `long` under another name, or None. Not symmetric: `long` is kept."""
    a, b = short.name, long.name
    if a == b or (short.source == long.source and short.source != "report"):
        return None
    names_b = (b, *long.aliases)
    if _letters(a) in {_letters(n) for n in names_b}:
        return f"the same letters as “{b}”"
    short_form = _LEADING.sub("", a)
    if (definition := defined.get(short_form)) and definition[0] in names_b:
        return f"a story defines it: “{definition[0]} (… {short_form})” ({definition[1]})"
    bare, titled = strip_title(a)
    if long.type == "people" and " " not in bare and len(b.split()) >= 2 and b.split()[-1] == bare:
        return f"“{a}” is {'a title and ' if titled else ''}the surname of {b}"
    if a.isupper() and 2 <= len(a) <= 6 and spells(b.split(), a):
        return f"the initials of “{b}”"
    if short.stories and long.stories and not short.stories & long.stories:
        return None  # a part of a name is that name only where both stand: "Privacy Commissioner" differs by country
    return _part_of(a, b, short.type)


def _part_of(a: str, b: str, type_a: str) -> str | None:
    stripped = _LEADING.sub("", a)
    if stripped != a and stripped == b:
        return f"“{b}” with “{a[: len(a) - len(stripped)].strip()}” before it"
    words_a, words_b = stripped.split(), b.split()
    if len(words_a) >= len(words_b) or type_a == "countries":
        return None
    if stripped != a and _in_order([w.casefold() for w in words_a], [w.casefold() for w in words_b]):
        return f"its words stand in “{b}”"  # "the Durham police", "Durham Regional Police Service"
    size = len(words_a)
    if words_b[-size:] == words_a and (name_cues(a) or len(words_b) - size >= 2):
        return f"the end of “{b}”"  # "Privacy Commissioner", "Office of the Privacy Commissioner"
    rest = words_b[size:]
    suffix = [c.type for c in name_cues(" ".join(rest))]
    if words_b[:size] == words_a and len(suffix) == len(rest) and set(suffix) <= set(_SUFFIX_TYPES):
        return f"the start of “{b}”"  # "Tessellate" in "Tessellate Systems"
    return None


def _in_order(words: list[str], within: list[str]) -> bool:
    position = 0
    for word in words:
        try:
            position = within.index(word, position) + 1
        except ValueError:
            return False
    return True


def find_duplicates(names: list[Named], defined: dict[str, tuple[str, str]]) -> list[Duplicate]:
    """Every likely pair, the shorter name folded into the longer one (a page before a name
    the report found). Each name is folded into one other at most."""
    ranked = sorted(names, key=lambda n: (n.source == "report", -len(n.name.split()), n.name))
    found: list[Duplicate] = []
    folded: set[str] = set()
    for short in sorted(names, key=lambda n: (len(n.name.split()), n.name)):
        for long in ranked:
            if long.name in folded or long is short:
                continue
            if long.source == "report" and short.source != "report":
                continue  # a page is never folded into a name without one
            if evidence := same_entity(short, long, defined):
                found.append(Duplicate(short.name, short.source, long.name, long.source, evidence))
                folded.add(short.name)
                break
    return sorted(found, key=lambda d: (d.into, d.name))
