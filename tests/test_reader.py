"""What a reader and a link preview see: feed, page metadata, breadcrumbs, the 404 page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from conftest import SEED_SLUG
from markdown_tools import visible_text

ATOM = "{http://www.w3.org/2005/Atom}"


def _meta(html: str, key: str) -> str:
    match = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    assert match, key
    return match.group(1)


def test_atom_feed_lists_articles_newest_first(built_site: Path):
    feed = ElementTree.fromstring((built_site / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Facial recognition: IT and police in delicate dance"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert (built_site / link / "index.html").is_file()
    assert entries[0].findtext(f"{ATOM}updated") == "2020-06-18T00:00:00Z"
    assert "Clearview AI" in [c.get("term") for c in entries[0].findall(f"{ATOM}category")]


def test_pages_describe_themselves_for_link_previews(built_site: Path):
    article = (built_site / "articles" / SEED_SLUG / "index.html").read_text()
    assert _meta(article, "og:title") == "Facial recognition: IT and police in delicate dance"
    assert _meta(article, "og:type") == "article"
    assert _meta(article, "description").startswith("Tech giants love to portray themselves")
    vendor = (built_site / "vendors/clearview-ai/index.html").read_text()
    summary = "Face-search company that built its database from billions of photos scraped from social media sites."
    assert _meta(vendor, "description") == summary == _meta(vendor, "og:description")
    assert _meta(vendor, "twitter:card") == "summary"
    assert 'type="application/atom+xml"' in vendor


def test_breadcrumbs_on_pages_outside_the_sidebar(built_site: Path):
    html = (built_site / "agencies/french-interior-ministry/index.html").read_text()
    crumbs = html.split('aria-label="Breadcrumb">', 1)[1].split("</nav>", 1)[0]
    assert visible_text(crumbs) == "Home Agencies French interior ministry"
    assert '<a href="../">Agencies</a>' in crumbs
    assert 'class="atlas-breadcrumbs"' not in (built_site / "agencies/index.html").read_text()


def test_not_found_page_says_where_to_go(built_site: Path):
    text = visible_text((built_site / "404.html").read_text())
    assert "Page not found" in text and "corrections page" in text
