"""Direct quotations in the articles and who said them. Pure.

A speaker is found, in this order: "…," says/said/added X; "…," X said; X says (that) "…";
according to X; a pronoun ("he added") resolves to a mention an editor bound to it, or
else to the speaker of the quotation just before when there is one; finally, the first
person, outlet or group named in the same sentence ("in context"). Otherwise unattributed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from atlas.link.sentences import sentence_around
from atlas.model import Article, Entity, Mention, Record

_QUOTE = re.compile(r'"(?P<straight>[^"]{3,}?)"|“(?P<curly>[^”]{3,}?)”')
_VERB = r"(?:says|said|adds|added|notes|noted|told|tells|warns|warned|explains|explained|argues|argued|writes|wrote|claims|claimed|stated|states)"
_VERB_FIRST = re.compile(rf"^\s*,?\s*{_VERB}\b(?:\s+for\s+its\s+part)?\s+")
_SUBJECT_FIRST = re.compile(rf"^\s*,?\s*(?P<who>\S.*?)\s+{_VERB}\b")
_PRONOUN = re.compile(rf"^\s*,?\s*(?:he|she|it|they)\s+{_VERB}\b", re.IGNORECASE)
_AFTER_SUBJECT = re.compile(rf"^\s+{_VERB}\b")
_ACCORDING = re.compile(r"according to\s+$", re.IGNORECASE)
_SPEAKER_TYPES = ("people", "media", "advocacy", "agencies")
_REACH = 60  # how far past the verb the speaker's name may start ("said journalist …")


@dataclass(frozen=True, slots=True)
class Quotation(Record):  # cached per article: pickles as its constructor's arguments
    article: str
    block: str
    start: int  # the quoted words, without their quotation marks
    end: int
    text: str
    speaker: str | None  # entity slug
    how: str  # "named", "pronoun", "context" or "" (unattributed)


def find_quotations(article: Article, mentions: list[Mention], entities: Mapping[str, Entity]) -> list[Quotation]:
    found: list[Quotation] = []
    previous: str | None = None
    for block in article.text_blocks:
        in_block = sorted((m for m in mentions if m.block == block.anchor), key=lambda m: m.start)
        for match in _QUOTE.finditer(block.text):
            group = "straight" if match.group("straight") is not None else "curly"
            speaker, how = _attribute(block.text, match.start(), match.end(), in_block, entities, previous)
            found.append(
                Quotation(
                    article.slug, block.anchor, match.start(group), match.end(group), match.group(group), speaker, how
                )
            )
            previous = speaker or previous
    return found


def _attribute(
    text: str, start: int, end: int, mentions: list[Mention], entities: Mapping[str, Entity], previous: str | None
) -> tuple[str | None, str]:
    after = text[end:]
    if verb := _VERB_FIRST.match(after):
        named = [m for m in mentions if end + verb.end() <= m.start <= end + verb.end() + _REACH]
        if named:
            return named[0].entity, "named"
    if _PRONOUN.match(after):
        bound = [m for m in mentions if end <= m.start <= end + 4]
        if bound:
            return bound[0].entity, "named"
        return (previous, "pronoun") if previous else (None, "")
    if subject := _SUBJECT_FIRST.match(after):
        named = [m for m in mentions if end <= m.start and m.end <= end + subject.end("who") + 1]
        if named:
            return named[-1].entity, "named"
    sentence_start, sentence_end = sentence_around(text, start)
    before = [m for m in mentions if sentence_start <= m.start and m.end <= start]
    for mention in reversed(before):
        if _AFTER_SUBJECT.match(text[mention.end : start]) or _ACCORDING.search(text[sentence_start : mention.start]):
            return mention.entity, "named"
    in_sentence = [m for m in mentions if sentence_start <= m.start < sentence_end]
    context = [m for m in in_sentence if entities[m.entity].type in _SPEAKER_TYPES]
    if context:
        return context[0].entity, "context"
    return None, ""
