"""Names in the articles that the catalog does not cover, for `build.py --report`. Pure.

Candidates are proper-noun sequences ("Hoan Ton-That", "Ministry of Justice"), acronyms
("DNA"), and "the X of Y" bodies ("the interior ministry"). Linked names are masked first, so
a name beside one ("Privacy International and Open Rights Group") is still found; a title
before a person's name is dropped ("Commissioner John Edwards"); an acronym the text defines
counts for its long name. A lone capitalised word that starts a sentence is only a candidate
if it is also capitalised elsewhere mid-sentence, or is a country ("The" and "According" are
not names). Each gets a guessed type; laws and bare acronyms are ranked apart.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from atlas.link.acronyms import Definition, occurrences
from atlas.link.sentences import sentence_around, sentence_spans
from atlas.link.typeguess import guess_type, is_law
from atlas.model import Article, Mention

_WORD = r"[A-Z][\w’'&-]*[\w]|[A-Z]"
_PROPER = re.compile(rf"(?:{_WORD})(?:(?:\s+(?:of|for|and|de|du|la|von|van)\s+|\s+)(?:{_WORD}))*")
_BODY = re.compile(
    r"\bthe\s+(?:[a-z]+\s+)?(?:ministry|department|agency|police|commission|council|court|parliament|government)"
    r"(?:\s+of\s+[A-Z]\w+)?\b"
)
_POSSESSIVE = re.compile(r"['’]s$")
# Words that start sentences or name dates, not bodies: dropped from the front of a candidate.
_NOT_NAMES = set(
    [
        "A",
        "An",
        "The",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "Of",
        "To",
        "But",
        "And",
        "Or",
        "As",
        "If",
        "It",
        "Its",
        "That",
        "This",
        "These",
        "Those",
        "While",
        "When",
        "Where",
        "Which",
        "Who",
        "According",
        "After",
        "Before",
        "During",
        "Since",
        "Until",
        "With",
        "Without",
        "Although",
        "Because",
        "However",
        "I",
        "We",
        "He",
        "She",
        "They",
        "You",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)


_NOT_ENTITIES_FILE = Path(__file__).resolve().parent / "data" / "not_entities.txt"
# "UK Information Commissioner John Edwards" → John Edwards: a title, then the name.
_TITLED = re.compile(
    r"^(?:.*\s)?(?:Commissioner|Minister|Secretary|President|Director|Chief|Executive|Officer|Senator|Judge|"
    r"Justice|Professor|Dr|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Chairman|Chairwoman|Mayor|Governor|Inspector|"
    r"Superintendent|Constable|Sergeant|Detective|Spokesman|Spokeswoman|CEO)\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})$"
)
_FILE_PHOTO = re.compile(r"^[A-Z]{2,}\s+[-–—]\s+")  # a wire photo's "FILE - " tag
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
KINDS = ("name", "law", "acronym")  # the report's order: likely names, then laws, then acronyms and words


@functools.cache
def not_entities() -> frozenset[str]:
    lines = _NOT_ENTITIES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip())


@dataclass(frozen=True)
class Candidate:
    name: str
    count: int
    example: str  # the first sentence it occurs in
    where: str  # articles/<slug>.txt#<anchor>
    type: str = "organisations"  # the guessed entity folder
    kind: str = "name"  # one of KINDS
    acronym: str | None = None  # defined in the text: "Long Name (ABBR)"


def missing_names(
    articles: list[Article],
    mentions: list[Mention],
    undefined: list[tuple[str, Definition]] = (),  # type: ignore[assignment]
    places: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Names the catalog does not cover: likely names first, then laws, then acronyms and words.

    `undefined` are acronyms the articles define by a name the catalog lacks (reported under
    that name); `places` are country names, kept even when they only start sentences."""
    covered: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for mention in mentions:
        covered.setdefault((mention.article, mention.block), []).append((mention.start, mention.end))
    acronyms = {(slug, d.abbr): d for slug, d in undefined}
    found: list[tuple[str, str, str]] = []  # (name, sentence, where)
    mid_sentence: set[str] = set()
    starts: list[tuple[str, str, str]] = []
    skip = not_entities()
    # A lone word also written in lower case somewhere ("Campaigners", "campaigners") is no name.
    lower_words = {w for a in articles for b in a.text_blocks for w in re.findall(r"\b[a-z][\w’'-]*", b.text)}
    for article in articles:
        defined = {abbr: d for (slug, abbr), d in acronyms.items() if slug == article.slug}
        for block in article.text_blocks:
            text = block.text
            spans = list(covered.get((article.slug, block.anchor), []))
            where = f"{article.path}#{block.anchor}"
            for definition in defined.values():  # each use of the acronym counts for its long name
                uses = occurrences(text, definition.abbr)
                if definition.block == block.anchor:
                    uses.append((definition.start, definition.end))
                for start, _end in uses:
                    found.append((definition.long, text[slice(*sentence_around(text, start))], where))
                    mid_sentence.add(definition.long)
                spans.extend(uses)
            # Linked names and defined acronyms are masked, so a name beside one is found alone.
            masked = list(text)
            for start, end in spans:
                masked[start:end] = "\0" * (end - start)
            masked_text = "".join(masked)
            glued = {end: start for start, end in spans}  # a name right after a linked one extends it
            starts_at = {start for start, _ in sentence_spans(text)}
            starts_at |= {s + 1 for s in starts_at if text[s : s + 1] in "\"'“‘("}
            starts_at |= {m.end() for m in _FILE_PHOTO.finditer(text)}  # "FILE - Campaigners …" starts anew
            for match in [*_PROPER.finditer(masked_text), *_BODY.finditer(masked_text)]:
                start, name = _trim(match.start(), _POSSESSIVE.sub("", match.group().strip()))
                if name and start - 1 in glued and text[start - 1] == " " and match.start() == start:
                    # "European Union" where "European" links elsewhere: the whole is the name.
                    start = glued[start - 1]
                    name = text[start : match.start() + len(match.group().strip())]
                    name = _POSSESSIVE.sub("", name)
                if titled := _TITLED.match(name):
                    start, name = start + titled.start("name"), titled.group("name")
                if not name or name in skip or (" " not in name and name.lower() in lower_words):
                    continue
                sentence = text[slice(*sentence_around(text, start))]
                if start in starts_at and " " not in name and not name.isupper():
                    starts.append((name, sentence, where))
                    continue
                mid_sentence.add(name)
                found.append((name, sentence, where))
    found.extend(entry for entry in starts if entry[0] in mid_sentence or entry[0] in places)
    # A surname alone ("Edwards said") counts for the full name it ends ("John Edwards").
    full = {n.split()[-1]: n for n, _, _ in found if " " in n and n.split()[-1][:1].isupper()}
    found = [(full.get(name, name) if " " not in name else name, s, w) for name, s, w in found]
    counts = Counter(name for name, _, _ in found)
    sentences: dict[str, list[str]] = {}
    first: dict[str, tuple[str, str]] = {}
    for name, sentence, where in found:
        first.setdefault(name, (sentence, where))
        sentences.setdefault(name, []).append(sentence)
    long_to_abbr = {d.long: d.abbr for _, d in undefined}
    candidates = []
    for name, count in counts.items():
        guessed = guess_type(name, sentences[name][:8])
        # A bare acronym is only ranked with the names when its sentences say what it is ("supplied by NEC").
        bare = _ACRONYM.match(name) and (guessed == "organisations" or name.endswith("s"))
        kind = "law" if is_law(name) else "acronym" if bare else "name"
        candidates.append(Candidate(name, count, *first[name], guessed, kind, long_to_abbr.get(name)))
    return sorted(candidates, key=lambda c: (KINDS.index(c.kind), -c.count, c.name.lower()))


def _trim(start: int, name: str) -> tuple[int, str]:
    """Drop leading sentence words ("In", "The") and single letters; keep the offset right."""
    words = name.split(" ")
    while words and (words[0] in _NOT_NAMES or len(words[0]) == 1):
        start += len(words[0]) + 1
        words = words[1:]
    while words and words[-1] in {"of", "for", "and", "de", "du", "la", "von", "van"}:
        words = words[:-1]
    return start, " ".join(words)


def format_report(candidates: list[Candidate], warnings: list[str] = (), drafts: list[str] = ()) -> str:  # type: ignore[assignment]
    if not candidates:
        lines = ["Every name in the articles is covered by the catalog."]
    else:
        lines = [f"{len(candidates)} name(s) in the articles have no entity page (likely names first, most frequent first):"]  # fmt: skip
    headings = {"law": "Laws and regulations:", "acronym": "Acronyms and common words (often not entities):"}
    kind = "name"
    for candidate in candidates:
        if candidate.kind != kind:
            kind = candidate.kind
            lines.append(headings[kind])
        acronym = f" ({candidate.acronym})" if candidate.acronym else ""
        guess = "" if kind == "law" else f" [{candidate.type}?]"
        lines.append(
            f"{candidate.count:4d}  {candidate.name}{acronym}{guess} — “{candidate.example}” ({candidate.where})"
        )
    if drafts:
        lines.append(f"{len(drafts)} draft page(s) to review (write the summary, then remove 'draft: true'):")
        lines.extend(f"  {path}" for path in drafts)
    if warnings:
        lines.append(f"{len(warnings)} warning(s):")
        lines.extend(f"  {warning}" for warning in warnings)
    return "\n".join(lines) + "\n"


def report_json(
    candidates: list[Candidate], warnings: list[str], drafts: list[dict[str, object]] = ()
) -> dict[str, object]:  # type: ignore[assignment]
    """`--report --json`: one object, names beside the drafts and the warnings."""
    names = []
    for candidate in candidates:
        path, anchor = candidate.where.split("#", 1)
        names.append(
            {
                "name": candidate.name,
                "count": candidate.count,
                "type": candidate.type,
                "kind": candidate.kind,
                "acronym": candidate.acronym,
                "example": candidate.example,
                "article": path.removeprefix("articles/").removesuffix(".txt"),
                "anchor": anchor,
            }
        )
    return {"names": names, "drafts": list(drafts), "warnings": list(warnings)}
