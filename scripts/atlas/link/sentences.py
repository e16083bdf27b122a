"""Sentence spans inside a block of text, for quoting the sentence around a mention."""

from __future__ import annotations

import functools
import re

# A sentence ends at . ! or ? (and any closing quote) before a space and a capital or opening quote.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
# Abbreviations that end in a full stop without ending the sentence.
_NOT_AN_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Inc|Co|Corp|Ltd|vs|No)|\b[A-Z])\.$")


@functools.lru_cache(maxsize=1 << 12)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Cached: a block is split again for every mention in it, and once more per list it is quoted in."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _NOT_AN_END.search(text[start : boundary.start()]):
            continue
        end = boundary.start() + len(boundary.group().rstrip())
        spans.append((start, end))
        start = boundary.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def sentence_around(text: str, position: int) -> tuple[int, int]:
    for start, end in sentence_spans(text):
        if start <= position < end:
            return start, end
    return 0, len(text)
