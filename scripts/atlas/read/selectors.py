"""Quotes that anchor notes and evidence: the W3C Web Annotation TextQuoteSelector.

A quote is its exact text with optional prefix and suffix (the text right before and after
it), matched against the repaired block text. Curly and straight quotes count as the same,
and white space in the quote is folded, so an editor can copy from the page or the source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from atlas.model import Article

_SAME_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})  # one char for one: offsets hold


@dataclass(frozen=True, slots=True)
class Quote:
    exact: str
    prefix: str = ""
    suffix: str = ""

    def folded(self) -> Quote:
        return Quote(_fold(self.exact), _fold(self.prefix, strip=False), _fold(self.suffix, strip=False))


@dataclass(frozen=True, slots=True)
class Anchor:
    article: str
    block: str
    start: int
    end: int


def _same_quotes(text: str) -> str:
    """text.translate(_SAME_QUOTES), by four C-level scans: a tenth of the time on a corpus."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _fold(text: str, strip: bool = True) -> str:
    folded = " ".join(text.split()) if strip else _fold_inner(text)
    return folded.translate(_SAME_QUOTES)


def _fold_inner(text: str) -> str:
    """Fold runs of white space but keep one at either edge (a prefix may end in a space)."""
    if not text:
        return text
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() and text.strip() else ""
    return lead + " ".join(text.split()) + trail


class TextIndex:
    """All blocks' text, quotes folded, joined once per build so a look-up is one C-level scan."""

    def __init__(self, articles: list[Article]) -> None:
        self.places: list[tuple[str, str, int]] = []  # (article, block anchor, offset in joined)
        texts: list[str] = []
        offset = 0
        for article in articles:
            for block in article.text_blocks:
                self.places.append((article.slug, block.anchor, offset))
                texts.append(block.text)
                offset += len(block.text) + 1
        self.joined = _same_quotes("\n".join(texts))  # no block text holds a newline
        self.starts = [place[2] for place in self.places]


def find_quote(quote: Quote, articles: list[Article] | TextIndex, only: str | None = None) -> list[Anchor]:
    """Every place the quote matches, in order (in article `only`, when given)."""
    index = articles if isinstance(articles, TextIndex) else TextIndex(articles)
    wanted = quote.folded()
    if not wanted.exact or "\n" in wanted.exact:
        return []
    found: list[Anchor] = []
    joined = index.joined
    start = joined.find(wanted.exact)
    while start != -1:
        which = bisect.bisect_right(index.starts, start) - 1
        article, anchor, block_start = index.places[which]
        end = start + len(wanted.exact)
        block_end = joined.find("\n", end)
        block_end = len(joined) if block_end == -1 else block_end
        if (
            (only is None or article == only)
            and joined[block_start:start].endswith(wanted.prefix)
            and joined[end:block_end].startswith(wanted.suffix)
        ):
            found.append(Anchor(article, anchor, start - block_start, end - block_start))
        start = joined.find(wanted.exact, start + 1)
    return found


def describe(quote: Quote) -> str:
    parts = [f'"{quote.exact}"']
    if quote.prefix:
        parts.append(f'prefix "{quote.prefix}"')
    if quote.suffix:
        parts.append(f'suffix "{quote.suffix}"')
    return " with ".join(parts[:1]) + (" (" + ", ".join(parts[1:]) + ")" if parts[1:] else "")
