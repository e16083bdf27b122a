"""Text from articles and front matter → Markdown that renders as exactly that text.

Everything that reaches a page from an article or from front matter goes through here, so
no text can add an element, attribute, link, abbreviation, snippet include or table cell.
"""

from __future__ import annotations

import re

# Characters Python-Markdown treats as markup anywhere in a line; escaped with a backslash.
_BACKSLASHED = set("\\`*_{}[]!")  # "!" too: before a link it would make an image
# Characters HTML or extensions would read; written as character references.
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
# Quotes delimit the title; a backslash or backtick would be read before the link is.
_TITLE_REFERENCES = {**_REFERENCES, '"': "&quot;", "'": "&#39;", "\\": "&#92;", "`": "&#96;"}
# One table for str.translate: the escaping is a single pass in C.
_FRAGMENT_TABLE = str.maketrans({**{c: "\\" + c for c in _BACKSLASHED}, **_REFERENCES})
# A colon before a word char could open an emoji/icon shortcode (`:name:`).
_SHORTCODE_COLON = re.compile(r":(?=[\w+-])")
# What a line may start with to become a heading, list, quote, fence, rule or definition.
_LINE_START = re.compile(r"^(\s*)(?:(\d+)([.)])|([#+\-=~:!]))")


def escape(text: str) -> str:
    """One line of literal text as Markdown inline content (white space folds to single spaces)."""
    return escape_line_start(escape_fragment(" ".join(text.split())))


def escape_fragment(text: str) -> str:
    """Literal text to sit inside a line of Markdown, next to links we write; kept as is otherwise."""
    return _SHORTCODE_COLON.sub("&#58;", text.translate(_FRAGMENT_TABLE))


def escape_line_start(markdown: str) -> str:
    """Neutralise what would make a line a heading, list item, fence, rule or definition."""
    return _LINE_START.sub(_escape_line_start, markdown, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, number, delimiter, symbol = match.groups()
    if number is not None:
        return f"{indent}{number}&#{ord(delimiter)};"
    return f"{indent}&#{ord(symbol)};"


def escape_title(text: str) -> str:
    """Text for a link title in double quotes: `[x](url "title")`."""
    return "".join(_TITLE_REFERENCES.get(c, c) for c in " ".join(text.split()))
