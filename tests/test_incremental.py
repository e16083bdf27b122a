"""Per-article results cached between builds (.cache/atlas-articles.pickle) only save time:
a build that uses them writes exactly what a build from scratch writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
MEMO = Path(".cache/atlas-articles.pickle")


def build(root: Path, hash_seed: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process with its own string-hash salt (a cache must not depend on it)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )


def test_a_build_from_the_cache_writes_what_a_build_from_scratch_writes(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    for folder in ("copies", "acronyms"):
        for article in (FIXTURES / folder).glob("*.txt"):
            shutil.copy(article, root / "articles" / article.name)
    first = build(root, "1")
    assert first.returncode == 0, first.stderr
    assert "3 article(s) in 2 stories" in first.stdout
    cached = (root / MEMO).read_bytes()

    # Edits each cached result must notice: a new name in the catalog (mentions change in an
    # unchanged article), an edited copy, a new article.
    (root / "docs/organisations/oaic.md").write_text(
        "---\nname: Office of the Australian Information Commissioner\naliases: [OAIC]\n"
        "summary: Australia's privacy regulator.\n---\n# Office of the Australian Information Commissioner\n"
    )
    copy = next(root.glob("articles/2020-06-19-*.txt"))
    copy.write_text(copy.read_text() + "\n\nA closing sentence the republisher added.\n")
    shutil.copy(next((FIXTURES / "countries").glob("*.txt")), root / "articles")
    second = build(root, "2")
    assert second.returncode == 0, second.stderr
    assert "4 article(s) in 3 stories" in second.stdout  # the edited copy is still a copy
    assert (root / MEMO).read_bytes() != cached
    assert "oaic.md" in (root / "docs/articles/2021-04-07-afp-officers-used-face-search-app.md").read_text()

    (root / MEMO).unlink()
    scratch = build(root, "3", "--check")
    assert scratch.returncode == 0, scratch.stdout + scratch.stderr


def test_a_damaged_cache_is_ignored(project: Path):
    assert build(project, "1").returncode == 0
    (project / MEMO).write_bytes(b"not a pickle")
    (project / "docs/index.md").write_text((project / "docs/index.md").read_text() + "\nAn editor's line.\n")
    result = build(project, "2")
    assert result.returncode == 0, result.stderr
    assert build(project, "3", "--check").returncode == 0
