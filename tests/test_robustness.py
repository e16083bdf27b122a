"""Hostile and broken input: clear errors, nothing lost, text stays text."""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

import pytest
from atlas.errors import AtlasError, InputError
from atlas.link.annotate import Matcher
from atlas.link.corpus import Corpus
from atlas.model import Article, Block, Entity
from atlas.publish import write
from atlas.read.article import decode, parse_article
from atlas.render.blocks import annotated_text
from conftest import SEED, mkdocs_build, run_build, snapshot
from html_tools import read_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_tools import site_markdown, visible_text

# --- Bad input: one line naming file, line and fix; exit 2; docs/ untouched ------------------

BAD_INPUTS = {
    "not UTF-8": ("articles/bad.txt", b"# Title\n\ncaf\xe9\n", "articles/bad.txt:3: not UTF-8 text (byte 0xe9)"),
    "empty": ("articles/bad.txt", b"", "articles/bad.txt:1: the article is empty"),
    "binary": ("articles/bad.txt", b"\x00\x01\x02", "articles/bad.txt:1: binary data (a NUL byte) in an article"),
    "no title": ("articles/bad.txt", b"Some text\n", "articles/bad.txt:1: no title line"),
    "impossible date": (
        "articles/bad.txt",
        b"# T\n\n31 February 2020, by A. Writer\n\nBody.\n",
        "articles/bad.txt:3: '31 February 2020' is not a real date",
    ),
    "malformed YAML": (
        "docs/vendors/bad.md",
        b"---\nname: : x\n---\n",
        "docs/vendors/bad.md:2: malformed YAML front matter",
    ),
    "misspelt key": (
        "docs/vendors/bad.md",
        b"---\nname: Bad\nsumary: x\nsummary: y\n---\n",
        "docs/vendors/bad.md:3: unknown key 'sumary' — did you mean 'summary'?",
    ),
    "missing name": ("docs/vendors/bad.md", b"---\nsummary: y\n---\n", "docs/vendors/bad.md:1: missing 'name'"),
    "duplicate slug": (
        "docs/people/ibm.md",
        b"---\nname: Ibm Person\nsummary: y\n---\n",
        "docs/vendors/ibm.md:1: duplicate slug 'ibm' (also docs/people/ibm.md)",
    ),
    "alias claimed twice": (
        "docs/vendors/bad.md",
        b"---\nname: Bad\naliases: [IBM]\nsummary: y\n---\n",
        "docs/vendors/bad.md:3: 'IBM' is also claimed by docs/vendors/ibm.md",
    ),
    "unknown reference": (
        "docs/vendors/bad.md",
        b"---\nname: Bad\nsummary: y\nparent: nobody\n---\n",
        "docs/vendors/bad.md:4: 'parent' names 'nobody', which has no page",
    ),
    "lone end marker": (
        "docs/vendors/bad.md",
        b"---\nname: Bad\nsummary: y\n---\n# Bad\n<!-- generated:end -->\n",
        "docs/vendors/bad.md:6: a generated:end marker with no generated:start",
    ),
    "duplicated start marker": (
        "docs/vendors/bad.md",
        b"---\nname: Bad\nsummary: y\n---\n<!-- generated:start -->\n<!-- generated:start -->\n<!-- generated:end -->\n",
        "docs/vendors/bad.md:6: a second generated:start marker",
    ),
    "markers out of order": (
        "docs/vendors/bad.md",
        b"---\nname: Bad\nsummary: y\n---\n<!-- generated:end -->\n<!-- generated:start -->\n",
        "docs/vendors/bad.md:5: the generated:end marker comes before generated:start",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_clear_line_and_changes_nothing(project: Path, case: str):
    path, content, expected = BAD_INPUTS[case]
    (project / path).write_bytes(content)
    before = snapshot(project / "docs")
    result = run_build(project)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(expected), lines[0]
    assert " — " in lines[0]  # every message says how to fix it
    assert snapshot(project / "docs") == before


def test_internal_error_exits_3(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    import build
    from atlas.publish import rebuild

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(rebuild, "plan_site", broken)
    assert build.main(["--check", "--root", str(project)]) == 3
    assert "internal error" in capsys.readouterr().err


def test_a_failure_midway_through_writing_restores_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "a.md").write_text("old a")
    (tmp_path / "b.md").write_text("old b")
    changes = write.compare({"a.md": "new a", "b.md": "new b", "c.md": "new c"}, [], {"a.md": "old a", "b.md": "old b"})
    real_replace = os.replace
    calls = []

    def failing_replace(source: str, target: object) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="simulated"):
        write.apply(tmp_path, changes)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]  # no temporary files left
    assert (tmp_path / "a.md").read_text() == "old a"
    assert (tmp_path / "b.md").read_text() == "old b"


# --- Hostile text stays text ----------------------------------------------------------------

HOSTILE_ARTICLE = """# <script>alert('t')</script> Hostile {{ config.site_name }} title

1 March 2021, by <img src=x onerror=alert(0)>

<script>alert(1)</script> and <img src=x onerror="alert(2)"> in a paragraph about Acme Widgets.

A [link](javascript:alert(3)) and [another](https://evil.example/) { .injected #evil } near Acme Widgets.

--8<-- "mkdocs.yml"

*[Acme]: Fake expansion

| a | b | c |

<!-- generated:end --> <!-- generated:start sha256=0 --> {{ config.site_name }} {% if x %} :material-alert: Acme Widgets

## A heading with <b>bold</b> and [a topic](#) and {: .cls }
"""

HOSTILE_ENTITY = """---
name: Acme Widgets
aliases: ["A<b>cme"]
summary: 'Pipes | in | summary <script>alert(4)</script> {{ x }} [x](javascript:y) "quoted" *[Acme]: no'
---
# Acme Widgets

Hand-written.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("hostile"))
    (root / "articles" / "hostile.txt").write_text(HOSTILE_ARTICLE + "\nA<b>cme too.\n")
    (root / "docs" / "vendors" / "acme-widgets.md").write_text(HOSTILE_ENTITY)
    build = run_build(root)
    assert build.returncode == 0, build.stderr
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


HOSTILE_PAGES = ["articles/hostile/index.html", "vendors/acme-widgets/index.html", "vendors/index.html"]


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_hostile_text_adds_no_element_attribute_or_link(hostile_site: Path, page: str):
    reference = read_page(hostile_site / "articles" / SEED.stem / "index.html")
    facts = read_page(hostile_site / page)
    html = (hostile_site / page).read_text()

    def script_files(tags: list[tuple[str, dict[str, str]]]) -> list[str]:
        return [
            attrs.get("src", "inline").rsplit("/", 1)[-1]
            for tag, attrs in tags
            if tag == "script" and attrs.get("type") != "application/ld+json"
        ]

    assert script_files(facts.tags) == script_files(reference.tags)  # only the theme's own scripts
    assert "alert(" not in "".join(s for s in _inline_scripts(html) if not s.startswith("{"))
    for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S):
        assert json.loads(data)["@context"] == "https://schema.org" and "<" not in data
    assert not [attrs for _, attrs in facts.tags if any(name.startswith("on") for name in attrs)]
    assert not [tag for tag, _ in facts.tags if tag in ("img", "b", "iframe")]
    assert not [link.href for link in facts.links if link.href.startswith("javascript:") or "evil.example" in link.href]
    assert "evil" not in facts.ids
    assert not [
        attrs for _, attrs in facts.tags if "injected" in attrs.get("class", "") or "cls" in attrs.get("class", "")
    ]
    assert '<abbr title="Fake expansion"' not in html and '<abbr title="no"' not in html
    assert "site_name:" not in html  # mkdocs.yml was not included


def _inline_scripts(html: str) -> list[str]:
    import re

    return re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)


def test_hostile_text_is_visible_as_written(hostile_site: Path):
    text = visible_text((hostile_site / "articles/hostile/index.html").read_text())
    for literal in (
        '<script>alert(1)</script> and <img src=x onerror="alert(2)">',
        "A [link](javascript:alert(3)) and [another](https://evil.example/) { .injected #evil }",
        '--8<-- "mkdocs.yml"',
        "*[Acme]: Fake expansion",
        "| a | b | c |",
        "<!-- generated:end --> <!-- generated:start sha256=0 --> {{ config.site_name }} {% if x %} :material-alert:",
        "A heading with <b>bold</b> and a topic and {: .cls }",
        "<script>alert('t')</script> Hostile {{ config.site_name }} title",
    ):
        assert literal in text, literal


def test_pipes_in_front_matter_do_not_break_the_index_table(hostile_site: Path):
    import re

    html = (hostile_site / "vendors/index.html").read_text()
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    body_rows = [row for row in rows if "<td" in row]
    assert body_rows and all(row.count("<td") == 4 for row in body_rows)
    assert "Pipes | in | summary <script>alert(4)</script>" in visible_text(html)


def test_hostile_mention_link_text_is_escaped(hostile_site: Path):
    facts = read_page(hostile_site / "articles/hostile/index.html")
    texts = [link.text for link in facts.links if "atlas-mention" in link.attrs.get("class", "")]
    assert texts.count("Acme Widgets") == 3
    assert "A<b>cme" in texts


# --- Property-based: the parser fails only on purpose; rendering keeps the text ----------------

LINE = st.one_of(
    st.just(""),
    st.just("   "),
    st.sampled_from(["# Title", "## Heading", "### Sub", "18 June 2020, by A. Writer", "December 2020", "© 2020 AFP"]),
    st.sampled_from(["APA citation: T (2020, June 18) retrieved 14 June 2021 from <https://x.example/a>", "*notice*"]),
    st.lists(st.sampled_from([*"ab cD.,'\"[]()#*<>©-—\t", "(#)", "[x](#)", "[y](#"]), max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_parser_never_crashes_unexpectedly(lines: list[str]):
    text = "\n".join(lines)
    try:
        article = parse_article(decode(text.encode(), "articles/x.txt"), "articles/x.txt", "x")
    except InputError as error:
        assert str(error).startswith("articles/x.txt:")
        return
    assert article.title
    for block in article.blocks:
        assert block.text == block.text.strip() and block.text
        for link in block.dead_links:
            assert block.text[link.start : link.end] == link.text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60))
def test_arbitrary_bytes_fail_only_with_project_errors(data: bytes):
    with contextlib.suppress(AtlasError):  # any other exception fails the test
        parse_article(decode(data, "articles/x.txt"), "articles/x.txt", "x")


ENTITIES = [
    Entity("acme", "vendors", "Acme Vision", "A vendor.", "docs/vendors/acme.md", aliases=("Acme",)),
    Entity("france", "countries", "France", "A country.", "docs/countries/france.md", aliases=("French",)),
    Entity("ministry", "agencies", "interior ministry", "A body.", "docs/agencies/ministry.md"),
]
MATCHER = Matcher(ENTITIES)
MD = site_markdown()
WORDS = st.sampled_from(["Acme", "Acme Vision", "France", "France's", "French", "interior ministry", "Interior ministry",
                         "AcmeX", "the", "*", "_x_", "[a](b)", "<i>", "|", "&amp;", ":icon:", "{ #x }", "1.", "#", "—"])  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=15))
def test_rendered_annotations_keep_the_text_and_link_only_names(words: list[str]):
    text = " ".join(words)
    block = Block("paragraph", text, "p1", 1)
    article = Article("a", "articles/a.txt", "T", (block,))
    from atlas.link.annotate import annotate

    mentions, _ = annotate(article, MATCHER)
    corpus = Corpus([article], {e.slug: e for e in ENTITIES}, mentions)
    MD.reset()
    rendered = MD.convert(annotated_text(block, corpus.by_block.get(("a", "p1"), []), corpus, "articles/a.md"))
    assert visible_text(rendered) == text
    import re

    for href, link_text in re.findall(r'<a class="[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', rendered):
        slug = href.rsplit("/", 1)[-1].removesuffix(".md")
        entity = next(e for e in ENTITIES if e.slug == slug)
        assert visible_text(link_text) in entity.names or visible_text(link_text) == "Interior ministry"
    assert rendered.count("<a ") == len(mentions)
