"""The parser, against the real seed article and against the other shapes articles come in."""

from __future__ import annotations

import pytest
from atlas.errors import InputError
from atlas.read.article import decode, parse_article
from conftest import SEED, SEED_SLUG


@pytest.fixture(scope="module")
def seed():
    path = f"articles/{SEED.name}"
    return parse_article(decode(SEED.read_bytes(), path), path, SEED_SLUG)


def test_seed_metadata(seed):
    assert seed.title == "Facial recognition: IT and police in delicate dance"
    assert seed.date == "2020-06-18"
    assert seed.author == "Jules Bonnard"
    assert seed.publisher == "AFP"
    assert seed.copyright == "© 2020 AFP"
    assert seed.source_url == "https://techxplore.com/news/2020-06-facial-recognition-police-delicate.html"
    assert seed.retrieved == "2021-06-14"
    assert seed.notice.startswith("This document is subject to copyright. Apart from any fair dealing")
    assert seed.notice.endswith("The content is provided for information purposes only.")


def test_seed_block_counts(seed):
    kinds = [b.kind for b in seed.blocks]
    assert kinds.count("paragraph") == 19
    assert kinds.count("caption") == 5
    assert [(b.level, b.text) for b in seed.blocks if b.kind == "heading"] == [
        (2, "'Extremely intrusive' technology"),
        (3, "Social network photos scraped"),
        (3, "Technology already widely available"),
    ]


def test_seed_captions(seed):
    captions = {b.anchor: b.text for b in seed.blocks if b.kind == "caption"}
    assert captions == {
        "c1": "Facial recognition technology can now identify people in crowds, raising privacy concerns if it is widely integrated into surveillance systems",
        "c2": "Facial recognition technology can help make our lives more convenient and add security, such as at ATMs used by Spain's CaixaBank",
        "c3": "Authorities in more and more countries are using facial recognition technology as part of their surveillance networks",
        "c4": "Careful about posting those selfies on social media, at least one facial recognition service has scraped photos from leading sites",
        "c5": "Activists in Moscow protesting the use of facial recognition technology paint geometrical shapes and lines on their faces as this is said to confuse the system",
    }


def test_seed_page_break_joins(seed):
    text = {b.anchor: b.text for b in seed.blocks}
    assert text["p4"].endswith("while IBM said it would exit the business.")
    assert text["p8"].endswith('"a comprehensive system of identification and tracking".')
    assert "use of facial recognition technology paint" in text["c5"]
    # Nothing is left that starts in lower case: every split was joined.
    assert not [b for b in seed.blocks if b.text[0].islower()]


def test_seed_anchors_are_pinned(seed):
    """Cited deep links depend on these: a parser change must not renumber them silently."""
    pinned = {
        "p1": "Tech giants love to portray themselves",
        "p5": "Privacy and rights groups worry",
        "p6": '"It is an extremely intrusive form',
        "p9": "In January 2020, a New York Times investigation",
        "p12": "The firm, which received funding from PayPal",
        "p14": '"I have never seen a contract',
        "p17": "A company executive told a business forum in Morocco",
        "p19": "France's interior ministry is expected",
        "c3": "Authorities in more and more countries",
    }
    text = {b.anchor: b.text for b in seed.blocks}
    for anchor, start in pinned.items():
        assert text[anchor].startswith(start), anchor
    assert [b.anchor for b in seed.blocks if b.kind != "heading"] == [
        "c1", *(f"p{i}" for i in range(1, 8)), "c2", "p8", "p9", "p10", "p11", "c3",
        "p12", "p13", "p14", "p15", "c4", "c5", "p16", "p17", "p18", "p19",
    ]  # fmt: skip


def test_seed_dead_links_kept_as_text(seed):
    links = [(b.anchor, s.text, b.text[s.start : s.end]) for b in seed.blocks for s in b.dead_links]
    assert [(a, t) for a, t, _ in links] == [
        ("p3", "facial recognition"),
        ("p4", "police violence"),
        ("p5", "rights groups"),
        ("p10", "social media sites"),
        ("p12", "law enforcement"),
        ("p13", "tech giants"),
        ("p18", "recognition"),
    ]
    assert all(text == visible for _, text, visible in links)
    assert not any("](#)" in b.text for b in seed.blocks)


def test_no_whitespace_only_blocks(seed):
    assert all(b.text.strip() == b.text and b.text for b in seed.blocks)


def parse(text: str):
    return parse_article(text, "articles/x.txt", "x")


def test_byline_directly_after_title_and_month_date():
    article = parse("# A title\nDecember 2020, by Ann Other\n\nBody text.")
    assert (article.date, article.author) == ("2020-12", "Ann Other")
    assert [b.text for b in article.blocks] == ["Body text."]


@pytest.mark.parametrize(
    ("byline", "date", "author"),
    [
        ("June 18, 2020, by Ann Other", "2020-06-18", "Ann Other"),
        ("By Ann Other, 3 March 2021", "2021-03-03", "Ann Other"),
        ("By Ann Other", None, "Ann Other"),
        ("2020-06-18", "2020-06-18", None),
    ],
)
def test_byline_shapes(byline, date, author):
    article = parse(f"\n# Title\n\n\n{byline}\n\nBody.")
    assert (article.date, article.author) == (date, author)


@pytest.mark.parametrize(
    ("byline", "date", "author", "publisher", "dateline"),
    [
        (
            "BRISTOL, England — 12 March 2024, by Maren Holloway for the Westcountry Ledger",
            "2024-03-12",
            "Maren Holloway",
            "Westcountry Ledger",
            "BRISTOL, England",
        ),
        ("LAGOS (AFP) — By Ade Bello, 2 May 2023", "2023-05-02", "Ade Bello", None, "LAGOS"),
        ("By Ann Other for Reuters, 3 March 2021", "2021-03-03", "Ann Other", "Reuters", None),
    ],
)
def test_a_byline_may_open_with_a_dateline_and_name_the_outlet(byline, date, author, publisher, dateline):
    """Wire and newspaper bylines: the place and the outlet are the article's, not its author's."""
    article = parse(f"# Title\n\n{byline}\n\nCouncillors voted on Tuesday.")
    assert (article.date, article.author, article.publisher, article.dateline) == (date, author, publisher, dateline)
    assert [b.text for b in article.blocks] == ["Councillors voted on Tuesday."]


def test_missing_metadata_is_absent():
    article = parse("# Only a title\n\nA paragraph.\n\nAnother one.")
    assert (article.date, article.author, article.publisher, article.source_url, article.notice) == (None,) * 5
    assert [b.anchor for b in article.blocks] == ["p1", "p2"]


def test_markdown_other_than_dead_links_is_text():
    article = parse("# T\n\nSee [here](https://x.example) and *this* <b>.")
    assert article.blocks[0].text == "See [here](https://x.example) and *this* <b>."


def test_no_title_is_an_error():
    with pytest.raises(InputError) as caught:
        parse("\n\nJust text, no title.\n")
    assert str(caught.value) == (
        "articles/x.txt:3: no title line — the first non-blank line must be the title, written '# Title'"
    )


def test_empty_article_is_an_error():
    with pytest.raises(InputError) as caught:
        parse(" \n\n")
    assert str(caught.value) == (
        "articles/x.txt:1: the article is empty — paste the article text, starting with a '# Title' line"
    )


def test_impossible_date_is_an_error():
    with pytest.raises(InputError) as caught:
        parse("# T\n\n31 February 2020, by Someone\n\nBody.")
    assert str(caught.value) == (
        "articles/x.txt:3: '31 February 2020' is not a real date (day is out of range for month)"
        " — correct the date in the byline"
    )


def test_not_utf8_names_the_line():
    with pytest.raises(InputError) as caught:
        decode("# T\n\ncaf\xe9\n".encode("latin-1"), "articles/x.txt")
    assert str(caught.value) == "articles/x.txt:3: not UTF-8 text (byte 0xe9) — re-save the file as UTF-8"


def test_binary_is_an_error():
    with pytest.raises(InputError, match=r"^articles/x.txt:1: binary data"):
        decode(b"\x89PNG\x00\x00", "articles/x.txt")
