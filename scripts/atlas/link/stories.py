"""Syndicated copies: articles that are the same story are grouped, and one copy is its page. Pure.

Two articles are copies when at least 90% of the shorter one's word 5-grams occur in the
longer one (the same wire story under another headline or byline, trimmed, or with a
caption added). Sharing a quoted sentence or two is far below that, so such articles stay
separate stories.

Corpus scale without comparing every pair: each article's bottom-k sketch (its K smallest
shingle hashes) is looked up in an inverted index of the shingles that sit in any sketch;
only articles sharing a good part of a sketch are compared exactly. A copy at 90%
containment shares about 90% of the shorter one's sketch, a stranger sharing one quote a
few percent, so the cut-off at 40% loses no copy in practice and spares most comparisons.
(datasketch's MinHash LSH estimates Jaccard similarity, not containment, and brings numpy
and scipy: the exact check below needs neither.)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from atlas.model import Article

SHINGLE_WORDS = 5
CONTAINMENT = 0.9
SKETCH = 32
SKETCH_SHARED = 0.4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Story:
    page: Article  # the copy whose page is the story's page
    copies: tuple[Article, ...] = ()  # the others, earliest first

    @property
    def articles(self) -> tuple[Article, ...]:
        return (self.page, *self.copies)


def shingles(article: Article) -> frozenset[int]:
    """Hashes of the article's word 5-grams (case-folded; punctuation ignored)."""
    words = _WORD.findall(" ".join(block.text for block in article.text_blocks).casefold())
    if len(words) < SHINGLE_WORDS:
        return frozenset([hash(" ".join(words))]) if words else frozenset()
    return frozenset(hash(" ".join(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1))


def copy_pairs(articles: list[Article]) -> list[tuple[str, str]]:
    """Pairs of slugs (sorted) whose articles are copies of each other."""
    sets = {a.slug: shingles(a) for a in articles}
    sketches = {slug: sorted(s)[:SKETCH] for slug, s in sets.items() if s}
    wanted = {h for sketch in sketches.values() for h in sketch}
    postings: dict[int, list[str]] = defaultdict(list)
    for slug, shingle_set in sets.items():
        for h in wanted.intersection(shingle_set):
            postings[h].append(slug)
    pairs: set[tuple[str, str]] = set()
    for slug, sketch in sketches.items():
        shared: dict[str, int] = defaultdict(int)
        for h in sketch:
            for other in postings[h]:
                if other != slug:
                    shared[other] += 1
        for other, count in shared.items():
            if count < SKETCH_SHARED * len(sketch):
                continue
            pair = (min(slug, other), max(slug, other))
            if pair not in pairs and is_copy(sets[slug], sets[other]):
                pairs.add(pair)
    return sorted(pairs)


def is_copy(a: frozenset[int], b: frozenset[int]) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return bool(shorter) and len(shorter & longer) >= CONTAINMENT * len(shorter)


def group_stories(articles: list[Article], pinned: set[str] = frozenset()) -> list[Story]:  # type: ignore[assignment]
    """Every article in exactly one story; a story's page is a pinned copy, else the earliest
    (by date, then file name), so the choice never depends on the order files were added."""
    parent = {a.slug: a.slug for a in articles}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for a, b in copy_pairs(articles):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[root(article.slug)].append(article)
    stories = []
    for members in groups.values():
        members.sort(key=_earliest)
        page = next((m for m in members if m.slug in pinned), members[0])
        stories.append(Story(page, tuple(m for m in members if m is not page)))
    return sorted(stories, key=lambda s: s.page.slug)


def _earliest(article: Article) -> tuple[str, str]:
    # Undated copies sort last: "~" is after every digit.
    return (article.date or "~", article.slug)
