"""Objects → Markdown strings: article pages, entity regions, indexes. Pure functions.

All article and front-matter text goes through `escape`; links are relative `.md` links so
MkDocs validates them and they work under `mkdocs serve` and on a hosted subpath.
"""

from __future__ import annotations

import html
import json
import posixpath

from .corpus import Corpus
from .dates import human_date
from .entity_types import ENTITY_TYPES, TYPE_BY_FOLDER
from .escape import escape, escape_fragment, escape_line_start, escape_title
from .graph import neighbourhood, whole_graph
from .links import article_page, entity_page, relative, safe_url, type_index, url_between
from .model import Article, Block, Entity, Mention
from .notes import PlacedNote
from .quotations import Quotation
from .relations import Relation
from .sentences import sentence_around
from .topics import Topic
from .vocabulary import RELATION_TYPES
from .worldmap import world_map

# Bounds that keep an entity page's size independent of the corpus's.
ALONGSIDE_LIMIT = 24  # neighbours listed under "Mentioned alongside"
ARTICLES_QUOTED = 20  # newest articles quoted under "In the articles"; older ones are counted


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter, written as JSON (which YAML reads as the same strings).

    Themes print page meta into HTML unescaped (MkDocs' Jinja has no autoescape), so
    every value is HTML-escaped here: text from an article can never become markup.
    """

    def safe(value: object) -> object:
        if isinstance(value, str):
            return html.escape(value)
        if isinstance(value, list):
            return [safe(v) for v in value]
        if isinstance(value, dict):
            return {k: safe(v) for k, v in value.items()}
        return value

    lines = [f"{key}: {json.dumps(safe(value), ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def entity_link(entity: Entity, from_page: str, text: str | None = None, tooltip: bool = False) -> str:
    label = escape(text if text is not None else entity.name)
    target = relative(from_page, entity_page(entity))
    title = f' "{escape_title(entity.summary)}"' if tooltip else ""
    return f"[{label}]({target}{title})"


def description(article: Article) -> str:
    first = next((b.text for b in article.blocks if b.kind == "paragraph"), article.title)
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "…"


# --- Editor's notes -------------------------------------------------------------------------


def note_markdown(placed: PlacedNote) -> str:
    """A note's body (editor-written Markdown, kept as is) and its source."""
    note = placed.note
    parts = [note.body] if note.body else []
    if note.source:
        parts.append(f"*Source: {escape(note.source)}*")
    return "\n\n".join(parts)


def annotation_item(number: int, placed: PlacedNote) -> str:
    body = note_markdown(placed)
    lines = f"**Editor's note.** {body}".split("\n")
    return f"{number}.  " + "\n".join([lines[0], *("    " + line if line else "" for line in lines[1:])])


# --- Article pages -------------------------------------------------------------------------


def annotated_text(
    block: Block,
    mentions: list[Mention],
    corpus: Corpus,
    from_page: str,
    markers: dict[int, str] | None = None,
    topics: list[tuple[Topic, int, int]] | None = None,
) -> str:
    """The block's text with every mention linked to its entity (its summary as tooltip), each
    former dead link linked to its topic page, and annotation markers inserted.

    `markers` maps a text offset to what to insert there; one that falls inside a link moves
    to the link's end, so it never splits one. A mention wins over a topic it overlaps.
    """
    text = block.text
    links: list[tuple[int, int, str]] = []
    for mention in mentions:
        entity = corpus.entities[mention.entity]
        link = entity_link(entity, from_page, text[mention.start : mention.end], tooltip=True)
        links.append((mention.start, mention.end, f"{link}{{ .atlas-mention .atlas-{entity.type} }}"))
    for topic, start, end in topics or []:
        if not any(m.start < end and start < m.end for m in mentions):
            target = relative(from_page, f"topics/{topic.slug}.md")
            links.append((start, end, f"[{escape_fragment(text[start:end])}]({target}){{ .atlas-topic }}"))
    links.sort()
    pending = sorted(_outside_links(markers or {}, links).items())
    out: list[str] = []
    position = 0

    def text_until(end: int) -> None:
        nonlocal position
        while pending and pending[0][0] <= end:
            offset, marker = pending.pop(0)
            out.append(escape_fragment(text[position:offset]) + marker)
            position = offset
        out.append(escape_fragment(text[position:end]))
        position = end

    for start, end, markdown in links:
        text_until(start)
        out.append(markdown)
        position = end
    text_until(len(text))
    return escape_line_start("".join(out))


def _outside_links(markers: dict[int, str], links: list[tuple[int, int, str]]) -> dict[int, str]:
    moved: dict[int, str] = {}
    for offset, marker in sorted(markers.items()):
        for start, end, _ in links:
            if start < offset < end:
                offset = end
        moved[offset] = moved.get(offset, "") + marker
    return moved


def paragraph_label(anchor: str) -> str:
    """'p12' → '¶12', 'c2' → 'caption 2'."""
    return ("caption " if anchor.startswith("c") else "¶") + anchor[1:]


def marked_sentence(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence around the first span, with every mention inside it in bold."""
    start, end = sentence_around(text, spans[0][0])
    out: list[str] = []
    position = start
    for s, e in spans:
        if start <= s and e <= end:
            out.append(escape_fragment(text[position:s]) + f"**{escape_fragment(text[s:e])}**")
            position = e
    out.append(escape_fragment(text[position:end]))
    return escape_line_start("".join(out))


def byline(article: Article, corpus: Corpus, from_page: str) -> str:
    parts: list[str] = []
    if article.dateline:
        parts.append(f"**{escape(article.dateline)}**")
    if article.author:
        parts.append("By " + _named(article.author, "people", corpus, from_page))
    if article.date:
        parts.append(human_date(article.date))
    if article.publisher:
        parts.append(_named(article.publisher, "media", corpus, from_page))
    return " · ".join(parts)


def _named(name: str, folder: str, corpus: Corpus, from_page: str) -> str:
    """A byline name, linked when the catalog has an entity of that type by that name."""
    found = corpus.named(name, folder)
    return entity_link(found, from_page, name) if found else escape(name)


def source_box(article: Article) -> str:
    lines: list[str] = []
    if article.source_url and (url := safe_url(article.source_url)):
        retrieved = f", retrieved {human_date(article.retrieved)}" if article.retrieved else ""
        lines.append(f"Source: [{escape(article.source_url)}]({url}){retrieved}.")
    if article.copyright:
        lines.append(escape(article.copyright) + ".")
    if article.notice:
        lines.append("*" + escape(article.notice) + "*")
    lines.append("The article's text is reproduced as received; links, paragraph numbers and notes are this site's.")
    body = "\n\n".join("    " + line for line in lines)
    return f'!!! quote "Source and copyright"\n\n{body}\n'


def render_article(article: Article, corpus: Corpus) -> str:
    page = article_page(article.slug)
    out = [
        front_matter(
            {
                "title": article.title,
                "description": description(article),
                "tags": sorted({link.text for block in article.blocks for link in block.dead_links}),
                "generated_from": article.path,
            }
        ),
        f"# {escape(article.title)}\n",
    ]
    if line := byline(article, corpus, page):
        out.append(f"{line}\n{{ .atlas-byline }}\n")
    for block in article.blocks:
        if block.kind == "heading":
            out.append(f"{'#' * block.level} {escape(block.text)}\n")
            continue
        notes = corpus.notes_in(article.slug, block.anchor)
        markers = {}
        for number, placed in enumerate(notes, start=1):
            markers[placed.anchor.end] = markers.get(placed.anchor.end, "") + f"({number})"
        mentions = corpus.by_block.get((article.slug, block.anchor), [])
        topics = corpus.topic_uses_in(article.slug, block.anchor)
        text = annotated_text(block, mentions, corpus, page, markers, topics)
        annotate = " annotate" if notes else ""
        if block.kind == "caption":
            credit = f' <span class="atlas-credit">({escape(block.credit)})</span>' if block.credit else ""
            out.append(
                f'<figure class="atlas-caption{annotate}" id="{block.anchor}" markdown>\n'
                f'<figcaption markdown="span">{text}{credit}</figcaption>\n</figure>\n'
            )
        else:
            number = (
                f'[{block.anchor[1:]}](#{block.anchor}){{ .atlas-pnum title="Link to paragraph {block.anchor[1:]}" }} '
            )
            out.append(f"{number}{text}\n{{ #{block.anchor} .atlas-paragraph{annotate.replace(' ', ' .')} }}\n")
        if notes:
            out.append("\n\n".join(annotation_item(n, placed) for n, placed in enumerate(notes, start=1)) + "\n")
    entities = corpus.entities_in(article)
    if entities:
        # Each type's line is also the legend: mentions of that type are underlined in its colour.
        out.append('!!! abstract "In this article"\n')
        for entity_type in ENTITY_TYPES:
            members = [e for e in entities if e.type == entity_type.folder]
            if members:
                links = ", ".join(entity_link(e, page) for e in members)
                out.append(
                    f"    - :{entity_type.icon}: **{entity_type.plural}**{{ .atlas-legend .atlas-{entity_type.folder} }}: {links}"
                )
        out.append(
            "\n    Names in the text link to their pages: a dotted underline in the colour of their type "
            "marks them. Hover one for its summary. ¶ numbers in the margin link to each paragraph.\n"
        )
    out.append(source_box(article))
    return "\n".join(out)


# --- Entity pages ---------------------------------------------------------------------------


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
        rows.append(("ISO 3166", escape(entity.iso3166)))
    dated = [a.date for a in corpus.articles_mentioning(entity.slug) if a.date]
    count = corpus.mention_count(entity.slug)
    articles = len(corpus.articles_mentioning(entity.slug))
    rows.append(("Mentions", f"{count} in {articles} article{'s' if articles != 1 else ''}"))
    if dated:
        rows.append(("First mention", human_date(min(dated))))
        rows.append(("Latest mention", human_date(max(dated))))
    items = "\n\n".join(f"{label}\n:   {value}" for label, value in rows)
    heading = f":{entity_type.icon}: **{escape(entity.name)}**{{ .atlas-infobox-title }}"
    return f'<aside class="atlas-infobox" markdown>\n\n{heading}\n\n{escape(entity.summary)}\n\n{items}\n\n</aside>\n'


def in_the_articles(entity: Entity, corpus: Corpus) -> str:
    page = entity_page(entity)
    mentions = corpus.by_entity.get(entity.slug, [])
    if not mentions:
        return "## In the articles\n\nNo article mentions it yet.\n"
    out = ["## In the articles\n"]
    articles = corpus.articles_mentioning(entity.slug)
    for article in articles[:ARTICLES_QUOTED]:
        date = f" ({human_date(article.date)})" if article.date else ""
        out.append(f"### [{escape(article.title)}]({relative(page, article_page(article.slug))}){date}\n")
        blocks = {b.anchor: b for b in article.blocks}
        grouped: dict[tuple[str, tuple[int, int]], list[tuple[int, int]]] = {}
        for mention in (m for m in mentions if m.article == article.slug):
            block = blocks[mention.block]
            sentence = sentence_around(block.text, mention.start)
            grouped.setdefault((mention.block, sentence), []).append((mention.start, mention.end))
        for (anchor, _), spans in grouped.items():
            text = blocks[anchor].text
            label = paragraph_label(anchor)
            target = relative(page, article_page(article.slug), anchor)
            out.append(f"- “{marked_sentence(text, spans)}” [{label}]({target})")
        out.append("")
    if len(articles) > ARTICLES_QUOTED:
        older = articles[ARTICLES_QUOTED:]
        out.append(
            f"{len(older)} older article{'s' if len(older) != 1 else ''} also mention it, the oldest from "
            f"{human_date(older[-1].date) if older[-1].date else 'an undated source'}; "
            "the [articles index](../articles/index.md) lists them all.\n"
        )
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
    more = f"\n\nAnd {len(pairs) - len(shown)} more." if len(pairs) > len(shown) else ""
    return (
        "## Mentioned alongside\n\nEntities named in the same paragraph or caption, "
        "with how many they share.\n\n" + "\n".join(items) + more + "\n"
    )


def evidence_link(relation: Relation, corpus: Corpus, from_page: str) -> str:
    article = corpus.article_by_slug[relation.anchor.article]
    block = next(b for b in article.blocks if b.anchor == relation.anchor.block)
    quoted = escape_fragment(block.text[relation.anchor.start : relation.anchor.end])
    label = paragraph_label(block.anchor)
    target = relative(from_page, article_page(article.slug), block.anchor)
    return f'“{quoted}” [{label}]({target} "{escape_title(article.title)}")'


def relation_line(relation: Relation, outgoing: bool, corpus: Corpus, from_page: str) -> str:
    """One relation read from this page's side: '<label> <other>', with its evidence."""
    kind = RELATION_TYPES[relation.type]
    if outgoing:
        label = kind.label
        other = (
            entity_link(corpus.entities[relation.target], from_page)
            if relation.target
            else escape(relation.topic or "")
        )
    else:
        label = kind.inverse
        other = entity_link(corpus.entities[relation.source], from_page)
    claim = ""
    if relation.claimed:
        claimant = corpus.entities[relation.source].name
        claim = f" *(a claim by {escape(claimant)})*"
    return f"- **{label}** {other}{claim}: {evidence_link(relation, corpus, from_page)}"


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
        target = relative(page, article_page(article.slug), anchor)
        quote = escape(placed.note.quote.exact)
        body = note_markdown(placed).replace("\n", "\n    ")
        out.append(f"- On “{quote}” ([{label}]({target})): {body}")
    return "\n".join(out) + "\n"


def paragraph_link(corpus: Corpus, from_page: str, article: str, anchor: str) -> str:
    title = corpus.article_by_slug[article].title
    return f'[{paragraph_label(anchor)}]({relative(from_page, article_page(article), anchor)} "{escape_title(title)}")'


def quote_line(quote: Quotation, corpus: Corpus, page: str, with_speaker: bool) -> str:
    speaker = ""
    if with_speaker and quote.speaker:
        speaker = f" — {entity_link(corpus.entities[quote.speaker], page)}"
    how = " *(attributed from context)*" if quote.how == "context" else ""
    how = " *(attributed through a pronoun)*" if quote.how == "pronoun" else how
    return f"- “{escape_fragment(quote.text.rstrip(','))}”{speaker}{how} {paragraph_link(corpus, page, quote.article, quote.block)}"


def quotes_section(slug: str, corpus: Corpus, page: str) -> str:
    quotes = [q for q in corpus.quotations if q.speaker == slug]
    if not quotes:
        return ""
    return "## Quotes\n\n" + "\n".join(quote_line(q, corpus, page, False) for q in quotes) + "\n"


def entity_region(entity: Entity, corpus: Corpus) -> str:
    sections = [
        infobox(entity, corpus),
        relations_section(entity, corpus),
        related(entity, corpus),
        in_the_articles(entity, corpus),
        quotes_section(entity.slug, corpus, entity_page(entity)),
        notes_section(entity, corpus),
        alongside(entity, corpus),
    ]
    return "\n".join(s for s in sections if s)


# --- Index pages ----------------------------------------------------------------------------


def _cell(text: str) -> str:
    return escape(text) if text else "—"


def render_type_index(folder: str, corpus: Corpus) -> str:
    entity_type = TYPE_BY_FOLDER[folder]
    page = type_index(folder)
    members = sorted((e for e in corpus.entities.values() if e.type == folder), key=lambda e: e.name.lower())
    out = [
        front_matter({"title": entity_type.plural, "generated_from": f"docs/{folder}/*.md"}),
        f"# :{entity_type.icon}: {entity_type.plural}\n",
        f"{len(members)} {entity_type.plural.lower() if len(members) != 1 else entity_type.singular.lower()} "
        "in the catalog. Each page is written by hand; its facts box and mentions are built from the articles.\n",
    ]
    if folder == "countries":
        out.append(world_map([(e, corpus.mention_count(e.slug), url_between(page, entity_page(e))) for e in members]))
    if members:
        out.append("| Name | Summary | Country | Mentions |\n| --- | --- | --- | ---: |")
        for entity in members:
            country = entity_link(corpus.entities[entity.country], page) if entity.country else "—"
            out.append(
                f"| {entity_link(entity, page)} | {_cell(entity.summary)} | {country} | {corpus.mention_count(entity.slug)} |"
            )
        out.append("")
    return "\n".join(out)


def render_articles_index(corpus: Corpus) -> str:
    page = "articles/index.md"
    out = [
        front_matter({"title": "Articles", "generated_from": "articles/*.txt"}),
        "# :material-file-document-multiple: Articles\n",
        f"{len(corpus.articles)} article{'s' if len(corpus.articles) != 1 else ''}, newest first.\n",
    ]
    if corpus.articles:
        out.append("| Date | Article | Publisher | Entities |\n| --- | --- | --- | ---: |")
        for article in corpus.articles:
            date = human_date(article.date) if article.date else "—"
            link = f"[{escape(article.title)}]({relative(page, article_page(article.slug))})"
            out.append(f"| {date} | {link} | {_cell(article.publisher or '')} | {len(corpus.entities_in(article))} |")
        out.append("")
    return "\n".join(out)


CARD_TYPES = ("vendors", "agencies", "advocacy", "countries")  # the home page's landscape at a glance


def home_region(corpus: Corpus) -> str:
    page = "index.md"
    out = ["## At a glance\n", '<div class="grid cards" markdown>\n']
    for folder in CARD_TYPES:
        entity_type = TYPE_BY_FOLDER[folder]
        members = [e for e in corpus.entities.values() if e.type == folder]
        ranked = sorted(members, key=lambda e: (-corpus.mention_count(e.slug), e.name.lower()))[:5]
        top = ", ".join(f"{entity_link(e, page)} ({corpus.mention_count(e.slug)})" for e in ranked)
        out.append(
            f"-   :{entity_type.icon}:{{ .lg .middle }} __{entity_type.plural}__: {len(members)}\n\n    ---\n\n"
            f"    Most mentioned: {top or 'none yet'}.\n\n"
            f"    [All {entity_type.plural.lower()}]({relative(page, type_index(folder))})\n"
        )
    out.append(
        f"-   :material-graph-outline:{{ .lg .middle }} __Who does what__\n\n    ---\n\n"
        f"    {len(corpus.relations)} relations, each with the words that state it, drawn as a "
        f"[diagram]({relative(page, 'relations.md')}); a [world map]({relative(page, 'countries/index.md')}#world-map) "
        f"of the countries; the [timeline]({relative(page, 'timeline.md')}) and the [quotes]({relative(page, 'quotes.md')}).\n"
    )
    out.append("</div>\n")
    others = [t for t in ENTITY_TYPES if t.folder not in CARD_TYPES]
    counts = ", ".join(
        f"[{t.plural.lower()}]({relative(page, type_index(t.folder))}) "
        f"({sum(1 for e in corpus.entities.values() if e.type == t.folder)})"
        for t in others
    )
    out.append(f"The catalog also has {counts}.\n")
    out.append("## Latest articles\n")
    for article in corpus.articles[:10]:
        date = f" ({human_date(article.date)})" if article.date else ""
        publisher = f", {escape(article.publisher)}" if article.publisher else ""
        out.append(f"- [{escape(article.title)}]({relative(page, article_page(article.slug))}){date}{publisher}")
    if len(corpus.articles) > 10:
        out.append(f"\n[All {len(corpus.articles)} articles]({relative(page, 'articles/index.md')})")
    out.append("")
    return "\n".join(out)


def render_relations_page(corpus: Corpus) -> str:
    page = "relations.md"
    out = [
        front_matter({"title": "Relations", "generated_from": "relations in docs/*/*.md"}),
        "# :material-graph-outline: Relations\n",
        "Who does what to whom, as the articles state it: each relation is declared on an entity's page "
        "and cites the exact words that support it. Claims a party makes about itself are marked.\n",
    ]
    if corpus.relations:
        out.append(whole_graph(corpus, page))
        out.append("| Entity | Relation | With | Evidence |\n| --- | --- | --- | --- |")
        for relation in sorted(corpus.relations, key=lambda r: (corpus.entities[r.source].name.lower(), r.type)):
            kind = RELATION_TYPES[relation.type]
            target = (
                entity_link(corpus.entities[relation.target], page) if relation.target else escape(relation.topic or "")
            )
            label = kind.label + (" (claimed)" if relation.claimed else "")
            source = entity_link(corpus.entities[relation.source], page)
            out.append(f"| {source} | {label} | {target} | {evidence_link(relation, corpus, page)} |")
        out.append("")
    else:
        out.append("No relations are declared yet.\n")
    return "\n".join(out)


def render_redirect(entity: Entity, old_slug: str) -> str:
    """A page at an entity's old address that sends readers (and links) to the new one."""
    old_page = f"{entity.type}/{old_slug}.md"
    new_url = posixpath.relpath(f"{entity.type}/{entity.slug}", f"{entity.type}/{old_slug}") + "/"
    return "\n".join(
        [
            front_matter(
                {
                    "title": entity.name,
                    "redirect_to": new_url,
                    "template": "redirect.html",
                    "search": {"exclude": True},
                    "generated_from": entity.path,
                }
            ),
            f"# {escape(entity.name)}\n",
            f"This page has moved to {entity_link(entity, old_page)}.\n",
        ]
    )
