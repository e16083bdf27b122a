"""A real `mkdocs build --strict` of the real article, checked through its HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from atlas.entity_types import TYPE_BY_FOLDER
from atlas.read.notes import parse_notes
from atlas.read.selectors import find_quote
from conftest import ROOT, SEED_SLUG, run_build
from html_tools import read_page
from site_checks import broken_links, resolve


@pytest.fixture(scope="module")
def catalog():
    from atlas.read.catalog import entity_from_page
    from atlas.read.frontmatter import split_page

    entities = []
    for path in sorted((ROOT / "docs").glob("*/*.md")):
        if path.name == "index.md" or path.parent.name not in TYPE_BY_FOLDER:
            continue
        rel = path.relative_to(ROOT).as_posix()
        entity, errors = entity_from_page(split_page(path.read_text(), rel), rel, path.parent.name, path.stem)
        assert not errors
        entities.append(entity)
    return entities


@pytest.fixture(scope="module")
def seed_article():
    from atlas.read.article import decode, parse_article

    path = ROOT / "articles" / f"{SEED_SLUG}.txt"
    return parse_article(decode(path.read_bytes(), "x"), "x", SEED_SLUG)


def entity_url(entity) -> str:
    return f"{entity.type}/{entity.slug}/"


def test_every_named_entity_is_linked_with_its_summary(built_site: Path, catalog, seed_article):
    """Independently of the matcher: each whole-word occurrence of a catalogued name that is
    not part of a longer catalogued name must be a link to its entity, titled with its summary."""
    occurrences = []  # (block, start, end, entity)
    for block in seed_article.text_blocks:
        for entity in catalog:
            for name in entity.names:
                for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w]|-\w)", block.text):
                    occurrences.append((block.anchor, match.start(), match.end(), entity))
    uncovered = [
        o for o in occurrences
        if not any(p[0] == o[0] and p[1] <= o[1] and o[2] <= p[2] and (p[2] - p[1]) > (o[2] - o[1]) for p in occurrences)
    ]  # fmt: skip
    # Editors' notes bind what names cannot (coreference) and win over name matching.
    bound = []
    for note in parse_notes((ROOT / "articles" / f"{SEED_SLUG}.notes.md").read_text(), "n", SEED_SLUG):
        if note.entity:
            (anchor,) = find_quote(note.quote, [seed_article])
            bound.append((anchor.block, anchor.start, anchor.end, note.entity))
    uncovered = [o for o in uncovered if not any(b[0] == o[0] and b[1] < o[2] and o[1] < b[2] for b in bound)]
    by_slug = {e.slug: e for e in catalog}
    uncovered += [(a, s, e, by_slug[slug]) for a, s, e, slug in bound if slug != "none"]
    facts = read_page(built_site / "articles" / SEED_SLUG / "index.html")
    mention_links = [link for link in facts.links if "atlas-mention" in link.attrs.get("class", "")]
    page_url = f"articles/{SEED_SLUG}/"
    linked = [(resolve(page_url, link.href)[0], link.text, link.attrs.get("title")) for link in mention_links]
    expected = [(entity_url(e), seed_article_text(seed_article, a, s, t), e.summary) for a, s, t, e in uncovered]
    assert sorted(linked) == sorted(expected)
    named = {e.slug for *_, e in uncovered}
    assert {"clearview-ai", "ibm", "microsoft", "amazon", "huawei", "briefcam", "aclu", "china", "france"} <= named
    assert len(linked) >= 50


def seed_article_text(article, anchor, start, end):
    return next(b.text for b in article.blocks if b.anchor == anchor)[start:end]


def test_in_the_articles_links_land_on_existing_anchors(built_site: Path, catalog):
    article_url = f"articles/{SEED_SLUG}/"
    article = read_page(built_site / "articles" / SEED_SLUG / "index.html")
    mentioned = {
        resolve(article_url, link.href)[0] for link in article.links if "atlas-mention" in link.attrs.get("class", "")
    }
    for entity in catalog:
        facts = read_page(built_site / entity.type / entity.slug / "index.html")
        anchors = []
        for link in facts.links:
            path, fragment = resolve(entity_url(entity), link.href)
            if path == article_url and fragment:
                assert fragment in article.ids, (entity.slug, link.href)
                anchors.append(fragment)
        # An entity the article links has at least one quoted sentence pointing into it; others have none.
        assert bool(anchors) == (entity_url(entity) in mentioned), entity.slug


def test_article_page_structure(built_site: Path):
    html = (built_site / "articles" / SEED_SLUG / "index.html").read_text()
    facts = read_page(built_site / "articles" / SEED_SLUG / "index.html")
    assert {f"p{i}" for i in range(1, 20)} | {f"c{i}" for i in range(1, 6)} <= facts.ids
    assert "p20" not in facts.ids and "c6" not in facts.ids
    assert html.count("<figcaption>") == 5
    assert "<h1" in html and "Facial recognition: IT and police in delicate dance" in html
    assert 'class="atlas-byline"' in html and "18 June 2020" in html
    assert 'href="https://techxplore.com/news/2020-06-facial-recognition-police-delicate.html"' in html
    text = re.sub(r"<[^>]+>", "", html)  # abbreviations wrap AFP, US, IBM in <abbr>
    assert "retrieved 14 June 2021" in text and "© 2020 AFP" in text
    assert "This document is subject to copyright." in html
    assert "](#)" not in html


def test_no_request_to_another_host(built_site: Path):
    for page in built_site.rglob("*.html"):
        for source in read_page(page).sources:
            assert not re.match(r"^(https?:)?//", source), (page, source)
    for stylesheet in built_site.rglob("*.css"):
        assert not re.search(r"@import|fonts\.googleapis|url\((['\"]?)(https?:)?//", stylesheet.read_text()), stylesheet


def test_every_internal_link_fragment_and_image_resolves(built_site: Path):
    assert broken_links(built_site) == []


def test_the_link_checker_catches_broken_links(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<p id="here"><a href="#here">ok</a> <a href="../b/">missing page</a>'
                                         ' <a href="#nowhere">missing anchor</a> <img src="../x.png" alt=""></p>')  # fmt: skip
    assert broken_links(tmp_path) == [
        "a/: ../b/ (no such file)",
        "a/: #nowhere (no such anchor)",
        "a/: ../x.png (no such file)",
    ]


def test_entity_pages_have_hand_text_and_generated_sections(built_site: Path):
    html = (built_site / "vendors" / "clearview-ai" / "index.html").read_text()
    assert "The company behind a facial recognition tool" in html  # hand-written
    assert 'class="atlas-infobox atlas-type-vendors"' in html
    assert "In the articles" in html and "Mentioned alongside" in html
    assert re.search(r"<strong>Clearview AI</strong>", html)
    assert "Editor&rsquo;s note" in html or "Editor's note" in html


def test_type_indexes_list_their_entities(built_site: Path, catalog):
    for entity in catalog:
        facts = read_page(built_site / entity.type / "index.html")
        hrefs = {resolve(f"{entity.type}/", link.href)[0] for link in facts.links}
        assert entity_url(entity) in hrefs, entity.slug


def test_edit_links_only_on_pages_an_editor_writes(project: Path):
    assert run_build(project).returncode == 0
    site = project / "site"
    import os
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, check=True, capture_output=True,
        env={**os.environ, "ATLAS_EDIT_URI": "https://git.example/atlas/edit/main/docs/"},
    )  # fmt: skip
    edit = 'title="Edit this page"'
    assert (
        'href="https://git.example/atlas/edit/main/docs/vendors/ibm.md" ' + edit
        in (site / "vendors/ibm/index.html").read_text()
    )
    assert edit in (site / "contributing/index.html").read_text()
    assert edit not in (site / "articles" / SEED_SLUG / "index.html").read_text()
    assert edit not in (site / "vendors/index.html").read_text()
