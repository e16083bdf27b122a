"""Find entity mentions in text with one Aho-Corasick automaton over every name and alias.

Matching is case-sensitive (proper nouns), with one allowance: a name that starts in lower
case ("interior ministry") also matches with a capital first letter, as at a sentence start.
Whole words only; the leftmost, then longest, candidate wins; a possessive ("China's") ends
the word, so it needs no special entry.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from atlas.model import Article, Entity, Mention, Record


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    surface: str
    entities: tuple[str, ...]  # one slug; several when the name is ambiguous; none for a blocker


@dataclass(frozen=True, slots=True)
class Phrase:
    """A name matched only with its context: 'in [Turkey]' links 'Turkey' (text[start:end])."""

    text: str
    start: int
    end: int
    slug: str | None  # None: a longer name that is no entity ("New Mexico"): it links nowhere


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _continues_word(text: str, index: int, step: int) -> bool:
    """Does the character at `index` (looking in direction `step`) extend the word?

    A hyphen between letters joins words ("Kayser-Bril"), so a name never matches half of one.
    """
    if not 0 <= index < len(text):
        return False
    char = text[index]
    if _is_word_char(char):
        return True
    beyond = index + step
    return char in "-‐" and 0 <= beyond < len(text) and _is_word_char(text[beyond])


class Matcher:
    """Built once per build from the whole catalog; `find` is linear in the text's length.

    `extra_names` adds names to match for an entity without making them its aliases (a
    country's ISO names); `phrases` are names matched only in context, or to link nowhere."""

    def __init__(
        self,
        entities: list[Entity],
        extra_names: dict[str, tuple[str, ...]] | None = None,
        phrases: list[Phrase] | tuple[Phrase, ...] = (),
    ) -> None:
        surfaces: dict[str, set[str]] = {}
        for entity in entities:
            for name in entity.names:
                surfaces.setdefault(name, set()).add(entity.slug)
        written = set(surfaces)
        for slug, names in sorted((extra_names or {}).items()):
            for name in names:
                if name not in written:
                    surfaces.setdefault(name, set()).add(slug)
        # Capitalised variants never override a name someone wrote.
        variants: dict[str, set[str]] = {}
        for name, slugs in surfaces.items():
            if name[:1].islower():
                variants.setdefault(name[0].upper() + name[1:], set()).update(slugs)
        for name, slugs in variants.items():
            surfaces.setdefault(name, slugs)
        self._automaton = ahocorasick.Automaton()
        for name in sorted(surfaces):
            self._automaton.add_word(name, (name, tuple(sorted(surfaces[name])), 0, len(name)))
        for phrase in phrases:
            if phrase.text not in surfaces:
                slugs = (phrase.slug,) if phrase.slug else ()
                self._automaton.add_word(phrase.text, (phrase.text, slugs, phrase.start, phrase.end))
        self._empty = not surfaces and not phrases
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        if self._empty:
            return []
        candidates: list[tuple[int, int, Match]] = []  # (whole start, whole end, the linked part)
        for last, (surface, slugs, link_start, link_end) in self._automaton.iter(text):
            start = last + 1 - len(surface)
            if _continues_word(text, start - 1, -1) or _continues_word(text, last + 1, 1):
                continue
            linked = surface[link_start:link_end]
            candidates.append((start, last + 1, Match(start + link_start, start + link_end, linked, slugs)))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        chosen: list[Match] = []
        reached = 0
        for start, end, match in candidates:
            if start >= reached:
                chosen.append(match)
                reached = end
        return chosen


@dataclass(frozen=True, slots=True)
class Unlinked(Record):
    """An ambiguous name left unlinked: reported so an editor can bind it with a note."""

    article: str
    block: str
    start: int
    end: int
    surface: str
    entities: tuple[str, ...]


def annotate(article: Article, matcher: Matcher) -> tuple[list[Mention], list[Unlinked]]:
    """Every mention in the article's paragraphs and captions (headings are left alone)."""
    mentions: list[Mention] = []
    unlinked: list[Unlinked] = []
    for block in article.text_blocks:
        for match in matcher.find(block.text):
            if not match.entities:
                continue  # a name that is no entity, matched so that no shorter name inside it links
            if len(match.entities) == 1:
                mentions.append(
                    Mention(article.slug, block.anchor, match.start, match.end, match.entities[0], match.surface)
                )
            else:
                unlinked.append(
                    Unlinked(article.slug, block.anchor, match.start, match.end, match.surface, match.entities)
                )
    return mentions, unlinked


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def apply_bindings(
    mentions: list[Mention], unlinked: list[Unlinked], bindings: list[tuple[Mention, bool]]
) -> tuple[list[Mention], list[Unlinked]]:
    """Editors' bindings win over matching: each replaces whatever matched where it stands.

    A binding is a mention from a note, and whether it links (False: `entity=none`). Bindings
    apply in order, so a later one also replaces an earlier one it overlaps.
    """
    by_place: dict[tuple[str, str], list[tuple[int, Mention]]] = {}
    for order, (bound, _) in enumerate(bindings):
        by_place.setdefault((bound.article, bound.block), []).append((order, bound))

    def cleared(m: Mention | Unlinked, after: int = -1) -> bool:
        """Replaced by a binding (one that comes after `after`, for a binding itself)."""
        place = by_place.get((m.article, m.block), ())
        return any(order > after and _overlaps(m.start, m.end, b.start, b.end) for order, b in place)

    kept = [b for order, (b, links) in enumerate(bindings) if links and not cleared(b, order)]
    places = by_place.keys()  # most mentions are in no bound block: not even a call for them
    mentions = [m for m in mentions if (m.article, m.block) not in places or not cleared(m)]
    return mentions + kept, [u for u in unlinked if not cleared(u)]
