"""From every claim to its exact words: sentence and evidence anchors, "What this article reports",
and the walk over every citing link of the built seed site."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import lxml.html
import pytest
from atlas.render.anchors import block_anchors
from conftest import SEED_SLUG

QUOTED = re.compile(r"“([^”]*)”")
SENTENCE_ID = re.compile(r"^[pc]\d+-s\d+$")
_MARK = "\ue000"  # a private-use character: never in a page


def _fold(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _words_of(element: lxml.html.HtmlElement) -> str:
    """An element's text as a reader sees it: editor's-note markers "(1)" become buttons."""
    return _fold(re.sub(r"\(\d+\)", "", element.text_content()))


def _first_sentence(words: str) -> str:
    """Words that span several sentences are cited at the first: what the target must hold."""
    return re.split(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z])", words, maxsplit=1)[0]


def _cited_words(link: lxml.html.HtmlElement) -> str | None:
    """The words a citing link stands for: its own text when it is a quote, else the last quoted
    passage before it in its list item, cell or paragraph; None when nothing is (an editor's note)."""
    own = _fold(link.text_content())
    if own.startswith("“") and own.endswith("”"):
        return own[1:-1]
    parent = link.getparent()
    while parent.tag not in ("li", "td", "p", "dd"):
        parent = parent.getparent()
    for child in list(link):
        link.remove(child)
    link.text = _MARK
    before = parent.text_content().split(_MARK)[0]
    quotes = QUOTED.findall(before)
    if quotes:
        return _fold(quotes[-1])
    # A sentence that opens with its own quotation marks is shown without curly ones.
    return _fold(before) if _fold(before).startswith('"') else None


def _citing_links(site: Path) -> list[tuple[str, str, str, str | None]]:
    """(page, target page, fragment, cited words) for every link into an article page at an anchor."""
    found = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        root = lxml.html.parse(str(path)).getroot()
        for link in root.iter("a"):
            href = link.get("href") or ""
            if "#" not in href or link.get("class", "").startswith(("headerlink", "md-", "atlas-pnum")):
                continue  # a heading's or a paragraph number's link to itself cites nothing
            address, fragment = href.split("#", 1)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), address)) + "/index.html"
            target = page if not address else target.removeprefix("./")
            if target.startswith("articles/") and not target.startswith("articles/index"):
                found.append((page, target, fragment, _cited_words(link)))
    return found


def test_every_citing_link_of_the_seed_site_lands_on_the_cited_words(built_site: Path):
    links = _citing_links(built_site)
    pages: dict[str, lxml.html.HtmlElement] = {}
    sentence_or_words = unquoted = 0
    for page, target, fragment, cited in links:
        if target not in pages:
            pages[target] = lxml.html.parse(str(built_site / target)).getroot()
        found = pages[target].get_element_by_id(fragment, None)
        assert found is not None, f"{page}: #{fragment} is not on {target}"
        if fragment.startswith(("p", "c")) and "-" in fragment:
            sentence_or_words += 1
        if cited is None:
            unquoted += 1
            continue
        text = _words_of(found)
        for piece in (p.strip() for p in cited.split("…")):
            if piece:
                assert _first_sentence(piece) in text, f"{page}: “{piece}” is not in #{fragment} of {target}: {text!r}"
    assert len(links) > 200 and sentence_or_words == len(links)  # no citing link stops at a paragraph
    assert unquoted <= len(links) // 20  # editor's notes in the timeline quote no words of the article


def _reports(built_site: Path) -> lxml.html.HtmlElement:
    root = lxml.html.parse(str(built_site / "articles" / SEED_SLUG / "index.html")).getroot()
    (box,) = [d for d in root.iter("details") if "What this article reports" in d.text_content()]
    return box


def test_the_seed_article_lists_each_of_its_relations_linked_to_their_words(built_site: Path):
    relations = json.loads((built_site / "data" / "relations.json").read_text())
    mine = [r for r in relations if r["article"] == SEED_SLUG]
    assert len(mine) == 28
    page = lxml.html.parse(str(built_site / "articles" / SEED_SLUG / "index.html")).getroot()
    items = _reports(built_site).findall(".//li")
    relation_items = [li for li in items if li.find(".//strong") is not None and "-r-" in li.findall(".//a")[-1].get("href")]  # fmt: skip
    assert len(relation_items) == 28
    exact = {r["evidence"]["exact"] for r in mine}
    for item in relation_items:
        link = item.findall(".//a")[-1]
        target = page.get_element_by_id(link.get("href").lstrip("#"))
        assert _words_of(target) in exact  # the span holds exactly the evidence words
    # Quotes by a named speaker and dated events are listed too, in the order of the text.
    text = _fold(_reports(built_site).text_content())
    assert "Nicolas Kayser-Bril, quoted: “I have never seen a contract" in text
    assert "January 2020: “January 2020”" in text
    numbers = [int(m) for m in re.findall(r"(?:¶|caption )(\d+)", text) if m]
    assert numbers.index(9) < numbers.index(18)


def test_every_sentence_has_its_anchor_and_paragraph_anchors_stay(built_site: Path):
    root = lxml.html.parse(str(built_site / "articles" / SEED_SLUG / "index.html")).getroot()
    paragraphs = root.xpath("//p[contains(@class, 'atlas-paragraph')]")
    assert len(paragraphs) >= 19
    for paragraph in paragraphs:
        sentences = [s for s in paragraph.iter("span") if SENTENCE_ID.match(s.get("id", ""))]
        assert sentences and sentences[0].get("id") == f"{paragraph.get('id')}-s1"
        body = _words_of(paragraph).split(" ", 1)[1]  # after the ¶ number
        assert _fold(" ".join(_words_of(s) for s in sentences)) == body


# --- The anchors themselves, on small texts ---------------------------------------------------

TEXT = "Acme sold cameras to the city. The council voted no. It was final."


def test_a_link_across_a_sentence_boundary_joins_the_sentences_under_the_first_id():
    start = TEXT.index("city")
    end = TEXT.index("council") + len("council")
    anchors = block_anchors("p3", TEXT, [(start, end)], [])
    assert [ident for _, _, ident in anchors.wraps] == ["p3-s1", "p3-s3"]
    assert anchors.sentence(TEXT.index("voted")) == "p3-s1"
    assert anchors.sentence(TEXT.index("final")) == "p3-s3"


def test_evidence_that_would_break_markup_falls_back_to_its_sentence():
    sold = (TEXT.index("sold"), TEXT.index("city"))
    overlapping = (TEXT.index("cameras"), TEXT.index("."))
    across = (TEXT.index("city"), TEXT.index("voted"))
    cutting = (TEXT.index("Acme") + 2, TEXT.index("sold"))
    evidence = [("r-a", *sold), ("r-b", *overlapping), ("r-c", *across), ("r-d", *cutting)]
    anchors = block_anchors("p1", TEXT, [(0, 4)], evidence)
    assert anchors.words("r-a", sold[0]) == "p1-r-a"
    assert anchors.words("r-b", overlapping[0]) == "p1-s1"  # overlaps r-a without containing it
    assert anchors.words("r-c", across[0]) == "p1-s1"  # runs into the next sentence
    assert anchors.words("r-d", cutting[0]) == "p1-s1"  # would cut the link to "Acme"
    nested = block_anchors("p1", TEXT, [], [("r-a", *sold), ("r-e", TEXT.index("cameras"), TEXT.index(" to"))])
    assert [ident for _, _, ident in nested.wraps] == ["p1-s1", "p1-r-a", "p1-r-e", "p1-s2", "p1-s3"]  # outer first


@pytest.mark.parametrize("shown", [[(0, 14)], []])
def test_in_excerpt_mode_only_what_is_shown_is_anchored(shown: list[tuple[int, int]]):
    evidence = [("r-a", TEXT.index("council"), TEXT.index(" voted"))]
    anchors = block_anchors("p2", TEXT, [], evidence, windows=shown)
    if shown:
        assert anchors.wraps == ((0, 14, "p2-s1"),)
        assert anchors.sentence(20) == "p2-s1"  # the sentence is partly shown: its anchor wraps that part
    assert anchors.sentence(TEXT.index("final")) == "p2"  # not shown: the paragraph
    assert anchors.words("r-a", evidence[0][1]) == "p2"


# The seed article's page before sentence and evidence anchors (commit 056942a, same MkDocs and
# Material): the anchors and "What this article reports" may add at most 30% to it.
SEED_PAGE_BEFORE_ANCHORS = 54_109


def test_the_seed_page_grows_by_at_most_thirty_percent_with_its_anchors(built_site: Path):
    size = (built_site / "articles" / SEED_SLUG / "index.html").stat().st_size
    assert size <= 1.3 * SEED_PAGE_BEFORE_ANCHORS, f"{size} bytes: {size / SEED_PAGE_BEFORE_ANCHORS - 1:.0%} more"
