"""Is this text an article? Enough real sentences, and words a reader can read. Pure."""

from __future__ import annotations

import re

MIN_WORDS = 40  # in sentence-like paragraphs: a navigation menu or teaser list has none
MIN_COMMON_SHARE = 0.08  # real prose is about 40% function words; shifted or scrambled text has none
# The commonest function words of English and of the other languages wire copy arrives in.
_COMMON = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "it",
        "its",
        "as",
        "not",
        "but",
        "he",
        "she",
        "they",
        "we",
        "said",
        "says",
        "will",
        "would",
        "can",
        "could",
        "which",
        "who",
        "de",
        "la",
        "le",
        "les",
        "et",
        "des",
        "du",
        "un",
        "une",
        "est",
        "en",
        "que",
        "qui",
        "pour",
        "dans",
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "mit",
        "von",
        "zu",
        "den",
        "ein",
        "eine",
        "el",
        "los",
        "las",
        "y",
        "del",
        "por",
        "con",
        "para",
        "se",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE = re.compile(r"[.!?…\"'”’)]$")


def sentence_words(paragraphs: list[str] | tuple[str, ...]) -> int:
    """Words in paragraphs that read as sentences (six words or more, closing punctuation)."""
    return sum(len(p.split()) for p in paragraphs if len(p.split()) >= 6 and _SENTENCE.search(p))


def common_word_share(text: str) -> float:
    words = _WORD.findall(text.casefold())
    return sum(w in _COMMON for w in words) / len(words) if words else 0.0


def problem_with(paragraphs: list[str] | tuple[str, ...]) -> str | None:
    """Why this is not an article's text, or None when it reads as one."""
    if sentence_words(paragraphs) < MIN_WORDS:
        return "no article text found (only menus, links or a few words)"
    if common_word_share(" ".join(paragraphs)) < MIN_COMMON_SHARE:
        return "the text is garbled or obfuscated (a paywall often shifts the letters)"
    return None
