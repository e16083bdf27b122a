"""Cross-article views: quotes and their speakers, the timeline, topics, the glossary, the nav."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from atlas.entity_types import ENTITY_TYPES
from atlas.link.quotations import find_quotations
from atlas.link.timeline import article_events
from atlas.model import Entity, Mention
from atlas.read.article import parse_article
from conftest import ROOT, SEED_SLUG
from markdown_tools import visible_text


def _section(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"', 1)[1].split("<h2", 1)[0]


def test_each_quote_is_attributed_to_the_right_speaker(built_site: Path):
    html = (built_site / "quotes/index.html").read_text()
    expected = {
        "privacy-international": ["It is an extremely intrusive form of surveillance"],
        "american-civil-liberties-union": [
            "The biggest danger is",
            "a comprehensive system of identification and tracking",
        ],
        "nicolas-kayser-bril": ["I have never seen a contract", "Tools for conducting facial recognition"],
        "the-new-york-times": ["could end your ability to walk down the street anonymously"],
    }
    for heading, starts in expected.items():
        items = re.findall(r"<li>(.*?)</li>", _section(html, heading), flags=re.S)
        assert [visible_text(i)[1:].startswith(s) for i, s in zip(items, starts, strict=True)] == [True] * len(starts)
    assert "attributed from context" in visible_text(_section(html, "the-new-york-times"))
    assert 'id="unattributed"' not in html
    speaker_page = visible_text(_section((built_site / "people/nicolas-kayser-bril/index.html").read_text(), "quotes"))
    assert "“Tools for conducting facial recognition are widely available” ¶15" in speaker_page


def _entity(slug: str, kind: str = "people") -> Entity:
    return Entity(slug, kind, slug.title(), "s", f"docs/{kind}/{slug}.md")


def test_pronoun_resolves_to_the_speaker_named_before():
    text = '# T\n\n1 May 2021\n\n"First words," said Ann Example.\n\n"Second words," she added.\n'
    article = parse_article(text, "a.txt", "a")
    mention = Mention("a", "p1", 20, 32, "ann", "Ann Example")
    quotes = find_quotations(article, [mention], {"ann": _entity("ann")})
    assert [(q.text, q.speaker, q.how) for q in quotes] == [
        ("First words,", "ann", "named"),
        ("Second words,", "ann", "pronoun"),
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("It happened in February.", "18 June 2020", ["2020-02"]),
        ("It happened in September.", "18 June 2020", ["2019-09"]),
        ("In January 2020, it happened.", "18 June 2020", ["2020-01"]),
        ("A forum met last year.", "18 June 2020", ["2019"]),
        ("The letter came on Monday.", "18 June 2020", ["2020-06-15"]),
        ("It was signed on 8 June 2020 in town.", "18 June 2020", ["2020-06-08"]),
        ("Proposals are expected soon.", "December 2020", ["2020-12"]),
        # Said of the future, a bare month or weekday is the next one, not the last.
        ("The board will hear the report in June.", "14 March 2024", ["2024-06"]),
        ("A ruling is expected in February.", "18 June 2020", ["2021-02"]),
        ("The council plans to vote on Monday.", "14 March 2024", ["2024-03-18"]),
        ("The pilot began in January and will end in May.", "14 March 2024", ["2024-01", "2024-05"]),
        ("It said in June that it would stop.", "14 March 2024", ["2023-06"]),
    ],
)
def test_timeline_resolves_relative_dates(sentence: str, published: str, expected: list[str]):
    article = parse_article(f"# T\n\n{published}\n\n{sentence}\n", "a.txt", "a")
    assert [e.date for e in article_events(article)] == expected


def test_timeline_page_orders_article_and_editor_events(built_site: Path):
    text = visible_text((built_site / "timeline/index.html").read_text())
    order = [
        "2018 Editor's note: Canon Inc. acquired BriefCam",
        "2019 — “A company executive told a business forum in Morocco last year",
        "January 2020 — “In January 2020, a New York Times investigation",
        "February 2020 — “In February, The Intercept",
        "8 June 2020 Editor's note: IBM's chief executive",
        "10 June 2020 Editor's note: Amazon announced",
        "11 June 2020 Editor's note: Microsoft's President",
        "after 18 June 2020 — “France's interior ministry is expected to unveil soon",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)


def test_dead_links_became_topic_pages(built_site: Path):
    article = (built_site / "articles" / SEED_SLUG / "index.html").read_text()
    assert re.search(r'<a class="atlas-topic" href="../../topics/police-violence/">police violence</a>', article)
    # "law enforcement" sits inside the mention "law enforcement agencies": the mention wins.
    assert 'href="../../topics/law-enforcement/"' not in article
    topic = visible_text((built_site / "topics/social-media-sites/index.html").read_text())
    assert (
        "“That is because Clearview AI doesn't use photos held by governments, but billions of photos scraped from social media sites.” ¶10"
        in topic
    )
    assert "Clearview AI (1)" in topic
    index = visible_text((built_site / "topics/index.html").read_text())
    for name in (
        "facial recognition",
        "police violence",
        "rights groups",
        "social media sites",
        "law enforcement",
        "tech giants",
        "recognition",
    ):
        assert name in index


def test_abbreviations_expand_everywhere_and_have_a_glossary(built_site: Path):
    article = (built_site / "articles" / SEED_SLUG / "index.html").read_text()
    for abbreviation in ("ACLU", "ATMs", "DNA", "IBM", "US"):
        assert re.search(rf'<abbr title="[^"]+">{abbreviation}</abbr>', article), abbreviation
    glossary = visible_text((built_site / "glossary/index.html").read_text())
    assert "ATMs automated teller machines" in glossary


def test_nav_lists_every_entity_type_once():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    catalog = next(item["Catalog"] for item in config["nav"] if isinstance(item, dict) and "Catalog" in item)
    assert [next(iter(entry.values())) for entry in catalog] == [f"{t.folder}/index.md" for t in ENTITY_TYPES]


def test_world_map_links_and_shades_countries_with_pages(built_site: Path):
    html = (built_site / "countries/index.html").read_text()
    figure = html.split('id="world-map"', 1)[1].split("</figure>", 1)[0]
    links = dict(re.findall(r'<a xlink:href="([^"]+)" aria-label="([^"]+)">', figure))
    assert links == {
        "china/": "China: 2 mentions",
        "spain/": "Spain: 1 mention",
        "japan/": "Japan: 1 mention",
        "morocco/": "Morocco: 1 mention",
        "russia/": "Russia: 0 mentions",
        "france/": "France: 1 mention",
        "united-states/": "United States: 2 mentions",
    }
    assert re.search(r'aria-label="United States: 2 mentions"><path class="atlas-land atlas-shade-4"', figure)
    assert re.search(r'aria-label="Russia: 0 mentions"><path class="atlas-land atlas-shade-0"', figure)
    assert len(re.findall(r"<path ", figure)) > 150  # every country is drawn
