"""Copyright-safe excerpts: the ranges of a block's text kept around the words a page shows. Pure."""

from __future__ import annotations

import bisect
import re

EXCERPT_WORDS = 6  # words kept either side of a name when only excerpts may be shown


def excerpt_windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges around the spans that never add up to the whole text: the context narrows
    (6 words, 3, 1, none) until something of the text is left out."""
    for words in (EXCERPT_WORDS, 3, 1, 0):
        windows = _windows(text, spans, words)
        if sum(end - start for start, end in windows) < len(text.strip()):
            return windows
    return windows


def _windows(text: str, spans: list[tuple[int, int]], words: int) -> list[tuple[int, int]]:
    """Merged character ranges covering each span and `words` words either side of it."""
    bounds = [0] + [m.end() for m in re.finditer(r"\s+", text)]  # word starts
    ends = [m.start() for m in re.finditer(r"\s+", text)] + [len(text)]  # word ends
    windows: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        first = max(0, bisect.bisect_right(bounds, start) - 1 - words)
        last = min(len(ends) - 1, bisect.bisect_left(ends, end) + words)
        window = (bounds[first], ends[last])
        if windows and window[0] <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], max(windows[-1][1], window[1]))
        else:
            windows.append(window)
    return windows
