"""Guess what kind of entity a name is, from the words around its every use. Pure.

Each use of a name (the words as written, in their sentence) may give cues: a word of the
name ("… Police", "… Holdings"), a description right before it ("the campaign group X",
"Chief executive X") or in an apposition after it ("X, a Vancouver-based start-up", "X, a
52-year-old resident"), and what the sentence does with it ("said X", "the killing of X",
"told X", "X-based", "supplied by X"). The words live in `data/type_cues.yml`. Each kind of
cue counts once per type, at its strongest, so a name said to "say it" ten times does not
outweigh one "a Belgian firm". A personal name is recognised from context, never from a list
of given names. When no cue is found, or a rival type comes close, the guess is uncertain.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from atlas.link.wordlists import titles

_CUES_FILE = Path(__file__).resolve().parent / "data" / "type_cues.yml"
DEFAULT = "organisations"  # the folder of a name nothing describes
PRODUCTS = "products"  # not a folder: the name of a product, for its maker's page
_LAW_NAME = re.compile(r"\b(?:Act|Regulation|Directive|Law|Bill|Convention|Charter|Code)\b|^GDPR$")
_SMALL_WORDS = re.compile(r"\s+(?:of|for)\s+")
_CLOSE = 0.6  # a rival type with this share of the best score makes the guess uncertain
_DETERMINER = r"(?:a|an|the|its|their|his|her|our|one|another)"
_BOUNDARY = re.compile(r"[,.;:!?()\"“”]|\s(?:that|which|who|whose|where|founded|based|with|for|at|in|of|from|and|said|says|has|had|is|was|to)\b")  # fmt: skip
_PRONOUN_PERSON = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
# "police DNA records": a name followed by a common noun is itself describing that noun.
_NOUN_AFTER = re.compile(
    r"^\s+(?!(?:also|and|or|but|in|on|at|for|with|to|from|of|by|as|has|have|had|is|was|are|were|will|would|could|can|may|said|says|told|added|did|does|who|which|that)\b)[a-z]+\b(?<!ed)"
)


@dataclass(frozen=True)
class Cue:
    type: str  # an entity folder, or PRODUCTS
    weight: int
    kind: str  # which rule: a kind counts once per type
    words: str  # the words that gave it, as written


@dataclass(frozen=True)
class TypeGuess:
    type: str  # the folder the draft goes in (never PRODUCTS)
    cues: tuple[Cue, ...] = ()
    uncertain: bool = True
    product: bool = False  # the uses describe a product, not an entity of its own
    scores: dict[str, int] = field(default_factory=dict)

    def words_for(self, folder: str) -> list[str]:
        """The cue words that spoke for a type, strongest first, each once."""
        ranked = sorted((c for c in self.cues if c.type == folder), key=lambda c: -c.weight)
        return list(dict.fromkeys(c.words for c in ranked))

    @property
    def rival(self) -> str | None:
        """The next best type, when the uses gave it any cue."""
        others = sorted(((s, t) for t, s in self.scores.items() if t not in (self.type, PRODUCTS)), reverse=True)
        return others[0][1] if others else None

    def deciding(self) -> list[tuple[str, str]]:
        """(type, its words) for the guess, and for the rival when the guess is uncertain."""
        chosen = PRODUCTS if self.product else self.type
        decided = "; ".join(f"“{w}”" for w in self.words_for(chosen)[:3]) or "no cue in the sentences"
        found = [(chosen, decided)]
        if self.uncertain and self.rival:
            found.append((self.rival, "; ".join(f"“{w}”" for w in self.words_for(self.rival)[:2])))
        return found

    def evidence(self) -> str:
        """One line: the words that decided, and a rival's when the guess is uncertain."""
        found = self.deciding()
        return found[0][1] + (f" (but {found[1][0]}: {found[1][1]})" if len(found) > 1 else "")


@functools.cache
def _cue_data() -> dict[str, dict[str, list[str]] | list[str]]:
    data: dict[str, dict[str, list[str]] | list[str]] = yaml.safe_load(_CUES_FILE.read_text(encoding="utf-8"))
    return data


@functools.cache
def _name_words() -> dict[str, str]:
    words = _cue_data()["name_words"]
    assert isinstance(words, dict)
    return {word: folder for folder, listed in words.items() for word in listed}


@functools.cache
def _descriptions() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """Description → type (titles count for people), a pattern for one right before a name,
    and one for the head of an apposition's noun phrase."""
    listed = _cue_data()["descriptions"]
    assert isinstance(listed, dict)
    types = {word.lower(): folder for folder, words in listed.items() for word in words}
    for title in titles():
        types.setdefault(title.lower(), "people")
    alternatives = "|".join(re.escape(w) for w in sorted(types, key=len, reverse=True))
    before = re.compile(rf"(?<![\w-])(?P<desc>{alternatives}),?\s+$", re.IGNORECASE)
    head = re.compile(rf"(?<![\w])(?P<desc>{alternatives})$", re.IGNORECASE)
    return types, before, head


@functools.cache
def _advocacy_verbs() -> re.Pattern[str]:
    verbs = _cue_data()["advocacy_verbs"]
    assert isinstance(verbs, list)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))})\b", re.IGNORECASE)


def is_law(name: str) -> bool:
    return bool(_LAW_NAME.search(name))


# Rules over one use: (type, weight, kind, pattern before the name, pattern after it). The
# words of the match are the cue's words.
_CONTEXT: tuple[tuple[str, int, str, str, str], ...] = (
    ("people", 3, "said", r"\bsaid\s+(?:(?!(?:the|a|an|its|their)\b)[a-z][\w-]*\s+){0,3}$", r"^(?!\s+(?:it|its)\b)"),
    ("people", 2, "said", r"", r"^,?\s+(?:said|says|told|wrote|added)\s+(?:he|she|his|her)\b"),
    ("people", 3, "family", r"\b(?:killing|death|murder|shooting|funeral|family|relatives|widow|arrest)\s+of\s+$", r""),
    (
        "people",
        2,
        "family",
        r"",
        r"^['’]s\s+(?:wife|husband|son|daughter|mother|father|family|phone|arrest|death|lawyer|home|car)\b",
    ),
    ("people", 2, "who", r"", r"^,\s+who\b"),
    ("people", 2, "of-body", r"", r"^\s+of\s+(?:the\s+)?[A-Z]"),  # "Tracy Rosenberg of Oakland Privacy"
    (
        "people",
        2,
        "title-after",
        r"",
        r"^,\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}(?:spokesman|spokeswoman|spokesperson|director|founder|chief executive|chair|chairman|chairwoman|president|professor|lawyer)\b",
    ),
    (DEFAULT, 1, "which", r"", r"^,\s+which\b"),
    (DEFAULT, 1, "statement", r"", r"^\s+(?:said|says|told)\s+(?:it|its)\b|^\s+(?:said|says)\s+in\s+a\s+statement\b"),
    (
        DEFAULT,
        1,
        "employer",
        r"\b(?:lawyer|spokesperson|spokesman|spokeswoman|analysts?|researchers?|officials?|members?|staff|employees?|executives?|director|president|founder|head)\s+(?:for|at|with|from)\s+(?:the\s+)?$",
        r"",
    ),
    ("media", 2, "told", r"\btold\s+(?:the\s+)?$", r""),
    ("media", 3, "seen-by", r"\b(?:reviewed|seen|obtained|reported|published|revealed)\s+by\s+(?:the\s+)?$", r""),
    ("media", 2, "reported", r"", r"^\s+(?:reported|revealed)\b"),
    (
        "vendors",
        2,
        "makes",
        r"\b(?:made|supplied|developed|built|sold|provided|designed)\s+by\s+(?:the\s+)?(?:[\w’'-]+-[a-z]+\s+)?$",
        r"",
    ),
    (
        "vendors",
        2,
        "makes",
        r"\b(?:software|technology|system|systems|tools?|cameras|products?)\s+(?:from|by)\s+$",
        r"",
    ),
    ("vendors", 2, "sells", r"", r"^,?\s+(?:which\s+)?(?:sells|supplies|makes|markets|develops|builds)\b"),
    ("countries", 3, "based", r"", r"^-based\b"),
    ("countries", 3, "city-of", r"\b(?:city|town|state|province|county|region)\s+of\s+$", r""),
    ("countries", 2, "place-noun", r"", r"^\s+(?:resident|residents|police|area|suburb|district)\b"),
    ("countries", 1, "in", r"\b(?:in|across|near|outside|throughout)\s+$", r""),
    ("advocacy", 2, "chapter", r"\b(?:local|state|national)\s+(?:chapter|chapters|branch)\s+of\s+(?:the\s+)?$", r""),
    (
        "advocacy",
        2,
        "campaigns",
        r"",
        r"^,?\s+(?:which\s+|who\s+)?(?:campaigns|campaigned|lobbies|lobbied|advocates|petitioned)\b",
    ),
    (PRODUCTS, 3, "called", r"\b(?:called|named|dubbed|known\s+as)\s+$", r""),
)


@functools.cache
def _context_rules() -> tuple[tuple[str, int, str, re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    return tuple(
        (folder, weight, kind, re.compile(before) if before else None, re.compile(after) if after else None)
        for folder, weight, kind, before, after in _CONTEXT
    )


def name_cues(name: str) -> list[Cue]:
    """A word of the name before any 'of'/'for': the last such word (the head) counts most."""
    head = _SMALL_WORDS.split(name, maxsplit=1)[0]
    found = [(w, _name_words()[w]) for w in (re.sub(r"['’]s$", "", w) for w in head.split()) if w in _name_words()]
    cues = [Cue(folder, 1, "name", word) for word, folder in found[:-1]]
    return [*cues, Cue(found[-1][1], 2, "name", found[-1][0])] if found else []


def _use_cues(surface: str, sentence: str, person_shaped: bool) -> Iterable[Cue]:
    """Cues from one sentence, at every place the surface stands in it."""
    types, before_pattern, head_pattern = _descriptions()
    for match in re.finditer(rf"(?<![\w]){re.escape(surface)}(?![\w])", sentence):
        before, after = sentence[: match.start()], sentence[match.end() :]
        if (described := before_pattern.search(before)) and not _NOUN_AFTER.match(after):
            word = described.group("desc")
            folder = types[word.lower()]
            if folder != "people" or person_shaped:
                yield Cue(folder, 3, "described", word)
        yield from _apposition(after, types, head_pattern, person_shaped)
        for folder, weight, kind, left, right in _context_rules():
            if folder == "people" and not person_shaped:
                continue
            if (left is None or (hit := left.search(before))) and (right is None or right.search(after)):
                if left is not None:
                    words = hit.group().strip()
                else:
                    words = (right.search(after).group() if right else "").strip(" ,") or surface  # type: ignore[union-attr]
                yield Cue(folder, weight, kind, words or surface)
        if person_shaped and match.start() == 0 and _PRONOUN_PERSON.search(after.split(".")[0]):
            yield Cue("people", 1, "pronoun", _PRONOUN_PERSON.search(after).group())  # type: ignore[union-attr]


def _apposition(after: str, types: dict[str, str], head: re.Pattern[str], person_shaped: bool) -> Iterable[Cue]:
    """ "X, a Vancouver-based start-up that …": the head noun of the phrase after the comma."""
    match = re.match(rf",\s+{_DETERMINER}\s+", after, re.IGNORECASE)
    if not match:
        return
    rest = after[match.end() :]
    end = _BOUNDARY.search(rest)
    if end and re.match(r"\s(?:said|says)\b", rest[end.start() :]):
        return  # "…, the company said": who is speaking, not a description
    phrase = rest[: end.start()] if end else rest
    if described := head.search(phrase.strip()):
        word = described.group("desc")
        folder = types[word.lower()]
        words = f"{match.group().strip(', ')} {phrase.strip()}"
        clause = rest[end.start() : end.start() + 60].split(",")[0] if end else ""
        if folder == DEFAULT and _advocacy_verbs().search(clause):
            folder, words = "advocacy", words + clause  # "a Wellington group that campaigns"
        if folder != "people" or person_shaped:
            yield Cue(folder, 3, "apposition", words)


def person_shaped(name: str) -> bool:
    """Could it be a personal name at all: two to four capitalised words, none an organisation's."""
    words = name.split()
    return 1 <= len(words) <= 4 and not name.isupper() and not name_cues(name) and not is_law(name)


def weigh_type(name: str, uses: Sequence[tuple[str, str]], place: bool = False) -> TypeGuess:
    """The guess from every use: (surface as written, its sentence). `place`: a known place name."""
    shaped = person_shaped(name)
    cues = name_cues(name)
    if place:
        cues.append(Cue("countries", 2, "place-name", name))
    for surface, sentence in uses:
        cues.extend(_use_cues(surface, sentence, shaped and (len(name.split()) >= 2 or surface != name)))
    strongest: dict[tuple[str, str], Cue] = {}
    for cue in cues:
        key = (cue.type, cue.kind)
        if key not in strongest or cue.weight > strongest[key].weight:
            strongest[key] = cue
    scores: dict[str, int] = {}
    for cue in strongest.values():
        scores[cue.type] = scores.get(cue.type, 0) + cue.weight
    if len(name.split()) > 3:
        scores.pop("countries", None)  # a place is not named in four words
    if not scores:
        return TypeGuess(DEFAULT, tuple(cues), uncertain=True)
    order = sorted(scores, key=lambda t: (-scores[t], _first_seen(cues, t)))
    best = order[0]
    product = best == PRODUCTS
    if product:
        order = order[1:] or [DEFAULT]
        best = order[0]
    rival = next((t for t in order if t != best and t != PRODUCTS), None)
    uncertain = best not in scores or (rival is not None and scores[rival] >= _CLOSE * scores[best])
    return TypeGuess(best, tuple(cues), uncertain, product, scores)


def _first_seen(cues: list[Cue], folder: str) -> int:
    return next(i for i, c in enumerate(cues) if c.type == folder)


def guess_type(name: str, sentences: list[str]) -> str:
    """One of the entity folders; 'organisations' when nothing tells."""
    return weigh_type(name, [(name, s) for s in sentences]).type
