"""Typed relations declared in entity front matter, each resolved to its evidence. Pure.

    relations:
      - subsidiary_of: canon
        evidence: "a subsidiary of Japanese multinational Canon"
      - exited: "topic: the facial recognition business"
        evidence: "IBM said it would exit the"
        claimed: false

`evidence` must occur (in `article`, when given, else in any story). Where several stories
carry the words (one wire story quoted by many outlets), the relation cites the earliest and
lists the others; where one story repeats them, the first is cited and a warning asks for
`prefix` or `suffix`, which choose between repeated words. Adding an article therefore never
breaks a relation declared elsewhere. `claimed: true` marks what a party says of itself:
shown as its claim, not as fact.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from atlas.errors import InputError
from atlas.link.vocabulary import RELATION_TYPES
from atlas.model import Article, Entity
from atlas.read.selectors import Anchor, Quote, TextIndex, describe, find_quote

TOPIC_PREFIX = "topic:"
_KEYS = {"evidence", "article", "prefix", "suffix", "claimed", "date", "amount", "currency"}
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class Relation:
    source: str  # entity slug
    type: str  # a key of RELATION_TYPES
    target: str | None  # entity slug, or None for a topic
    topic: str | None  # free-text target such as "the facial recognition business"
    quote: Quote
    anchor: Anchor  # where the cited story says it
    claimed: bool = False
    also: tuple[Anchor, ...] = ()  # the same words in other stories, earliest first
    date: str | None = None  # ISO 8601, when the sentence gives one
    amount: str | None = None  # a fine's amount, as written ("20 million")
    currency: str | None = None  # "EUR", "euros", …

    @property
    def key(self) -> str:
        """A short id that stays while the relation and its evidence do (an HTML anchor)."""
        words = "\0".join([self.source, self.type, self.target or f"topic:{self.topic}", self.quote.exact])
        return "r-" + hashlib.sha256(words.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class RelationSpec:
    """A relation as written, before its evidence is found."""

    source: Entity
    line: int
    type: str
    target: str
    quote: Quote
    article: str | None
    claimed: bool
    date: str | None = None
    amount: str | None = None
    currency: str | None = None


def parse_relations(
    entity: Entity, raw: object, lines: list[int], fallback_line: int
) -> tuple[list[RelationSpec], list[InputError]]:
    """Check the shape of each item of an entity's `relations` list."""
    specs: list[RelationSpec] = []
    errors: list[InputError] = []
    if not isinstance(raw, list):
        return [], [
            InputError(entity.path, fallback_line, "'relations' must be a list", "write '- funded_by: slug' items")
        ]
    for index, item in enumerate(raw):
        line = lines[index] if index < len(lines) else fallback_line

        def error(message: str, fix: str, line: int = line) -> None:
            errors.append(InputError(entity.path, line, message, fix))

        if not isinstance(item, dict):
            error("a relation must be a mapping", "write '- funded_by: slug' with 'evidence: \"…\"' below it")
            continue
        types = [k for k in item if k not in _KEYS]
        if len(types) != 1 or types[0] not in RELATION_TYPES:
            unknown = [k for k in types if k not in RELATION_TYPES]
            close = difflib.get_close_matches(unknown[0], RELATION_TYPES, n=1) if unknown else []
            what = f"unknown relation type '{unknown[0]}'" if unknown else "a relation needs exactly one type"
            fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(RELATION_TYPES)}"
            error(what, fix)
            continue
        evidence = item.get("evidence")
        if not isinstance(evidence, str) or not evidence.strip():
            error(f"the '{types[0]}' relation has no evidence", 'add evidence: "the exact words from the article"')
            continue
        target = item[types[0]]
        if not isinstance(target, str) or not target.strip():
            error(f"the '{types[0]}' relation has no target", f"write '{types[0]}: <entity slug>'")
            continue
        date = item.get("date")
        if isinstance(date, datetime.date):
            date = date.isoformat()  # YAML reads 2022-03-09 as a date
        if date is not None and not (isinstance(date, str) and _ISO_DATE.fullmatch(date)):
            error(f"the '{types[0]}' relation's date '{date}' is not an ISO date", "write date: YYYY-MM-DD (or YYYY-MM, YYYY)")  # fmt: skip
            continue
        if ("amount" in item or "currency" in item) and types[0] != "fined":
            error(f"'amount' and 'currency' belong to 'fined', not '{types[0]}'", "remove them, or make it a 'fined' relation")  # fmt: skip
            continue
        specs.append(
            RelationSpec(
                entity, line, types[0], target.strip(),
                Quote(evidence, str(item.get("prefix", "")), str(item.get("suffix", ""))),
                item.get("article"), bool(item.get("claimed", False)), date,
                None if item.get("amount") is None else str(item["amount"]),
                None if item.get("currency") is None else str(item["currency"]),
            )
        )  # fmt: skip
    return specs, errors


Places = tuple[tuple[int, Anchor], ...]  # (a quote's number, where it matches), in text order


def evidence_places(quotes: Sequence[Quote], articles: list[Article]) -> dict[str, Places]:
    """Where each quote matches in each article (slug → places): one scan of all the articles'
    text per quote. Per article, so a cache can keep each article's places (pipeline/link.py)."""
    index = TextIndex(articles)
    found: dict[str, list[tuple[int, Anchor]]] = {a.slug: [] for a in articles}
    for number, quote in enumerate(quotes):
        for anchor in find_quote(quote, index):
            found[anchor.article].append((number, anchor))
    return {slug: tuple(places) for slug, places in found.items()}


def quote_places(quotes: Sequence[Quote], articles: list[Article], places: Mapping[str, Places]) -> dict[Quote, list[Anchor]]:  # fmt: skip
    """Each quote's matches in the order of `articles`, then of the text: find_quote's order."""
    by_quote: dict[Quote, list[Anchor]] = {quote: [] for quote in quotes}
    for article in articles:
        for number, anchor in places[article.slug]:
            by_quote[quotes[number]].append(anchor)
    return by_quote


@dataclass(frozen=True)
class _Articles:
    """What resolving evidence needs to know of the articles."""

    places: Mapping[Quote, list[Anchor]]  # every quote's matches, in find_quote's order
    slugs: set[str]
    page_of: dict[str, str]  # a copy's slug → its story's page
    story_of: dict[str, str]  # any article's slug → its story's page
    order: dict[str, int]  # slug → place in date order: the earliest story is cited


def spec_quotes(specs: list[RelationSpec]) -> list[Quote]:
    """The quotes the specs cite, each once, in spec order."""
    return list(dict.fromkeys(spec.quote for spec in specs))


def resolve_relations(
    specs: list[RelationSpec],
    entities: dict[str, Entity],
    articles: list[Article],
    page_of: dict[str, str] | None = None,
    places: Mapping[str, Places] | None = None,
) -> tuple[list[Relation], list[InputError], list[str]]:
    """Resolve targets and evidence; every failure names the file, the relation and the quote.

    `articles` are all articles, copies included; `page_of` maps a copy's slug to its
    story's page. Only words on a story's page can be cited (a copy has no page of its
    own): words only in a copy are a warning. `places`: evidence_places of the specs' quotes
    (in spec order, each once), when worked out beforehand. Returns the relations, errors and
    warnings."""
    relations: list[Relation] = []
    errors: list[InputError] = []
    warnings: list[str] = []
    page_of = page_of or {}
    slugs = {a.slug for a in articles}
    quotes = spec_quotes(specs)
    places = places if places is not None else evidence_places(quotes, articles)
    known = _Articles(
        quote_places(quotes, articles, places),
        slugs,
        page_of,
        {slug: page_of.get(slug, slug) for slug in slugs},
        {a.slug: i for i, a in enumerate(sorted(articles, key=lambda a: (a.date or "~", a.slug)))},
    )
    for spec in specs:
        relation, problem, warning = _resolve(spec, entities, known)
        relations.extend([relation] if relation else [])
        errors.extend([problem] if problem else [])
        warnings.extend(warning)
    return relations, errors, warnings


def _resolve(
    spec: RelationSpec, entities: dict[str, Entity], known: _Articles
) -> tuple[Relation | None, InputError | None, list[str]]:
    """One relation: (the relation, or the error that refuses it, and any warnings)."""
    path, line = spec.source.path, spec.line
    topic = spec.target[len(TOPIC_PREFIX) :].strip() if spec.target.startswith(TOPIC_PREFIX) else None
    if topic is None and spec.target not in entities:
        close = difflib.get_close_matches(spec.target, entities, n=1)
        fix = f"did you mean '{close[0]}'?" if close else "create that entity page, or write 'topic: …'"
        return None, InputError(path, line, f"relation '{spec.type}' names '{spec.target}', which has no page", fix), []
    if spec.article is not None and spec.article not in known.slugs:
        return None, InputError(path, line, f"relation '{spec.type}' cites article '{spec.article}', which does not exist", "use the file name of an article in articles/, without .txt"), []  # fmt: skip
    found = known.places[spec.quote]
    if spec.article:
        found = [a for a in found if known.story_of[a.article] == known.story_of[spec.article]]
    where = f"in articles/{spec.article}.txt" if spec.article else "in any article"
    what = f"evidence for '{spec.type}: {spec.target}' {describe(spec.quote)}"
    if not found:
        fix = "copy the exact words from the article (or remove the relation)"
        return None, InputError(path, line, f"{what} is not {where}", fix), []
    per_story: dict[str, list[Anchor]] = {}
    for anchor in found:
        if anchor.article not in known.page_of:
            per_story.setdefault(anchor.article, []).append(anchor)
    if not per_story:
        copy = found[0].article
        return None, None, [f"{path}:{line}: {what} is only in articles/{copy}.txt, a copy of articles/{known.page_of[copy]}.txt whose page shows the story; the relation is left out — pin {copy} in articles/stories.yml, or quote words of the story's page"]  # fmt: skip
    cited, *others = sorted(per_story, key=known.order.__getitem__)
    warnings = []
    if len(per_story[cited]) > 1:
        warnings.append(
            f"{path}:{line}: {what} occurs {len(per_story[cited])} times in articles/{cited}.txt; the first is "
            "cited — add prefix: or suffix: to choose one"
        )
    relation = Relation(
        spec.source.slug, spec.type, None if topic else spec.target, topic, spec.quote,
        per_story[cited][0], spec.claimed, tuple(per_story[o][0] for o in others),
        spec.date, spec.amount, spec.currency,
    )  # fmt: skip
    return relation, None, warnings
