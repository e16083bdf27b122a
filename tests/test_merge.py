"""`build.py --merge SOURCE INTO`: one entity page folded into another, nothing lost, the old address redirecting."""

from __future__ import annotations

import pytest
from conftest import SEED_SLUG, copy_project, mkdocs_build, run_build, snapshot

INTO = "docs/vendors/clearview-ai-inc.md"
REJECTED = 'rejected:\n  - {source: "clearview-ai", type: "uses", target: "facebook", article: "x", evidence: "y"}\n'


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory):
    """The seed project with a second page for Clearview AI, written by hand, then merged into it."""
    root = copy_project(tmp_path_factory.mktemp("merge"))
    (root / INTO).write_text(
        "---\nname: Clearview AI Inc.\nsummary: The company that sells a face-search tool to police.\n---\n"
        "# Clearview AI Inc.\n\nMy own words about the company.\n"
    )
    (root / "articles/rejected-relations.yml").write_text(REJECTED)
    assert run_build(root).returncode == 0
    before = (root / "docs/vendors/clearview-ai.md").read_text()
    result = run_build(root, "--merge", "clearview-ai", INTO)
    assert result.returncode == 0, result.stderr
    return root, before, result.stdout


def test_merge_moves_names_relations_and_keys_into_the_page(merged):
    root, _, output = merged
    page = (root / INTO).read_text()
    head = page.split("\n---\n", 1)[0]
    assert 'aliases: ["Clearview AI", "Clearview"]' in head
    assert '  - funded_by: peter-thiel\n    evidence: "received funding from PayPal co-founder Peter Thiel"' in head
    assert "  - sells_to: law-enforcement-agencies\n    evidence: \"says it has already signed up 600 law enforcement agencies worldwide\"\n    claimed: true" in head  # fmt: skip
    assert "country: united-states" in head and "name: Clearview AI Inc.\n" in head  # INTO keeps its name and type
    assert output.startswith(f"merged docs/vendors/clearview-ai.md into {INTO}:\n")


def test_merge_keeps_both_pages_hand_written_text(merged):
    root, before, _ = merged
    page = (root / INTO).read_text()
    own = before.split("\n---\n", 1)[1].split("<!-- generated:start")[0].replace("# Clearview AI\n", "").strip()
    assert "My own words about the company." in page
    assert "## Merged from Clearview AI" in page
    assert own in page  # every hand-written line of the old page, the editor's note included
    assert page.index("## Merged from Clearview AI") < page.index("<!-- generated:start")


def test_merge_points_relations_notes_and_rejections_at_the_page(merged):
    root, _, _ = merged
    assert "  - investigated: clearview-ai-inc" in (root / "docs/media/new-york-times.md").read_text()
    assert "  - protested_against: clearview-ai-inc" in (root / "docs/organisations/facebook.md").read_text()
    notes = (root / f"articles/{SEED_SLUG}.notes.md").read_text()
    assert "entity=clearview-ai-inc" in notes and "entity=clearview-ai " not in notes
    assert '{source: "clearview-ai-inc", type: "uses"' in (root / "articles/rejected-relations.yml").read_text()
    article = (root / f"docs/articles/{SEED_SLUG}.md").read_text()
    assert "[Clearview AI](../vendors/clearview-ai-inc.md" in article
    assert "[The firm](../vendors/clearview-ai-inc.md" in article  # the note's binding follows
    assert "(../vendors/clearview-ai.md" not in article


def test_the_old_address_redirects_and_the_site_builds_strict(merged):
    root, _, _ = merged
    old = (root / "docs/vendors/clearview-ai.md").read_text()
    assert 'redirect_to: "../clearview-ai-inc/"' in old
    assert run_build(root, "--check").returncode == 0
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "clearview-ai-inc/" in (root / "site/vendors/clearview-ai/index.html").read_text()


def test_merge_across_folders_redirects_from_the_old_folder(project):
    (project / "docs/organisations/thiel-capital.md").write_text(
        "---\nname: Thiel Capital\nsummary: An investment firm.\n---\n# Thiel Capital\n\nNotes on the firm.\n"
    )
    assert run_build(project).returncode == 0
    result = run_build(project, "--merge", "organisations/thiel-capital", "peter-thiel")
    assert result.returncode == 0, result.stderr
    head = (project / "docs/people/peter-thiel.md").read_text().split("\n---\n", 1)[0]
    assert 'redirect_from: ["organisations/thiel-capital"]' in head
    assert 'redirect_to: "../../people/peter-thiel/"' in (project / "docs/organisations/thiel-capital.md").read_text()
    assert "Notes on the firm." in (project / "docs/people/peter-thiel.md").read_text()
    assert mkdocs_build(project, project / "site").returncode == 0


def test_dry_run_writes_nothing(project):
    before = snapshot(project)
    result = run_build(project, "--merge", "twitter", "facebook", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("would merge docs/organisations/twitter.md into docs/organisations/facebook.md:\n")
    assert "  docs/organisations/twitter.md would be deleted; its address redirects to docs/organisations/facebook.md" in result.stdout  # fmt: skip
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("source", "into", "line"),
    [
        (
            "acme",
            "facebook",
            "acme: no entity page has this path or slug — give a page as docs/<type>/<slug>.md, <type>/<slug> or <slug>",
        ),
        (
            "facebook",
            "vendors/facebook",
            "vendors/facebook: no entity page has this path or slug — give a page as docs/<type>/<slug>.md, <type>/<slug> or <slug>",
        ),
        (
            "facebook",
            "facebook",
            "docs/organisations/facebook.md: a page cannot be merged into itself — name two different pages: --merge SOURCE INTO",
        ),
        (
            "italy",
            "europe",
            "docs/countries/italy.md: this page is generated by the build, so it cannot be merged — adopt it first: delete its 'generated_from' line and its last line",
        ),
    ],
)
def test_refusals_are_one_line_and_write_nothing(project, source, into, line):
    if source == "italy":
        (project / "articles/2022-01-01-italy.txt").write_text("# Rome\n\n1 January 2022, by Staff\n\nItaly's police bought it.\n")  # fmt: skip
        assert run_build(project).returncode == 0
    before = snapshot(project)
    result = run_build(project, "--merge", source, into)
    assert result.returncode == 2
    assert result.stderr.strip() == line
    assert snapshot(project) == before


def test_a_relation_that_would_point_at_itself_is_dropped_and_said(project):
    """Peter Thiel co-founded PayPal: folded into him, PayPal leaves no relation of his to himself."""
    result = run_build(project, "--merge", "paypal", "peter-thiel")
    assert result.returncode == 0, result.stderr
    assert "  1 relation(s) of peter-thiel to paypal dropped: they would point at itself" in result.stdout
    head = (project / "docs/people/peter-thiel.md").read_text().split("\n---\n", 1)[0]
    assert "co_founded" not in head and 'aliases: ["Thiel", "PayPal"]' in head
    assert run_build(project, "--check").returncode == 0
