"""Guess what kind of entity a name is, from the name and the sentences it occurs in. Pure.

A personal name is recognised from context, never from a list of given names: a title or
role before it, "said <Surname>" or "<Name> said", "who heads/runs/founded", or he/she/his/
her close by. Organisations are recognised by the words in their names and what they do.
"""

from __future__ import annotations

import re

_AGENCY_WORDS = re.compile(
    r"\b(?:police|ministry|department|court|regulator|watchdog|commission|commissioner|authority|council|"
    r"government|parliament|agency|bureau|office|force|constabulary|prosecutor|tribunal|senate|congress|"
    r"inspectorate|sheriff|customs|border|army|military|home office|interior)\b",
    re.IGNORECASE,
)
_ADVOCACY_WORDS = re.compile(r"\b(?:watch|liberties|rights|union|international|campaign|coalition|alliance)\b", re.IGNORECASE)  # fmt: skip
_CAMPAIGN_VERBS = re.compile(
    r"\b(?:campaign(?:s|ed|ing)?|called for|calls for|urged|urges|warned|warns|criticis(?:ed|es)|"
    r"opposed|opposes|group|groups|filed|complaint|advocates?|activists?)\b",
    re.IGNORECASE,
)
_VENDOR_WORDS = re.compile(
    r"\b(?:company|companies|firm|firms|startup|start-up|maker|makers|vendor|supplier|supplied by|"
    r"supplies|sells?|sold|inc|ltd|corp|corporation|technologies|technology company|systems|labs|software)\b",
    re.IGNORECASE,
)
_VENDOR_NAME = re.compile(r"\b(?:Inc|Ltd|Corp|Corporation|Technologies|Systems|Labs|AI|Software|Group)\b\.?$")
_MEDIA_NAME = re.compile(r"\b(?:Times|Post|News|Journal|Guardian|Herald|Telegraph|Tribune|Press|Gazette|Wire|Radio|TV|Television|Magazine|Reuters|Intercept)\b")  # fmt: skip
_MEDIA_WORDS = re.compile(r"\b(?:newspaper|reported|reports|broadcaster|news agency|outlet|magazine|investigation by)\b", re.IGNORECASE)  # fmt: skip
_LAW_NAME = re.compile(r"\b(?:Act|Regulation|Directive|Law|Bill|Convention|Charter|Code)\b|^GDPR$")
_TITLES = (
    r"(?:Commissioner|Minister|Secretary|President|Director|director|Chief|chief executive|Executive|executive|"
    r"Officer|officer|Senator|Judge|Justice|Professor|Dr|Mr|Mrs|Ms|Sir|Dame|Lord|Lady|Chairman|chairman|"
    r"Chairwoman|Spokesman|spokesman|Spokeswoman|spokeswoman|spokesperson|CEO|founder|co-founder|"
    r"Inspector|Superintendent|Constable|Sergeant|Detective|Mayor|Governor|Rep\.|Representative|"
    r"researcher|analyst|lawyer|attorney|head|chief|boss|manager|leader|activist|campaigner)"
)


def is_law(name: str) -> bool:
    return bool(_LAW_NAME.search(name))


def looks_like_person(name: str, sentences: list[str]) -> bool:
    words = name.split()
    organisation = (_AGENCY_WORDS, _VENDOR_NAME, _ADVOCACY_WORDS, _MEDIA_NAME, _LAW_NAME)
    if not 1 <= len(words) <= 4 or any(p.search(name) for p in organisation) or name.isupper():
        return False
    surname = re.escape(words[-1])
    whole = re.escape(name)
    cues = [
        rf"\b{_TITLES},?\s+(?:[A-Z][\w.'’-]*\s+)*{whole}\b",  # "UK Information Commissioner John Edwards"
        rf"\bsaid\s+{surname}\b",
        # "said councillor Pieter Vos": a role in lower case ("said the company Acme" is no person)
        rf"\bsaid\s+(?:(?!(?:the|a|an|its|their)\b)[a-z][\w-]*\s+){{1,3}}{whole}\b",
        rf"\b{whole},?\s+(?:said|says|told|wrote|added)\b",
        rf"\b{whole},?\s+who\s+(?:heads|runs|founded|leads|directs|chairs|co-founded)\b",
        rf"\b{whole}['’]s\s+(?:wife|husband|son|daughter)\b",
        rf"\b{whole}\b[^.]*\b(?:he|she|his|her)\b",
        rf"\b{whole},\s+(?:the\s+)?(?:\w+\s+){{0,3}}{_TITLES}\b",  # "Jane Doe, the group's director"
    ]
    return (len(words) >= 2 and any(re.search(cue, s) for s in sentences for cue in cues)) or any(
        re.search(rf"\b{_TITLES}\s+{whole}\b", s) for s in sentences
    )


def guess_type(name: str, sentences: list[str]) -> str:
    """One of the entity folders; 'organisations' when nothing tells."""
    context = " ".join(sentences)
    if looks_like_person(name, sentences):
        return "people"
    if _MEDIA_NAME.search(name):
        return "media"
    if _AGENCY_WORDS.search(name):
        return "agencies"
    if _ADVOCACY_WORDS.search(name) and _CAMPAIGN_VERBS.search(context):
        return "advocacy"
    if _VENDOR_NAME.search(name) or _near(name, context, _VENDOR_WORDS):
        return "vendors"
    if _near(name, context, _MEDIA_WORDS):
        return "media"
    if _near(name, context, _CAMPAIGN_VERBS) and _ADVOCACY_WORDS.search(context):
        return "advocacy"
    if re.search(rf"\b(?:in|from|to)\s+{re.escape(name)}\b", context) and len(name.split()) <= 2:
        return "countries"  # a place: cities, states and regions live with the countries
    return "organisations"


def _near(name: str, context: str, words: re.Pattern[str], reach: int = 40) -> bool:
    """Do the cue words stand within `reach` characters of the name?"""
    for match in re.finditer(re.escape(name), context):
        window = context[max(0, match.start() - reach) : match.end() + reach]
        if words.search(window.replace(name, " ")):
            return True
    return False
