"""Names in the articles that the catalog does not cover, for `build.py --report`. Pure.

Candidates are proper-noun sequences ("Hoan Ton-That", "Ministry of Justice"), acronyms
("DNA"), and "the X of Y" bodies ("the interior ministry"), minus what is already linked.
A lone capitalised word that starts a sentence is only a candidate if it is also
capitalised elsewhere mid-sentence ("The" and "According" are not names).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from atlas.link.sentences import sentence_around, sentence_spans
from atlas.model import Article, Mention

_WORD = r"[A-Z][\w’'&-]*[\w]|[A-Z]"
_PROPER = re.compile(rf"(?:{_WORD})(?:(?:\s+(?:of|for|and|de|du|la|von|van)\s+|\s+)(?:{_WORD}))*")
_BODY = re.compile(
    r"\bthe\s+(?:[a-z]+\s+)?(?:ministry|department|agency|police|commission|council|court|parliament|government)"
    r"(?:\s+of\s+[A-Z]\w+)?"
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


@dataclass(frozen=True)
class Candidate:
    name: str
    count: int
    example: str  # the first sentence it occurs in
    where: str  # articles/<slug>.txt#<anchor>


def missing_names(articles: list[Article], mentions: list[Mention]) -> list[Candidate]:
    covered: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for mention in mentions:
        covered.setdefault((mention.article, mention.block), []).append((mention.start, mention.end))
    found: list[tuple[str, str, str]] = []  # (name, example, where)
    mid_sentence: set[str] = set()
    starts: list[tuple[str, str, str]] = []
    for article in articles:
        for block in article.text_blocks:
            spans = covered.get((article.slug, block.anchor), [])
            starts_at = {start for start, _ in sentence_spans(block.text)}
            starts_at |= {s + 1 for s in starts_at if block.text[s : s + 1] in "\"'“‘("}
            for match in [*_PROPER.finditer(block.text), *_BODY.finditer(block.text)]:
                start, name = _trim(match.start(), _POSSESSIVE.sub("", match.group().strip()))
                end = start + len(name)
                if not name:
                    continue
                if any(s < end and start < e for s, e in spans):
                    continue
                sentence = block.text[slice(*sentence_around(block.text, start))]
                where = f"{article.path}#{block.anchor}"
                if start in starts_at and " " not in name and not name.isupper():
                    starts.append((name, sentence, where))
                    continue
                mid_sentence.add(name)
                found.append((name, sentence, where))
    found.extend(entry for entry in starts if entry[0] in mid_sentence)
    counts = Counter(name for name, _, _ in found)
    first = {}
    for name, sentence, where in found:
        first.setdefault(name, (sentence, where))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))
    return [Candidate(name, count, *first[name]) for name, count in ranked]


def _trim(start: int, name: str) -> tuple[int, str]:
    """Drop leading sentence words ("In", "The") and single letters; keep the offset right."""
    words = name.split(" ")
    while words and (words[0] in _NOT_NAMES or len(words[0]) == 1):
        start += len(words[0]) + 1
        words = words[1:]
    while words and words[-1] in {"of", "for", "and", "de", "du", "la", "von", "van"}:
        words = words[:-1]
    return start, " ".join(words)


def format_report(candidates: list[Candidate], warnings: list[str] = ()) -> str:  # type: ignore[assignment]
    if not candidates:
        lines = ["Every name in the articles is covered by the catalog."]
    else:
        lines = [f"{len(candidates)} name(s) in the articles have no entity page (most frequent first):"]
    for candidate in candidates:
        lines.append(f"{candidate.count:4d}  {candidate.name} — “{candidate.example}” ({candidate.where})")
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
                "example": candidate.example,
                "article": path.removeprefix("articles/").removesuffix(".txt"),
                "anchor": anchor,
            }
        )
    return {"names": names, "drafts": list(drafts), "warnings": list(warnings)}
