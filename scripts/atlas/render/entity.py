"""The generated region of an entity page: facts, relations, mentions, quotes, notes. Pure."""

from __future__ import annotations

import json
import re

from atlas.entity_types import TYPE_BY_FOLDER
from atlas.link.corpus import Corpus
from atlas.link.countries import GENERATED_FROM, alpha3
from atlas.link.sentences import sentence_around
from atlas.model import Article, Entity
from atlas.read.dates import human_date
from atlas.read.regions import splice_region
from atlas.render.anchors import anchors_in
from atlas.render.blocks import (
    entity_link,
    front_matter,
    marked_sentence,
    note_markdown,
    paragraph_label,
    quote_line,
    relation_line,
)
from atlas.render.dataset import in_this_country
from atlas.render.escape import escape
from atlas.render.graph import neighbourhood
from atlas.render.links import article_page, entity_page, page_url, relative, safe_url, type_index
from atlas.render.lists import alongside_path, entity_list_links
from atlas.render.views import quotes_page_of

# Bounds that keep an entity page's size independent of the corpus's.
ALONGSIDE_LIMIT = 24  # neighbours listed under "Mentioned alongside"


QUOTES_SHOWN = 20  # a speaker's quotations on their page; all of them are on the Quotes pages
ARTICLES_QUOTED = 20  # newest articles quoted under "In the articles"; older ones are counted


def infobox(entity: Entity, corpus: Corpus) -> str:
    page = entity_page(entity)
    entity_type = TYPE_BY_FOLDER[entity.type]
    rows: list[tuple[str, str]] = [("Type", f"[{entity_type.singular}]({relative(page, type_index(entity.type))})")]
    for key, label in (("country", "Country"), ("parent", "Parent")):
        target = getattr(entity, key)
        if target:
            rows.append((label, entity_link(corpus.entities[target], page)))
    if entity.aliases:
        rows.append(("Also called", ", ".join(escape(a) for a in entity.aliases)))
    if entity.website and (url := safe_url(entity.website)):
        rows.append(("Website", f"[{escape(entity.website)}]({url})"))
    if entity.wikidata:
        state = "" if entity.wikidata_confirmed else " (not yet confirmed)"
        rows.append(("Wikidata", f"[{entity.wikidata}](https://www.wikidata.org/wiki/{entity.wikidata}){state}"))
    if entity.iso3166:
        codes = [entity.iso3166, alpha3(entity.iso3166) if len(entity.iso3166) == 2 else None]
        rows.append(("ISO 3166", escape(", ".join(c for c in codes if c))))
    dated = [a.date for a in corpus.articles_mentioning(entity.slug) if a.date]
    count = corpus.mention_count(entity.slug)
    articles = len(corpus.articles_mentioning(entity.slug))
    rows.append(("Mentions", f"{count} in {articles} article{'s' if articles != 1 else ''}"))
    if dated:
        rows.append(("First mention", human_date(min(dated))))
        rows.append(("Latest mention", human_date(max(dated))))
    items = "\n\n".join(f"{label}\n:   {value}" for label, value in rows)
    heading = f":{entity_type.icon}: **{escape(entity.name)}**{{ .atlas-infobox-title }}"
    return f'<aside class="atlas-infobox atlas-type-{entity.type}" markdown>\n\n{heading}\n\n{escape(entity.summary)}\n\n{items}\n\n</aside>\n'


def quoted(markdown: str) -> str:
    """Curly quotes around a passage, unless it already opens with quotation marks of its own."""
    return markdown if markdown.startswith(('"', "“", '… "')) else f"“{markdown}”"


def quote_article(entity: Entity, article: Article, page: str, corpus: Corpus) -> list[str]:
    """An article's heading and each sentence in it that names the entity, linked to its ¶."""
    date = f" ({human_date(article.date)})" if article.date else ""
    out = [f"### [{escape(article.title)}]({relative(page, article_page(article.slug))}){date}\n"]
    grouped: dict[tuple[str, tuple[int, int]], list[tuple[int, int]]] = {}
    for mention in corpus.mentions_of(entity.slug, article.slug):
        sentence = sentence_around(corpus.block(article.slug, mention.block).text, mention.start)
        grouped.setdefault((mention.block, sentence), []).append((mention.start, mention.end))
    for (anchor, _), spans in grouped.items():
        text = corpus.block(article.slug, anchor).text
        target = relative(
            page, article_page(article.slug), anchors_in(corpus, article.slug, anchor).sentence(spans[0][0])
        )
        out.append(f"- {quoted(marked_sentence(text, spans, corpus.excerpts))} [{paragraph_label(anchor)}]({target})")
    out.append("")
    return out


def in_the_articles(entity: Entity, corpus: Corpus) -> str:
    page = entity_page(entity)
    if not corpus.by_entity.get(entity.slug):
        return "## In the articles\n\nNo article mentions it yet.\n"
    out = ["## In the articles\n"]
    for article in corpus.articles_mentioning(entity.slug)[:ARTICLES_QUOTED]:
        out.extend(quote_article(entity, article, page, corpus))
    if more := entity_list_links(entity, corpus, page, ARTICLES_QUOTED):
        out.append(more)
    return "\n".join(out)


def related(entity: Entity, corpus: Corpus) -> str:
    page = entity_page(entity)
    out: list[str] = []
    for key, heading in (("parent", "Subsidiaries"), ("country", "Based or located here")):
        members = corpus.referring(entity.slug, key)
        if members:
            out.append(f"**{heading}:** " + ", ".join(entity_link(e, page) for e in members) + "\n")
    return "## Related\n\n" + "\n".join(out) if out else ""


def alongside(entity: Entity, corpus: Corpus) -> str:
    page = entity_page(entity)
    pairs = corpus.alongside(entity.slug)
    if not pairs:
        return ""
    shown = pairs[:ALONGSIDE_LIMIT]
    items = [f"- {entity_link(other, page)} ({count})" for other, count in shown]
    more = (
        f"\n\nAnd {len(pairs) - len(shown)} more: [all {len(pairs)}]({relative(page, alongside_path(entity))})."
        if len(pairs) > len(shown)
        else ""
    )
    return (
        "## Mentioned alongside\n\nEntities named in the same paragraph or caption, "
        "with how many they share.\n\n" + "\n".join(items) + more + "\n"
    )


def relations_section(entity: Entity, corpus: Corpus) -> str:
    page = entity_page(entity)
    pairs = corpus.relations_of(entity.slug)
    if not pairs:
        return ""
    lines = [relation_line(r, outgoing, corpus, page) for r, outgoing in pairs]
    intro = "What the articles say it does, each with the words that say so."
    # The list beside the facts box, the diagram below both at full width.
    return f"## Relations\n\n{intro}\n\n" + "\n".join(lines) + f"\n\n{neighbourhood(entity.slug, corpus, page)}"


def notes_section(entity: Entity, corpus: Corpus) -> str:
    page = entity_page(entity)
    notes = corpus.notes_about(entity.slug)
    if not notes:
        return ""
    out = ["## Editor's notes\n"]
    for placed in notes:
        article = corpus.article_by_slug[placed.anchor.article]
        anchor = placed.anchor.block
        label = paragraph_label(anchor)
        fragment = anchors_in(corpus, article.slug, anchor).sentence(placed.anchor.start)
        target = relative(page, article_page(article.slug), fragment)
        quote = escape(placed.note.quote.exact)
        body = note_markdown(placed).replace("\n", "\n    ")
        out.append(f"- On “{quote}” ([{label}]({target})): {body}")
    return "\n".join(out) + "\n"


def quotes_section(slug: str, corpus: Corpus, page: str) -> str:
    """The speaker's quotations; past QUOTES_SHOWN, the first of them and a link to all."""
    quotes = [q for q in corpus.quotations if q.speaker == slug]
    if not quotes:
        return ""
    lines = [quote_line(q, corpus, page, False) for q in quotes[:QUOTES_SHOWN]]
    if len(quotes) > QUOTES_SHOWN:
        target = relative(page, quotes_page_of(slug, corpus))
        lines.append(
            f"\nThe first {QUOTES_SHOWN} of {len(quotes)} quotations; [every one]({target}) is on the Quotes pages."
        )
    return "## Quotes\n\n" + "\n".join(lines) + "\n"


SCHEMA_TYPES = {
    "vendors": "Organization",
    "organisations": "Organization",
    "advocacy": "NGO",
    "media": "NewsMediaOrganization",
    "agencies": "GovernmentOrganization",
    "people": "Person",
}


def json_ld(entity: Entity, corpus: Corpus) -> str:
    """schema.org data for search engines and reusers; sameAs Wikidata only when confirmed."""
    kind = SCHEMA_TYPES.get(entity.type) or ("Country" if entity.iso3166 and len(entity.iso3166) == 2 else "Place")
    data: dict[str, object] = {"@context": "https://schema.org", "@type": kind, "name": entity.name}
    if entity.aliases:
        data["alternateName"] = list(entity.aliases)
    data["description"] = entity.summary
    if entity.website:
        data["url"] = entity.website
    if entity.wikidata and entity.wikidata_confirmed:
        data["sameAs"] = [f"https://www.wikidata.org/wiki/{entity.wikidata}"]
    if entity.parent:
        key = "containedInPlace" if kind in ("Country", "Place") else "parentOrganization"
        data[key] = {
            "@type": "Place" if key == "containedInPlace" else "Organization",
            "name": corpus.entities[entity.parent].name,
        }
    if entity.country and kind not in ("Country", "Place"):
        data["nationality" if kind == "Person" else "location"] = {
            "@type": "Country",
            "name": corpus.entities[entity.country].name,
        }
    if entity.country and kind in ("Country", "Place"):
        data["containedInPlace"] = {"@type": "Country", "name": corpus.entities[entity.country].name}
    # "<" as \u003c: no text can close the script element early.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>\n'


SITE_NAME = "Facial recognition & policing atlas"
_BIBTEX_SPECIAL = str.maketrans(
    {c: "\\" + c for c in "&%$#_{}"} | {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}
)


def cite_block(entity: Entity, corpus: Corpus) -> str:
    """How to cite this page: plain text and BibTeX, with its address and the content's date."""
    path = page_url(entity_page(entity))
    url = f"{corpus.site_url.rstrip('/')}/{path}" if corpus.site_url else path
    # The page's own sources date it, not the newest article anywhere: a new article changes
    # only the pages of what it names.
    dated = [a.date for a in corpus.articles_mentioning(entity.slug) if a.date]
    as_of = max(dated) if dated else None
    when = f" Content as of {human_date(as_of)}." if as_of else ""
    year = f"  year = {{{as_of[:4]}}},\n" if as_of else ""
    note = f"  note = {{Content as of {as_of}}},\n" if as_of else ""
    bibtex = (
        f"@misc{{atlas-{entity.slug},\n  title = {{{entity.name.translate(_BIBTEX_SPECIAL)}}},\n"
        f"  author = {{{{{SITE_NAME.translate(_BIBTEX_SPECIAL)}}}}},\n  howpublished = {{\\url{{{url}}}}},\n{note}{year}}}"
    )
    plain = f"{escape(SITE_NAME)}, “{escape(entity.name)}”, {escape(url)}.{when}"
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", bibtex))])  # no name can close it
    body = "\n".join("    " + line for line in [f"{fence}bibtex", *bibtex.split("\n"), fence])
    return f'??? quote "Cite this page"\n\n    {plain}\n\n{body}\n'


DRAFT_NOTICE = (
    '!!! warning "Draft: not yet reviewed"\n\n    This page was drafted from the articles by the build; an editor has '
    "not yet checked it. Its summary is a placeholder.\n"
)


def entity_region(entity: Entity, corpus: Corpus) -> str:
    sections = [
        DRAFT_NOTICE if entity.draft else "",
        infobox(entity, corpus),
        relations_section(entity, corpus),
        in_this_country(entity, corpus) if entity.type == "countries" else "",
        related(entity, corpus),
        in_the_articles(entity, corpus),
        quotes_section(entity.slug, corpus, entity_page(entity)),
        notes_section(entity, corpus),
        alongside(entity, corpus),
        cite_block(entity, corpus),
        json_ld(entity, corpus),
    ]
    return "\n".join(s for s in sections if s)


def render_generated_entity(entity: Entity, region: str) -> str:
    """A page the build writes for an entity no editor has written (a country on first mention).

    Its front matter is a hand-written page's, plus `generated_from`: deleting that line (and
    the checksum line at the end) is all it takes to adopt it and write about it."""
    head = front_matter(
        {
            "name": entity.name,
            "summary": entity.summary,
            "iso3166": entity.iso3166,
            "generated_from": GENERATED_FROM,
        }
    )
    adopt = (
        "<!-- Generated because an article names this country. To write about it, delete the "
        "'generated_from' line above and the 'generated-page' line at the end: the page is then yours. -->"
    )
    return splice_region(f"{head}# {escape(entity.name)}\n\n{adopt}\n", region, entity.path)
