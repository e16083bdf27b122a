"""Where the articles name something the catalog lacks: each candidate name at each place. Pure.

Candidates are proper-noun sequences ("Hoan Ton-That", "Ministry of Justice") and "the X"
bodies with a distinguishing word ("the interior ministry", "the French interior ministry";
not "the police"). Names, not phrases: a title or role is not part of a name ("Chief
Superintendent Alan Whitcombe" is Alan Whitcombe), a possessive place before a name gives
the place and the name ("Canada's Privacy Commissioner"), and these are never names:
demonyms and nationality adjectives ("Belgian", "New Zealanders"), hyphenated adjectives
("Paris-based", "AI-driven"), weekdays, months and times ("Speaking Friday"), streets, and a
word that only ever describes a noun ("the Durham police", "a Wellington group").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from atlas.link.acronyms import Definition, occurrences
from atlas.link.sentences import sentence_around, sentence_spans
from atlas.link.typeguess import name_cues, person_shaped
from atlas.link.wordlists import demonyms, not_entities, titles
from atlas.model import Article

# A capitalised word; a plural possessive keeps its apostrophe inside a name ("Students' Association").
_WORD = r"[A-Z][\w’'&-]*[\w](?:['’](?=\s+[A-Z]))?|[A-Z]"
_CONNECTORS = ("of", "for", "and", "de", "du", "la", "von", "van")
_PROPER = re.compile(rf"(?:{_WORD})(?:(?:\s+(?:(?:of|for)(?:\s+the)?|and|de|du|la|von|van)\s+|\s+)(?:{_WORD}))*")
# A lone word at a sentence's start that the sentence shows is a name: "Lumora, the San Diego
# start-up …", "Veritrace said …" (a plain word there would be written in lower case elsewhere).
_NAME_AT_START = re.compile(r"^(?:,\s+(?:a|an|the)\s|\s+(?:said|says|told|added)\b)")
_PLURAL = re.compile(r"(?:ers|ists|ents|ants|ans|als|ics|ors)$")  # "Supporters said …": people, not a name
_HEADS = "ministry|department|agency|police|commission|council|court|parliament|government|regulator|authority"
# "the interior ministry", "the French interior ministry", "the Durham police".
_BODY = re.compile(
    rf"\b(?i:the)\s+(?P<mods>(?:[A-Z][\w’'-]+\s+)?(?:(?!(?:the|a|an|and|of)\s)[a-z]+\s+)?)(?:{_HEADS})(?:\s+of\s+[A-Z]\w+)?\b"
)
# Modifiers that say nothing about which body it is: "the police", "the regional police".
_GENERIC_MODIFIERS = frozenset(
    "local regional national federal state city county municipal provincial new former same other whole "
    "entire relevant top high highest own central country's city's state's nation's force's district main".split()
)
_POSSESSIVE = re.compile(r"['’]s$")
_TIME_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Today Tonight Yesterday Tomorrow Morning Afternoon "
    "Evening Weekend".split()
)
# Words that start sentences or name dates, not bodies: dropped from the front of a candidate.
_NOT_NAMES = frozenset(
    "A An The In On At By For From Of To But And Or As If It Its That This These Those While When Where "
    "Which Who According After Before During Since Until With Without Although Because However I We He "
    "She They You Mr Mrs Ms Dr Speaking Asked Meanwhile Yet So Still Also Then Now Here There Some Many "
    "Most Several Other Others Last Next Each Every No Not Like Unlike".split()
)
_STREETS = frozenset(["Street", "St", "Road", "Rd", "Avenue", "Ave", "Boulevard", "Lane", "Square", "Highway", "Drive"])
_FILE_PHOTO = re.compile(r"^[A-Z]{2,}\s+[-–—]\s+")  # a wire photo's "FILE - " tag
_SPEAKER = re.compile(r"^[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}:\s+")  # "Q: …", "Carvalho: …" in an interview
# "the Israeli firm", "a 52-year-old Brookhaven resident": a word before a common noun describes it.
_DETERMINERS = frozenset(["a", "an", "the", "its", "their", "his", "her", "our", "this", "that"])
_FOLLOWING_NOUN = re.compile(r"^\s+(?P<word>[a-z][a-z-]+)\b")
# Words after a name that show it is the subject or object, not a describing word.
_NOT_NOUNS = frozenset(
    "and or but nor of to in on at for with by from as than that which who whose where when while is was "
    "are were be been has have had will would could should can may might must do does did said says told "
    "added announced confirmed declined denied also still itself last next this".split()
)
# "Republican members", "Canadian officials": a word before a group of people describes them.
_GROUP_NOUNS = frozenset(
    "members lawmakers legislators officials residents voters officers leaders senators politicians activists "
    "users customers forces authorities citizens nationals troops investigators regulators".split()
)
_ENDINGS = ("ers", "er", "ians", "ian", "ans", "an", "ites", "ite", "ese", "s")  # demonym endings after a place


@dataclass(frozen=True, slots=True)
class Occurrence:
    name: str  # the candidate name
    surface: str  # the words at this place (a lone surname stays a surname here)
    article: str  # slug
    sentence: str
    where: str  # articles/<slug>.txt#<anchor>
    starts_sentence: bool  # a lone word at a sentence's start is not yet a name
    titled: bool = False  # a title stood before it ("Commissioner Smith")


@functools.cache
def _title_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in titles())
    name = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}"
    return re.compile(rf"^(?:.*\s)?(?:{alternatives})\.?\s+(?P<name>{name})$")


@functools.cache
def _title_words() -> frozenset[str]:
    return frozenset(word for title in titles() for word in title.split())


def strip_title(name: str) -> tuple[str, bool]:
    """ "UK Information Commissioner John Edwards" → ("John Edwards", True); a name alone stays."""
    if (match := _title_pattern().match(name)) and person_shaped(match.group("name")):
        return match.group("name"), True
    return name, False


def is_demonym(name: str, places: frozenset[str]) -> bool:
    """ "Belgian", "Europeans", "New Zealanders", "Londoners" (a place and a demonym ending)."""
    if name in demonyms():
        return True
    for ending in _ENDINGS:
        stem = name.removesuffix(ending)
        if stem != name and (stem in places or f"{stem}a" in places or f"{stem}e" in places):
            return True
    return False


def _segments(start: int, name: str, places: frozenset[str]) -> Iterator[tuple[int, str]]:
    """Split a capitalised run where it is no longer one name: at times and hyphenated
    adjectives (dropped) and after a possessive place ("Canada's X": Canada, then X)."""
    offset = start
    current: list[str] = []
    current_start = start
    for word in name.split(" "):
        bare = _POSSESSIVE.sub("", word)
        if word in _TIME_WORDS or bare in _TIME_WORDS or _is_adjective_compound(bare):
            if current:
                yield current_start, " ".join(current)
            current, current_start = [], offset + len(word) + 1
        elif bare != word and bare in places and not current:
            yield offset, bare
            current, current_start = [], offset + len(word) + 1
        else:
            current.append(word)
        offset += len(word) + 1
    if current:
        yield current_start, " ".join(current)


def _places_and(start: int, name: str, places: frozenset[str]) -> Iterator[tuple[int, str]]:
    """ "Croydon and Westminster", "Europeans and New Zealanders": two places or peoples, not one name."""
    left, sep, right = name.partition(" and ")
    known = [part in places or is_demonym(part, places) for part in (left, right)]
    if sep and all(known):
        yield start, left
        yield start + len(left) + len(sep), right
    else:
        yield start, name


def _person_of_body(start: int, name: str) -> Iterator[tuple[int, str]]:
    """A person (titled, or a personal name before a body's name), then the body:
    "Justice Miriam Okonkwo of the Ontario Superior Court", "Tracy Rosenberg of Oakland Privacy"."""
    match = re.search(r"\s+(?:of|for)\s+(?:the\s+)?", name)
    left, right = (name[: match.start()], name[match.end() :]) if match else ("", "")
    if match and (strip_title(left)[1] or (len(left.split()) >= 2 and person_shaped(left) and name_cues(right))):
        yield start, name[: match.start()]
        yield start + match.end(), name[match.end() :]
    else:
        yield start, name


def _is_adjective_compound(word: str) -> bool:
    """ "Paris-based", "AI-driven", "Delaware-registered": the last part is lower case."""
    parts = word.split("-")
    return len(parts) > 1 and parts[-1][:1].islower() and parts[0][:1].isupper()


def _trim(start: int, name: str) -> tuple[int, str]:
    """Drop leading sentence words ("In", "The") and single letters, and trailing connectors."""
    words = name.split(" ")
    while words and (words[0] in _NOT_NAMES or len(words[0]) == 1):
        start += len(words[0]) + 1
        words = words[1:]
    while words and words[-1] in (*_CONNECTORS, "the"):
        words = words[:-1]
    return start, " ".join(words)


def _only_describes(text: str, start: int, end: int, name: str) -> bool:
    """A one- or two-word name used as a describing word: "the Israeli firm", "a Wellington group".
    Not a name whose own words say what it is ("the Brookhaven Tribune show")."""
    if len(name.split()) > 2 or name_cues(name):
        return False
    following = _FOLLOWING_NOUN.match(text[end:])
    if following and " " not in name and following.group("word") in _GROUP_NOUNS:
        return True
    if not following or following.group("word") in _NOT_NOUNS or following.group("word").endswith(("ed", "ing")):
        return False
    before = text[:start].split()[-3:]
    while (
        len(before) > 1
        and re.fullmatch(r"[a-z0-9][\w-]*", before[-1])
        and before[-1] not in (_NOT_NOUNS | _DETERMINERS)
    ):
        before = before[:-1]  # up to two describing words between: "a 52-year-old Brookhaven resident"
    return bool(before) and (before[-1].lower() in _DETERMINERS or bool(_POSSESSIVE.search(before[-1])))


def _sentence_starts(text: str) -> set[int]:
    starts = {start for start, _ in sentence_spans(text)}
    starts |= {s + 1 for s in starts if text[s : s + 1] in "\"'“‘("}
    starts |= {m.end() for m in _FILE_PHOTO.finditer(text)}  # "FILE - Campaigners …" starts anew
    if speaker := _SPEAKER.match(text):
        starts.add(speaker.end())  # "Q: Vendors say …"
    return starts


def _distinguishing_body(match: re.Match[str]) -> bool:
    modifiers = match.group("mods").split()
    return any(m not in _GENERIC_MODIFIERS and m.lower() not in _GENERIC_MODIFIERS for m in modifiers)


def block_candidates(
    article: Article,
    anchor: str,
    text: str,
    covered: list[tuple[int, int]],
    places: frozenset[str],
    lower_words: frozenset[str],
) -> Iterator[Occurrence]:
    """Each candidate in one block of text, with linked names (`covered`) masked first."""
    masked = list(text)
    for start, end in covered:
        masked[start:end] = "\0" * (end - start)
    masked_text = "".join(masked)
    glued = {end: start for start, end in covered}  # a name right after a linked one extends it
    linked_at = {start: end for start, end in covered}  # … and one that ends "of" takes the linked name after it
    starts_at = _sentence_starts(text)
    where = f"{article.path}#{anchor}"
    skip = not_entities()
    matches = [*_PROPER.finditer(masked_text), *(m for m in _BODY.finditer(masked_text) if _distinguishing_body(m))]
    for match in matches:
        whole = match.group().strip()
        parts = [
            p
            for s, n in _segments(match.start(), whole, places)
            for q in _places_and(s, n, places)
            for p in _person_of_body(*q)
        ]
        for start, part in parts:
            start, name = _trim(start, _POSSESSIVE.sub("", part))
            if name and start - 1 in glued and text[start - 1] == " " and match.start() == start:
                # "European Union" where "European" links elsewhere: the whole is the name.
                start = glued[start - 1]
                name = _POSSESSIVE.sub("", text[start : match.start() + len(part)])
            after_of = re.match(r"\s+of\s+(?:the\s+)?", text[start + len(name) :])
            if after_of and (linked_end := linked_at.get(start + len(name) + after_of.end())) is not None:
                name = text[start:linked_end]  # "Supreme Court of India", India linked
            after = start + len(name)
            if (
                text[after : after + 1] == " "
                and (linked_end := linked_at.get(after + 1)) is not None
                and name_cues(name)
            ):
                name = text[start:linked_end]  # "Metro Ledger India", India linked
            surface = name
            name, titled = strip_title(name)
            if titled:
                start += len(surface) - len(name)
                surface = name
            words = name.split()
            if not name or name in skip or (len(words) == 1 and name.lower() in lower_words):
                continue
            if all(w in _title_words() for w in words) or words[-1] in _STREETS or is_demonym(name, places):
                continue
            end = start + len(name)
            if not titled and _only_describes(text, start, end, name):
                continue
            sentence = text[slice(*sentence_around(text, start))]
            lone_start = start in starts_at and len(words) == 1 and not name.isupper()
            lone_start = lone_start and (not _NAME_AT_START.match(text[end:]) or bool(_PLURAL.search(name)))
            yield Occurrence(name, surface, article.slug, sentence, where, lone_start, titled)


def article_candidates(
    article: Article,
    covered: dict[str, list[tuple[int, int]]],
    defined: list[Definition],
    places: frozenset[str],
    lower_words: frozenset[str],
) -> Iterator[Occurrence]:
    """Every candidate in an article; each use of an acronym it defines counts for the long name."""
    for block in article.text_blocks:
        text = block.text
        spans = list(covered.get(block.anchor, []))
        for definition in defined:
            uses = occurrences(text, definition.abbr)
            if definition.block == block.anchor:
                uses.append((definition.start, definition.end))
            for start, _end in uses:
                sentence = text[slice(*sentence_around(text, start))]
                surface = definition.long if start == definition.start else definition.abbr
                yield Occurrence(definition.long, surface, article.slug, sentence, f"{article.path}#{block.anchor}", False)  # fmt: skip
            spans.extend(uses)
        yield from block_candidates(article, block.anchor, text, spans, places, lower_words)
