"""Adding articles as editors receive them: saved pages, pasted text, refusals, web-page furniture."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, mkdocs_build, run_build, snapshot

PAGES = ROOT / "tests" / "fixtures" / "pages"
FURNITURE = ROOT / "tests" / "fixtures" / "articles" / "furniture"
GOOD_PAGES = {
    # fixture → (file written, an entity the article page must link, header lines expected)
    "newsarticle-jsonld.html": (
        "2022-03-09-regulator-fines-face-search-firm-over-scraped-photos.txt",
        "../vendors/clearview-ai.md",
        ["2022-03-09, by Marta Exemplo", "Publisher: The Example Ledger",
         "URL: https://ledger.example.com/tech/2022/03/09/regulator-fines-face-search-firm"],
    ),
    "opengraph-only.html": (
        "2021-11-04-police-trial-live-facial-recognition-at-train-station.txt",
        None,
        ["2021-11-04, by Sam Placeholder", "Publisher: Northern Example Post",
         "URL: https://post.example.net/news/police-trial-live-facial-recognition"],
    ),
    "ap-style-figure.html": (
        "2020-06-10-tech-giant-halts-sales-of-face-recognition-to-police.txt",
        "../vendors/amazon.md",
        ["2020-06-10, by Jo Sample", "Publisher: Example Wire"],
    ),
    "cms-furniture.html": (
        "2019-05-14-council-debates-ban-on-facial-recognition-cameras.txt",
        "../advocacy/aclu.md",
        ["2019-05-14", "Publisher: Example Evening News"],
    ),
    "amp-page.html": (
        "2023-02-01-airport-to-scan-passengers-faces-at-boarding-gates.txt",
        "../advocacy/privacy-international.md",
        ["2023-02-01, by Pat Testcase", "Publisher: Example Travel Daily"],
    ),
    "cookie-share.html": (
        "2022-07-12-watchdog-opens-inquiry-into-supermarket-face-cameras.txt",
        None,
        ["2022-07-12, by Lee Dummy", "Publisher: Example Consumer Report"],
    ),
}  # fmt: skip


def add_article(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "add_article.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


@pytest.mark.parametrize("fixture", sorted(GOOD_PAGES))
def test_a_saved_page_becomes_a_linked_article_in_two_commands(project: Path, fixture: str):
    name, link, header = GOOD_PAGES[fixture]
    result = add_article(project, str(PAGES / fixture))
    assert result.returncode == 0, result.stderr
    assert f"wrote articles/{name}" in result.stdout
    text = (project / "articles" / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0].startswith("# ") and lines[1 : 1 + len(header)] == header
    assert "cookies" not in text and "Share on" not in text and "Related stories" not in text
    build = run_build(project)
    assert build.returncode == 0, build.stderr
    page = (project / "docs" / "articles" / name.replace(".txt", ".md")).read_text(encoding="utf-8")
    title = lines[0][2:]
    assert page.count(title) >= 1 and "{ #p1 .atlas-paragraph" in page
    # The headline trafilatura repeats as the first line is not a paragraph.
    first = page.split("{ #p1", 1)[0].rsplit("\n\n", 1)[-1]
    assert title not in first
    if link:
        assert f"]({link}" in page


def test_the_pages_build_strict_and_keep_their_figure_caption(project: Path, tmp_path: Path):
    for fixture in GOOD_PAGES:
        assert add_article(project, str(PAGES / fixture)).returncode == 0
    assert run_build(project).returncode == 0
    page = (project / "docs/articles/2020-06-10-tech-giant-halts-sales-of-face-recognition-to-police.md").read_text()
    assert '<figure class="atlas-caption" id="c1" markdown>' in page
    assert "Demonstrators march past a police station in Seattle." in page
    assert '<span class="atlas-credit">(AP Photo/Lee Example)</span>' in page
    assert "**SEATTLE** · By Jo Sample" in page  # the dateline is taken out of the first paragraph
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr


def test_summary_says_what_was_found_and_what_was_not(project: Path):
    result = add_article(project, str(PAGES / "cms-furniture.html"))
    assert "  author:     not found (pass --author)" in result.stdout
    assert "  url:        not found (pass --url)" in result.stdout
    assert "  date:       2019-05-14 (found)" in result.stdout


def test_flags_override_what_the_page_says(project: Path):
    result = add_article(
        project, str(PAGES / "cms-furniture.html"), "--date", "2019-06", "--author", "Ann Editor", "--title", "Ban vote"
    )
    assert result.returncode == 0, result.stderr
    text = (project / "articles/2019-06-ban-vote.txt").read_text()
    assert text.startswith("# Ban vote\n2019-06, by Ann Editor\n")
    assert "  date:       2019-06 (from --date)" in result.stdout
    assert run_build(project).returncode == 0
    assert "June 2019" in (project / "docs/articles/2019-06-ban-vote.md").read_text()


def test_pasted_text_with_its_own_title_and_date(project: Path):
    text = (FURNITURE / "2021-03-01-police-body-cameras-to-get-face-matching.txt").read_text()
    result = add_article(project, "-", stdin=text)
    assert result.returncode == 0, result.stderr
    written = (project / "articles/2021-03-01-police-body-cameras-to-get-face-matching-maker-says.txt").read_text()
    assert written.startswith(
        "# Police body cameras to get face matching, maker says\n2021-03-01\n"
        "URL: https://news.example.com/national/body-cameras-face-matching\n"
    )
    assert "National News\nby:" in written  # verbatim: the parser, not the importer, drops furniture


def test_pasted_text_needs_title_and_date_flags(project: Path):
    body = "\n\n".join(
        ["The city council voted on Tuesday to stop its police from using facial recognition software."] * 1
        + ["Council members said the tools were inaccurate and that residents had never been asked about them."]
        + ["The police chief said the department would comply with the decision and review its contracts."]
    )
    before = snapshot(project / "articles")
    refused = add_article(project, "-", stdin=body)
    assert refused.returncode == 2 and refused.stderr.strip() == '-: no title found — pass --title "The headline"'
    assert snapshot(project / "articles") == before
    result = add_article(project, "-", "--title", "Council halts police face scans", "--date", "5 May 2021", stdin=body)
    assert result.returncode == 0, result.stderr
    assert (project / "articles/2021-05-05-council-halts-police-face-scans.txt").is_file()


def _no_date_page(tmp_path: Path) -> Path:
    """The CMS page without its date metadata, and a footer year that must not be taken for one."""
    html = (PAGES / "cms-furniture.html").read_text()
    html = html.replace('<meta property="article:published_time" content="2019-05-14">', "")
    html = html.replace("Posted: May 14, 2019 9:02 AM", "Posted").replace("Updated: May 14, 2019 6:40 PM", "")
    html = html.replace("</body>", "<footer>© 2026 Example Evening News</footer></body>")
    path = tmp_path / "no-date.html"
    path.write_text(html)
    return path


def _refusals(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    png = tmp_path / "photo.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body><p>" + b"word " * (1_100_000) + b"</p></body></html>")
    return {
        "no article": (
            [str(PAGES / "no-article.html")],
            f"{PAGES / 'no-article.html'}: no article text found (only menus, links or a few words) — check that the "
            "page holds the article itself (not a login, consent or index page), or paste its text with -",
        ),
        "garbled": (
            [str(PAGES / "paywall-garbled.html")],
            f"{PAGES / 'paywall-garbled.html'}: the text is garbled or obfuscated (a paywall often shifts the letters) — "
            "check that the page holds the article itself (not a login, consent or index page), or paste its text with -",
        ),
        "binary": (
            [str(png)],
            f"{png}: this is neither an HTML page nor text — save the page as HTML ('Web page, HTML only') or paste its "
            "text with -",
        ),
        "too large": (
            [str(huge)],
            f"{huge}: the input is 5 MB, over the 5 MB limit — save only the article's page, not a whole site or archive",
        ),
        "bad date": (
            [str(PAGES / "cms-furniture.html"), "--date", "31 February 2020"],
            f"{PAGES / 'cms-furniture.html'}: '31 February 2020' is not a date — pass --date YYYY-MM-DD (or YYYY-MM)",
        ),
        "no date": (
            [str(_no_date_page(tmp_path))],
            f"{tmp_path / 'no-date.html'}: no publication date found — pass --date YYYY-MM-DD (or YYYY-MM)",
        ),
        "missing file": (
            [str(tmp_path / "nowhere.html")],
            f"{tmp_path / 'nowhere.html'}: no such file — check the path, or pass a URL or - for text",
        ),
    }


@pytest.mark.parametrize(
    "case", ["no article", "garbled", "binary", "too large", "bad date", "no date", "missing file"]
)
def test_refusals_are_one_line_and_write_nothing(project: Path, tmp_path: Path, case: str):
    args, message = _refusals(tmp_path)[case]
    articles, docs = snapshot(project / "articles"), snapshot(project / "docs")
    result = add_article(project, *args)
    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert result.stdout == ""
    assert snapshot(project / "articles") == articles and snapshot(project / "docs") == docs


def test_an_existing_article_is_never_overwritten(project: Path):
    assert add_article(project, str(PAGES / "amp-page.html")).returncode == 0
    path = project / "articles/2023-02-01-airport-to-scan-passengers-faces-at-boarding-gates.txt"
    path.write_text(path.read_text() + "\nAn editor's addition.\n")
    edited = path.read_bytes()
    again = add_article(project, str(PAGES / "amp-page.html"))
    assert again.returncode == 2
    assert again.stderr.strip() == (
        "articles/2023-02-01-airport-to-scan-passengers-faces-at-boarding-gates.txt: an article with this date and "
        "title already exists — nothing was written; pass --title to add a different article"
    )
    assert path.read_bytes() == edited


def test_web_page_furniture_is_not_body_text():
    from atlas.read.article import parse_article

    path = FURNITURE / "2021-03-01-police-body-cameras-to-get-face-matching.txt"
    article = parse_article(path.read_text(), "articles/x.txt", "x")
    texts = [b.text for b in article.blocks]
    assert texts[0].startswith("A maker of police body cameras")
    assert len(texts) == 3
    assert not any(t.startswith(("National News", "by:", "Image:", "Photo:", "Source:", "Police body cameras to")) for t in texts)  # fmt: skip
    assert article.source_url == "https://news.example.com/national/body-cameras-face-matching"
    assert article.date == "2021-03-01"


def test_a_description_is_never_built_from_furniture(project: Path):
    for path in FURNITURE.glob("*.txt"):
        (project / "articles" / path.name).write_bytes(path.read_bytes())
    assert run_build(project).returncode == 0
    page = (project / "docs/articles/2021-03-01-police-body-cameras-to-get-face-matching.md").read_text()
    description = next(line for line in page.split("\n") if line.startswith("description:"))
    assert "A maker of police body cameras" in description and "National" not in description


def test_header_lines_set_publisher_and_url_and_the_seed_footer_still_works():
    from atlas.read.article import decode, parse_article

    text = "# A title\n2021-01-02, by A. Writer\nPublisher: Example Times\nURL: <https://example.com/a>\n\nBody text here.\n"
    article = parse_article(text, "articles/a.txt", "a")
    assert (article.publisher, article.source_url, article.author) == ("Example Times", "https://example.com/a", "A. Writer")  # fmt: skip
    assert [b.text for b in article.blocks] == ["Body text here."]
    seed = ROOT / "articles" / f"{SEED_SLUG}.txt"
    parsed = parse_article(decode(seed.read_bytes(), str(seed)), str(seed), SEED_SLUG)
    assert parsed.publisher == "AFP"
    assert parsed.source_url == "https://techxplore.com/news/2020-06-facial-recognition-police-delicate.html"


@pytest.mark.parametrize(
    ("first", "dateline", "text"),
    [
        ("AMSTERDAM — The police paused a trial.", "AMSTERDAM", "The police paused a trial."),
        ("NEW YORK, N.Y. – Officers used the app.", "NEW YORK, N.Y.", "Officers used the app."),
        ("BRUSSELS (AFP) — Ministers met.", "BRUSSELS", "Ministers met."),
        ("NEC — the supplier — declined to comment.", None, "NEC — the supplier — declined to comment."),
    ],
)
def test_a_dateline_with_or_without_an_agency_opens_the_first_paragraph(first: str, dateline: str | None, text: str):
    from atlas.read.article import parse_article

    article = parse_article(f"# T\n\n1 May 2024\n\n{first}\n\nNEC — the supplier — said more.\n", "a.txt", "a")
    assert article.dateline == dateline
    assert article.blocks[0].text == text
    assert article.blocks[1].text == "NEC — the supplier — said more."  # never past the first paragraph
