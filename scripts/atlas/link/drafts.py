"""Draft entity pages for names the report finds: `build.py --draft NAME …`. Pure.

A draft is an ordinary entity page with `draft: true` and a summary placeholder: it is
linked at once, shows a "Draft: not yet reviewed" notice, is listed on the Drafts page, and
blocks publishing until an editor writes the summary and removes `draft: true`.
"""

from __future__ import annotations

import json
from collections import Counter

from atlas.link.countries import slugify
from atlas.link.sentences import sentence_around
from atlas.model import Article, Mention

SUMMARY_PLACEHOLDER = "DRAFT: replace this with one line saying what it is."


def draft_page(name: str, aliases: list[str], country: str | None) -> str:
    """The page's text: front matter in the hand-written style, then a short body."""
    lines = ["---", f"name: {json.dumps(name, ensure_ascii=False)}"]
    if aliases:
        lines.append(f"aliases: {json.dumps(aliases, ensure_ascii=False)}")
    lines.append(f"summary: {json.dumps(SUMMARY_PLACEHOLDER)}")
    if country:
        lines.append(f"country: {country}")
    lines += ["draft: true", "---", f"# {name}", "", "Drafted from the articles by `scripts/build.py --draft`. Write "
              "what it is, in your own words, then remove `draft: true` above.", ""]  # fmt: skip
    return "\n".join(lines)


def draft_slug(name: str) -> str:
    return slugify(name) or "entity"


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
