"""Draft entity pages for names the report finds: `build.py --draft NAME …`, `--draft-all`. Pure.

A draft is an ordinary entity page with `draft: true` and a summary placeholder: it is
linked at once, shows a "Draft: not yet reviewed" notice, is listed on the Drafts page, and
blocks publishing until an editor writes the summary and removes `draft: true`.

What is drafted is chosen here: a name that is likely another page's or another draft's
(a surname, initials, a part of a longer name) is skipped with its reason, and so is a lone
surname never named in full. An acronym an article defines is not copied into the draft's
aliases: it means the long name only in that article (`acronyms.py` links it there), and as
a global alias it could claim a name another page owns ("AFP", the news agency).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from atlas.link.countries import slugify
from atlas.link.duplicates import Named, same_entity
from atlas.link.report import Candidate
from atlas.link.sentences import sentence_around
from atlas.model import Article, Entity, Mention

SUMMARY_PLACEHOLDER = "DRAFT: replace this with one line saying what it is."


@dataclass(frozen=True)
class Draft:
    name: str
    folder: str
    evidence: str  # the words that decided the folder
    uncertain: bool = False
    cues: tuple[str, ...] = ()  # "type: “words”" for each type the sentences spoke for

    @property
    def path(self) -> str:
        return f"docs/{self.folder}/{draft_slug(self.name)}.md"


def draft_page(draft: Draft, country: str | None) -> str:
    """The page's text: front matter in the hand-written style, then a short body."""
    lines = ["---", f"name: {json.dumps(draft.name, ensure_ascii=False)}"]
    lines.append(f"summary: {json.dumps(SUMMARY_PLACEHOLDER)}")
    if country:
        lines.append(f"country: {country}")
    lines.append("draft: true")
    if draft.uncertain:
        lines.append("type_uncertain: true")
        lines.append(f"type_cues: {json.dumps(list(draft.cues), ensure_ascii=False)}")
    lines += ["---", f"# {draft.name}", "", "Drafted from the articles by `scripts/build.py --draft`. Write "
              "what it is, in your own words, then remove `draft: true` above.", ""]  # fmt: skip
    return "\n".join(lines)


def draft_slug(name: str) -> str:
    return slugify(name) or "entity"


def draft_for(name: str, candidate: Candidate | None, folder: str | None) -> Draft:
    """The draft of one name: the folder given, else the report's guess with its words."""
    if candidate is None:
        return Draft(name, folder or "organisations", "no sentence names it", uncertain=folder is None)
    if folder:
        return Draft(name, folder, "--type")
    cues = tuple(f"{t}: {w}" for t, w in candidate.cues)
    return Draft(name, candidate.type, candidate.evidence, candidate.uncertain, cues)


def choose_drafts(
    candidates: list[Candidate],
    entities: list[Entity],
    defined: dict[str, tuple[str, str]],
    stories: dict[str, frozenset[str]],
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    """The likely names worth a draft, and (name, reason) for each one skipped. `stories`:
    the stories that mention each entity.

    Longer names are chosen first, so a part of one ("Privacy Commissioner") is found to be
    the longer name's ("Office of the Privacy Commissioner"), not the other way round."""
    kept: list[tuple[Candidate, Named]] = []
    skipped: list[tuple[str, str]] = []
    pages = [Named(e.name, e.type, e.path, e.aliases, stories.get(e.slug, frozenset())) for e in entities]
    names = [c for c in candidates if c.kind == "name"]
    for candidate in sorted(names, key=lambda c: (-len(c.name.split()), -c.count, c.name)):
        if candidate.surname:
            skipped.append((candidate.name, "a surname alone, never named in full in its story: draft the full name with --draft"))  # fmt: skip
            continue
        named = Named(candidate.name, candidate.type, "report", (), frozenset(candidate.stories))
        others = [*pages, *(n for _, n in kept)]
        match = next(((o, e) for o in others if (e := same_entity(named, o, defined))), None)
        if match is not None:
            other, evidence = match
            where = other.source if other.source != "report" else "a draft of this run"
            skipped.append((candidate.name, f"likely {other.name} ({where}): {evidence} — add it to that page's aliases, or merge later"))  # fmt: skip
            continue
        kept.append((candidate, named))
    order = {c.name: i for i, c in enumerate(candidates)}
    return sorted((c for c, _ in kept), key=lambda c: order[c.name]), skipped


def country_from_sentences(
    name: str, articles: list[Article], mentions: list[Mention], countries: set[str]
) -> str | None:
    """The country most often named in the sentences where the name occurs, if any."""
    counts: Counter[str] = Counter()
    by_block: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        if mention.entity in countries:
            by_block.setdefault((mention.article, mention.block), []).append(mention)
    for article in articles:
        for block in article.text_blocks:
            start = block.text.find(name)
            if start < 0:
                continue
            low, high = sentence_around(block.text, start)
            for mention in by_block.get((article.slug, block.anchor), []):
                if low <= mention.start < high:
                    counts[mention.entity] += 1
    return counts.most_common(1)[0][0] if counts else None
