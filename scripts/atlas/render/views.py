"""Pages that look across the corpus: topics, quotations, the timeline, the glossary. Pure."""

from __future__ import annotations

from collections import Counter

from atlas.link.corpus import Corpus
from atlas.link.sentences import sentence_around
from atlas.link.timeline import Event
from atlas.link.topics import Topic, slugify
from atlas.read.dates import human_date
from atlas.render.blocks import entity_link, marked_sentence, page_head, paragraph_link, quote_line
from atlas.render.escape import escape
from atlas.render.links import relative

# --- Topics ---------------------------------------------------------------------------------


TOPIC_USES_SHOWN = 50  # a topic page quotes at most this many passages


def render_topic(topic: Topic, corpus: Corpus) -> str:
    page = f"topics/{topic.slug}.md"
    out = [
        *page_head(topic.name.capitalize(), "material-tag-outline", "dead links in articles/*.txt"),
        "A subject the articles point to. Where they raise it, and who is named alongside.\n",
        "## In the articles\n",
    ]
    seen: set[tuple[str, str, tuple[int, int]]] = set()
    entities: Counter[str] = Counter()
    for use in topic.uses[:TOPIC_USES_SHOWN]:
        block = corpus.block(use.article, use.block)
        sentence = sentence_around(block.text, use.start)
        if (use.article, use.block, sentence) in seen:
            continue
        seen.add((use.article, use.block, sentence))
        out.append(
            f"- “{marked_sentence(block.text, [(use.start, use.end)], corpus.excerpts)}” {paragraph_link(corpus, page, use.article, use.block)}"
        )
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


def render_quotes(corpus: Corpus) -> str:
    page = "quotes.md"
    out = [
        *page_head("Quotes", "material-format-quote-open", "articles/*.txt"),
        "Every direct quotation in the articles, with who said it. Where the article does not say so "
        "in as many words, the attribution is marked.\n",
    ]
    speakers = sorted(
        {q.speaker for q in corpus.quotations if q.speaker}, key=lambda s: corpus.entities[s].name.lower()
    )
    for slug in speakers:
        out.append(f"## {escape(corpus.entities[slug].name)}\n")
        out.append(f"{entity_link(corpus.entities[slug], page, 'Their page')}\n")
        out.extend(quote_line(q, corpus, page, False) for q in corpus.quotations if q.speaker == slug)
        out.append("")
    unattributed = [q for q in corpus.quotations if not q.speaker]
    if unattributed:
        out.append("## Unattributed\n")
        out.extend(quote_line(q, corpus, page, False) for q in unattributed)
    return "\n".join(out) + "\n"


# --- Timeline -------------------------------------------------------------------------------


def _event_date(event: Event) -> str:
    text = human_date(event.date)
    return f"after {text}" if event.after else text


def render_timeline(corpus: Corpus) -> str:
    page = "timeline.md"
    out = [
        *page_head("Timeline", "material-timeline-clock-outline", "articles/*.txt and their notes"),
        'Dated events the articles report, relative dates ("last year", "in February") resolved against '
        "each article's publication date. :material-pencil: marks events an editor added from another "
        "source; they are not the article's words.\n",
    ]
    year = None
    for event in corpus.events:
        if event.date[:4] != year:
            year = event.date[:4]
            out.append(f"\n## {year}\n")
        block = corpus.block(event.article, event.block)
        link = paragraph_link(corpus, page, event.article, event.block)
        names = sorted(
            {
                m.entity
                for m in corpus.by_block.get((event.article, event.block), [])
                if event.start <= m.start < event.end
            }
        )
        who = ", ".join(entity_link(corpus.entities[s], page) for s in names)
        who = f" · {who}" if who else ""
        if event.note is not None:
            note = event.note.note
            body = escape(note.body.split("\n\n")[0]) if note.body else escape(note.quote.exact)
            source = f" (source: {escape(note.source)})" if note.source else ""
            out.append(f"- **{_event_date(event)}** :material-pencil: *Editor's note:* {body}{source} — on {link}{who}")
        else:
            phrase = event.start + block.text[event.start : event.end].find(event.phrase)
            sentence = marked_sentence(block.text, [(phrase, phrase + len(event.phrase))], corpus.excerpts)
            out.append(f"- **{_event_date(event)}** — “{sentence}” {link}{who}")
    return "\n".join(out) + "\n"


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
