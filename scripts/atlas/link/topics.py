"""Topics: the subjects an article's dead `[text](#)` links pointed at, gathered across articles. Pure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from atlas.model import Article


@dataclass(frozen=True, slots=True)
class TopicUse:
    article: str
    block: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    name: str  # as first written, lower-cased
    uses: tuple[TopicUse, ...]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "topic"


def collect_topics(articles: list[Article]) -> list[Topic]:
    """Every dead link becomes a use of the topic named by its text (case-insensitive)."""
    uses: dict[str, list[TopicUse]] = {}
    names: dict[str, str] = {}
    for article in articles:
        for block in article.text_blocks:
            for link in block.dead_links:
                slug = slugify(link.text)
                names.setdefault(slug, link.text.lower())
                uses.setdefault(slug, []).append(TopicUse(article.slug, block.anchor, link.start, link.end))
    return [Topic(slug, names[slug], tuple(uses[slug])) for slug in sorted(uses)]
