"""Syndicated copies are one story; evidence shared by several stories is not an error."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import replace
from pathlib import Path

from conftest import ROOT, SEED, SEED_SLUG, run_build, snapshot
from test_ingest import add_article

COPY = (
    ROOT / "tests" / "fixtures" / "articles" / "copies" / "2020-06-19-tech-firms-and-police-an-uneasy-partnership.txt"
)
COPY_SLUG = COPY.stem
THIEL = "The firm, which received funding from PayPal co-founder Peter Thiel, says it has already signed up 600"


def _entity_pages(docs: Path) -> dict[str, str]:
    """Every page but the articles' and the data files, without the checksums that follow content."""
    pages = {k: v.decode() for k, v in snapshot(docs).items() if k.split("/")[0] not in ("articles", "data")}
    return {k: re.sub(r"sha256=[0-9a-f]{64}|`[0-9a-f]{64}`", "", v) for k, v in pages.items() if k != "data.md"}


def test_a_syndicated_copy_raises_only_the_outlets(project: Path):
    assert run_build(project).returncode == 0
    before = _entity_pages(project / "docs")
    (project / "articles" / COPY.name).write_bytes(COPY.read_bytes())
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "2 article(s) in 1 stories" in result.stdout
    after = _entity_pages(project / "docs")
    # Mentions, quotes and relations count the story once; each relation's outlets count the copy's publisher.
    expected = {
        k: v.replace("*single source*{ .atlas-support }", "*single source, 2 outlets*{ .atlas-support }")
        for k, v in before.items()
    }
    expected["who-uses-what.md"] = re.sub(r"\| 1 \| 1 \|$", "| 1 | 2 |", before["who-uses-what.md"], flags=re.M)
    assert after == expected
    assert any("*single source*" in v for v in before.values())
    seed_page = (project / "docs/articles" / f"{SEED_SLUG}.md").read_text()
    assert (
        "    - Also published by [The Example Gazette](https://gazette.example.com/world/tech-firms-police-face-scanning)"
        " (19 June 2020)" in seed_page
    )
    redirect = (project / "docs/articles" / f"{COPY_SLUG}.md").read_text()
    assert f'redirect_to: "../{SEED_SLUG}/"' in redirect
    index = (project / "docs/articles/index.md").read_text()
    assert COPY_SLUG not in index


def test_removing_the_copy_restores_docs_exactly(project: Path):
    assert run_build(project).returncode == 0
    before = snapshot(project / "docs")
    copy = project / "articles" / COPY.name
    copy.write_bytes(COPY.read_bytes())
    assert run_build(project).returncode == 0
    copy.unlink()
    assert run_build(project).returncode == 0
    assert snapshot(project / "docs") == before


def test_add_article_warns_that_a_copy_is_a_copy(project: Path):
    result = add_article(project, "-", stdin=COPY.read_text())
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: this is a copy of the story at articles/{SEED_SLUG}.txt: the site shows the story once, with this "
        "copy under 'Also published by'" in result.stdout
    )


def test_an_editor_can_pin_which_copy_is_the_page(project: Path):
    (project / "articles" / COPY.name).write_bytes(COPY.read_bytes())
    (project / "articles" / "stories.yml").write_text(
        f"# The Gazette's copy is the story's page.\npages: [{COPY_SLUG}]\n"
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert f'redirect_to: "../{COPY_SLUG}/"' in (project / "docs/articles" / f"{SEED_SLUG}.md").read_text()
    assert (
        "Also published by [AFP](https://techxplore.com/news/2020-06-facial-recognition-police-delicate.html) (18 June 2020)"
        in (project / "docs/articles" / f"{COPY_SLUG}.md").read_text()
    )


def test_a_pinned_slug_that_is_no_article_is_one_line(project: Path):
    (project / "articles" / "stories.yml").write_text("pages:\n  - 2020-06-18-facial-recognition\n")
    before = snapshot(project / "docs")
    result = run_build(project)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"articles/stories.yml:2: '2020-06-18-facial-recognition' is not an article — did you mean '{SEED_SLUG}'?"
    )
    assert snapshot(project / "docs") == before


def test_the_story_page_never_depends_on_the_order_files_came_in():
    from atlas.link.stories import group_stories
    from atlas.read.article import decode, parse_article

    seed = parse_article(decode(SEED.read_bytes(), str(SEED)), str(SEED), SEED_SLUG)
    copy = parse_article(COPY.read_text(), str(COPY), COPY_SLUG)
    first = group_stories([seed, copy])
    second = group_stories([copy, seed])
    assert first == second
    assert first[0].page.slug == SEED_SLUG and [c.slug for c in first[0].copies] == [COPY_SLUG]


def _article(title: str, date: str, paragraphs: list[str]) -> str:
    return f"# {title}\n\n{date}, by A. Writer\n\n" + "\n\n".join(paragraphs) + "\n"


def _prose(rng: random.Random, sentences: int) -> str:
    words = [
        "council",
        "police",
        "camera",
        "vendor",
        "contract",
        "privacy",
        "watchdog",
        "court",
        "ruling",
        "deployment",
        "trial",
        "software",
        "database",
        "officers",
        "residents",
        "campaigners",
        "report",
        "city",
        "state",
        "budget",
        "hearing",
        "vote",
        "policy",
        "images",
        "suspects",
        "accuracy",
        "bias",
        "audit",
        "review",
        "complaint",
        "company",
        "lawmakers",
        "agency",
        "system",
        "network",
        "station",
        "airport",
    ]
    return " ".join(
        " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))).capitalize() + "." for _ in range(sentences)
    )


def test_stories_that_share_a_quoted_sentence_stay_separate_and_cite_the_earliest(project: Path):
    rng = random.Random(7)
    text = _article("Another view of the face-search firm", "2 July 2020", [_prose(rng, 6), THIEL + ".", _prose(rng, 6)])  # fmt: skip
    (project / "articles" / "2020-07-02-another-view.txt").write_text(text)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "2 article(s)," in result.stdout  # not a copy: two stories
    clearview = (project / "docs/vendors/clearview-ai.md").read_text()
    line = next(
        line
        for line in clearview.split("\n")
        if "Peter Thiel" in line and line.startswith("- **received funding from**")
    )
    assert f"{SEED_SLUG}.md#p" in line  # the earliest story is cited
    assert "and [1 more story](../relations/evidence/r-" in line
    evidence = project / "docs" / re.search(r"\(\.\./(relations/evidence/r-[0-9a-f]+\.md)\)", line).group(1)
    cited = evidence.read_text()
    assert cited.index(f"articles/{SEED_SLUG}.md#p") < cited.index("articles/2020-07-02-another-view.md#p2")
    relations = (project / "docs/relations.md").read_text()
    section = relations.split("## Evidence in several stories", 1)[1]
    assert "{ #r-" in section and "[2 stories carry these words](relations/evidence/r-" in section


def _support(project: Path) -> tuple[str, tuple[int, int]]:
    """The label of Peter Thiel's relations (both cite words of one sentence) on his page, and the
    stories and outlets of Clearview AI's funding by him in relations.json."""
    records = json.loads((project / "docs/data/relations.json").read_text())
    record = next(r for r in records if r["type"] == "funded_by" and r["target"] == "peter-thiel")
    page = project / "docs/people/peter-thiel.md"
    label = re.findall(r" · \*([^*]+)\*\{ \.atlas-support \}", page.read_text())
    return label[0] if len(set(label)) == 1 else str(label), (record["stories"], record["outlets"])


def test_copies_raise_the_outlets_and_another_story_raises_both(project: Path):
    """Seed story (AFP) → its syndicated copy (The Example Gazette) → another story (no publisher)."""
    assert run_build(project).returncode == 0
    assert _support(project) == ("single source", (1, 1))
    (project / "articles" / COPY.name).write_bytes(COPY.read_bytes())
    assert run_build(project).returncode == 0
    assert _support(project) == ("single source, 2 outlets", (1, 2))
    rng = random.Random(7)
    text = _article("Another view of the face-search firm", "2 July 2020", [_prose(rng, 6), THIEL + ".", _prose(rng, 6)])  # fmt: skip
    (project / "articles" / "2020-07-02-another-view.txt").write_text(text)
    assert run_build(project).returncode == 0
    assert _support(project) == ("2 stories, 3 outlets", (2, 3))
    rows = list(csv.DictReader(io.StringIO((project / "docs/data/who-uses-what.csv").read_text())))
    assert rows and all(
        row["outlets"] == "2" and row["stories"] == "1" for row in rows
    )  # the copy, not the other story


def test_evidence_repeated_within_one_story_is_a_warning_not_an_error(project: Path):
    path = project / "docs/vendors/huawei.md"
    text = path.read_text()
    path.write_text(text.replace("\n---\n", '\nrelations:\n  - uses: "topic: facial recognition"\n    evidence: "facial recognition"\n---\n', 1))  # fmt: skip
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "warning: docs/vendors/huawei.md:" in result.stderr
    assert "occurs 12 times in articles/" in result.stderr and "add prefix: or suffix: to choose one" in result.stderr
    report = run_build(project, "--report", "--json")
    assert report.returncode == 0
    data = json.loads(report.stdout)
    assert set(data) >= {"names", "drafts", "warnings"}
    assert any("occurs 12 times" in w for w in data["warnings"])


def test_hundreds_of_distinct_stories_sharing_quotes_build_and_copies_group(project: Path):
    rng = random.Random(11)
    shared = [THIEL + ".", "Facial recognition technology can now identify people in crowds, raising privacy concerns."]
    articles = project / "articles"
    for number in range(240):
        paragraphs = [_prose(rng, 5), rng.choice(shared), _prose(rng, 5), _prose(rng, 4)]
        day = f"2021-{1 + number % 12:02d}-{1 + number % 28:02d}"
        text = _article(f"Story number {number}", day, paragraphs)
        (articles / f"{day}-story-{number:03d}.txt").write_text(text)
        if number % 40 == 0:  # a syndicated copy: another headline and a trimmed ending
            copy = _article(f"Republished story {number}", day, paragraphs[:3])
            (articles / f"{day}-story-{number:03d}-copy.txt").write_text(copy)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "247 article(s) in 241 stories" in result.stdout
    assert "and [" in (project / "docs/vendors/clearview-ai.md").read_text()


def _shared_coverage(count: int, rng_seed: int = 3) -> list:
    """Stories made of paragraphs from one pool (each paragraph in well over a hundred of them),
    one in fifty a real copy of the one before."""
    import random

    from atlas.read.article import parse_article

    rng = random.Random(rng_seed)
    words = [f"w{i}" for i in range(3000)]
    pool = [" ".join(rng.choice(words) for _ in range(40)).capitalize() + "." for _ in range(40)]
    articles, previous = [], ""
    for index in range(count):
        if index % 50 == 49:
            body = previous
        else:
            lede = " ".join(rng.choice(words) for _ in range(30)).capitalize() + "."
            body = previous = "\n\n".join([lede, *rng.sample(pool, 8)])
        text = f"# Story {index}\n\n1 May 2024, by Staff\n\n{body}\n"
        articles.append(parse_article(text, f"articles/s{index:04d}.txt", f"s{index:04d}"))
    return articles


def test_an_added_article_is_compared_only_with_its_own_candidates():
    from atlas.link.stories import CopyCache, copy_pairs

    *articles, added = _shared_coverage(601)
    keys = {a.slug: f"key-{a.slug}" for a in articles}
    cache = CopyCache()
    first = copy_pairs(articles, keys=keys, cache=cache)
    assert len(first) == 12  # the copies, and no story that merely shares paragraphs
    for new in ([added], [added, replace(articles[7], slug="s9999", path="articles/s9999.txt")]):
        keys |= {a.slug: f"key-{a.slug}" for a in new}  # one more story from the pool; then a copy too
        cache.compared = 0
        again = copy_pairs([*articles, *new], keys=keys, cache=cache)
        assert cache.compared <= len(cache.candidates[keys[new[-1].slug]]) <= 5  # not every pair again
        assert again == copy_pairs([*articles, *new])  # the same pairs as a search from scratch
    assert ("s0007", "s9999") in again


def _loose(monkeypatch) -> None:
    """The copy search as it was: any pair sharing 40% of the smaller sample compared exactly."""
    from atlas.link import stories

    monkeypatch.setattr(stories, "shared_needed", lambda n: stories.SAMPLE_SHARED * n)


def test_the_stricter_comparison_rule_finds_the_same_copies(monkeypatch):
    from atlas.link.stories import CopyCache, copy_pairs

    articles = _shared_coverage(800, rng_seed=5)
    strict = CopyCache()
    found = copy_pairs(articles, cache=strict)
    _loose(monkeypatch)
    loose = CopyCache()
    assert copy_pairs(articles, cache=loose) == found and len(found) == 16
    assert strict.compared * 20 < loose.compared  # stories sharing a few paragraphs are not compared


def test_copies_at_the_ninety_percent_limit_are_never_missed(monkeypatch):
    """Copies of every length whose shorter text keeps just over 90% of its word 5-grams (one word
    in sixty replaced): each is still compared and grouped, as the loose rule groups it."""
    from atlas.link.stories import copy_pairs, is_copy, sample, shingles
    from atlas.read.article import parse_article

    rng = random.Random(13)
    words = [f"w{i}" for i in range(5000)]
    articles, expected = [], []
    for number in range(300):
        text = [rng.choice(words) for _ in range(rng.choice([60, 120, 300, 800, 2000]))]
        copy = [rng.choice(words) if i % 60 == 30 else word for i, word in enumerate(text)]
        for slug, body in ((f"a{number:03d}", text), (f"b{number:03d}", copy)):
            articles.append(parse_article(f"# Story {slug}\n\n1 May 2024, by Staff\n\n{' '.join(body)}.\n", f"articles/{slug}.txt", slug))  # fmt: skip
        assert is_copy(shingles(articles[-2]), shingles(articles[-1]))
        if sample(articles[-2]) and sample(articles[-1]):  # shorter texts are never called copies
            expected.append((f"a{number:03d}", f"b{number:03d}"))
    assert len(expected) > 250
    found = copy_pairs(articles)
    assert found == expected
    _loose(monkeypatch)
    assert copy_pairs(articles) == found
