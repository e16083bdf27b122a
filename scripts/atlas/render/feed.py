"""An Atom feed of the articles, newest first. Pure; deterministic (no build time in it).

Links are relative to the feed's own address (Atom resolves them against it), so the feed
works wherever the site is hosted.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from atlas.link.corpus import Corpus
from atlas.paths import FEED
from atlas.render.blocks import description

LIMIT = 50  # the newest articles; a feed is for news, the articles index has the rest


def _timestamp(date: str | None) -> str:
    parts = [*(date or "1970-01-01").split("-"), "01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def render_feed(corpus: Corpus, site_name: str) -> str:
    articles = corpus.articles[:LIMIT]
    updated = _timestamp(articles[0].date if articles else None)
    entries = []
    for article in articles:
        categories = "".join(f"<category term={quoteattr(e.name)}/>" for e in corpus.entities_in(article))
        author = f"<author><name>{escape(article.author)}</name></author>" if article.author else ""
        entries.append(
            "<entry>"
            f"<id>tag:facial-recognition-atlas,2026:articles/{escape(article.slug)}</id>"
            f"<title>{escape(article.title)}</title>"
            f'<link rel="alternate" type="text/html" href="articles/{escape(article.slug)}/"/>'
            f"<updated>{_timestamp(article.date)}</updated>{author}"
            f"<summary>{escape(description(article, corpus.excerpts))}</summary>{categories}"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>tag:facial-recognition-atlas,2026:feed</id><title>{escape(site_name)}: articles</title>"
        f'<link rel="self" href="{FEED}"/><link rel="alternate" type="text/html" href="./"/>'
        f"<updated>{updated}</updated>\n" + "\n".join(entries) + "\n</feed>\n"
    )
