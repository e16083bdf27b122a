"""Typed relations with evidence: shown on both pages, refused when the evidence is not there."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SEED_SLUG, run_build, snapshot
from html_tools import read_page
from markdown_tools import visible_text


def _relation_items(site: Path, page: str) -> list[str]:
    html = (site / page / "index.html").read_text()
    section = html.split('id="relations"', 1)[1].split("<h2", 1)[0]
    return [visible_text(item) for item in re.findall(r"<li>(.*?)</li>", section, flags=re.S)]


def test_relation_shows_on_both_pages_with_quote_and_paragraph_link(built_site: Path):
    source = _relation_items(built_site, "vendors/briefcam")
    target = _relation_items(built_site, "vendors/canon")
    words = "is a subsidiary of Canon: “a subsidiary of Japanese multinational Canon” ¶15 · single source"
    assert words in source
    assert (
        "is the parent company of BriefCam: “a subsidiary of Japanese multinational Canon” ¶15 · single source"
        in target
    )
    facts = read_page(built_site / "vendors/briefcam/index.html")
    evidence = [link.href for link in facts.links if link.text == "¶15" and "title" in link.attrs]
    assert len(evidence) == 1 and evidence[0].startswith(f"../../articles/{SEED_SLUG}/#p15-r-")  # the words' own anchor
    assert evidence[0].split("#")[1] in read_page(built_site / "articles" / SEED_SLUG / "index.html").ids


def test_a_claim_is_shown_as_a_claim(built_site: Path):
    items = _relation_items(built_site, "vendors/clearview-ai")
    assert any(item.startswith("sells to Law enforcement agencies (a claim by Clearview AI)") for item in items)
    inverse = _relation_items(built_site, "agencies/law-enforcement-agencies")
    assert any(item.startswith("buys from Clearview AI (a claim by Clearview AI)") for item in inverse)


def test_topic_targets_and_page_break_evidence(built_site: Path):
    items = _relation_items(built_site, "vendors/ibm")
    assert items == ["exited the facial recognition business: “IBM said it would exit the business” ¶4 · single source"]


def test_relations_page_lists_every_relation(built_site: Path):
    html = (built_site / "relations/index.html").read_text()
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S) if "<td" in r]
    declared = 0
    for page in (built_site.parent / "docs").glob("*/*.md"):
        text = page.read_text()
        if text.startswith("---"):
            front = text.split("\n---\n", 1)[0]
            declared += len(re.findall(r"^    evidence:", front, flags=re.M))
    assert len(rows) == declared >= 25


def _add_relation(project: Path, page: str, relation: str) -> None:
    path = project / "docs" / page
    text = path.read_text()
    if "\nrelations:\n" in text:
        text = text.replace("\nrelations:\n", f"\nrelations:\n{relation}", 1)
    else:
        text = text.replace("\n---\n", f"\nrelations:\n{relation}---\n", 1)
    path.write_text(text)


def test_evidence_not_in_the_text_fails_the_build(project: Path):
    _add_relation(project, "vendors/huawei.md", '  - sells_to: china\n    evidence: "sold cameras to every city"\n')
    before = snapshot(project / "docs")
    result = run_build(project)
    assert result.returncode == 2
    line = next(
        i for i, t in enumerate((project / "docs/vendors/huawei.md").read_text().split("\n"), 1) if "sells_to" in t
    )
    assert result.stderr.strip() == (
        f"docs/vendors/huawei.md:{line}: evidence for 'sells_to: china' \"sold cameras to every city\" is not in any "
        "article — copy the exact words from the article (or remove the relation)"
    )
    assert snapshot(project / "docs") == before


def test_unknown_relation_type_suggests_one(project: Path):
    _add_relation(project, "vendors/huawei.md", '  - sell_to: china\n    evidence: "Huawei"\n')
    result = run_build(project)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("unknown relation type 'sell_to' — did you mean 'sells_to'?")


def test_removing_the_article_lists_the_entity_files_to_edit(project: Path):
    (project / "articles" / f"{SEED_SLUG}.txt").unlink()
    (project / "articles" / f"{SEED_SLUG}.notes.md").unlink()
    result = run_build(project)
    assert result.returncode == 2
    files = sorted({line.split(":", 1)[0] for line in result.stderr.splitlines()})
    assert "docs/vendors/briefcam.md" in files and "docs/organisations/twitter.md" in files
    assert all(f.startswith("docs/") and f.endswith(".md") for f in files)


def test_graphs_match_their_text_alternative(built_site: Path):
    html = (built_site / "relations/index.html").read_text()
    figure = html.split('id="relations-graph"', 1)[1].split("</figure>", 1)[0]
    titles = re.findall(r'<path class="atlas-edge[^"]*"[^>]*><title>(.*?)</title>', figure)
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S) if "<td" in r]
    table = sorted(" ".join(visible_text(c) for c in re.findall(r"<td>(.*?)</td>", r, flags=re.S)[:3]) for r in rows)
    assert sorted(t.replace("&#x27;", "'").replace("&amp;", "&") for t in titles) == [
        t.replace(" (claimed)", "") for t in table
    ]
    assert 'aria-labelledby="relations-graph-caption"' in figure
    ego = (
        (built_site / "vendors/briefcam/index.html")
        .read_text()
        .split('id="graph-briefcam"', 1)[1]
        .split("</figure>")[0]
    )
    assert re.findall(r'<a xlink:href="([^"]+)"', ego) == ["../canon/"]
    assert "is a subsidiary of" in ego
