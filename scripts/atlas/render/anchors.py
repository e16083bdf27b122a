"""Where a citing link lands in an article: its sentence (`#p12-s2`) or a relation's evidence
words (`#p12-r-…`). Pure.

The article page wraps each sentence, and each relation's evidence words inside it, in a
span with one of these ids; every citing link asks here for its id, from the same inputs,
so no link targets an anchor the page does not have. Sentence numbers come from the
build's sentence splitter and never shift: a sentence boundary that falls inside a link
joins the two sentences under the first one's id. Evidence words get a span only where it
nests cleanly (inside one sentence, cutting no link, overlapping no other evidence but by
containment); elsewhere the link falls back to the sentence. In excerpt mode only what is
shown is wrapped: a sentence by its visible part, evidence words only when wholly shown;
a link to words not shown falls back to the paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atlas.link.corpus import Corpus
from atlas.link.sentences import sentence_spans
from atlas.render.excerpts import excerpt_windows

Range = tuple[int, int]


@dataclass(frozen=True)
class BlockAnchors:
    paragraph: str  # the block's own anchor, the fallback
    sentences: tuple[tuple[int, int, str | None], ...]  # every sentence, with its id when shown
    wraps: tuple[tuple[int, int, str], ...]  # the spans the page draws, outer before inner
    evidence: dict[str, str] = field(default_factory=dict)  # relation key → its span's id

    def sentence(self, offset: int) -> str:
        """The id of the sentence holding the offset (the paragraph's when it has none)."""
        for start, end, ident in self.sentences:
            if start <= offset < end:
                return ident or self.paragraph
        return self.paragraph

    def words(self, key: str, offset: int) -> str:
        """The id of a relation's evidence words, else of their sentence."""
        return self.evidence.get(key) or self.sentence(offset)


def block_anchors(
    paragraph: str,
    text: str,
    links: list[Range],
    evidence: list[tuple[str, int, int]],
    windows: list[Range] | None = None,
) -> BlockAnchors:
    """The anchors of one block: `links` are the spans the page links (never cut), `evidence`
    the (relation key, start, end) of evidence words, `windows` the shown ranges in excerpt mode."""
    sentences = _joined_across_links(text, links)
    shown = [_shown(start, end, windows) for start, end in sentences]
    ids = [f"{paragraph}-s{number}" if part else None for number, part in _numbered(text, sentences, shown)]
    wraps = [(part[0], part[1], ident, 0) for part, ident in zip(shown, ids, strict=True) if part and ident]
    accepted: list[Range] = []
    by_key: dict[str, str] = {}
    for key, start, end in sorted(evidence, key=lambda e: (e[1], -e[2], e[0])):
        if key in by_key or not _nests(start, end, [w[:2] for w in wraps if w[3] == 0], links, accepted):
            continue
        if windows is not None and not any(a <= start and end <= b for a, b in windows):
            continue
        by_key[key] = f"{paragraph}-{key}"
        accepted.append((start, end))
        wraps.append((start, end, by_key[key], 1))
    wraps.sort(key=lambda w: (w[0], -w[1], w[3]))
    return BlockAnchors(
        paragraph,
        tuple((s, e, i) for (s, e), i in zip(sentences, ids, strict=True)),
        tuple((s, e, i) for s, e, i, _ in wraps),
        by_key,
    )


def _joined_across_links(text: str, links: list[Range]) -> list[Range]:
    """The splitter's sentences, each joined to the next when a link runs across their boundary."""
    joined: list[Range] = []
    for start, end in sentence_spans(text):
        if joined and any(a < start < b or a < joined[-1][1] < b for a, b in links):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _numbered(text: str, joined: list[Range], shown: list[Range | None]) -> list[tuple[int, Range | None]]:
    """Each joined sentence with the splitter's number of its first sentence (1-based)."""
    starts = [start for start, _ in sentence_spans(text)]
    return [(starts.index(start) + 1, part) for (start, _), part in zip(joined, shown, strict=True)]


def _shown(start: int, end: int, windows: list[Range] | None) -> Range | None:
    """The part of a sentence on the page: all of it, or in excerpt mode the first window's share."""
    if windows is None:
        return (start, end)
    for a, b in windows:
        if a < end and start < b:
            return (max(a, start), min(b, end))
    return None


def _nests(start: int, end: int, sentences: list[Range], links: list[Range], accepted: list[Range]) -> bool:
    if start >= end or not any(a <= start and end <= b for a, b in sentences):
        return False
    if any(a < start < b or a < end < b for a, b in links):
        return False
    return all(end <= a or b <= start or (a <= start and end <= b) or (start <= a and b <= end) for a, b in accepted)


def anchors_in(corpus: Corpus, article: str, block: str) -> BlockAnchors:
    """A block's anchors as its article page draws them (the same for every page that cites it);
    worked out once a build, as a block is cited from many pages."""
    key = ("anchors", article, block)
    if key not in corpus.derived:
        corpus.derived[key] = _anchors_in(corpus, article, block)
    return corpus.derived[key]  # type: ignore[return-value]


def _anchors_in(corpus: Corpus, article: str, block: str) -> BlockAnchors:
    text = corpus.block(article, block).text
    mentions = [(m.start, m.end) for m in corpus.by_block.get((article, block), [])]
    topics = [(start, end) for _, start, end in corpus.topic_uses_in(article, block)]
    windows = None
    if corpus.excerpts:
        notes = [(p.anchor.start, p.anchor.end) for p in corpus.notes_in(article, block)]
        spans = mentions + topics + notes
        windows = excerpt_windows(text, spans) if spans else []
    return block_anchors(block, text, mentions + topics, corpus.evidence_in(article, block), windows)
