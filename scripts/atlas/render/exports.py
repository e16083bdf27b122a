"""Downloadable data: entities, relations, mentions (JSON and CSV) and the editor's notes as W3C
Web Annotation JSON-LD. Pure: corpus in, file contents out; deterministic and sorted."""

from __future__ import annotations

import csv
import io
import json
import operator
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring  # json.dumps' own string encoder (C), ensure_ascii=False

from atlas.link.corpus import Corpus
from atlas.link.support import support
from atlas.link.vocabulary import RELATION_TYPES
from atlas.model import Mention
from atlas.render.blocks import clip
from atlas.render.dataset import CSV_HEADER, who_uses_what_csv
from atlas.render.links import entity_page, page_url

CONTEXT_CHARS = 32  # prefix/suffix length written into TextQuoteSelectors an editor left open


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _json_records(records: list[dict[str, object]]) -> str:
    """A JSON array with one record a line: diffs stay readable, and it is written by json's
    C encoder (indenting falls back to the pure-Python one, ten times slower at 10,000 articles)."""
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def _csv(header: list[str], rows: Iterable[Sequence[object]]) -> str:
    return _csv_rows([header]) + _csv_rows(rows)


def _csv_rows(rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def entity_records(corpus: Corpus) -> list[dict[str, object]]:
    records = []
    for entity in sorted(corpus.entities.values(), key=lambda e: e.slug):
        records.append(
            {
                "slug": entity.slug, "type": entity.type, "name": entity.name, "aliases": list(entity.aliases),
                "summary": entity.summary, "country": entity.country, "parent": entity.parent,
                "website": entity.website, "wikidata": entity.wikidata, "wikidata_confirmed": entity.wikidata_confirmed,
                "iso3166": entity.iso3166, "mentions": corpus.mention_count(entity.slug),
                "articles": len(corpus.articles_mentioning(entity.slug)), "page": page_url(entity_page(entity)),
            }
        )  # fmt: skip
    return records


def relation_records(corpus: Corpus) -> list[dict[str, object]]:
    records = []
    for relation in corpus.relations:
        counts = support([relation], corpus)
        records.append(
            {
                "source": relation.source, "type": relation.type, "label": RELATION_TYPES[relation.type].label,
                "target": relation.target, "topic": relation.topic, "claimed": relation.claimed,
                "evidence": (
                    {"exact": clip(relation.quote.exact)} if corpus.excerpts
                    else {"exact": relation.quote.exact, "prefix": relation.quote.prefix, "suffix": relation.quote.suffix}
                ),
                "article": relation.anchor.article, "paragraph": relation.anchor.block,
                "also": [{"article": a.article, "paragraph": a.block} for a in relation.also],
                "date": relation.date, "amount": relation.amount, "currency": relation.currency,
                "stories": counts.stories, "outlets": counts.outlets,
            }
        )  # fmt: skip
    return sorted(records, key=lambda r: (str(r["source"]), str(r["type"]), str(r["target"] or r["topic"])))


MENTION_COLUMNS = ["article", "paragraph", "entity", "surface", "start", "end"]
mention_row = operator.attrgetter("article", "block", "entity", "surface", "start", "end")  # in MENTION_COLUMNS' order
article_of = operator.attrgetter("article")


def mention_records(mentions: Iterable[Mention]) -> list[dict[str, object]]:
    return [dict(zip(MENTION_COLUMNS, mention_row(m), strict=True)) for m in mentions]


def mention_rows(mentions: Sequence[Mention]) -> tuple[str, str]:
    """One article's lines of mentions.json (joined by ",\\n") and rows of mentions.csv, formatted
    directly: a json.dumps call per mention was a second of every build at 10,000 articles
    (180,000 mentions). Per article, so that a cache can keep them (pipeline/render.py)."""
    lines = ",\n".join(
        f'{{"article": {encode_basestring(m.article)}, "end": {m.end:d}, "entity": {encode_basestring(m.entity)}, '
        f'"paragraph": {encode_basestring(m.block)}, "start": {m.start:d}, "surface": {encode_basestring(m.surface)}}}'
        for m in mentions
    )
    return lines, _csv_rows(map(mention_row, mentions))


def mentions_files(per_article: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """mentions.json and mentions.csv from each article's mention_rows, in corpus order."""
    chunks = [chunk for chunk in per_article if chunk[0]]
    json_text = "[\n" + ",\n".join(lines for lines, _ in chunks) + "\n]\n" if chunks else "[]\n"
    return json_text, _csv(MENTION_COLUMNS, []) + "".join(rows for _, rows in chunks)


def annotations(corpus: Corpus) -> dict[str, object]:
    """The notes as a W3C Web Annotation collection, each targeting its quote in its article."""
    items = []
    for number, placed in enumerate(
        sorted(corpus.notes, key=lambda n: (n.anchor.article, n.anchor.block, n.anchor.start)), 1
    ):
        note, anchor = placed.note, placed.anchor
        text = corpus.block(anchor.article, anchor.block).text
        prefix = note.quote.prefix or text[max(0, anchor.start - CONTEXT_CHARS) : anchor.start]
        suffix = note.quote.suffix or text[anchor.end : anchor.end + CONTEXT_CHARS]
        bodies: list[dict[str, object]] = []
        if note.body:
            bodies.append(
                {"type": "TextualBody", "value": note.body, "format": "text/markdown", "purpose": "commenting"}
            )
        if note.source:
            bodies.append(
                {"type": "TextualBody", "value": note.source, "purpose": "describing", "format": "text/plain"}
            )
        if note.entity and note.entity in corpus.entities:
            bodies.append(
                {
                    "type": "SpecificResource",
                    "source": page_url(entity_page(corpus.entities[note.entity])),
                    "purpose": "identifying",
                }
            )
        item: dict[str, object] = {
            "id": f"notes.jsonld#note-{number}",
            "type": "Annotation",
            "motivation": "identifying" if not note.body and note.entity else "commenting",
            "body": bodies,
            "target": {
                "source": f"articles/{anchor.article}/",
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": text[anchor.start : anchor.end],
                        "prefix": prefix,
                        "suffix": suffix,
                    },
                    {
                        "type": "FragmentSelector",
                        "value": anchor.block,
                        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                    },
                ],
            },
        }
        if note.date:
            item["dcterms:date"] = note.date
        items.append(item)
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "Editor's notes",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def export_files(corpus: Corpus, mentions: tuple[str, str]) -> dict[str, str]:
    """File name under docs/data/ → content. `mentions`: mentions_files() of each article's
    mention_rows (which the pipeline caches per article)."""
    entities = entity_records(corpus)
    entity_columns = [k for k in entities[0]] if entities else ["slug"]
    return {
        "entities.json": _json_records(entities),
        "entities.csv": _csv(
            entity_columns, [[("; ".join(v) if isinstance(v, list) else v) for v in e.values()] for e in entities]
        ),
        "relations.json": _json_records(relation_records(corpus)),
        "mentions.json": mentions[0],
        "mentions.csv": mentions[1],
        "notes.jsonld": _json(annotations(corpus)),
        "who-uses-what.csv": _csv(CSV_HEADER, who_uses_what_csv(corpus, clip if corpus.excerpts else str)),
    }
