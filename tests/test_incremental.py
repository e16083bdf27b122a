"""Per-article results cached between builds (.cache/atlas-memo/) only save time:
a build that uses them writes exactly what a build from scratch writes."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SEED, copy_project

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
MEMO = Path(".cache/atlas-memo")


def _memo_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / MEMO).iterdir())}


def build(root: Path, hash_seed: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process with its own string-hash salt (a cache must not depend on it)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )


def scratch_check(root: Path, hash_seed: str) -> subprocess.CompletedProcess[str]:
    """--check with no cache at all (not even the fingerprint that lets it say "up to date"
    without looking): passes only if docs/ is what a build from scratch writes."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    return build(root, hash_seed, "--check")


def test_a_build_from_the_cache_writes_what_a_build_from_scratch_writes(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    for folder in ("copies", "acronyms"):
        for article in (FIXTURES / folder).glob("*.txt"):
            shutil.copy(article, root / "articles" / article.name)
    first = build(root, "1")
    assert first.returncode == 0, first.stderr
    assert "3 article(s) in 2 stories" in first.stdout
    cached = _memo_files(root)

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
    assert _memo_files(root) != cached
    assert "oaic.md" in (root / "docs/articles/2021-04-07-afp-officers-used-face-search-app.md").read_text()

    # Only an article added: the pages of what it names are rendered, the others kept.
    untouched = {p: p.stat().st_mtime_ns for p in (root / "docs").rglob("*.md")}
    (root / "articles/2021-05-02-a-later-report.txt").write_text(
        "# A later report\n\n2021-05-02, by A. Writer\n\nClearview AI and IBM were named again in a report on "
        "police use of face search in Britain.\n"
    )
    third = build(root, "3")
    assert third.returncode == 0, third.stderr
    kept = [p for p, mtime in untouched.items() if p.stat().st_mtime_ns == mtime]
    assert root / "docs/articles/2020-06-18-facial-recognition-it-and-police-in-delicate-dance.md" in kept
    assert root / "docs/vendors/clearview-ai.md" not in kept

    scratch = scratch_check(root, "4")
    assert scratch.returncode == 0, scratch.stdout + scratch.stderr


def test_a_page_is_kept_only_as_the_build_left_it(project: Path):
    assert build(project, "1").returncode == 0
    page = project / "docs/articles/2020-06-18-facial-recognition-it-and-police-in-delicate-dance.md"
    older = page.read_text()
    seed = project / "articles/2020-06-18-facial-recognition-it-and-police-in-delicate-dance.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Tech giants love", b"Tech giants adore"))
    assert build(project, "2").returncode == 0
    newer = page.read_text()
    assert "adore" in newer and newer != older
    page.write_text(older)  # an older page, intact, as a checkout of docs/ alone would leave it
    assert build(project, "3").returncode == 0
    assert page.read_text() == newer
    page.write_text(newer.replace("adore", "adored"))  # a hand edit of a page the build would keep
    refused = build(project, "4")
    assert refused.returncode != 0 and "edited by hand" in refused.stderr


def test_a_damaged_cache_is_ignored(project: Path):
    assert build(project, "1").returncode == 0
    for damaged in (project / MEMO / "pages.pickle", next((project / MEMO).glob("articles-*.pickle"))):
        damaged.write_bytes(b"not a pickle")
    (project / "docs/index.md").write_text((project / "docs/index.md").read_text() + "\nAn editor's line.\n")
    result = build(project, "2")
    assert result.returncode == 0, result.stderr
    assert scratch_check(project, "3").returncode == 0


def test_a_long_lived_process_keeps_its_memo_between_rebuilds(tmp_path: Path, monkeypatch):
    """--watch and mkdocs serve rebuild in one process: the memo is not read back from disk."""
    import pickle

    from atlas.publish import rebuild as rebuilding

    root = copy_project(tmp_path / "project")
    options = rebuilding.Options()
    first = rebuilding.rebuild(root, options, resident=True)
    assert first.plan is not None
    shutil.copy(next((FIXTURES / "acronyms").glob("*.txt")), root / "articles")
    loads = []
    monkeypatch.setattr(pickle, "load", lambda *a, **k: loads.append(a) or (_ for _ in ()).throw(EOFError()))
    second = rebuilding.rebuild(root, options, resident=True)
    assert second.plan is not None and second.plan.articles == 2
    assert loads == []  # the memo stayed in memory
    kept = rebuilding._RESIDENT[(root, options.code())]
    assert len(kept.parsed) == 2  # and it holds both articles for the next rebuild
    check = scratch_check(root, "2")
    assert check.returncode == 0, check.stdout[-1000:]  # what it wrote is what a fresh build writes


def test_a_build_from_the_cache_after_a_merge_writes_what_a_build_from_scratch_writes(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    for article in (FIXTURES / "copies").glob("*.txt"):
        shutil.copy(article, root / "articles" / article.name)
    (root / "docs/vendors/clearview-ai-inc.md").write_text(
        "---\nname: Clearview AI Inc.\nsummary: The company behind a face-search tool.\n---\n# Clearview AI Inc.\n"
    )
    assert build(root, "1").returncode == 0  # the cache now holds every page group
    merged = build(root, "3", "--merge", "clearview-ai", "vendors/clearview-ai-inc")
    assert merged.returncode == 0, merged.stderr
    assert "written" in merged.stdout  # the merge's build ran from the cache
    shutil.rmtree(root / ".cache")
    check = scratch_check(root, "4")
    assert check.returncode == 0, check.stdout[-2000:]


def test_cached_quotations_follow_a_changed_binding_and_a_changed_type(tmp_path: Path):
    """Who said a quotation depends on the notes that bind its pronoun and on the speaker's type
    (only people, outlets, groups and agencies are found from context): a build from the cache
    after either edit writes what a build from scratch writes."""
    root = copy_project(tmp_path / "project")
    assert build(root, "1").returncode == 0
    quote, context_quote = "“Tools for conducting facial recognition", "“could end your ability"
    notes = next(root.glob("articles/*.notes.md"))
    notes.write_text(notes.read_text().replace('"he" { entity=nicolas-kayser-bril', '"he" { entity=peter-thiel'))
    nyt = root / "docs/media/new-york-times.md"
    nyt.rename(root / "docs/organisations/new-york-times.md")  # an outlet re-typed: no longer a speaker
    again = build(root, "2")
    assert again.returncode == 0, again.stderr
    assert quote in (root / "docs/people/peter-thiel.md").read_text()
    assert quote not in (root / "docs/people/nicolas-kayser-bril.md").read_text()
    assert context_quote not in (root / "docs/organisations/new-york-times.md").read_text()
    scratch = scratch_check(root, "3")
    assert scratch.returncode == 0, scratch.stdout + scratch.stderr


def _report(year: int, number: int) -> str:
    return (
        f"# Report {number} on face search\n\n{year}-0{1 + number % 9}-1{number % 9}, by A. Writer\n\n"
        f"Clearview AI was named in report {number} on police use of face search, filed in {year}.\n"
    )


def test_an_added_article_renders_only_its_own_period_of_each_list(tmp_path: Path, monkeypatch):
    """An entity's complete list has a page per year: adding an article renders the page of its
    year (and the page that links to it as a neighbour), not every year's; a build from the
    cache then writes what a build from scratch writes."""
    from atlas.pipeline import render as rendering
    from atlas.publish import rebuild as rebuilding

    rendered: list[str] = []

    def counted(path, page):  # the entity's list pages rendered: "clearview-ai/2022" for mentions/clearview-ai/2022.md
        if path.startswith("mentions/") and not path.endswith("alongside.md"):
            rendered.append(path.removeprefix("mentions/").removesuffix(".md"))
        return original(path, page)

    original = rendering._page_in_docs
    monkeypatch.setattr(rendering, "_page_in_docs", counted)
    root = copy_project(tmp_path / "project")
    for number in range(30):  # more than the entity page quotes, so it has per-year lists
        year = 2021 + number % 3
        (root / f"articles/{year}-01-{10 + number}-report-{number}.txt").write_text(_report(year, number))
    rebuilding.rebuild(root, rebuilding.Options())
    assert {"clearview-ai/2020", "clearview-ai/2021", "clearview-ai/2022", "clearview-ai/2023"} <= set(rendered)

    rendered.clear()
    (root / "articles/2022-12-30-report-99.txt").write_text(_report(2022, 99))
    rebuilding.rebuild(root, rebuilding.Options())
    assert rendered == ["clearview-ai/2022"]
    assert "Report 99" in (root / "docs/mentions/clearview-ai/2022.md").read_text()

    rendered.clear()
    (root / "articles/2024-02-01-report-100.txt").write_text(_report(2024, 100))  # a new year: 2023 links to it
    rebuilding.rebuild(root, rebuilding.Options())
    assert sorted(rendered) == ["clearview-ai/2023", "clearview-ai/2024"]
    assert "2024" in (root / "docs/mentions/clearview-ai/2023.md").read_text()

    scratch = scratch_check(root, "4")
    assert scratch.returncode == 0, scratch.stdout + scratch.stderr


def test_an_added_article_rewrites_one_shard_of_the_cache(project: Path):
    """Per-article results are filed by content key in sixteen shards: adding an article
    rewrites its own shard and the pages' keys, not the whole cache."""
    assert build(project, "1").returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in (project / MEMO).iterdir()}
    assert len([name for name in before if name.startswith("articles-")]) == 16
    added = project / "articles/2021-05-02-a-later-report.txt"
    added.write_text("# A later report\n\n2021-05-02, by A. Writer\n\nClearview AI was named again.\n")
    assert build(project, "2").returncode == 0
    after = {p.name: p.stat().st_mtime_ns for p in (project / MEMO).iterdir()}
    rewritten = sorted(name for name in after if after[name] != before.get(name))
    shard = hashlib.sha256(f"articles/{added.name}".encode() + b"\0" + added.read_bytes()).hexdigest()[0]
    assert rewritten == [f"articles-{shard}.pickle", "pages.pickle"]
    assert scratch_check(project, "3").returncode == 0


def test_an_added_article_renders_only_the_list_pages_it_lands_on(tmp_path: Path, monkeypatch):
    """The articles by year, the timeline and the quotes split into pages once long: an article
    added in 2022 renders the 2022 pages (and the pages that count or link them), never a page
    of another year; a build from the cache then writes what a build from scratch writes."""
    from atlas.pipeline import render as rendering
    from atlas.publish import rebuild as rebuilding

    rendered: list[str] = []
    original = rendering._page_in_docs
    monkeypatch.setattr(rendering, "_page_in_docs", lambda path, page: rendered.append(path) or original(path, page))

    def story(year: int, number: int) -> str:
        return (
            f"# Story {number}\n\n{year}-0{1 + number % 9}-1{number % 9}, by A. Writer\n\n"
            f'"Face search is here to stay," said Peter Thiel in March {year}. "We will sell it," he added on 3 May {year}.\n'
        )

    root = copy_project(tmp_path / "project")
    for number in range(120):  # past the limits of the articles index, the timeline and the quotes
        year = 2021 + number % 3
        (root / f"articles/{year}-0{1 + number % 9}-1{number % 9}-story-{number}.txt").write_text(story(year, number))
    rebuilding.rebuild(root, rebuilding.Options())
    first = set(rendered)
    assert {"articles/by-year/2021.md", "timeline/2021.md", "quotes/P/2021.md"} <= first

    rendered.clear()
    (root / "articles/2022-09-19-story-999.txt").write_text(story(2022, 999))
    rebuilding.rebuild(root, rebuilding.Options())
    assert {"articles/by-year/2022.md", "timeline/2022.md", "quotes/P/2022.md"} <= set(rendered)
    assert not [path for path in rendered if "2021" in path or "2023" in path]
    assert len(rendered) < len(first) / 3

    scratch = scratch_check(root, "2")
    assert scratch.returncode == 0, scratch.stdout + scratch.stderr


def test_an_article_unchanged_since_it_was_parsed_is_not_read_again(tmp_path: Path, monkeypatch):
    """At 10,000 articles reading every file again was a third of a second of each build: a
    file whose size and time are those of its cached parse is not read, any other is."""
    from atlas.publish import rebuild as rebuilding
    from atlas.read import sources

    root = copy_project(tmp_path / "project")
    for article in (FIXTURES / "copies").glob("*.txt"):
        shutil.copy(article, root / "articles" / article.name)
    an_hour_ago = time.time_ns() - 3600 * 10**9
    for article in (root / "articles").glob("*.txt"):
        os.utime(article, ns=(an_hour_ago, an_hour_ago))
    assert build(root, "1").returncode == 0
    read: list[str] = []
    reading = sources.DiskArticles._read
    monkeypatch.setattr(sources.DiskArticles, "_read", lambda self, path: read.append(path.name) or reading(self, path))  # fmt: skip
    edited = root / "articles" / SEED.name
    text = edited.read_text()
    edited.write_text(text.replace("Tech giants love", "Tech giants lave", 1))  # the same size, saved a second later
    stat = edited.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    added = root / "articles/2021-05-02-a-later-report.txt"
    added.write_text("# A later report\n\n2021-05-02, by A. Writer\n\nClearview AI was named again.\n")
    outcome = rebuilding.rebuild(root, rebuilding.Options())
    assert outcome.plan is not None and outcome.plan.articles == 3
    assert sorted(read) == sorted([edited.name, added.name])
    assert "Tech giants lave" in (root / "docs/articles/2020-06-18-facial-recognition-it-and-police-in-delicate-dance.md").read_text()  # fmt: skip
    assert scratch_check(root, "2").returncode == 0  # what it wrote is what a fresh build writes


def test_the_stamp_of_an_article_saved_as_the_build_read_it_is_not_trusted():
    """A save in the same tick of the clock as the build's read leaves size and time as they
    were: such a file is read again by the next build, not taken for its cached parse."""
    from atlas.memo import ArticleMemo

    memo = ArticleMemo()
    memo.parse("old-key", lambda: (None, ()))  # type: ignore[arg-type,return-value]
    memo.parse("new-key", lambda: (None, ()))  # type: ignore[arg-type,return-value]
    memo.remember("articles/old.txt", (10, 1_000), "old-key")
    memo.remember("articles/new.txt", (10, 5_000), "new-key")
    kept = memo.kept({}, settled_before=3_000)
    assert kept.parsed_key("articles/old.txt", (10, 1_000)) == "old-key"
    assert kept.parsed_key("articles/new.txt", (10, 5_000)) is None
    assert kept.parsed_key("articles/old.txt", (11, 1_000)) is None  # a changed size is a change


def test_an_added_article_is_searched_alone_for_the_relations_evidence(tmp_path: Path, monkeypatch):
    """The relations' quotes are matched article by article and cached: an added article is
    searched alone, and what it adds (another story citing the words) is what a build from
    scratch finds."""
    import json

    from atlas.pipeline import link
    from atlas.publish import rebuild as rebuilding

    root = copy_project(tmp_path / "project")
    assert build(root, "1").returncode == 0
    searched: list[list[str]] = []
    searching = link.evidence_places
    monkeypatch.setattr(link, "evidence_places", lambda quotes, articles: searched.append([a.slug for a in articles]) or searching(quotes, articles))  # fmt: skip
    words = "The biggest danger is that this technology will be used for general, suspicionless surveillance systems"
    (root / "articles/2021-05-02-a-later-report.txt").write_text(
        f"# A later report\n\n2021-05-02, by A. Writer\n\nA year on, the warning was repeated: “{words}.”\n\n"
        "Campaigners said little had changed since then, and asked for a moratorium on its use.\n"
    )
    assert rebuilding.rebuild(root, rebuilding.Options()).plan is not None
    assert searched == [["2021-05-02-a-later-report"]]
    cited = next(r for r in json.loads((root / "docs/data/relations.json").read_text()) if r["evidence"]["exact"] == words)  # fmt: skip
    assert cited["also"] == [{"article": "2021-05-02-a-later-report", "paragraph": "p1"}] and cited["stories"] == 2
    assert scratch_check(root, "2").returncode == 0  # what it wrote is what a fresh build writes

    # A new relation changes the quotes: every article is searched again, in one pass.
    page = root / "docs/advocacy/aclu.md"
    page.write_text(page.read_text().replace("relations:\n", 'relations:\n  - warns_about: "topic: moratorium"\n    evidence: "asked for a moratorium on its use"\n', 1))  # fmt: skip
    searched.clear()
    assert rebuilding.rebuild(root, rebuilding.Options()).plan is not None
    assert len(searched) == 1 and len(searched[0]) == 2
    assert "asked for a moratorium on its use" in (root / "docs/data/relations.json").read_text()
    assert scratch_check(root, "3").returncode == 0
