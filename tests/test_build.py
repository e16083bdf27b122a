"""The build script end to end, through its real command line, on a copy of the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_build, snapshot


def test_committed_docs_are_up_to_date():
    result = run_build(ROOT, "--check")
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.strip() == "docs/ is up to date"


def test_second_build_writes_nothing(project: Path):
    first = run_build(project)
    assert first.returncode == 0, first.stderr
    second = run_build(project)
    assert second.returncode == 0
    assert second.stdout.strip().endswith("0 file(s) written, 0 deleted")
    assert "41 entities" in second.stdout


def test_check_fails_with_a_diff_on_stale_docs(project: Path):
    page = project / "docs/vendors/ibm.md"
    page.write_text(page.read_text().replace("summary: US technology company", "summary: American company"))
    result = run_build(project, "--check")
    assert result.returncode == 1
    assert "--- a/docs/articles/2020-06-18-facial-recognition-it-and-police-in-delicate-dance.md" in result.stdout
    assert "+- **Vendors:**" not in result.stdout  # only changed lines, as a unified diff
    assert "American company that said in June 2020" in result.stdout
    assert "docs/ is stale" in result.stderr
    # --check wrote nothing.
    assert run_build(project, "--check").returncode == 1


def test_a_root_that_does_not_exist_is_refused_and_not_created(tmp_path: Path):
    missing = tmp_path / "no-such-project"
    result = run_build(missing)
    assert result.returncode == 2
    assert f"--root {missing}: no such folder" in result.stderr
    assert not missing.exists()


def test_hand_edits_outside_markers_survive(project: Path):
    page = project / "docs/vendors/clearview-ai.md"
    original = page.read_text(encoding="utf-8")
    head, marker, rest = original.partition("<!-- generated:start")
    edited_head = head + "A paragraph an editor added, with *emphasis* and a [link](ibm.md).\n\n"
    tail_text = "\n\nClosing words after the region.\n"
    page.write_text(edited_head + marker + rest + tail_text, encoding="utf-8")
    count_before = int(re.search(r":   (\d+) in 1 article", original).group(1))
    # Change something that alters the region, so the build must rewrite this page.
    seed = project / "articles" / SEED.name
    seed.write_bytes(
        seed.read_bytes().replace(b"That is because Clearview AI", b"That is because Clearview AI, Clearview,")
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    rebuilt = page.read_text(encoding="utf-8")
    assert rebuilt.startswith(edited_head)
    assert rebuilt.endswith(tail_text)
    assert f":   {count_before + 1} in 1 article" in rebuilt


def test_edit_inside_the_region_is_refused_and_nothing_is_written(project: Path):
    page = project / "docs/vendors/ibm.md"
    page.write_text(page.read_text().replace("## In the articles", "## In the articles\n\nMy own note."))
    ibm = project / "docs/vendors/ibm.md"
    line = next(i for i, text in enumerate(ibm.read_text().split("\n"), 1) if "generated:start" in text) + 1
    (project / "docs/vendors/amazon.md").write_text(
        (project / "docs/vendors/amazon.md").read_text().replace("summary: US", "summary: American")
    )
    before = snapshot(project / "docs")
    result = run_build(project)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"docs/vendors/ibm.md:{line}: text inside the generated region was edited by hand — move your text above "
        "the generated:start marker (it is kept there), or rerun with --discard-edits to drop the edit"
    )
    assert snapshot(project / "docs") == before
    assert run_build(project, "--discard-edits").returncode == 0
    assert "My own note." not in page.read_text()


def test_edit_in_a_generated_page_is_refused(project: Path):
    page = project / "docs/articles/index.md"
    page.write_text(page.read_text().replace("newest first", "newest first, edited"))
    result = run_build(project)
    assert result.returncode == 2
    assert result.stderr.startswith("docs/articles/index.md:")
    assert "this generated page was edited by hand — put the text in articles/*.txt" in result.stderr


def test_page_without_markers_gets_its_region_appended(project: Path):
    page = project / "docs/vendors/acme-vision.md"
    page.write_text("---\nname: Acme Vision\nsummary: A test vendor.\n---\n# Acme Vision\n\nHand text.\n")
    assert run_build(project).returncode == 0
    text = page.read_text()
    assert text.startswith("---\nname: Acme Vision\nsummary: A test vendor.\n---\n# Acme Vision\n\nHand text.\n\n")
    assert "<!-- generated:start sha256=" in text and text.endswith("<!-- generated:end -->\n")


def test_bad_input_exits_2_and_leaves_docs_untouched(project: Path):
    (project / "docs/vendors/ibm.md").write_text("---\nname: IBM\nsumary: x\n---\n")
    (project / "articles/broken.txt").write_bytes(b"no title here\n")
    before = snapshot(project / "docs")
    result = run_build(project)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "articles/broken.txt:1: no title line — the first non-blank line must be the title, written '# Title'",
        "docs/vendors/ibm.md:1: missing 'summary' — add 'summary: One line saying what it is.' to the front matter",
        "docs/vendors/ibm.md:3: unknown key 'sumary' — did you mean 'summary'?",
    ]
    assert snapshot(project / "docs") == before


def test_marker_problems_are_errors(project: Path):
    page = project / "docs/vendors/ibm.md"
    text = page.read_text()
    page.write_text(text.replace("<!-- generated:end -->", ""))
    result = run_build(project)
    assert result.returncode == 2
    assert "docs/vendors/ibm.md:" in result.stderr
    assert "a generated:start marker with no generated:end — keep exactly one" in result.stderr


def test_removing_an_article_removes_its_page(project: Path):
    extra = project / "articles/2021-01-01-second.txt"
    extra.write_text("# A second article\n\n1 January 2021, by Someone\n\nIBM and Huawei are named here.\n")
    assert run_build(project).returncode == 0
    generated = project / "docs/articles/2021-01-01-second.md"
    assert "[IBM](../vendors/ibm.md" in generated.read_text()
    assert ":   3 in 2 articles" in (project / "docs/vendors/ibm.md").read_text()
    extra.unlink()
    result = run_build(project)
    assert result.returncode == 0
    assert not generated.exists()
    assert "1 deleted" in result.stdout
    ibm = (project / "docs/vendors/ibm.md").read_text()
    assert "A second article" not in ibm
    assert ":   2 in 1 article\n" in ibm


def test_build_is_deterministic_across_environments(project: Path, tmp_path: Path):
    import os
    import subprocess
    import sys

    other = tmp_path / "other"
    import shutil

    shutil.copytree(project, other)
    for root, env in ((project, {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"}),
                      (other, {"TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "4242"})):  # fmt: skip
        for path in (root / "docs").rglob("*.md"):
            if "generated-page" in path.read_text() or path.parent.name == "articles":
                path.unlink()  # regenerate fully generated pages from scratch
        shutil.rmtree(root / "docs" / "data")
        subprocess.run(
            [sys.executable, str(ROOT / "scripts/build.py"), "--root", str(root)],
            env={**os.environ, **env}, check=True, capture_output=True,
        )  # fmt: skip
    assert snapshot(project / "docs") == snapshot(other / "docs")
    assert snapshot(project / "docs") == snapshot(ROOT / "docs")


def test_plan_does_not_depend_on_listing_order():
    from atlas.pipeline import plan_site
    from atlas.read.sources import Sources, read_sources

    sources = read_sources(ROOT)
    reversed_sources = Sources(
        dict(reversed(list(sources.articles.items()))),
        dict(reversed(list(sources.pages.items()))),
        dict(reversed(sources.notes.items())),
        sources.glossary,
    )
    first, second = plan_site(sources), plan_site(reversed_sources)
    assert first.kept and first.kept == second.kept  # docs/ is up to date: every page is kept
    assert first.files == second.files and sorted(first.files) == sorted(second.files)


def test_an_unchanged_tree_skips_the_build_and_any_change_rebuilds(project: Path):
    assert run_build(project).returncode == 0
    assert (project / ".cache/atlas-build.json").is_file()
    cached = run_build(project)
    assert cached.stdout.strip() == "1 article(s), 41 entities, 54 mentions; 0 file(s) written, 0 deleted"
    # A hand edit to a generated page changes the fingerprint: the build looks again and refuses.
    index = project / "docs/articles/index.md"
    index.write_text(index.read_text().replace("newest first", "newest first!"))
    assert run_build(project).returncode == 2
    index.write_text(index.read_text().replace("newest first!", "newest first"))
    # A changed article is rebuilt.
    seed = project / "articles" / SEED.name
    seed.write_bytes(seed.read_bytes().replace(b"Tech giants love", b"Tech giants adore"))
    result = run_build(project)
    assert result.returncode == 0 and " 0 file(s) written" not in result.stdout


def test_every_command_line_option_is_documented_in_the_readme(capsys: pytest.CaptureFixture[str]):
    import build

    with pytest.raises(SystemExit):
        build.parse_args(["--help"])
    options = set(re.findall(r"(--[a-z-]+)", capsys.readouterr().out)) - {"--help"}
    readme = (ROOT / "README.md").read_text()
    assert len(options) >= 7
    assert sorted(o for o in options if f"`{o}" not in readme) == []


def test_add_article_options_are_documented_in_the_readme(capsys: pytest.CaptureFixture[str]):
    import add_article

    with pytest.raises(SystemExit):
        add_article.parse_args(["--help"])
    options = set(re.findall(r"(--[a-z-]+)", capsys.readouterr().out)) - {"--help", "--root"}
    readme = (ROOT / "README.md").read_text()
    assert "scripts/add_article.py SOURCE" in readme
    assert sorted(o for o in options if f"`{o}" not in readme) == []
