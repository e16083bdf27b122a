"""Quotes that anchor notes and evidence: the W3C Web Annotation TextQuoteSelector.

A quote is its exact text with optional prefix and suffix (the text right before and after
it), matched against the repaired block text. Curly and straight quotes count as the same,
and white space in the quote is folded, so an editor can copy from the page or the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article

_SAME_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})  # one char for one: offsets hold


@dataclass(frozen=True)
class Quote:
    exact: str
    prefix: str = ""
    suffix: str = ""

    def folded(self) -> Quote:
        return Quote(_fold(self.exact), _fold(self.prefix, strip=False), _fold(self.suffix, strip=False))


@dataclass(frozen=True)
class Anchor:
    article: str
    block: str
    start: int
    end: int


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


def find_quote(quote: Quote, articles: list[Article]) -> list[Anchor]:
    """Every place the quote matches, in order."""
    wanted = quote.folded()
    if not wanted.exact:
        return []
    found: list[Anchor] = []
    for article in articles:
        for block in article.text_blocks:
            text = block.text.translate(_SAME_QUOTES)
            start = text.find(wanted.exact)
            while start != -1:
                end = start + len(wanted.exact)
                if text[:start].endswith(wanted.prefix) and text[end:].startswith(wanted.suffix):
                    found.append(Anchor(article.slug, block.anchor, start, end))
                start = text.find(wanted.exact, start + 1)
    return found


def describe(quote: Quote) -> str:
    parts = [f'"{quote.exact}"']
    if quote.prefix:
        parts.append(f'prefix "{quote.prefix}"')
    if quote.suffix:
        parts.append(f'suffix "{quote.suffix}"')
    return " with ".join(parts[:1]) + (" (" + ", ".join(parts[1:]) + ")" if parts[1:] else "")
