"""Names in the articles that the catalog does not cover, for `build.py --report`. Pure.

The candidates come from `candidates.py` (names, not phrases). Here they are counted, per
name: a lone surname counts for the person named in full in the same story; an acronym the
text defines counts for its long name; a lone capitalised word that only ever starts a
sentence is no name ("The", "According"), unless it is a country. Each name gets a guessed
type with the words that decided it (`typeguess.py`); products, laws and bare acronyms are
ranked apart, and among the likely names the uncertain guesses come first, for review.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from atlas.link.acronyms import Definition
from atlas.link.candidates import Occurrence, article_candidates
from atlas.link.duplicates import Duplicate
from atlas.link.typeguess import TypeGuess, is_law, person_shaped, weigh_type
from atlas.model import Article, Mention

_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
# The report's order: likely names, then products, laws, and acronyms and words.
KINDS = ("name", "product", "law", "acronym")
USES_READ = 24  # uses of a name the type guess reads: enough to see its descriptions


@dataclass(frozen=True)
class Candidate:
    name: str
    count: int
    example: str  # the first sentence it occurs in
    where: str  # articles/<slug>.txt#<anchor>
    type: str = "organisations"  # the guessed entity folder
    kind: str = "name"  # one of KINDS
    acronym: str | None = None  # defined in the text: "Long Name (ABBR)"
    evidence: str = ""  # the words that decided the type
    uncertain: bool = False  # no cue, or cues for two types
    rival: str | None = None  # the other type the cues spoke for
    surname: bool = False  # a lone surname never named in full in its story
    stories: tuple[str, ...] = ()  # the articles it occurs in
    cues: tuple[tuple[str, str], ...] = ()  # (type, the words for it): the guess, and its rival if uncertain


def missing_names(
    articles: list[Article],
    mentions: list[Mention],
    undefined: list[tuple[str, Definition]] = (),  # type: ignore[assignment]
    places: frozenset[str] = frozenset(),
    regions: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Names the catalog does not cover: likely names first, then products, laws, acronyms.

    `undefined` are acronyms the articles define by a name the catalog lacks (reported under
    that name); `places` are country names, kept even when they only start sentences;
    `regions` other known places (a cue for the type guess)."""
    covered: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for mention in mentions:
        covered.setdefault(mention.article, {}).setdefault(mention.block, []).append((mention.start, mention.end))
    defined: dict[str, list[Definition]] = {}
    for slug, definition in undefined:
        defined.setdefault(slug, []).append(definition)
    # A lone word also written in lower case somewhere ("Campaigners", "campaigners") is no name.
    lower_words = frozenset(w for a in articles for b in a.text_blocks for w in re.findall(r"\b[a-z][\w’'-]*", b.text))
    known_places = places | regions
    found: list[Occurrence] = []
    for article in articles:
        found.extend(_fold_surnames(list(article_candidates(
            article, covered.get(article.slug, {}), defined.get(article.slug, []), known_places, lower_words
        ))))  # fmt: skip
    mid_sentence = {o.name for o in found if not o.starts_sentence}
    found = [o for o in found if not o.starts_sentence or o.name in mid_sentence or o.name in places]
    by_name: dict[str, list[Occurrence]] = {}
    for occurrence in found:
        by_name.setdefault(occurrence.name, []).append(occurrence)
    long_to_abbr = {d.long: d.abbr for _, d in undefined}
    candidates = [
        _candidate(name, uses, long_to_abbr.get(name), name in known_places) for name, uses in by_name.items()
    ]
    return sorted(candidates, key=lambda c: (KINDS.index(c.kind), not c.uncertain, -c.count, c.name.lower()))


def _fold_surnames(found: list[Occurrence]) -> list[Occurrence]:
    """Within one story, a lone surname ("Edwards said", "Commissioner Smith") is the person
    it names in full there; across stories a surname is folded into no one."""
    full: dict[str, set[str]] = {}
    for occurrence in found:
        words = occurrence.name.split()
        if len(words) >= 2 and person_shaped(occurrence.name):
            full.setdefault(words[-1], set()).add(occurrence.name)
    folded = []
    for occurrence in found:
        names = full.get(occurrence.name, set()) if " " not in occurrence.name else set()
        if len(names) == 1:
            occurrence = dataclasses.replace(occurrence, name=next(iter(names)), starts_sentence=False)
        folded.append(occurrence)
    return folded


def _candidate(name: str, uses: list[Occurrence], acronym: str | None, place: bool) -> Candidate:
    guess: TypeGuess = weigh_type(name, [(u.surface, u.sentence) for u in uses[:USES_READ]], place)
    # A bare acronym is only ranked with the names when its sentences say what it is ("supplied by NEC").
    bare = _ACRONYM.match(name) and (guess.uncertain or name.endswith("s"))
    kind = "law" if is_law(name) else "acronym" if bare else "product" if guess.product else "name"
    surname = " " not in name and guess.type == "people"
    stories = tuple(dict.fromkeys(u.article for u in uses))
    return Candidate(
        name, len(uses), uses[0].sentence, uses[0].where, guess.type, kind, acronym,
        guess.evidence(), guess.uncertain, guess.rival if guess.uncertain else None, surname, stories,
        tuple(guess.deciding()),
    )  # fmt: skip


def format_report(
    candidates: list[Candidate],
    warnings: list[str] = (),  # type: ignore[assignment]
    drafts: list[str] = (),  # type: ignore[assignment]
    duplicates: list[Duplicate] = (),  # type: ignore[assignment]
) -> str:
    if not candidates:
        lines = ["Every name in the articles is covered by the catalog."]
    else:
        lines = [f"{len(candidates)} name(s) in the articles have no entity page (likely names first, most frequent first):"]  # fmt: skip
    headings = {
        "product": "Products (a name for its maker's page, not a page of its own):",
        "law": "Laws and regulations:",
        "acronym": "Acronyms and common words (often not entities):",
    }
    kind = "name"
    for candidate in candidates:
        if candidate.kind != kind:
            kind = candidate.kind
            lines.append(headings[kind])
        acronym = f" ({candidate.acronym})" if candidate.acronym else ""
        guess = "" if kind == "law" else f" [{candidate.type}{' uncertain' if candidate.uncertain else ''}: {candidate.evidence}]"  # fmt: skip
        lines.append(
            f"{candidate.count:4d}  {candidate.name}{acronym}{guess} — “{candidate.example}” ({candidate.where})"
        )
    if drafts:
        lines.append(f"{len(drafts)} draft page(s) to review (write the summary, then remove 'draft: true'):")
        lines.extend(f"  {path}" for path in drafts)
    if duplicates:
        lines.append(
            f"{len(duplicates)} likely duplicate(s) (fold a page into another with build.py --merge SOURCE INTO):"
        )
        lines.extend(f"  {d.name} ({d.source}) → {d.same_as} ({d.into}): {d.evidence}" for d in duplicates)
    if warnings:
        lines.append(f"{len(warnings)} warning(s):")
        lines.extend(f"  {warning}" for warning in warnings)
    return "\n".join(lines) + "\n"


def report_json(
    candidates: list[Candidate],
    warnings: list[str],
    drafts: list[dict[str, object]] = (),  # type: ignore[assignment]
    duplicates: list[dict[str, object]] = (),  # type: ignore[assignment]
) -> dict[str, object]:
    """`--report --json`: one object, names beside the drafts, the likely duplicates and the warnings."""
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
                "type_evidence": candidate.evidence,
                "type_uncertain": candidate.uncertain,
                "rival_type": candidate.rival,
                "example": candidate.example,
                "article": path.removeprefix("articles/").removesuffix(".txt"),
                "anchor": anchor,
            }
        )
    return {"names": names, "drafts": list(drafts), "duplicates": list(duplicates), "warnings": list(warnings)}
