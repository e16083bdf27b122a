"""Pages that look across the corpus: topics, quotations, the timeline, the glossary. Pure."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable

from atlas.link.corpus import Corpus
from atlas.link.quotations import Quotation
from atlas.link.sentences import sentence_around
from atlas.link.timeline import Event
from atlas.link.topics import Topic, TopicUse, slugify
from atlas.render.blocks import entity_link, event_date, marked_sentence, page_head, paragraph_link, quote_line
from atlas.render.escape import escape
from atlas.render.links import relative
from atlas.render.lists import (
    UNDATED,
    Item,
    ListPage,
    key_links,
    month_title,
    neighbour_links,
    part_links,
    period_pages,
    periods,
)

# --- Topics ---------------------------------------------------------------------------------


TOPIC_USES_SHOWN = 50  # a topic page quotes at most this many passages


def _use_line(use: TopicUse, corpus: Corpus, page: str) -> str:
    block = corpus.block(use.article, use.block)
    marked = marked_sentence(block.text, [(use.start, use.end)], corpus.excerpts)
    return f"- “{marked}” {paragraph_link(corpus, page, use.article, use.block, use.start)}"


def _distinct_uses(topic: Topic, corpus: Corpus) -> list[TopicUse]:
    """One use per sentence (a sentence that links the topic twice is quoted once)."""
    seen: set[tuple[str, str, tuple[int, int]]] = set()
    uses = []
    for use in topic.uses:
        sentence = sentence_around(corpus.block(use.article, use.block).text, use.start)
        if (use.article, use.block, sentence) not in seen:
            seen.add((use.article, use.block, sentence))
            uses.append(use)
    return uses


def _use_items(topic: Topic, corpus: Corpus) -> list[Item]:
    """(the date of its article, the article, its line for a page) for each passage, newest first."""
    return [
        (corpus.article_by_slug[use.article].date or UNDATED, use.article, functools.partial(_use_line, use, corpus))
        for use in _distinct_uses(topic, corpus)
    ]


def render_topic(topic: Topic, corpus: Corpus) -> str:
    page = f"topics/{topic.slug}.md"
    out = [
        *page_head(topic.name.capitalize(), "material-tag-outline", "dead links in articles/*.txt"),
        "A subject the articles point to. Where they raise it, and who is named alongside.\n",
        "## In the articles\n",
    ]
    items = _use_items(topic, corpus)
    out.extend(line(page) for _, _, line in items[:TOPIC_USES_SHOWN])
    if len(items) > TOPIC_USES_SHOWN:
        years = [(date if date == UNDATED else date[:4], article, line) for date, article, line in items]
        links = key_links(years, f"topics/{topic.slug}", page)
        out.append(f"\nThe newest {TOPIC_USES_SHOWN} of {len(items)} passages are quoted here; every one, by year: {links}.")  # fmt: skip
    entities: Counter[str] = Counter()
    for use in _distinct_uses(topic, corpus):
        sentence = sentence_around(corpus.block(use.article, use.block).text, use.start)
        for mention in corpus.by_block.get((use.article, use.block), []):
            if sentence[0] <= mention.start < sentence[1]:
                entities[mention.entity] += 1
    related = [r for r in corpus.relations if r.topic and slugify(r.topic) == topic.slug]
    if related:
        out.append("\n## Relations\n")
        for relation in related:
            source = corpus.entities[relation.source]
            out.append(
                f"- {entity_link(source, page)} **{relation.type.replace('_', ' ')}** {escape(relation.topic or '')}"
            )
    if entities:
        out.append("\n## Named in the same sentences\n")
        ranked = sorted(entities.items(), key=lambda item: (-item[1], corpus.entities[item[0]].name.lower()))
        out.extend(f"- {entity_link(corpus.entities[slug], page)} ({count})" for slug, count in ranked)
    return "\n".join(out) + "\n"


def render_topic_years(topic: Topic, corpus: Corpus) -> dict[str, ListPage]:
    """topics/<slug>/<year>.md: every passage, when the topic's page quotes only the newest."""
    items = _use_items(topic, corpus)
    if len(items) <= TOPIC_USES_SHOWN:
        return {}

    def head(title: str, page: str) -> list[str]:
        intro = f"Every passage from that year that raises [{escape(topic.name)}]({relative(page, f'topics/{topic.slug}.md')}).\n"  # fmt: skip
        return [*page_head(title, "material-tag-outline", "dead links in articles/*.txt"), intro]

    return period_pages(f"topics/{topic.slug}", topic.name.capitalize(), head, items, "passages")


def render_topics_index(corpus: Corpus) -> str:
    page = "topics/index.md"
    out = [
        *page_head("Topics", "material-tag-multiple-outline", "dead links in articles/*.txt"),
        "Subjects the articles link to (in the source text these were links with no target).\n",
        "| Topic | Mentions | Articles |\n| --- | ---: | ---: |",
    ]
    for topic in sorted(corpus.topics, key=lambda t: t.name):
        articles = len({u.article for u in topic.uses})
        out.append(
            f"| [{escape(topic.name)}]({relative(page, f'topics/{topic.slug}.md')}) | {len(topic.uses)} | {articles} |"
        )
    return "\n".join(out) + "\n"


# --- Quotations -----------------------------------------------------------------------------


QUOTES_LIMIT = 200  # quotations on one page; beyond, one page per speaker's initial
QUOTES_INTRO = (
    "Every direct quotation in the articles, with who said it. Where the article does not say so "
    "in as many words, the attribution is marked.\n"
)


QuoteItem = tuple[
    str, str | None, Callable[[str], str], str, str
]  # (initial, speaker, line, date of its article, article)


def quote_initial(name: str, attributed: bool = True) -> str:
    """The key of a speaker's Quotes page: the initial of their name."""
    return name[:1].upper() if name[:1].isalpha() else ("other" if attributed else "unattributed")


def quotes_page_of(slug: str, corpus: Corpus) -> str:
    """The page that lists every quotation of a speaker."""
    if len(corpus.quotations) <= QUOTES_LIMIT:
        return "quotes.md"
    return f"quotes/{quote_initial(corpus.entities[slug].name)}.md"


def _quote_items(corpus: Corpus) -> list[QuoteItem]:
    """(initial, speaker, line, date, article) for every quotation, speakers in name order,
    unattributed last."""
    by_speaker: dict[str | None, list[Quotation]] = {}
    for quote in corpus.quotations:
        by_speaker.setdefault(quote.speaker, []).append(quote)
    speakers = sorted((s for s in by_speaker if s), key=lambda s: corpus.entities[s].name.lower())
    items: list[QuoteItem] = []
    for slug in [*speakers, None]:
        name = corpus.entities[slug].name if slug else ""
        key = quote_initial(name, slug is not None)
        for quote in by_speaker.get(slug, []):
            date = corpus.article_by_slug[quote.article].date or UNDATED
            line = functools.partial(quote_line, quote, corpus, with_speaker=False)
            items.append((key, slug, line, date, quote.article))
    return items


def _quotes_section(items: list[QuoteItem], corpus: Corpus, page: str) -> list[str]:
    out: list[str] = []
    current: object = object()
    for _, slug, line, _, _ in items:
        if slug != current:
            if out:
                out.append("")
            current = slug
            if slug:
                out += [f"## {escape(corpus.entities[slug].name)}\n", f"{entity_link(corpus.entities[slug], page, 'Their page')}\n"]  # fmt: skip
            else:
                out.append("## Unattributed\n")
        out.append(line(page=page))
    if out and current is not None:
        out.append("")
    return out


def render_quotes(corpus: Corpus) -> str:
    page = "quotes.md"
    out = [*page_head("Quotes", "material-format-quote-open", "articles/*.txt"), QUOTES_INTRO]
    items = _quote_items(corpus)
    if len(items) > QUOTES_LIMIT:
        pairs = [(key, article, line) for key, _, line, _, article in items]
        out.append(
            f"{len(items)} quotations, one page per initial of who said them: {key_links(pairs, 'quotes', page)}."
        )
        return "\n".join(out) + "\n"
    return "\n".join(out + _quotes_section(items, corpus, page)) + "\n"


def render_quote_pages(corpus: Corpus) -> dict[str, ListPage]:
    """quotes/<initial>.md; an initial with more than QUOTES_LIMIT quotations links a page per
    period of its articles' dates (quotes/<initial>/<period>.md), so no bucket grows without end."""
    items = _quote_items(corpus)
    if len(items) <= QUOTES_LIMIT:
        return {}
    by_initial: dict[str, list[QuoteItem]] = {}
    for item in items:
        by_initial.setdefault(item[0], []).append(item)
    keys = list(by_initial)
    pages = {}
    for key, members in by_initial.items():
        page = f"quotes/{key}.md"
        neighbours = neighbour_links(keys, key, lambda k: f"quotes/{k}.md", page)
        head = [*page_head(f"Quotes: {key}", "material-format-quote-open", "articles/*.txt"), QUOTES_INTRO]
        if len(members) <= QUOTES_LIMIT:
            render = functools.partial(_quotes_page, head, members, corpus, page, ["", neighbours, ""])
            pages[page] = ListPage(tuple(i[4] for i in members), (*head, neighbours), render)
            continue
        groups = periods([(i[3], i) for i in members], QUOTES_LIMIT)
        counts = {period: len(group) for period, group in groups.items()}
        links = part_links(list(groups), counts, functools.partial("quotes/{}/{}.md".format, key), page)
        text = "\n".join([*head, f"{len(members)} quotations, one page per period of their articles: {links}.", "", neighbours, ""])  # fmt: skip
        pages[page] = ListPage((), (text,), functools.partial(str, text))
        for period, group in groups.items():
            sub = f"quotes/{key}/{period}.md"
            sub_head = [*page_head(f"Quotes: {key}, {month_title(period)}", "material-format-quote-open", "articles/*.txt"),
                        f"[All of {key}]({relative(sub, page)})\n"]  # fmt: skip
            pages[sub] = ListPage(tuple(i[4] for i in group), tuple(sub_head), functools.partial(_quotes_page, sub_head, group, corpus, sub, [""]))  # fmt: skip
    return pages


def _quotes_page(head: list[str], items: list[QuoteItem], corpus: Corpus, page: str, bottom: list[str]) -> str:
    return "\n".join([*head, *_quotes_section(items, corpus, page), *bottom])


# --- Timeline -------------------------------------------------------------------------------


TIMELINE_LIMIT = 200  # events on one page; beyond, one page per year
TIMELINE_INTRO = (
    'Dated events the articles report, relative dates ("last year", "in February") resolved against '
    "each article's publication date. :material-pencil: marks events an editor added from another "
    "source; they are not the article's words.\n"
)


def _event_line(event: Event, corpus: Corpus, page: str) -> str:
    block = corpus.block(event.article, event.block)
    link = paragraph_link(corpus, page, event.article, event.block, event.start)
    names = sorted(
        {m.entity for m in corpus.by_block.get((event.article, event.block), []) if event.start <= m.start < event.end}
    )
    who = ", ".join(entity_link(corpus.entities[s], page) for s in names)
    who = f" · {who}" if who else ""
    if event.note is not None:
        note = event.note.note
        body = escape(note.body.split("\n\n")[0]) if note.body else escape(note.quote.exact)
        source = f" (source: {escape(note.source)})" if note.source else ""
        return f"- **{event_date(event)}** :material-pencil: *Editor's note:* {body}{source} — on {link}{who}"
    phrase = event.start + block.text[event.start : event.end].find(event.phrase)
    sentence = marked_sentence(block.text, [(phrase, phrase + len(event.phrase))], corpus.excerpts)
    return f"- **{event_date(event)}** — “{sentence}” {link}{who}"


def _timeline_items(corpus: Corpus) -> list[Item]:
    """(the event's date, its article, its line for a page), oldest first."""
    return [(e.date, e.article, functools.partial(_event_line, e, corpus)) for e in corpus.events]


def render_timeline(corpus: Corpus) -> str:
    page = "timeline.md"
    out = [*page_head("Timeline", "material-timeline-clock-outline", "articles/*.txt and their notes"), TIMELINE_INTRO]
    items = _timeline_items(corpus)
    if len(items) > TIMELINE_LIMIT:
        years = [(date[:4], article, line) for date, article, line in items]
        out.append(f"{len(items)} events, one page per year: {key_links(years, 'timeline', page)}.")
        return "\n".join(out) + "\n"
    year = None
    for date, _, line in items:
        if date[:4] != year:
            year = date[:4]
            out.append(f"\n## {year}\n")
        out.append(line(page))
    return "\n".join(out) + "\n"


def render_timeline_years(corpus: Corpus) -> dict[str, ListPage]:
    items = _timeline_items(corpus)
    if len(items) <= TIMELINE_LIMIT:
        return {}

    def head(title: str, page: str) -> list[str]:
        return [*page_head(title, "material-timeline-clock-outline", "articles/*.txt and their notes"), TIMELINE_INTRO]

    return period_pages("timeline", "Timeline", head, items, "events")


# --- Glossary -------------------------------------------------------------------------------


def render_glossary(corpus: Corpus) -> str:
    out = [
        *page_head("Glossary", "material-book-alphabet", "includes/abbreviations.md"),
        "Abbreviations the articles use. Wherever they occur on the site, hovering one shows its expansion.\n",
        "| Abbreviation | Stands for |\n| --- | --- |",
    ]
    for abbreviation, expansion in sorted(corpus.glossary, key=lambda e: e[0].lower()):
        out.append(f"| {escape(abbreviation)} | {escape(expansion)} |")
    return "\n".join(out) + "\n"
