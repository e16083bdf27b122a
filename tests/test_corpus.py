"""Many articles: wire-copy shapes, aggregation over the corpus, ambiguity, the report, renames."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from atlas.read.article import decode, parse_article
from conftest import ROOT, SEED_SLUG, mkdocs_build, run_build, snapshot

FIXTURES = ROOT / "tests" / "fixtures"
WIRE = "2020-06-09-wire-copy"
POLICE = "2021-02-03-afp-police"


def parse_fixture(slug: str):
    path = FIXTURES / "articles" / f"{slug}.txt"
    return parse_article(decode(path.read_bytes(), path.name), path.name, slug)


def test_wire_copy_shapes():
    article = parse_fixture(WIRE)
    assert (article.date, article.author, article.dateline) == ("2020-06-09", "Dana Fixture", "ARMONK, N.Y.")
    assert (article.publisher, article.copyright) == (
        "The Associated Press",
        "Copyright 2020 The Associated Press. All rights reserved.",
    )
    blocks = [(b.kind, b.anchor, b.text, b.credit) for b in article.blocks]
    assert blocks[0] == (
        "caption",
        "c1",
        "A protester holds a sign outside a police station.",
        "AP Photo/Sam Example, File",
    )
    texts = [b.text for b in article.blocks]
    # The standfirst and the datelined first paragraph were one paragraph said twice.
    assert texts.count("IBM will no longer sell general-purpose facial recognition software to anyone.") == 1
    assert not [t for t in texts if t.startswith(("Posted:", "Updated:", "Related:", "More from", "- "))]
    assert texts[2].startswith("“Now is the time for a national conversation about these tools,” the company’s")
    assert [b.anchor for b in article.blocks] == ["c1", "p1", "p2", "p3"]


def test_dateline_inside_a_caption_led_article():
    article = parse_fixture(POLICE)
    assert article.dateline == "CANBERRA"
    assert article.blocks[1].text.startswith("The AFP has admitted")
    assert article.publisher == "AFP"


@pytest.fixture
def corpus_project(project: Path) -> Path:
    shutil.copy(FIXTURES / "articles" / f"{WIRE}.txt", project / "articles")
    return project


def test_a_second_article_aggregates_and_leaves_the_first_unchanged(corpus_project: Path):
    seed_page = corpus_project / "docs" / "articles" / f"{SEED_SLUG}.md"
    before = seed_page.read_bytes()
    result = run_build(corpus_project)
    assert result.returncode == 0, result.stderr
    assert "2 article(s)" in result.stdout
    assert seed_page.read_bytes() == before
    ibm = (corpus_project / "docs/vendors/ibm.md").read_text()
    assert ":   3 in 2 articles" in ibm
    assert ibm.index(f"{SEED_SLUG}.md) (18 June 2020)") < ibm.index(f"{WIRE}.md) (9 June 2020)")  # newest first
    assert ":   First mention\n" not in ibm and "First mention\n:   9 June 2020" in ibm
    index = (corpus_project / "docs/articles/index.md").read_text()
    assert index.index(SEED_SLUG) < index.index(WIRE)
    aclu = (corpus_project / "docs/advocacy/aclu.md").read_text()
    assert "Companies can say no" in aclu
    assert mkdocs_build(corpus_project, corpus_project / "site").returncode == 0


def test_removing_an_article_leaves_no_trace(corpus_project: Path):
    (corpus_project / "articles" / f"{WIRE}.txt").unlink()
    pristine = snapshot(corpus_project / "docs")
    shutil.copy(FIXTURES / "articles" / f"{WIRE}.txt", corpus_project / "articles")
    assert run_build(corpus_project).returncode == 0
    assert snapshot(corpus_project / "docs") != pristine
    (corpus_project / "articles" / f"{WIRE}.txt").unlink()
    result = run_build(corpus_project)
    assert result.returncode == 0 and "1 deleted" in result.stdout
    assert snapshot(corpus_project / "docs") == pristine


def test_an_abbreviation_that_names_two_bodies(project: Path):
    shutil.copy(FIXTURES / "articles" / f"{POLICE}.txt", project / "articles")
    shutil.copy(FIXTURES / "docs/agencies/australian-federal-police.md", project / "docs/agencies")
    afp = project / "docs/media/afp.md"
    afp.write_text(
        afp.read_text().replace("aliases: [Agence France-Presse]", "aliases: [Agence France-Presse]\nambiguous: [AFP]")
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("'AFP' in 2021-02-03-afp-police#p") == 2  # left unlinked and reported
    page = (project / "docs/articles" / f"{POLICE}.md").read_text()
    assert '[AFP](../media/afp.md "' not in page and "australian-federal-police" not in page

    shutil.copy(FIXTURES / "articles" / f"{POLICE}.notes.md", project / "articles")
    result = run_build(project)
    assert result.returncode == 0 and "ambiguous" not in result.stdout
    page = (project / "docs/articles" / f"{POLICE}.md").read_text()
    assert page.count("[AFP](../agencies/australian-federal-police.md") == 2
    assert "[AFP](../media/afp.md" in page  # the publisher in the byline is the news agency


def test_report_lists_missing_names_and_not_present_ones(corpus_project: Path):
    result = run_build(corpus_project, "--report")
    assert result.returncode == 0
    names = [line.split("—")[0].split(" [")[0].strip() for line in result.stdout.splitlines()]
    assert any(name.endswith("Congress") for name in names)
    assert not any(name.endswith(("IBM", "Microsoft", "Clearview AI")) for name in names)
    assert "(articles/2020-06-09-wire-copy.txt#p2)" in result.stdout


def test_a_renamed_entity_keeps_its_old_address(project: Path):
    old = project / "docs/vendors/briefcam.md"
    new = project / "docs/vendors/briefcam-ltd.md"
    new.write_text(old.read_text().replace("name: BriefCam\n", "name: BriefCam\nredirect_from: [briefcam]\n"))
    old.unlink()
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    stub = (project / "docs/vendors/briefcam.md").read_text()
    assert 'redirect_to: "../briefcam-ltd/"' in stub and "[BriefCam](briefcam-ltd.md)" in stub
    assert run_build(project).stdout.strip().endswith("0 file(s) written, 0 deleted")
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    html = (site / "vendors/briefcam/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../briefcam-ltd/">' in html
    # Dropping the redirect removes the stub.
    new.write_text(new.read_text().replace("redirect_from: [briefcam]\n", ""))
    assert "1 deleted" in run_build(project).stdout
    assert not (project / "docs/vendors/briefcam.md").exists()
