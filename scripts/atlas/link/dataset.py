"""Who uses what: the deployment and sales relations as a table of user–vendor pairs, and the
regulatory and legal actions. Pure.

"NEC supplies the Met" and "the Met uses NEC" are one row (the Met, NEC) with both evidences.
A row's country is the user's (the actor's target's, for actions), else the other side's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from atlas.link.corpus import Corpus
from atlas.link.relations import Relation
from atlas.link.support import support
from atlas.link.vocabulary import DEPLOYMENT, REGULATORY, VENDOR_FIRST

NO_COUNTRY = "no-country"


@dataclass(frozen=True)
class Row:
    first: str | None  # the user (deployments) or the actor (actions): an entity slug
    second: str  # the vendor (a slug) or the technology ("topic: …"); for actions, who it is against
    relations: tuple[Relation, ...]
    country: str | None  # a slug of a page in countries/
    first_reported: str | None  # the earliest date among the stories that say it, copies included
    stories: int  # the stories that say it (copies of one story once)
    outlets: int  # the outlets that published them (each copy's publisher too)


def _end(relation: Relation) -> str:
    return relation.target or f"topic: {relation.topic}"


def country_of(slug: str | None, corpus: Corpus) -> str | None:
    """A country's own slug for a country; else the entity's `country`."""
    if slug is None or slug.startswith("topic:") or slug not in corpus.entities:
        return None
    entity = corpus.entities[slug]
    return entity.slug if entity.type == "countries" and (entity.iso3166 or "").isalpha() else entity.country


def _first_reported(relations: tuple[Relation, ...], corpus: Corpus) -> str | None:
    stories = {anchor.article for r in relations for anchor in (r.anchor, *r.also)}
    dates = [r.date for r in relations if r.date]
    for story in stories:
        for article in (corpus.article_by_slug[story], *corpus.copies.get(story, ())):
            if article.date:
                dates.append(article.date)
    return min(dates) if dates else None


def deployment_rows(corpus: Corpus) -> list[Row]:
    groups: dict[tuple[str | None, str], list[Relation]] = defaultdict(list)
    for relation in corpus.relations:
        if relation.type not in DEPLOYMENT:
            continue
        if relation.type == "exited":  # a vendor leaving a market: no user
            groups[(None, relation.source)].append(relation)
        elif relation.type in VENDOR_FIRST and relation.target:
            groups[(relation.target, relation.source)].append(relation)
        else:
            groups[(relation.source, _end(relation))].append(relation)
    return _rows(groups, corpus)


def regulatory_rows(corpus: Corpus) -> list[Row]:
    groups: dict[tuple[str | None, str], list[Relation]] = defaultdict(list)
    for relation in corpus.relations:
        if relation.type in REGULATORY:
            groups[(relation.source, _end(relation))].append(relation)
    return _rows(groups, corpus, against=True)


def _rows(groups: dict[tuple[str | None, str], list[Relation]], corpus: Corpus, against: bool = False) -> list[Row]:
    rows = []
    for (first, second), relations in groups.items():
        ordered = tuple(sorted(relations, key=lambda r: (r.type, r.key)))
        # Actions belong where their target is; deployments where the user is.
        sides = (second, first) if against else (first, second)
        country = country_of(sides[0], corpus) or country_of(sides[1], corpus)
        counts = support(ordered, corpus)
        rows.append(
            Row(first, second, ordered, country, _first_reported(ordered, corpus), counts.stories, counts.outlets)
        )
    return sorted(rows, key=lambda r: (_name(r.first, corpus), _name(r.second, corpus)))


def _name(slug: str | None, corpus: Corpus) -> str:
    if slug is None:
        return ""
    if slug.startswith("topic:"):
        return slug.removeprefix("topic:").strip().lower()
    return corpus.entities[slug].name.lower()
