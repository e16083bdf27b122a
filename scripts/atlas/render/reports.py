"""An article's "What this article reports": every claim built on it, in text order, each linked
to its words on the page. Pure.

A relation is listed wherever its evidence words are, the cited story's page or another
story that carries the same words; a quotation only when a speaker is found for it; an event
only when the article itself dates it (an editor's dated note is the editor's, not the article's).
"""

from __future__ import annotations

from atlas.link.corpus import Corpus
from atlas.link.vocabulary import RELATION_TYPES
from atlas.model import Article
from atlas.render.anchors import anchors_in
from atlas.render.blocks import clip, entity_link, event_date, paragraph_label
from atlas.render.escape import escape, escape_fragment

OPEN_UP_TO = 10  # items shown open; a longer list is a collapsed block the reader opens


def render_reports(article: Article, corpus: Corpus, page: str) -> list[str]:
    order = {block.anchor: index for index, block in enumerate(article.blocks)}
    items = _relation_items(article, corpus, page) + _quote_items(article, corpus, page)
    items += _event_items(article, corpus)
    if not items:
        return []
    items.sort(key=lambda item: (order[item[0]], item[1], item[2]))
    fence = "???" if len(items) > OPEN_UP_TO else "!!!"
    counts = f"{len(items)} claim{'s' if len(items) != 1 else ''}"
    lines = [f'{fence} abstract "What this article reports ({counts})"\n']
    lines.append("    Each relation, quotation and dated event built on this article, linked to its words.\n")
    lines.extend(f"    - {paragraph_label(block)} {line}" for block, _, _, line in items)
    return ["\n".join(lines) + "\n"]


Item = tuple[str, int, int, str]  # (block anchor, start, kind order, Markdown)


def _link(words: str, fragment: str) -> str:
    """The words (cut to a dozen: they stand just above, in full) linked to their place."""
    return f"[“{escape_fragment(clip(words))}”](#{fragment})"


def _relation_items(article: Article, corpus: Corpus, page: str) -> list[Item]:
    items: list[Item] = []
    for block in article.text_blocks:
        evidence = corpus.evidence_in(article.slug, block.anchor)
        if not evidence:
            continue
        anchors = anchors_in(corpus, article.slug, block.anchor)
        for key, start, end in evidence:
            relation = corpus.relation(key)
            source = entity_link(corpus.entities[relation.source], page)
            target = entity_link(corpus.entities[relation.target], page) if relation.target else escape(relation.topic or "")  # fmt: skip
            claimed = " *(its claim)*" if relation.claimed else ""
            words = _link(block.text[start:end], anchors.words(key, start))
            line = f"{source} **{escape(RELATION_TYPES[relation.type].label)}** {target}{claimed}: {words}"
            items.append((block.anchor, start, 0, line))
    return items


def _quote_items(article: Article, corpus: Corpus, page: str) -> list[Item]:
    items: list[Item] = []
    for quote in corpus.reported_in(article.slug)[0]:
        if quote.speaker is None:
            continue
        speaker = entity_link(corpus.entities[quote.speaker], page)
        fragment = anchors_in(corpus, article.slug, quote.block).sentence(quote.start)
        words = _link(quote.text.rstrip(","), fragment)
        how = {"context": " *(attributed from context)*", "pronoun": " *(attributed through a pronoun)*"}.get(
            quote.how, ""
        )
        items.append((quote.block, quote.start, 1, f"{speaker}, quoted: {words}{how}"))
    return items


def _event_items(article: Article, corpus: Corpus) -> list[Item]:
    items: list[Item] = []
    for event in corpus.reported_in(article.slug)[1]:
        text = corpus.block(article.slug, event.block).text
        phrase = event.start + max(0, text[event.start : event.end].find(event.phrase))
        fragment = anchors_in(corpus, article.slug, event.block).sentence(phrase)
        words = _link(event.phrase, fragment)
        items.append((event.block, phrase, 2, f"**{event_date(event)}**: {words}"))
    return items
