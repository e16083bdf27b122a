"""`articles/stories.yml`: which copy of a syndicated story is its page, when not the earliest.

# The AP's own copy is the story's page, though a partner ran it first.
pages: [2020-06-10-ap-amazon-pauses-police-sales]
"""

from __future__ import annotations

import difflib

from atlas.errors import InputError
from atlas.read.frontmatter import split_page

STORIES = "articles/stories.yml"


def parse_pinned(text: str, slugs: set[str], path: str = STORIES) -> tuple[set[str], list[InputError]]:
    """The pinned article slugs, and an error for each that names no article."""
    if not text.strip():
        return set(), []
    try:
        page = split_page(f"---\n{text}\n---\n", path)
    except InputError as error:
        return set(), [InputError(path, (error.line or 2) - 1, error.message, error.fix)]
    pages = page.data.get("pages", [])
    line = page.key_lines.get("pages", 2) - 1
    if set(page.data) - {"pages"} or not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        return set(), [InputError(path, line, "expected only 'pages:', a list of article slugs", "write 'pages: [<article file name without .txt>]'")]  # fmt: skip
    errors = []
    for number, slug in enumerate(pages):
        if slug not in slugs:
            close = difflib.get_close_matches(slug, slugs, n=1)
            fix = f"did you mean '{close[0]}'?" if close else "name an article in articles/, without .txt"
            item_lines = page.item_lines.get("pages", [])
            errors.append(InputError(path, item_lines[number] - 1 if number < len(item_lines) else line, f"'{slug}' is not an article", fix))  # fmt: skip
    return set(pages) & slugs, errors
