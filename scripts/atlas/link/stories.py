"""Syndicated copies: articles that are the same story are grouped, and one copy is its page. Pure.

Two articles are copies when at least 90% of the shorter one's word 5-grams occur in the
longer one (the same wire story under another headline or byline, trimmed, or with a
caption added). Sharing a quoted sentence or two is far below that, so such articles stay
separate stories.

Corpus scale without comparing every pair: each article keeps a sample of its shingles, those
whose hash is divisible by SAMPLE_EVERY (a choice that depends on the shingle alone, so a copy's
sample holds about 90% of the original's). Only articles sharing a good part of a sample are
compared exactly; a stranger sharing one quote shares a few percent of it. The hashes are
stable across runs (words as CRC-32s, 5-grams as tuples of ints), so a sample can be cached
with its article. A text too short to sample (under MIN_SAMPLE sampled shingles, roughly 50
words) is never called a copy: that little text may be one shared quote.
(datasketch's MinHash LSH estimates Jaccard similarity, not containment, and brings numpy
and scipy: the exact check below needs neither.)

How much of a sample two articles must share to be compared: since a shingle is sampled by its
hash alone, the shared part of a copy's sample behaves like a binomial draw of its containment.
A copy at the 90% limit shares fewer than `shared_needed(n)` of n sampled shingles with
probability under MISS (one in a million), and at least SAMPLE_SHARED of them, whichever is
more: samples of a few shingles keep the old loose rule; long ones need more, so stories
that share a few of their paragraphs with hundreds of others (real coverage) are not compared
exactly with each of them.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain

from atlas.cores import cores, on_every_core
from atlas.model import Article

SHINGLE_WORDS = 5
CONTAINMENT = 0.9
SAMPLE_EVERY = 8
MIN_SAMPLE = 5
SAMPLE_SHARED = 0.4
MISS = 1e-6
PARALLEL_WORK = 20_000_000  # increments (about a second in one process) past which counting is shared among cores
_WORD = re.compile(r"\w+")
_WORD_IDS: dict[str, int] = {}  # word → CRC-32, shared by every article of a run


@dataclass(frozen=True)
class Story:
    page: Article  # the copy whose page is the story's page
    copies: tuple[Article, ...] = ()  # the others, earliest first

    @property
    def articles(self) -> tuple[Article, ...]:
        return (self.page, *self.copies)


def shingles(article: Article) -> frozenset[int]:
    """Stable hashes of the article's word 5-grams (case-folded; punctuation ignored)."""
    words = _WORD.findall(" ".join(block.text for block in article.text_blocks).casefold())
    for word in set(words).difference(_WORD_IDS):
        _WORD_IDS[word] = zlib.crc32(word.encode())
    ids = list(map(_WORD_IDS.__getitem__, words))
    # A tuple of ints hashes alike in every run (str hashes are salted per process).
    return frozenset(map(hash, zip(*(ids[i:] for i in range(SHINGLE_WORDS)), strict=False)))


def sample(article: Article) -> tuple[int, ...]:
    """The shingles the copy search indexes for this article (empty when too short to tell)."""
    found = sorted(h for h in shingles(article) if h % SAMPLE_EVERY == 0)
    return tuple(found) if len(found) >= MIN_SAMPLE else ()


@dataclass
class CopyCache:
    """What the copy search keeps between builds, by the articles' content keys: each one's
    candidates (articles sharing enough of its sample) and each exact decision. Adding one
    article then compares only it with its own candidates."""

    keys: frozenset[str] = frozenset()  # the articles the candidates were found among
    candidates: dict[str, frozenset[str]] = field(default_factory=dict)
    decisions: dict[tuple[str, str], bool] = field(default_factory=dict)  # (key, key) sorted → copies?
    compared: int = 0  # exact comparisons this run made (not a result: a measure of the work)


def copy_pairs(
    articles: list[Article],
    samples: dict[str, tuple[int, ...]] | None = None,
    keys: dict[str, str] | None = None,
    cache: CopyCache | None = None,
) -> list[tuple[str, str]]:
    """Pairs of slugs (sorted) whose articles are copies of each other. `samples`: cached ones,
    by slug; `keys`: each slug's content key, under which `cache` keeps earlier results."""
    samples = samples or {}
    cache = cache if cache is not None else CopyCache()
    key_of = keys or {a.slug: a.slug for a in articles}
    slug_of = {key_of[a.slug]: a.slug for a in articles}
    by_key = {key_of[a.slug]: a for a in articles}
    sampled = {key_of[a.slug]: samples[a.slug] if a.slug in samples else sample(a) for a in articles}
    candidates = _candidates(sampled, cache)
    full: dict[str, frozenset[int]] = {}  # each article's shingles, computed once, when needed
    pairs = []
    for key, others in candidates.items():
        for other in others:
            pair = (key, other) if key < other else (other, key)
            if key > other:
                continue  # each pair once
            if pair not in cache.decisions:
                for k in pair:
                    if k not in full:
                        full[k] = shingles(by_key[k])
                cache.decisions[pair] = is_copy(full[pair[0]], full[pair[1]])
                cache.compared += 1
            if cache.decisions[pair]:
                a, b = slug_of[pair[0]], slug_of[pair[1]]
                pairs.append((min(a, b), max(a, b)))
    current = frozenset(sampled)
    cache.decisions = {p: d for p, d in cache.decisions.items() if p[0] in current and p[1] in current}
    cache.keys, cache.candidates = current, candidates
    return sorted(pairs)


def _candidates(sampled: dict[str, tuple[int, ...]], cache: CopyCache) -> dict[str, frozenset[str]]:
    """Each article's candidates: those sharing SAMPLE_SHARED of the smaller sample. Articles
    the cache has seen keep theirs (less any gone); only new ones are looked up, each against
    all, so one added article costs its own lookup, not every pair again."""
    current = frozenset(sampled)
    new = current - cache.keys
    found = {k: cache.candidates.get(k, frozenset()) & current for k in current if k not in new}
    if not new:
        return found
    # shared_needed grows with n: what the smaller sample needs is the lesser of the two needs.
    need = {key: shared_needed(len(hashes)) for key, hashes in sampled.items()}
    order = [*sorted(current - new), *sorted(new)]
    parts = cores() if _pair_work(sampled, new) >= PARALLEL_WORK else 1
    for near_of in on_every_core(_near_each, [(order, sampled, need, new, part, parts) for part in range(parts)]):
        for key, near in near_of.items():
            found[key] = found.get(key, frozenset()) | near
            for other in near:
                found[other] = found.get(other, frozenset()) | {key}
    return found


def _pair_work(sampled: dict[str, tuple[int, ...]], new: frozenset[str]) -> int:
    """About how many increments counting the new articles' samples takes: each sampled shingle
    carried by f articles is counted for about f²/2 pairs (the work grows with the square of
    how many stories share each paragraph, not with how many stories there are)."""
    if len(new) < 2:
        return 0
    carried = Counter(chain.from_iterable(sampled.values()))
    return sum(f * (f - 1) // 2 for f in carried.values())


def _near_each(
    order: list[str],
    sampled: dict[str, tuple[int, ...]],
    need: dict[str, float],
    new: frozenset[str],
    part: int,
    parts: int,
) -> dict[str, frozenset[str]]:
    """Each new article's candidates among those before it in `order`: every new one whose
    place among the new is `part` modulo `parts` (so that workers share the counting evenly;
    each indexes the whole order, which costs little beside counting)."""
    postings: dict[int, list[str]] = defaultdict(list)
    found = {}
    for key in order:
        hashes = sampled[key]
        if key in new:
            if part == 0:  # against every article indexed so far: earlier new ones and all the others
                counts = Counter(chain.from_iterable(postings[h] for h in hashes if h in postings))
                mine = need[key]
                found[key] = frozenset([o for o, c in counts.items() if c >= mine or c >= need[o]])
            part = (part - 1) % parts
        for h in hashes:
            postings[h].append(key)
    return found


@functools.cache
def shared_needed(n: int) -> float:
    """The sampled shingles an article with a sample of n must share with another to be compared."""
    below, k = 0.0, 0
    while k < n:
        term = math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(CONTAINMENT) + (n - k) * math.log1p(-CONTAINMENT))  # fmt: skip
        if below + term > MISS:
            break
        below, k = below + term, k + 1
    return max(SAMPLE_SHARED * n, k)  # P(shared < k) <= MISS for a copy at the limit


def is_copy(a: frozenset[int], b: frozenset[int]) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return bool(shorter) and len(shorter & longer) >= CONTAINMENT * len(shorter)


def group_stories(
    articles: list[Article],
    pinned: set[str] = frozenset(),  # type: ignore[assignment]
    samples: dict[str, tuple[int, ...]] | None = None,
    keys: dict[str, str] | None = None,
    cache: CopyCache | None = None,
) -> list[Story]:
    """Every article in exactly one story; a story's page is a pinned copy, else the earliest
    (by date, then file name), so the choice never depends on the order files were added."""
    parent = {a.slug: a.slug for a in articles}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    for a, b in copy_pairs(articles, samples, keys, cache):
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
