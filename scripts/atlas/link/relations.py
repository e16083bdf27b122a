"""Typed relations declared in entity front matter, each resolved to its evidence. Pure.

    relations:
      - subsidiary_of: canon
        evidence: "a subsidiary of Japanese multinational Canon"
      - exited: "topic: the facial recognition business"
        evidence: "IBM said it would exit the"
        claimed: false

`evidence` must occur exactly once (in `article`, when given, else across all articles);
`prefix` and `suffix` choose between repeated words. `claimed: true` marks what a party
says of itself: shown as its claim, not as fact.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from atlas.errors import InputError
from atlas.link.selectors import Anchor, Quote, TextIndex, describe, find_quote
from atlas.link.vocabulary import RELATION_TYPES
from atlas.model import Article, Entity

TOPIC_PREFIX = "topic:"
_KEYS = {"evidence", "article", "prefix", "suffix", "claimed"}


@dataclass(frozen=True)
class Relation:
    source: str  # entity slug
    type: str  # a key of RELATION_TYPES
    target: str | None  # entity slug, or None for a topic
    topic: str | None  # free-text target such as "the facial recognition business"
    quote: Quote
    anchor: Anchor
    claimed: bool = False


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
        specs.append(
            RelationSpec(
                entity, line, types[0], target.strip(),
                Quote(evidence, str(item.get("prefix", "")), str(item.get("suffix", ""))),
                item.get("article"), bool(item.get("claimed", False)),
            )
        )  # fmt: skip
    return specs, errors


def resolve_relations(
    specs: list[RelationSpec], entities: dict[str, Entity], articles: list[Article]
) -> tuple[list[Relation], list[InputError]]:
    """Resolve targets and evidence; every failure names the file, the relation and the quote."""
    relations: list[Relation] = []
    errors: list[InputError] = []
    index = TextIndex(articles)
    slugs = {a.slug for a in articles}
    for spec in specs:
        path, line = spec.source.path, spec.line
        topic = spec.target[len(TOPIC_PREFIX) :].strip() if spec.target.startswith(TOPIC_PREFIX) else None
        if topic is None and spec.target not in entities:
            close = difflib.get_close_matches(spec.target, entities, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "create that entity page, or write 'topic: …'"
            errors.append(
                InputError(path, line, f"relation '{spec.type}' names '{spec.target}', which has no page", fix)
            )
            continue
        if spec.article is not None and spec.article not in slugs:
            errors.append(InputError(path, line, f"relation '{spec.type}' cites article '{spec.article}', which does not exist", "use the file name of an article in articles/, without .txt"))  # fmt: skip
            continue
        found = find_quote(spec.quote, index, only=spec.article)
        where = f"in articles/{spec.article}.txt" if spec.article else "in any article"
        if len(found) != 1:
            if found:
                problem, fix = (
                    f"matches {len(found)} places {where}",
                    "add prefix: or suffix: (or article:) to choose one",
                )
            else:
                problem, fix = f"is not {where}", "copy the exact words from the article (or remove the relation)"
            errors.append(InputError(path, line, f"evidence for '{spec.type}: {spec.target}' {describe(spec.quote)} {problem}", fix))  # fmt: skip
            continue
        relations.append(
            Relation(
                spec.source.slug, spec.type, None if topic else spec.target, topic, spec.quote, found[0], spec.claimed
            )
        )
    return relations, errors
