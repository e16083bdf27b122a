"""The "Who uses what" pages, their CSV, and each country's "In this country" section. Pure.

Up to SPLIT_AT rows everything stays on one page; beyond, one page per country (titled
"Who uses what: <country>") plus one for rows with no country, so no page grows without end.
"""

from __future__ import annotations

from atlas.link.corpus import Corpus
from atlas.link.dataset import NO_COUNTRY, Row, country_of, deployment_rows, regulatory_rows
from atlas.link.relations import Relation
from atlas.link.vocabulary import DEPLOYMENT, REGULATORY, RELATION_TYPES, VENDOR_FIRST
from atlas.model import Entity
from atlas.read.dates import human_date
from atlas.render.blocks import entity_link, evidence_link, page_head
from atlas.render.escape import escape
from atlas.render.links import entity_page

PAGE = "who-uses-what.md"
FOLDER = "who-uses-what"
SPLIT_AT = 500
CSV_HEADER = [
    "section", "user_or_actor", "user_or_actor_name", "vendor_technology_or_target", "vendor_technology_or_target_name",
    "relations", "country", "first_reported", "stories", "evidence", "article", "paragraph", "outlets",
]  # fmt: skip


def _party(slug: str | None, corpus: Corpus, page: str) -> str:
    if slug is None:
        return "—"
    if slug.startswith("topic:"):
        return escape(slug.removeprefix("topic:").strip())
    return entity_link(corpus.entities[slug], page)


def _label(relation: Relation) -> str:
    """The relation read from the row's first column: the user's (or actor's) side."""
    kind = RELATION_TYPES[relation.type]
    if relation.type == "exited":
        return f"{kind.label} {relation.topic}" if relation.topic else kind.label
    label = kind.inverse if relation.type in VENDOR_FIRST else kind.label
    return label + (" (claimed)" if relation.claimed else "")


def _cells(row: Row, corpus: Corpus, page: str) -> str:
    labels = "; ".join(dict.fromkeys(_label(r) for r in row.relations))
    country = entity_link(corpus.entities[row.country], page) if row.country in corpus.entities else "—"
    reported = human_date(row.first_reported) if row.first_reported else "—"
    evidence = "; ".join(evidence_link(r, corpus, page) for r in row.relations).replace("|", "\\|")
    return f"| {_party(row.first, corpus, page)} | {_party(row.second, corpus, page)} | {escape(labels)} | {country} | {reported} | {evidence} | {row.stories} | {row.outlets} |"  # fmt: skip


SECTIONS = (
    ("Deployments and sales", "| User | Vendor or technology | Relation |"),
    ("Regulatory and legal actions", "| Actor | Against | Action |"),
)


def _tables(deployments: list[Row], actions: list[Row], corpus: Corpus, page: str) -> list[str]:
    out: list[str] = []
    for (title, columns), rows in zip(SECTIONS, (deployments, actions), strict=True):
        out.append(f"## {title}\n")
        if not rows:
            out.append("None yet.\n")
            continue
        out.append(f"{columns} Country | First reported | Evidence | Stories | Outlets |")
        out.append("| --- | --- | --- | --- | --- | --- | ---: | ---: |")
        out.extend(_cells(row, corpus, page) for row in rows)
        out.append("")
    return out


INTRO = (
    "Which agency uses which technology from which vendor, where, and who fined, sued or ruled against whom: "
    "each row is built from relations declared on entity pages, with the article's words as evidence. "
    "Also as [who-uses-what.csv]({csv}).\n"
)


def render_who_uses_what(corpus: Corpus) -> dict[str, str]:
    """docs/-relative path → page: the main page, and per-country pages when the rows are many."""
    deployments, actions = deployment_rows(corpus), regulatory_rows(corpus)
    head = page_head("Who uses what", "material-table-search", "the 'relations' in entity pages")
    if len(deployments) + len(actions) <= SPLIT_AT:
        body = [*head, INTRO.format(csv="data/who-uses-what.csv"), *_tables(deployments, actions, corpus, PAGE)]
        return {PAGE: "\n".join(body)}
    pages: dict[str, str] = {}
    by_country: dict[str, tuple[list[Row], list[Row]]] = {}
    for rows, index in ((deployments, 0), (actions, 1)):
        for row in rows:
            by_country.setdefault(row.country or NO_COUNTRY, ([], []))[index].append(row)
    listing = [*head, INTRO.format(csv="data/who-uses-what.csv"), "| Country | Rows |", "| --- | ---: |"]
    for key in sorted(by_country, key=lambda k: (k == NO_COUNTRY, _title(k, corpus).lower())):
        title = _title(key, corpus)
        path = f"{FOLDER}/{key}.md"
        rows_d, rows_a = by_country[key]
        pages[path] = "\n".join(
            [*page_head(f"Who uses what: {title}", "material-table-search", "the 'relations' in entity pages"),
             f"Part of [Who uses what](../{PAGE}): the rows whose country is {escape(title)}.\n",
             *_tables(rows_d, rows_a, corpus, path)]
        )  # fmt: skip
        listing.append(f"| [{escape(title)}]({path}) | {len(rows_d) + len(rows_a)} |")
    pages[PAGE] = "\n".join([*listing, ""])
    return pages


def _title(key: str, corpus: Corpus) -> str:
    return "No country" if key == NO_COUNTRY else corpus.entities[key].name


def who_uses_what_csv(corpus: Corpus, clip) -> list[list[object]]:  # type: ignore[no-untyped-def]
    """The same rows as the page, for the CSV export; `clip` shortens evidence in excerpt mode."""

    def name(slug: str | None) -> str:
        if slug is None:
            return ""
        return slug.removeprefix("topic:").strip() if slug.startswith("topic:") else corpus.entities[slug].name

    out: list[list[object]] = []
    for section, rows in (("deployment", deployment_rows(corpus)), ("action", regulatory_rows(corpus))):
        for row in rows:
            first = row.relations[0]
            out.append([
                section, row.first or "", name(row.first), row.second, name(row.second),
                "; ".join(dict.fromkeys(r.type for r in row.relations)), row.country or "", row.first_reported or "",
                row.stories, " | ".join(clip(r.quote.exact) for r in row.relations), first.anchor.article, first.anchor.block, row.outlets,
            ])  # fmt: skip
    return out


def in_this_country(entity: Entity, corpus: Corpus) -> str:
    """Agencies there that use the technology, vendors based there, and actions there."""
    page = entity_page(entity)
    here = entity.slug
    deployments = [
        r for r in corpus.relations
        if r.type in DEPLOYMENT and (country_of(r.source, corpus) == here or (r.target and country_of(r.target, corpus) == here))
    ]  # fmt: skip
    vendors = sorted(
        (e for e in corpus.entities.values() if e.type == "vendors" and e.country == here),
        key=lambda e: e.name.lower(),
    )
    vendors += [corpus.entities[r.source] for r in corpus.relations if r.type == "based_in" and r.target == here and corpus.entities[r.source] not in vendors]  # fmt: skip
    actions = [
        r for r in corpus.relations
        if r.type in REGULATORY and (country_of(r.target, corpus) or country_of(r.source, corpus)) == here
    ]  # fmt: skip
    if not (deployments or vendors or actions):
        return ""
    place = "country" if (entity.iso3166 or "").isalpha() else "place"
    out = [f"## In this {place}\n"]
    if deployments:
        out.append("Who uses or sells the technology here:\n")
        out.extend(_sentence(r, corpus, page) for r in deployments)
        out.append("")
    if vendors:
        out.append("Vendors based here: " + ", ".join(entity_link(v, page) for v in vendors) + ".\n")
    if actions:
        out.append("Regulatory and legal actions here:\n")
        out.extend(_sentence(r, corpus, page) for r in actions)
        out.append("")
    return "\n".join(out)


def _sentence(relation, corpus: Corpus, page: str) -> str:  # type: ignore[no-untyped-def]
    target = entity_link(corpus.entities[relation.target], page) if relation.target else escape(relation.topic or "")
    label = RELATION_TYPES[relation.type].label
    source = entity_link(corpus.entities[relation.source], page)
    return f"- {source} **{label}** {target}: {evidence_link(relation, corpus, page)}"
