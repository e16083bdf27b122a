"""Text from articles and front matter renders as exactly that text, whatever it holds."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import yaml
from atlas.escape import escape, escape_title
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown configured with the site's own extensions, from mkdocs.yml."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name == "pymdownx.emoji":
            from material.extensions import emoji

            options = {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}
        if name == "pymdownx.snippets":
            options = {**options, "base_path": [str(ROOT / "includes")], "auto_append": []}
        extensions.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


MD = _site_markdown()


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


def test_mkdocs_config_is_what_the_test_reads():
    assert Path(ROOT / "mkdocs.yml").is_file()
