"""Lists that grow with the corpus are split by year, with stable addresses: nothing silently capped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEED_SLUG, copy_project, mkdocs_build, run_build

ARTICLES = 110  # more than the articles index lists (100) and than an entity page quotes (20)
NAMES = [f"Fixture Body {n}" for n in range(30)]  # more than "Mentioned alongside" lists (24)


def _article(number: int) -> tuple[str, str]:
    year = 2019 + number % 3
    date = f"{year}-{1 + number % 12:02d}-{1 + number % 27:02d}"
    names = ", ".join(NAMES[number % 30 : number % 30 + 3]) if number < 60 else NAMES[number % 30]
    text = (
        f"# Scale fixture {number}\n\n{date}, by A. Writer\n\n"
        f"Clearview AI was named in report number {number}, alongside {names}.\n\n"
        f"The report, filed as item {number} of the series, said little else about [face scanning](#).\n\n"
        f"In January 2019 the series began. In March {year} it grew.\n\n"
        f'"We will look at item {number} again," said {NAMES[number % 30]}. "Not today," said {NAMES[(number + 1) % 30]}.\n'
    )
    return f"{date}-scale-{number:03d}.txt", text


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("large"))
    for index, name in enumerate(NAMES):
        # Two relations per article, declared on the bodies: more than one table holds.
        relations = "".join(
            f'  - criticises: clearview-ai\n    evidence: "named in report number {n},"\n'
            f'  - reported_on: clearview-ai\n    evidence: "filed as item {n} of the series"\n'
            for n in range(index, ARTICLES, len(NAMES))
        )
        (root / "docs/organisations" / f"fixture-body-{index}.md").write_text(
            f"---\nname: {name}\nsummary: A body for the scale tests.\nrelations:\n{relations}---\n# {name}\n"
        )
    for number in range(ARTICLES):
        path, text = _article(number)
        (root / "articles" / path).write_text(text)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


def _links(text: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)", text)


def test_the_articles_index_lists_the_newest_100_and_links_every_year(large: Path):
    index = (large / "docs/articles/index.md").read_text()
    rows = [line for line in index.split("\n") if line.startswith("| ") and "](" in line]
    assert len(rows) == 100
    years = {"2021", "2020", "2019"}
    for year in years:
        assert f"by-year/{year}.md" in index
    listed = []
    for year in years:
        page = (large / f"docs/articles/by-year/{year}.md").read_text()
        assert page.startswith(f'---\ntitle: "Articles: {year}"')
        listed += [link for link in _links(page) if link.startswith("../") and link.count("/") == 1]
    assert len(set(listed)) == ARTICLES + 1  # every article, the seed (2020) included
    assert "← [2019](2019.md)" in (large / "docs/articles/by-year/2020.md").read_text()
    assert "[2021](2021.md) →" in (large / "docs/articles/by-year/2020.md").read_text()


def test_an_entity_page_links_every_article_that_mentions_it(large: Path):
    page = (large / "docs/vendors/clearview-ai.md").read_text()
    count = int(re.search(r"Mentions\n:   \d+ in (\d+) articles", page).group(1))
    assert count == ARTICLES + 1
    assert page.count("\n### [") == 20  # the newest are quoted on the page itself
    assert f"The newest 20 of {count} articles are quoted above." in page
    total = 0
    for year in ("2021", "2020", "2019"):
        assert f"../mentions/clearview-ai/{year}.md" in page
        listing = (large / f"docs/mentions/clearview-ai/{year}.md").read_text()
        assert f'title: "Clearview AI: articles in {year}"' in listing
        total += listing.count("\n### [")
    assert total == count  # the counts on the page match the lists


def test_mentioned_alongside_links_its_complete_list(large: Path):
    page = (large / "docs/vendors/clearview-ai.md").read_text()
    assert "[all " in page and "../mentions/clearview-ai/alongside.md" in page
    complete = (large / "docs/mentions/clearview-ai/alongside.md").read_text()
    assert all(f"[{name}]" in complete for name in NAMES)


def test_adding_an_article_changes_only_the_year_it_falls_on(large: Path, tmp_path: Path):
    root = copy_project(tmp_path / "copy")
    for path in (large / "articles").glob("*.txt"):
        (root / "articles" / path.name).write_bytes(path.read_bytes())
    for path in (large / "docs/organisations").glob("fixture-body-*.md"):
        (root / "docs/organisations" / path.name).write_bytes(path.read_bytes())
    assert run_build(root).returncode == 0
    before = {p: p.read_bytes() for p in (root / "docs/mentions/clearview-ai").glob("*.md")}
    (root / "articles/2021-12-30-late-addition.txt").write_text(
        "# A late addition\n\n2021-12-30, by A. Writer\n\nClearview AI was named once more.\n"
    )
    assert run_build(root).returncode == 0
    changed = sorted(p.name for p, data in before.items() if p.read_bytes() != data)
    assert changed == ["2021.md"]


def test_the_split_site_builds_strict(large: Path, tmp_path: Path):
    result = mkdocs_build(large, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site/mentions/clearview-ai/2019/index.html").is_file()
    assert (tmp_path / "site/articles" / SEED_SLUG / "index.html").is_file()


def test_the_timeline_and_quotes_split_into_pages_with_stable_addresses(large: Path):
    timeline = (large / "docs/timeline.md").read_text()
    assert "one page per year:" in timeline and "timeline/2019.md" in timeline
    page_2019 = (large / "docs/timeline/2019.md").read_text()
    assert page_2019.startswith('---\ntitle: "Timeline: 2019"') and page_2019.count("\n- **") >= ARTICLES
    quotes = (large / "docs/quotes.md").read_text()
    assert "one page per initial of who said them:" in quotes and "quotes/F.md" in quotes
    listed = (large / "docs/quotes/F.md").read_text()
    parts = sorted((large / "docs/quotes/F").glob("*.md"))  # past the limit, F's quotations split by period
    assert parts and all(f"quotes/F/{p.name})" in listed or f"F/{p.name})" in listed for p in parts)
    assert sum(p.read_text().count("“We will look at item") for p in parts) == ARTICLES
    for path in (large / "docs").rglob("*.md"):
        assert path.stat().st_size < 300_000, path  # no page grows past 300 KB of Markdown here


def test_topics_and_relations_split_past_their_bounds(large: Path):
    topic = (large / "docs/topics/face-scanning.md").read_text()
    assert f"The newest 50 of {ARTICLES} passages are quoted here; every one, by year:" in topic
    years = sum(
        (large / f"docs/topics/face-scanning/{y}.md").read_text().count("\n- “") for y in ("2019", "2020", "2021")
    )
    assert years == ARTICLES
    relations = (large / "docs/relations.md").read_text()
    assert "one page per type" in relations and "(relations/criticises.md)" in relations
    criticises = (large / "docs/relations/criticises.md").read_text()
    assert criticises.startswith('---\ntitle: "Relations: criticises"')
    assert criticises.count("| [Fixture Body") == ARTICLES


BUSY = 230  # articles in one year: more than a year's page holds (lists.PERIOD_LIMIT, 200)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("busy"))
    for number in range(BUSY):
        date = f"2021-{1 + number % 12:02d}-{1 + number % 28:02d}"
        (root / "articles" / f"{date}-busy-{number:03d}.txt").write_text(
            f"# Busy year report {number}\n\n{date}, by A. Writer\n\nClearview AI was named in busy report {number}.\n\n"
            f"On {1 + number % 28} {MONTHS[number % 12]} 2021 the council met to discuss report {number}.\n"
        )
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_a_busy_year_splits_into_months_and_its_page_links_them(busy: Path, tmp_path: Path):
    year = (busy / "docs/articles/by-year/2021.md").read_text()
    assert f"{BUSY} articles from 2021, one page per month:" in year
    assert "[December 2021 (19)](2021-12.md)" in year and "[January 2021 (20)](2021-01.md)" in year
    march = (busy / "docs/articles/by-year/2021-03.md").read_text()
    assert march.startswith('---\ntitle: "Articles: March 2021"') and "[April 2021](2021-04.md) →" in march
    listed = sum(
        (busy / f"docs/articles/by-year/2021-{m:02d}.md").read_text().count("Busy year report") for m in range(1, 13)
    )
    assert listed == BUSY
    # An entity's list of a busy year splits the same way, and still holds every article.
    mentions = (busy / "docs/mentions/clearview-ai/2021.md").read_text()
    assert "one page per month:" in mentions and "(2021-06.md)" in mentions
    quoted = sum(
        (busy / f"docs/mentions/clearview-ai/2021-{m:02d}.md").read_text().count("\n### [") for m in range(1, 13)
    )
    assert quoted == BUSY
    # And the timeline: the year's page links its months, which hold every event.
    timeline = (busy / "docs/timeline/2021.md").read_text()
    assert "events in 2021, one page per month:" in timeline and "(2021-07.md)" in timeline
    events = sum((busy / f"docs/timeline/2021-{m:02d}.md").read_text().count("\n- **") for m in range(1, 13))
    assert events >= BUSY
    site = tmp_path / "site"
    result = mkdocs_build(busy, site)  # --strict: every link between the pages resolves
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "articles/by-year/2021-03/index.html").is_file()


CITED = "Every face in the crowd is now a suspect"
CITING = 2_000  # unsplit, the evidence list, the quotes of one speaker and Clearview AI's month would pass 300 KB


@pytest.fixture(scope="module")
def citing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Stories that all quote one sentence and carry one relation's words, most on one day."""
    root = copy_project(tmp_path_factory.mktemp("citing"))
    (root / "docs/people/fixture-speaker.md").write_text(
        "---\nname: Fixture Speaker\nsummary: A speaker for the scale tests.\nrelations:\n"
        f'  - criticises: clearview-ai\n    evidence: "{CITED}"\n---\n# Fixture Speaker\n'
    )
    for number in range(CITING):
        day = "2022-03-04" if number < 1_700 else f"2022-{1 + number % 12:02d}-{1 + number % 27:02d}"
        text = (
            f"# Citing story {number}\n\n{day}, by A. Writer\n\n"
            f"“{CITED},” said Fixture Speaker of Clearview AI in report {number}.\n"
        )
        (root / "articles" / f"{day}-citing-{number:04d}.txt").write_text(text)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    assert f"{CITING + 1} article(s), " in result.stdout  # one story each: short texts are never copies
    return root


def test_no_page_passes_300_kb_however_many_stories_cite_one_sentence(citing: Path):
    sizes = {p.relative_to(citing / "docs").as_posix(): p.stat().st_size for p in (citing / "docs").rglob("*.md")}
    assert max(sizes.values()) < 300_000, max(sizes, key=sizes.__getitem__)


def _linked_pages(root: Path, page: Path) -> list[Path]:
    return [(page.parent / link).resolve() for link in _links(page.read_text()) if link.endswith(".md")]


def test_every_citing_story_is_listed_once_across_the_split_pages(citing: Path):
    docs = citing / "docs"
    evidence = sorted((docs / "relations/evidence").rglob("*.md"))
    stories = [line for page in evidence for line in page.read_text().split("\n") if line.startswith("- [Citing story")]
    assert len(stories) == len(set(stories)) == CITING
    top = next(p for p in evidence if p.parent.name == "evidence")
    assert "By period:" in top.read_text()
    quotes = [line for p in (docs / "quotes").rglob("*.md") for line in p.read_text().split("\n") if CITED in line]
    assert len(quotes) == CITING
    mentions = [line for p in (docs / "mentions/clearview-ai").glob("*.md") for line in p.read_text().split("\n") if line.startswith("### ")]  # fmt: skip
    assert len(mentions) >= CITING


def test_a_busy_day_splits_into_pages_each_reachable_from_its_month(citing: Path):
    docs = citing / "docs"
    month = docs / "mentions/clearview-ai/2022-03.md"
    text = month.read_text()
    assert "one page per day:" in text and "4 March 2022, page 2" in text
    for linked in _linked_pages(docs, month):
        assert linked.is_file(), linked
    year = (docs / "mentions/clearview-ai/2022.md").read_text()
    assert "one page per month:" in year and "(2022-03.md)" in year


def test_a_speaker_quoted_by_every_story_shows_a_bounded_list_linking_all(citing: Path):
    page = (citing / "docs/people/fixture-speaker.md").read_text()
    quotes = page.split("## Quotes", 1)[1].split("\n## ", 1)[0]
    assert quotes.count(f"“{CITED}”") == 20
    assert f"The first 20 of {CITING} quotations; [every one](../quotes/F.md) is on the Quotes pages." in quotes
