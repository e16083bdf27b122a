"""An article's page: byline, annotated paragraphs and captions, notes, sources. Pure."""

from __future__ import annotations

from atlas.entity_types import ENTITY_TYPES
from atlas.link.corpus import Corpus
from atlas.link.topics import Topic
from atlas.model import Article, Block, Mention
from atlas.read.dates import human_date
from atlas.read.notes import PlacedNote
from atlas.render.anchors import anchors_in
from atlas.render.blocks import (
    annotated_text,
    annotation_item,
    description,
    entity_link,
    front_matter,
)
from atlas.render.escape import escape
from atlas.render.excerpts import excerpt_windows
from atlas.render.links import article_page, safe_url
from atlas.render.reports import render_reports


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


def excerpt_notice(article: Article) -> str:
    url = safe_url(article.source_url) if article.source_url else None
    where = f"[the publisher's page]({url})" if url else "the publisher's copy"
    owner = escape(article.copyright or article.publisher or "its publisher")
    return (
        f'!!! info "Excerpts"\n\n    This article is {owner}. The site shows only short passages around the names it '
        f"links and the editor's notes; read the whole article on {where}. Paragraph numbers stay the same.\n"
    )


def excerpted_text(
    block: Block,
    mentions: list[Mention],
    corpus: Corpus,
    page: str,
    markers: dict[int, str],
    topics: list[tuple[Topic, int, int]],
    notes: list[PlacedNote],
    wraps: tuple[tuple[int, int, str], ...] = (),
) -> str:
    """Copyright-safe mode: a few words around each mention, note and topic, never the whole block."""
    spans = [(m.start, m.end) for m in mentions] + [(s, e) for _, s, e in topics]
    spans += [(p.anchor.start, p.anchor.end) for p in notes]
    if not spans:
        return "…"
    pieces = []
    windows = excerpt_windows(block.text, spans)
    for start, end in windows:
        part = Block(block.kind, block.text[start:end], block.anchor, block.line)
        shift = [
            Mention(m.article, m.block, m.start - start, m.end - start, m.entity, m.surface)
            for m in mentions
            if start <= m.start and m.end <= end
        ]
        inner_topics = [(t, s - start, e - start) for t, s, e in topics if start <= s and e <= end]
        inner_markers = {o - start: mark for o, mark in markers.items() if start <= o <= end}
        inner_wraps = tuple((s - start, e - start, i) for s, e, i in wraps if start <= s and e <= end)
        pieces.append(annotated_text(part, shift, corpus, page, inner_markers, inner_topics, inner_wraps))
    lead = "… " if windows[0][0] > 0 else ""
    tail = " …" if windows[-1][1] < len(block.text) else ""
    return lead + " … ".join(pieces) + tail


def render_article(article: Article, corpus: Corpus) -> str:
    page = article_page(article.slug)
    out = [
        front_matter(
            {
                "title": article.title,
                "description": description(article, corpus.excerpts),
                "tags": sorted({link.text for block in article.blocks for link in block.dead_links}),
                "generated_from": article.path,
            }
        ),
        f"# {escape(article.title)}\n",
    ]
    if line := byline(article, corpus, page):
        out.append(f"{line}\n{{ .atlas-byline }}\n")
    if corpus.excerpts:
        out.append(excerpt_notice(article))
    for block in article.blocks:
        out.extend(_block(article, block, corpus, page))
    out.extend(_in_this_article(article, corpus, page))
    out.extend(render_reports(article, corpus, page))
    if copies := corpus.copies.get(article.slug):
        out.append(also_published(copies))
    out.append(source_box(article))
    return "\n".join(out)


def _block(article: Article, block: Block, corpus: Corpus, page: str) -> list[str]:
    """A heading, a paragraph with its number, or a caption; then the notes anchored in it."""
    if block.kind == "heading":
        return [f"{'#' * block.level} {escape(block.text)}\n"]
    notes = corpus.notes_in(article.slug, block.anchor)
    markers: dict[int, str] = {}
    for number, placed in enumerate(notes, start=1):
        markers[placed.anchor.end] = markers.get(placed.anchor.end, "") + f"({number})"
    mentions = corpus.by_block.get((article.slug, block.anchor), [])
    topics = corpus.topic_uses_in(article.slug, block.anchor)
    wraps = anchors_in(corpus, article.slug, block.anchor).wraps
    if corpus.excerpts:
        text = excerpted_text(block, mentions, corpus, page, markers, topics, notes, wraps)
    else:
        text = annotated_text(block, mentions, corpus, page, markers, topics, wraps)
    annotate = " annotate" if notes else ""
    if block.kind == "caption":
        credit = f' <span class="atlas-credit">({escape(block.credit)})</span>' if block.credit else ""
        out = [
            f'<figure class="atlas-caption{annotate}" id="{block.anchor}" markdown>\n'
            f'<figcaption markdown="span">{text}{credit}</figcaption>\n</figure>\n'
        ]
    else:
        number = f'[{block.anchor[1:]}](#{block.anchor}){{ .atlas-pnum title="Link to paragraph {block.anchor[1:]}" }} '
        out = [f"{number}{text}\n{{ #{block.anchor} .atlas-paragraph{annotate.replace(' ', ' .')} }}\n"]
    if notes:
        out.append("\n\n".join(annotation_item(n, placed) for n, placed in enumerate(notes, start=1)) + "\n")
    return out


def _in_this_article(article: Article, corpus: Corpus, page: str) -> list[str]:
    """Every entity the article names, by type; each type's line is also the legend of its colour."""
    entities = corpus.entities_in(article)
    if not entities:
        return []
    out = ['!!! abstract "In this article"\n']
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
    return out


def also_published(copies: tuple[Article, ...]) -> str:
    """The other copies of this story: who ran it, when, and where when known."""
    lines = []
    for copy in copies:
        who = copy.publisher or (f"{copy.author}" if copy.author else copy.title)
        date = f" ({human_date(copy.date)})" if copy.date else ""
        url = safe_url(copy.source_url) if copy.source_url else None
        name = f"[{escape(who)}]({url})" if url else escape(who)
        lines.append(f"    - Also published by {name}{date}")
    return '!!! info "The same story elsewhere"\n\n' + "\n".join(lines) + "\n"
