"""An extracted article → the text of its `articles/*.txt` file and its file name. Pure.

The file is the parser's own shape, so what was found stays visible and editable:

    # Title
    2022-03-09, by Author
    Publisher: Site name
    URL: https://…

    First paragraph…

A caption stands after three blank lines, as the parser expects of captions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SLUG_LENGTH = 60
_CAPTION_GAP = "\n\n\n\n"  # three blank lines


@dataclass(frozen=True)
class Header:
    title: str
    date: str  # ISO 8601: YYYY-MM-DD or YYYY-MM
    author: str | None = None
    publisher: str | None = None
    url: str | None = None


def article_text(header: Header, body: str) -> str:
    lines = [f"# {header.title}", header.date + (f", by {header.author}" if header.author else "")]
    if header.publisher:
        lines.append(f"Publisher: {header.publisher}")
    if header.url:
        lines.append(f"URL: {header.url}")
    return "\n".join(lines) + "\n\n" + body.strip("\n") + "\n"


def body_text(paragraphs: tuple[str, ...] | list[str], captions: tuple[tuple[int, str], ...] = ()) -> str:
    """Paragraphs separated by a blank line; each caption before the paragraph it precedes."""
    before: dict[int, list[str]] = {}
    for index, caption in captions:
        before.setdefault(index, []).append(caption)
    parts: list[str] = []
    for index in range(len(paragraphs) + 1):
        for caption in before.get(index, []):
            parts.append((_CAPTION_GAP if parts else "") + caption)
        if index < len(paragraphs):
            parts.append(("\n\n" if parts else "") + paragraphs[index])
    return "".join(parts)


def file_name(header: Header) -> str:
    """`<date>-<slug of the title>.txt`, the slug cut at a word under 60 characters."""
    ascii_title = unicodedata.normalize("NFKD", header.title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > SLUG_LENGTH:
            break
        slug = f"{slug}-{word}" if slug else word[:SLUG_LENGTH]
    return f"{header.date}-{slug or 'article'}.txt"
