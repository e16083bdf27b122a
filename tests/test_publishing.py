"""Publishing: data exports that agree with the pages, JSON-LD, and the Zensical build."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEED_SLUG, copy_project, run_build, snapshot
from html_tools import read_page


def test_exports_parse_and_agree_with_the_pages(built_site: Path):
    entities = json.loads((built_site / "data/entities.json").read_text())
    with (built_site / "data/entities.csv").open() as stream:
        rows = list(csv.DictReader(stream))
    assert [e["slug"] for e in entities] == [r["slug"] for r in rows] == sorted(e["slug"] for e in entities)
    for entity in entities:
        page = (built_site / entity["page"] / "index.html").read_text()
        assert (
            f"{entity['mentions']} in {entity['articles']} article" in re.sub(r"<[^>]+>", " ", page)
            or entity["mentions"] == 0
        )
    mentions = json.loads((built_site / "data/mentions.json").read_text())
    article = read_page(built_site / "articles" / SEED_SLUG / "index.html")
    linked = [link for link in article.links if "atlas-mention" in link.attrs.get("class", "")]
    assert len(mentions) == len(linked) == sum(e["mentions"] for e in entities)
    assert all(m["paragraph"] in article.ids for m in mentions)
    relations = json.loads((built_site / "data/relations.json").read_text())
    table = (built_site / "relations/index.html").read_text()
    assert len(relations) == len([r for r in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S) if "<td" in r])


def test_notes_are_w3c_web_annotations(built_site: Path):
    collection = json.loads((built_site / "data/notes.jsonld").read_text())
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) > 10
    firm = next(i for i in items if i["target"]["selector"][0]["exact"] == "The firm")
    assert firm["target"]["selector"][0]["suffix"] == ", which received funding"
    assert firm["target"]["selector"][1] == {
        "type": "FragmentSelector",
        "value": "p12",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
    }
    assert firm["body"] == [{"type": "SpecificResource", "source": "vendors/clearview-ai/", "purpose": "identifying"}]


def test_entity_pages_embed_schema_org(built_site: Path):
    expected = {"vendors/ibm": "Organization", "agencies/french-interior-ministry": "GovernmentOrganization",
                "people/peter-thiel": "Person", "countries/france": "Country", "advocacy/aclu": "NGO",
                "media/afp": "NewsMediaOrganization", "countries/europe": "Place"}  # fmt: skip
    for page, kind in expected.items():
        html = (built_site / page / "index.html").read_text()
        (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
        parsed = json.loads(data)
        assert parsed["@type"] == kind and parsed["@context"] == "https://schema.org"
        assert "sameAs" not in parsed  # no Wikidata ID in the catalog is confirmed yet


def test_a_hand_edited_data_file_is_refused(project: Path):
    assert run_build(project).returncode == 0
    data = project / "docs/data/entities.csv"
    data.write_text(data.read_text().replace("IBM", "I.B.M."))
    before = snapshot(project / "docs")
    result = run_build(project)
    assert result.returncode == 2
    assert result.stderr.startswith("docs/data/entities.csv: this generated data file was edited by hand")
    assert snapshot(project / "docs") == before
    assert run_build(project, "--discard-edits").returncode == 0


def test_zensical_builds_the_same_docs(tmp_path: Path):
    zensical = Path(sys.executable).parent / "zensical"
    assert zensical.exists(), "zensical is in requirements-dev.txt"
    root = copy_project(tmp_path / "zensical")
    result = subprocess.run([str(zensical), "build"], cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    for page in (
        "index.html",
        f"articles/{SEED_SLUG}/index.html",
        "vendors/clearview-ai/index.html",
        "relations/index.html",
    ):
        assert (site / page).is_file(), page
    article = (site / "articles" / SEED_SLUG / "index.html").read_text()
    assert 'id="p12"' in article and "clearview-ai" in article
    # Zensical runs no hooks: the search index is one command after it.
    indexed = subprocess.run([sys.executable, str(root / "scripts/index_search.py"), "site"], cwd=root, capture_output=True, text=True)  # fmt: skip
    assert indexed.returncode == 0, indexed.stderr
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] > 40  # articles, entities and section pages
    shutil.rmtree(site)


def test_hosting_workflow_runs_the_local_publish_script():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    assert {"run": "bash scripts/publish.sh"}.items() <= next(s for s in steps if "run" in s).items()
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in steps)
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    script = (ROOT / "scripts/publish.sh").read_text()
    for command in ("scripts/build.py --check", "pytest", "mkdocs build --strict"):
        assert command in script


def test_excerpt_mode_never_shows_a_whole_paragraph(project: Path):
    import html as html_module

    from atlas.read.article import decode, parse_article
    from conftest import mkdocs_build

    # As scripts/publish.sh does it: the setting comes from the environment, and the MkDocs
    # hook's build honours it, so the publish can never fall back to full texts.
    site = project / "site"
    result = mkdocs_build(project, site, ATLAS_EXCERPTS="1")
    assert result.returncode == 0, result.stdout + result.stderr
    source = project / "articles" / f"{SEED_SLUG}.txt"
    article = parse_article(decode(source.read_bytes(), "a"), "a", SEED_SLUG)
    texts = [
        " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", p.read_text())).split()) for p in site.rglob("*.html")
    ]
    texts += [p.read_text() for p in site.rglob("*.json")] + [(site / "feed.xml").read_text()]
    whole = [b.anchor for b in article.text_blocks for t in texts if b.text in t]
    assert whole == []
    page = read_page(site / "articles" / SEED_SLUG / "index.html")
    assert {f"p{i}" for i in range(1, 20)} <= page.ids  # cited anchors survive
    assert any("clearview-ai" in link.href for link in page.links if "atlas-mention" in link.attrs.get("class", ""))
    assert "read the whole article on the publisher" in re.sub(
        r"<[^>]+>", "", (site / "articles" / SEED_SLUG / "index.html").read_text()
    )
    # Back to full text for editors: the ordinary build restores the committed pages.
    assert run_build(project).returncode == 0
    assert snapshot(project / "docs") == snapshot(ROOT / "docs")


def test_cite_this_page_uses_the_public_address_when_publishing(project: Path):
    committed = (ROOT / "docs/vendors/clearview-ai.md").read_text()
    assert "\\url{vendors/clearview-ai/}" in committed and "Content as of 18 June 2020." in committed
    assert run_build(project, "--site-url", "https://example.org/atlas/").returncode == 0
    page = (project / "docs/vendors/clearview-ai.md").read_text()
    assert "howpublished = {\\url{https://example.org/atlas/vendors/clearview-ai/}}" in page
    assert "“Clearview AI”, https://example.org/atlas/vendors/clearview-ai/. Content as of 18 June 2020." in page


def test_workflow_passes_the_github_workflow_schema(tmp_path: Path):
    linter = Path(sys.executable).parent / "check-jsonschema"
    command = [str(linter), "--builtin-schema", "vendor.github-workflows"]
    good = subprocess.run([*command, str(ROOT / ".github/workflows/publish.yml")], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    assert subprocess.run([*command, str(broken)], capture_output=True).returncode != 0


def test_the_mentions_export_is_written_as_json_dumps_would_write_it():
    """mentions.json is formatted directly (for speed): byte for byte what json.dumps gives,
    whatever the surface holds (quotes, backslashes, control characters, any script)."""
    from atlas.model import Mention
    from atlas.render.exports import _json_records, mention_records, mention_rows, mentions_files

    def mentions_json(mentions: list[Mention]) -> str:
        return mentions_files([mention_rows(mentions)])[0]

    surfaces = ['the "Met"', "back\\slash", "tab\there\nline", "Zürich’s", "北京", "\x00\x1f\u2028", ""]
    mentions = [Mention(f"2020-01-0{i}-a", f"p{i}", i, i + 10, "e-x", s) for i, s in enumerate(surfaces)]
    records = mention_records(mentions)
    assert records[2] == {"article": "2020-01-02-a", "paragraph": "p2", "entity": "e-x", "surface": surfaces[2], "start": 2, "end": 12}  # fmt: skip
    assert mentions_json(mentions) == _json_records(records)
    assert json.loads(mentions_json(mentions)) == records
    assert mentions_json([]) == _json_records([])
