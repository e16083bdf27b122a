"""The Data page: what each downloadable file holds, and the checksums that guard them. Pure."""

from __future__ import annotations

import re

from atlas.read.regions import sha256
from atlas.render.blocks import front_matter

_ROW = re.compile(r"^\| \[(?P<name>[^\]]+)\]\(data/[^)]+\) \| .* \| `(?P<sha>[0-9a-f]{64})` \|$", re.MULTILINE)

FIELDS = {
    "entities.json": "One record per entity: `slug`, `type` (its folder), `name`, `aliases`, `summary`, `country` and "
    "`parent` (slugs), `website`, `wikidata`, `wikidata_confirmed`, `iso3166`, `mentions` and `articles` (counts), "
    "`page` (its address on this site).",
    "entities.csv": "The same as `entities.json`, one row per entity; aliases separated by `; `.",
    "relations.json": "One record per relation: `source` (slug), `type` and `label` (from the fixed vocabulary), "
    "`target` (slug) or `topic` (text), `claimed` (the source's own claim), `evidence` (`exact`, `prefix`, `suffix`: "
    "the words of the article), `article` (slug) and `paragraph` (anchor), `also` (the other stories with the same "
    "words), `date`, `amount`, `currency` when given, and `stories` and `outlets`: how many stories carry the words "
    "(copies of one story count once) and how many outlets published them (every copy's publisher counts; an article "
    "with no publisher is an outlet of its own).",
    "mentions.json": "One record per mention: `article` (slug), `paragraph` (anchor such as `p12` or `c2`), `entity` "
    "(slug), `surface` (the words in the text), `start` and `end` (character offsets in the paragraph's text).",
    "mentions.csv": "The same as `mentions.json`, one row per mention.",
    "who-uses-what.csv": "The rows of the Who uses what page, one per line, with stable column names: `section` "
    "(`deployment` or `action`), `user_or_actor` and `vendor_technology_or_target` (slugs, or `topic: …`) with their "
    "`…_name`s, `relations` (types, `; `-separated), `country` (slug), `first_reported` (ISO date), `stories` (how "
    "many stories say it), `evidence` (the quotes, ` | `-separated), the first evidence's `article` and "
    "`paragraph`, and `outlets` (how many outlets published those stories, copies included). New columns are only "
    "ever added at the end.",
    "notes.jsonld": "The editor's notes as a W3C Web Annotation collection (JSON-LD): each annotation's body holds the "
    "note (Markdown) and its source, or the entity it identifies; its target is the article with a "
    "`TextQuoteSelector` (`exact`, `prefix`, `suffix`) and a `FragmentSelector` (the paragraph anchor).",
}


def render_data_page(exports: dict[str, str]) -> str:
    rows = []
    for path in sorted(exports):
        name = path.rsplit("/", 1)[1]
        rows.append(f"| [{name}](data/{name}) | {FIELDS[name]} | `{sha256(exports[path])}` |")
    return "\n".join(
        [
            front_matter(
                {
                    "title": "Data",
                    "description": "The atlas's data as JSON, CSV and JSON-LD, and what each field means.",
                    "generated_from": "the articles, notes and entity pages",
                }
            ),
            "# :material-database-outline: Data\n",
            "Everything on this site is built from data you can download and reuse (CC BY 4.0; the article texts "
            "themselves are not included). The files are rebuilt with the site; the checksum lets you verify a copy.\n",
            "| File | Fields | SHA-256 |\n| --- | --- | --- |",
            *rows,
            "",
        ]
    )


def data_manifest(page: str) -> dict[str, str]:
    """docs/data/<file> → the checksum the data page recorded for it."""
    return {f"docs/data/{m.group('name')}": m.group("sha") for m in _ROW.finditer(page)}
