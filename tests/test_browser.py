"""The site in a real browser: Debian's Chromium driven by Playwright, served from 127.0.0.1."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT, SEED_SLUG

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required (REQUIRE_BROWSER=1) but {CHROMIUM} is missing: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium); set REQUIRE_BROWSER=1 to fail instead")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, served_site: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests_seen = []  # type: ignore[attr-defined]
    tab.console_errors = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests_seen.append(request.url))
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    yield tab
    context.close()


def assert_only_local(tab, served_site: str) -> None:
    host = urlparse(served_site).netloc
    foreign = [
        url for url in tab.requests_seen if not url.startswith(("data:", "blob:")) and urlparse(url).netloc != host
    ]
    assert foreign == []
    assert tab.console_errors == []


def test_article_reads_with_linked_mentions(page, served_site: str):
    page.goto(f"{served_site}/articles/{SEED_SLUG}/", wait_until="networkidle")
    assert page.title().startswith("Facial recognition: IT and police in delicate dance")
    mention = page.locator("#p9 a.atlas-mention", has_text="Clearview AI")
    assert mention.get_attribute("title") is None or "Face-search company" in mention.get_attribute("title")
    mention.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip", has_text="Face-search company")
    tooltip.first.wait_for(state="visible", timeout=5000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "article-hover.png"))
    assert_only_local(page, served_site)


def test_entity_link_leads_back_to_the_paragraph(page, served_site: str):
    page.goto(f"{served_site}/articles/{SEED_SLUG}/", wait_until="networkidle")
    page.locator("#p16 a.atlas-mention", has_text="Huawei").click()
    page.wait_for_url("**/vendors/huawei/")
    assert page.locator("h1").inner_text().strip().removesuffix("¶") == "Huawei"
    page.locator("#in-the-articles ~ ul a[href$='#p16']").first.click()
    page.wait_for_url(f"**/articles/{SEED_SLUG}/#p16")
    target = page.locator("#p16")
    target.wait_for(state="visible")
    assert target.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"  # the :target highlight
    page.screenshot(path=str(SCREENSHOTS / "paragraph-target.png"))
    assert_only_local(page, served_site)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    ["", f"articles/{SEED_SLUG}/", "vendors/clearview-ai/", "agencies/", "countries/china/", "advocacy/aclu/"],
)
def test_pages_load_locally_in_both_schemes(browser, served_site: str, path: str, scheme: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    seen: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda request: seen.append(request.url))
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.goto(f"{served_site}/{path}", wait_until="networkidle")
    name = (path.strip("/").replace("/", "-") or "home") + f"-{scheme}.png"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / name), full_page=False)
    host = urlparse(served_site).netloc
    assert [u for u in seen if not u.startswith(("data:", "blob:")) and urlparse(u).netloc != host] == []
    assert errors == []
    expected = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    context.close()
