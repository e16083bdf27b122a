"""Markdown building blocks every page uses: front matter, links, annotated text. Pure.

All article and front-matter text goes through `escape`; links are relative `.md` links so
MkDocs validates them and they work under `mkdocs serve` and on a hosted subpath.
"""

from __future__ import annotations

import functools
import html
import json

from atlas.link.corpus import Corpus
from atlas.link.quotations import Quotation
from atlas.link.relations import Relation
from atlas.link.sentences import sentence_around
from atlas.link.support import support
from atlas.link.timeline import Event
from atlas.link.topics import Topic
from atlas.link.vocabulary import RELATION_TYPES
from atlas.model import Article, Block, Entity, Mention
from atlas.read.dates import human_date
from atlas.read.notes import PlacedNote
from atlas.render.anchors import anchors_in
from atlas.render.escape import escape, escape_fragment, escape_line_start, escape_title
from atlas.render.excerpts import EXCERPT_WORDS, excerpt_windows
from atlas.render.links import article_page, entity_page, relative

RELATIONS_PAGE = "relations.md"


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


def page_head(title: str, icon: str, generated_from: str, **meta: object) -> list[str]:
    """Front matter and the title line every generated page starts with."""
    return [front_matter({"title": title, **meta, "generated_from": generated_from}), f"# :{icon}: {escape(title)}\n"]


def entity_link(entity: Entity, from_page: str, text: str | None = None, tooltip: bool = False) -> str:
    label = _escaped(text if text is not None else entity.name)
    target = relative(from_page, entity_page(entity))
    title = f' "{_escaped_title(entity.summary)}"' if tooltip else ""
    return f"[{label}]({target}{title})"


# Names and summaries are escaped again for every link to them: hundreds of thousands of times.
_escaped = functools.lru_cache(maxsize=1 << 16)(escape)
_escaped_title = functools.lru_cache(maxsize=1 << 12)(escape_title)


def description(article: Article, excerpt: bool = False) -> str:
    first = next((b.text for b in article.blocks if b.kind == "paragraph"), article.title)
    limit = 80 if excerpt else 200  # excerpts: never a whole paragraph
    return first if len(first) <= limit and not excerpt else first[: limit - 3].rsplit(" ", 1)[0] + "…"


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


def annotated_text(
    block: Block,
    mentions: list[Mention],
    corpus: Corpus,
    from_page: str,
    markers: dict[int, str] | None = None,
    topics: list[tuple[Topic, int, int]] | None = None,
    wraps: tuple[tuple[int, int, str], ...] = (),
) -> str:
    """The block's text with every mention linked to its entity (its summary as tooltip), each
    former dead link linked to its topic page, annotation markers inserted, and each of `wraps`
    (start, end, id: sentences and evidence words, outer before inner) drawn as a span.

    `markers` maps a text offset to what to insert there; one that falls inside a link moves
    to the link's end, so it never splits one. A mention wins over a topic it overlaps. Wraps
    never cut a link (render/anchors.py sees to it).
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
    return escape_line_start(_interleave(text, sorted(links), _outside_links(markers or {}, links), wraps))


def _interleave(
    text: str, links: list[tuple[int, int, str]], markers: dict[int, str], wraps: tuple[tuple[int, int, str], ...]
) -> str:
    """The text escaped, with links in place of their words and, at each offset, its marker,
    then the spans that close there (inner first), then those that open (outer first)."""
    link_at = {start: (end, markdown) for start, end, markdown in links}
    opening: dict[int, list[tuple[int, str]]] = {}
    for start, end, ident in wraps:
        opening.setdefault(start, []).append((end, ident))
    points = sorted({*link_at, *markers, *opening, *(end for _, end, _ in wraps), len(text)})
    out: list[str] = []
    open_ends: list[int] = []
    position = 0
    for point in points:
        if point < position:
            continue  # inside a link already written
        out.append(escape_fragment(text[position:point]))
        position = point
        out.append(markers.get(point, ""))
        while open_ends and open_ends[-1] <= point:
            open_ends.pop()
            out.append("</span>")
        for end, ident in opening.get(point, ()):
            out.append(f'<span id="{ident}">')
            open_ends.append(end)
        if point in link_at:
            position, markdown = link_at[point]
            out.append(markdown)
    out.append(escape_fragment(text[position:]) + "</span>" * len(open_ends))
    return "".join(out)


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


def paragraph_link(corpus: Corpus, from_page: str, article: str, anchor: str, offset: int) -> str:
    """'¶12', linked to the sentence of the paragraph that holds the offset."""
    title = corpus.article_by_slug[article].title
    target = relative(from_page, article_page(article), anchors_in(corpus, article, anchor).sentence(offset))
    return f'[{paragraph_label(anchor)}]({target} "{escape_title(title)}")'


def marked_sentence(text: str, spans: list[tuple[int, int]], excerpt: bool = False) -> str:
    """The sentence around the first span with every span inside it in bold; for excerpts,
    only a few words either side of each span, the gaps shown as "…"."""
    sentence_start, sentence_end = sentence_around(text, spans[0][0])
    inside = [(s, e) for s, e in spans if sentence_start <= s and e <= sentence_end]
    windows = [(sentence_start, sentence_end)]
    if excerpt:
        windows = [(max(a, sentence_start), min(b, sentence_end)) for a, b in excerpt_windows(text, inside)]
    pieces = []
    for start, end in windows:
        out, position = [], start
        for s, e in inside:
            if start <= s and e <= end:
                out.append(escape_fragment(text[position:s]) + f"**{escape_fragment(text[s:e])}**")
                position = e
        out.append(escape_fragment(text[position:end]))
        pieces.append("".join(out))
    lead = "… " if windows[0][0] > sentence_start else ""
    tail = " …" if windows[-1][1] < sentence_end else ""
    return escape_line_start(lead + " … ".join(pieces) + tail)


def clip(text: str) -> str:
    """Excerpt mode: a quote cut to a few words, so no whole sentence is republished."""
    words = text.split()
    return " ".join(words[: 2 * EXCERPT_WORDS]) + " …" if len(words) > 2 * EXCERPT_WORDS else " ".join(words)


def evidence_link(relation: Relation, corpus: Corpus, from_page: str) -> str:
    article = corpus.article_by_slug[relation.anchor.article]
    block = next(b for b in article.blocks if b.anchor == relation.anchor.block)
    words = block.text[relation.anchor.start : relation.anchor.end]
    quoted = escape_fragment(clip(words) if corpus.excerpts else words)
    label = paragraph_label(block.anchor)
    fragment = anchors_in(corpus, article.slug, block.anchor).words(relation.key, relation.anchor.start)
    target = relative(from_page, article_page(article.slug), fragment)
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
    return f"- **{label}** {other}{claim}: {evidence_link(relation, corpus, from_page)}{more_stories(relation, from_page, corpus)}"


RELATIONS_LIMIT = 200  # relations in one table; beyond, one page per relation type ("Relations: …")


def relations_page_of(relation: Relation, corpus: Corpus) -> str:
    """The page whose table holds the relation (and the list of the stories that cite it)."""
    return f"relations/{relation.type}.md" if len(corpus.relations) > RELATIONS_LIMIT else RELATIONS_PAGE


def evidence_path(relation: Relation) -> str:
    """The page listing every story that carries a relation's words (when several do)."""
    return f"relations/evidence/{relation.key}.md"


def more_stories(relation: Relation, from_page: str, corpus: Corpus) -> str:
    """' and N more' stories carrying the same evidence, linked to their complete list; then how
    many stories and outlets carry it ('3 stories, 5 outlets', 'single source')."""
    counts = f" · *{support([relation], corpus).label()}*{{ .atlas-support }}"
    if not relation.also:
        return counts
    count = len(relation.also)
    target = relative(from_page, evidence_path(relation))
    return f" and [{count} more {'story' if count == 1 else 'stories'}]({target}){counts}"


def event_date(event: Event) -> str:
    text = human_date(event.date)
    return f"after {text}" if event.after else text


def quote_line(quote: Quotation, corpus: Corpus, page: str, with_speaker: bool) -> str:
    speaker = ""
    if with_speaker and quote.speaker:
        speaker = f" — {entity_link(corpus.entities[quote.speaker], page)}"
    how = " *(attributed from context)*" if quote.how == "context" else ""
    how = " *(attributed through a pronoun)*" if quote.how == "pronoun" else how
    words = quote.text.rstrip(",").split()
    text = (
        " ".join(words[: 2 * EXCERPT_WORDS]) + " …"
        if corpus.excerpts and len(words) > 2 * EXCERPT_WORDS
        else " ".join(words)
    )
    return f"- “{escape_fragment(text)}”{speaker}{how} {paragraph_link(corpus, page, quote.article, quote.block, quote.start)}"
