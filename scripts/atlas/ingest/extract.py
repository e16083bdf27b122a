"""A web page → its article: metadata and text, found by trafilatura. Pure (bytes in).

trafilatura is the field's maintained extractor (title, date, author, site name, canonical
URL, main text). Two of its defaults are wrong for us: its date search reads any date on
the page (a footer's "© 2026"), so only the page's metadata is trusted; and it drops
figure captions, so the `figcaption`s the page marks are put back before the paragraph
that follows each figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura

# Only the page's metadata (JSON-LD, OpenGraph, <meta>, <time>): never a date in the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|main|p)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Extracted:
    title: str | None
    date: str | None  # ISO 8601 as the page gives it
    author: str | None
    publisher: str | None
    url: str | None
    paragraphs: tuple[str, ...]  # the main text, one paragraph each
    captions: tuple[tuple[int, str], ...] = ()  # (index of the paragraph it stands before, caption)


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML.search(data[:4096]))


def extract_page(data: bytes, url: str | None = None) -> Extracted:
    """What trafilatura finds in the page; empty fields where it finds nothing."""
    document = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None:
        return Extracted(None, None, None, None, url, ())
    paragraphs = tuple(p for p in (" ".join(line.split()) for line in (document.text or "").split("\n")) if p)
    captions = _captions(data, paragraphs)
    return Extracted(
        title=_clean(document.title),
        date=_clean(document.date),
        author=_clean(document.author),
        publisher=_clean(document.sitename),
        url=_clean(document.url) or url,
        paragraphs=paragraphs,
        captions=captions,
    )


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def _captions(data: bytes, paragraphs: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Each figcaption, placed before the paragraph that follows its figure in the page."""
    try:
        tree = lxml.html.fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return ()
    found: list[tuple[int, str]] = []
    for caption in tree.iter("figcaption"):
        text = " ".join(caption.text_content().split())
        if not text or text in paragraphs:
            continue
        following = caption.xpath("following::p[1]")
        index = len(paragraphs)
        if following:
            start = " ".join(following[0].text_content().split())[:40]
            index = next((i for i, p in enumerate(paragraphs) if start and p.startswith(start)), len(paragraphs))
        found.append((index, text))
    return tuple(found)
