"""Suggested relations: two names in one sentence joined by a cue word. Pure.

For `build.py --suggest-relations`. A suggestion joins two catalogued entities in one
sentence (a name an editor's note binds counts), or an entity and a topic (a topic's name
found case-insensitively, else the words right after the cue), by a cue from
`data/relation_cues.yml`. The evidence is the shortest run of the sentence's own words
that covers both ends and the cue. At most one suggestion per pair of names in a sentence,
and two per sentence; none where the sentence has no cue.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from atlas.link.corpus import Corpus
from atlas.link.sentences import sentence_spans
from atlas.model import Mention

CUES = Path(__file__).resolve().parent / "data" / "relation_cues.yml"
PER_SENTENCE = 2
NEAR_WORDS = 6  # an entity's cue must stand this close when the other end is a phrase
_GAP = r"(?:\s+\S+){0,6}?\s+"  # "…": up to six words
_PHRASE_STOP = re.compile(
    r"[,.;:()\"“”]|\b(?:that|which|who|to|for|in|on|at|by|with|from|and|or|but|as|after|before|because|since|"
    r"until|while|if|than|when|where)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    type: str
    source: str  # "first": the name before the cue is the relation's source; "second": the other
    object: str = "after"  # "inside": the cue wraps its object ("ruled that X acted unlawfully")


@dataclass(frozen=True)
class Suggestion:
    source: str
    type: str
    target: str  # an entity slug, or "topic: <words>"
    article: str  # the story's page
    paragraph: str
    evidence: str
    prefix: str = ""  # when the evidence's words occur more than once in the article
    suffix: str = ""

    @property
    def id(self) -> str:
        """A short hash of what the suggestion says, so it survives edits elsewhere."""
        key = "\0".join([self.source, self.type, self.target, self.article, self.evidence])
        return hashlib.sha256(key.encode()).hexdigest()[:10]

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.source, self.type, self.target, self.article, self.evidence)

    def item_lines(self) -> list[str]:
        """The relation as a YAML list item, unindented."""
        target = self.target if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", self.target) else _scalar(self.target)
        lines = [f"- {self.type}: {target}", f"  evidence: {_scalar(self.evidence)}"]
        lines.append(f"  article: {self.article}")
        if self.prefix:
            lines.append(f"  prefix: {_scalar(self.prefix)}")
        if self.suffix:
            lines.append(f"  suffix: {_scalar(self.suffix)}")
        return lines

    def yaml(self) -> str:
        """The block to paste under `relations:` in the source's front matter."""
        return "".join(f"  {line}\n" for line in self.item_lines())

    def record(self) -> dict[str, str]:
        record = {
            "id": self.id,
            "source": self.source,
            "type": self.type,
            "target": self.target,
            "article": self.article,
            "paragraph": self.paragraph,
            "evidence": self.evidence,
        }
        record.update({k: v for k, v in (("prefix", self.prefix), ("suffix", self.suffix)) if v})
        return record


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _compile(words: str) -> re.Pattern[str]:
    parts = [re.escape(part.strip()).replace(r"\ ", r"\s+") for part in words.split("…")]
    body = _GAP.join(parts).replace(r"\(", "(?:").replace(r"\)", ")").replace(r"\|", "|")
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@functools.cache
def load_cues(path: Path = CUES) -> tuple[Cue, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Cue(_compile(c["words"]), c["type"], c["source"], c.get("object", "after")) for c in data["cues"])


@dataclass(frozen=True)
class _End:
    start: int
    end: int
    target: str  # entity slug, or "topic: …"
    entity: bool


def suggest(
    corpus: Corpus,
    rejected: set[tuple[str, str, str, str, str]] = frozenset(),  # type: ignore[assignment]
    cues: tuple[Cue, ...] | None = None,
) -> list[Suggestion]:
    """Every suggestion not already declared (same source, type and target) or rejected."""
    cues = cues if cues is not None else load_cues()
    declared = {(r.source, r.type, r.target or f"topic: {r.topic}") for r in corpus.relations}
    found: list[Suggestion] = []
    for article in corpus.articles:
        texts = [b.text for b in article.text_blocks]
        for block in article.text_blocks:
            mentions = corpus.by_block.get((article.slug, block.anchor), [])
            for start, end in sentence_spans(block.text):
                for suggestion in _in_sentence(block.text, start, end, mentions, corpus, cues):
                    placed = Suggestion(
                        suggestion.source, suggestion.type, suggestion.target, article.slug, block.anchor,
                        suggestion.evidence, *_context(texts, block.text, suggestion.prefix),
                    )  # fmt: skip
                    if (placed.source, placed.type, placed.target) not in declared and placed.key not in rejected:
                        found.append(placed)
    return found


def _context(texts: list[str], text: str, where: str) -> tuple[str, str]:
    """A prefix and suffix when the evidence's words occur more than once in the article."""
    start, end = (int(n) for n in where.split(":"))
    exact = text[start:end]
    if sum(t.count(exact) for t in texts) <= 1:
        return "", ""
    return text[max(0, start - 24) : start], text[end : end + 24]


def _in_sentence(
    text: str, low: int, high: int, mentions: list[Mention], corpus: Corpus, cues: tuple[Cue, ...]
) -> list[Suggestion]:
    """Each cue joins the nearest name before it (its subject) to its object: the nearest name
    after it, or inside it for cues that wrap their object ("ruled that X acted unlawfully")."""
    sentence = text[low:high]
    kept: list[tuple[int, int, Cue]] = []
    for cue in cues:  # listed first wins where two cues overlap ("supplied by" over "supplied")
        for m in cue.pattern.finditer(sentence):
            span = (m.start() + low, m.end() + low)
            if not any(span[0] < b and a < span[1] for a, b, _ in kept):
                kept.append((*span, cue))
    if not kept:
        return []
    ends = _ends(text, low, high, mentions, corpus)
    options: list[tuple[int, tuple[str, str], Suggestion]] = []
    for cue_start, cue_end, cue in kept:
        before = [e for e in ends if e.end <= cue_start and e.entity]
        if not before:
            continue
        subject = before[-1]
        if cue.object == "inside":
            objects = [e for e in ends if cue_start < e.start and e.end <= cue_end]
        else:
            objects = [e for e in ends if e.start >= cue_end]
        if objects and objects[0].target != subject.target:
            other = objects[0]
            source, target = (subject, other) if cue.source == "first" else (other, subject)
            if source.entity:
                end = max(other.end, cue_end)
                pair = (min(subject.target, other.target), max(subject.target, other.target))
                options.append((end - subject.start, pair, _draft(source.target, cue.type, target.target, text, subject.start, end)))  # fmt: skip
        elif (
            not objects
            and cue.object == "after"
            and cue.source == "first"
            and len(text[subject.end : cue_start].split()) <= NEAR_WORDS
        ):
            options.extend(_phrase_option(text, high, subject, cue_start, cue_end, cue))
    chosen: list[Suggestion] = []
    pairs: set[tuple[str, str]] = set()
    for _, pair, suggestion in sorted(options, key=lambda o: (o[0], o[2].evidence)):
        if pair in pairs or len(chosen) == PER_SENTENCE:
            continue
        pairs.add(pair)
        chosen.append(suggestion)
    return chosen


def _draft(source: str, kind: str, target: str, text: str, start: int, end: int) -> Suggestion:
    # The evidence's place rides in `prefix` until the caller turns it into context.
    return Suggestion(source, kind, target, "", "", text[start:end], f"{start}:{end}")


def _ends(text: str, low: int, high: int, mentions: list[Mention], corpus: Corpus) -> list[_End]:
    """The sentence's names and topics. A name that only qualifies the next one ("Japan's NEC",
    "PayPal co-founder Peter Thiel", "Japanese multinational Canon") is not an end."""
    inside = sorted((m for m in mentions if low <= m.start and m.end <= high), key=lambda m: m.start)
    ends: list[_End] = []
    for index, mention in enumerate(inside):
        following = inside[index + 1] if index + 1 < len(inside) else None
        if following is not None and _qualifies(text[mention.end : following.start]):
            continue
        ends.append(_End(mention.start, mention.end, mention.entity, True))
    lowered = text.lower()
    for topic in corpus.topics:
        for match in re.finditer(rf"(?<!\w){re.escape(topic.name)}(?!\w)", lowered[low:high]):
            start, end = match.start() + low, match.end() + low
            if not any(e.start < end and start < e.end for e in ends):
                ends.append(_End(start, end, f"topic: {topic.name}", False))
    return sorted(ends, key=lambda e: e.start)


def _qualifies(between: str) -> bool:
    """Do these words join a name to the next as its modifier (no list, no clause between)?"""
    words = between.replace("’s", " ").replace("'s", " ").split()
    if re.search(r"[,;()\"“”]", between) or len(words) > 1:
        return False
    return not words or (re.fullmatch(r"[a-z][a-z-]+", words[0]) is not None and words[0] not in _NOT_MODIFIERS)


# Words that stand between two names without making the first a modifier of the second.
_NOT_MODIFIERS = frozenset(
    [
        "and",
        "or",
        "to",
        "from",
        "by",
        "on",
        "with",
        "while",
        "who",
        "which",
        "that",
        "said",
        "says",
        "is",
        "was",
        "were",
        "are",
        "as",
        "at",
        "in",
        "of",
        "for",
        "than",
        "but",
        "also",
        "had",
        "has",
        "have",
        "will",
        "would",
        "told",
        "when",
        "after",
        "before",
        "because",
    ]
)
_EMPTY_PHRASE = frozenset(
    [
        "it",
        "its",
        "them",
        "this",
        "that",
        "these",
        "those",
        "their",
        "his",
        "her",
        "him",
        "they",
        "he",
        "she",
        "we",
        "us",
        "the",
        "a",
        "an",
    ]
)


def _phrase_option(
    text: str, high: int, subject: _End, cue_start: int, cue_end: int, cue: Cue
) -> list[tuple[int, tuple[str, str], Suggestion]]:
    """No name after the cue: the words right after it, up to a clause break, are the target."""
    rest = text[cue_end:high]
    stop = _PHRASE_STOP.search(rest)
    phrase = " ".join(rest[: stop.start() if stop else len(rest)].split()[:NEAR_WORDS])
    if not any(w.lower() not in _EMPTY_PHRASE and w[:1].isalpha() for w in phrase.split()):
        return []  # "using it": no words to name a target
    phrase_end = cue_end + rest.index(phrase) + len(phrase)
    target = f"topic: {phrase}"
    return [(phrase_end - subject.start, (subject.target, target), _draft(subject.target, cue.type, target, text, subject.start, phrase_end))]  # fmt: skip
