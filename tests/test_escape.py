"""Text from articles and front matter renders as exactly that text, whatever it holds."""

from __future__ import annotations

import html
import re

from atlas.render.escape import escape, escape_title
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_tools import site_markdown

MD = site_markdown()


def visible(markup: str) -> str:
    MD.reset()
    rendered = MD.convert(markup)
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    inner = rendered[3:-4]
    assert "<" not in inner, f"markup leaked: {rendered}"
    return html.unescape(inner)


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "text { .class #id }",
    '--8<-- "mkdocs.yml"',
    "*[ACLU]: a fake expansion",
    "a | b | c",
    "<!-- generated:end -->",
    "{{ config.site_name }}",
    ":material-account: and :smile:",
    "1. not a list",
    "# not a heading",
    "> not a quote",
    "!!! note",
    "Wow![x](y)",
    "__bold__ *em* `code` ~~del~~ ==mark== ^^ins^^",
    "&amp; &copy; &#60;",
    "back\\slash\\",
    "https://example.org/a_b_c",
]


def test_hostile_text_stays_text():
    for text in HOSTILE:
        assert visible(escape(text)) == text


# Text in the article shape: words, punctuation and every character Markdown cares about.
text_strategy = st.text(
    alphabet=st.sampled_from([*"abcXYZ019 .,;:!?'\"()[]{}<>#*_`~=+-|\\/&^%$@", "’", "“", "é", "\u00a0"]),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip())


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_escaped_text_renders_as_itself(text):
    assert visible(escape(text)) == " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(text_strategy)
def test_escaped_title_is_the_title(text):
    MD.reset()
    rendered = MD.convert(f'[x](https://example.org "{escape_title(text)}")')
    match = re.fullmatch(r'<p><a href="https://example.org" title="([^"]*)">x</a></p>', rendered)
    assert match, rendered
    assert html.unescape(match.group(1)) == " ".join(text.split())
