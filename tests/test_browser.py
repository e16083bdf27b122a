"""The site in a real browser: Debian's Chromium driven by Playwright, served from 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_checks import serious_violations, watch
from conftest import ROOT, SEED_SLUG, copy_project, mkdocs_build, serve
from site_checks import page_url_of

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
ARTICLE = f"articles/{SEED_SLUG}/"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def screenshot(page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_is_local_quiet_and_accessible(browser, built_site: Path, served_site: str, scheme: str):
    """Every built page: no request to another host, no console error, no serious axe violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    problems: list[str] = []
    pages = sorted(page_url_of(built_site, p) for p in built_site.rglob("*.html"))
    for url in pages:
        tab = context.new_page()
        seen = watch(tab, served_site)
        tab.goto(f"{served_site}/{url}", wait_until="networkidle")
        problems += [f"{url}: request to {u}" for u in seen.foreign()]
        problems += [f"{url}: console error {e}" for e in seen.console_errors]
        problems += [f"{url}: {v}" for v in serious_violations(tab)]
        tab.close()
    context.close()
    assert len(pages) > 50
    assert problems == []


def test_the_checks_catch_a_deliberately_broken_page(browser, tmp_path: Path):
    """A page with a third-party request, an unlabelled control and low-contrast text fails each check."""
    import functools
    import http.server
    import threading

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Broken</title>'
        '<link rel="stylesheet" href="https://fonts.example.invalid/css"></head><body><main>'
        '<p style="color:#bbb;background:#fff">Faint text</p><input type="text">'
        "<script>console.error('boom')</script></main></body></html>"
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        served = f"http://127.0.0.1:{server.server_address[1]}"
        tab = browser.new_page()
        seen = watch(tab, served)
        tab.goto(f"{served}/index.html", wait_until="load")
        assert seen.foreign() == ["https://fonts.example.invalid/css"]
        assert "boom" in seen.console_errors
        rules = {v.split(":")[0] for v in serious_violations(tab)}
        assert {"color-contrast", "label"} <= rules
        tab.close()
    finally:
        server.shutdown()


class _Quiet(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_reader_journey(context, served_site: str):
    """Home → article → hover a mention → its page → back to the exact sentence → search →
    an editor's note opened with the keyboard → dark mode."""
    page = context.new_page()
    seen = watch(page, served_site)
    page.goto(f"{served_site}/", wait_until="networkidle")
    page.get_by_role("link", name="Facial recognition: IT and police in delicate dance").first.click()
    page.wait_for_url(f"**/{ARTICLE}")

    mention = page.locator("#p9 a.atlas-mention", has_text="Clearview AI")
    mention.hover()
    tooltip = page.locator(".md-tooltip2", has_text="Face-search company")
    tooltip.wait_for(state="visible", timeout=5000)
    screenshot(page, "journey-1-hover")

    mention.click()
    page.wait_for_url("**/vendors/clearview-ai/")
    assert page.locator("h1").inner_text().strip().removesuffix("¶") == "Clearview AI"
    icon = page.locator("h1").evaluate("el => getComputedStyle(el, '::before').maskImage")
    assert icon.startswith('url("data:image/svg+xml')  # the vendor icon before the title
    quote = page.locator("#in-the-articles ~ ul a[href*='#p10-s']").first
    fragment = quote.get_attribute("href").split("#")[1]
    quote.click()
    page.wait_for_url(f"**/{ARTICLE}#{fragment}")
    target = page.locator(f"[id='{fragment}']")
    page.wait_for_function(f"document.getElementById('{fragment}').getBoundingClientRect().top < innerHeight")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert "Clearview AI" in target.inner_text()  # the sentence that names it
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"  # highlighted
    screenshot(page, "journey-2-sentence")

    page.locator(".md-search__input").click()
    page.keyboard.type("Clearview", delay=50)  # the search listens to key presses
    result = page.locator(".md-search-result__link", has_text="Clearview AI").first
    result.wait_for(state="visible", timeout=10000)
    screenshot(page, "journey-3-search")
    result.click()
    page.wait_for_url("**/vendors/clearview-ai/**")

    page.goto(f"{served_site}/{ARTICLE}", wait_until="networkidle")
    annotation = page.locator("#p15 aside.md-annotation").first
    annotation.wait_for(state="attached")
    for _ in range(200):  # Tab through the page until the note's marker has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#p15 aside.md-annotation')"):
            break
    else:
        pytest.fail("the editor's note marker in ¶15 never received keyboard focus")
    note = page.locator("#p15 .md-annotation .md-tooltip__inner", has_text="Canon Inc. acquired BriefCam")
    note.wait_for(state="visible", timeout=5000)
    screenshot(page, "journey-4-note")

    page.locator("label[for='__palette_1']").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    screenshot(page, "journey-5-dark")
    page.emulate_media(media="print")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).display") == "none"
    page.emulate_media(media="screen")
    assert seen.foreign() == [] and seen.console_errors == []


PAGES = [
    ("home", ""),
    ("article", ARTICLE),
    ("vendor", "vendors/clearview-ai/"),
    ("agency", "agencies/french-interior-ministry/"),
    ("advocacy", "advocacy/aclu/"),
    ("country", "countries/china/"),
    ("relations", "relations/"),
]


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser, served_site: str, scheme: str, width: int):
    """The main kinds of page, light and dark, desktop and phone: none scrolls sideways on a phone."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    seen = watch(page, served_site)
    for name, path in PAGES:
        page.goto(f"{served_site}/{path}", wait_until="networkidle")
        screenshot(page, f"{name}-{scheme}-{'phone' if width < 500 else 'desktop'}")
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow}px too wide at {width}px"
    assert seen.foreign() == []
    context.close()


def test_index_tables_sort_and_filter(context, served_site: str):
    page = context.new_page()
    page.goto(f"{served_site}/countries/", wait_until="networkidle")
    rows = page.locator("table tbody tr")
    first = rows.first.locator("td").first.inner_text()
    page.get_by_role("button", name="Mentions").click()
    page.get_by_role("button", name="Mentions").click()  # descending
    assert page.locator("th[aria-sort='descending']").count() == 1
    top = [int(rows.nth(i).locator("td").last.inner_text()) for i in range(3)]
    assert top == sorted(top, reverse=True) and top[0] == 2
    page.get_by_role("button", name="Name").click()
    assert rows.first.locator("td").first.inner_text() == first
    page.get_by_label("Filter rows").fill("morocc")
    assert next(r for r in rows.all() if r.is_visible()).locator("td").first.inner_text() == "Morocco"
    assert len([r for r in rows.all() if r.is_visible()]) == 1


def test_offline_build_works_opened_from_disk(browser, tmp_path: Path):
    """ATLAS_OFFLINE=true: .html links, search index inlined, no server and no other host."""
    import subprocess
    import sys

    from conftest import copy_project, run_build
    from site_checks import broken_links

    root = copy_project(tmp_path / "offline")
    assert run_build(root, "--offline").returncode == 0
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, check=True, capture_output=True,
        env={**os.environ, "ATLAS_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    site = root / "site"
    assert broken_links(site) == []
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "articles" / f"{SEED_SLUG}.html").as_uri())
    page.locator("#p16 a.atlas-mention", has_text="Huawei").click()
    page.wait_for_url("**/vendors/huawei.html")
    page.locator("#relations ~ figure a").first.click()  # a node of the relation diagram
    page.wait_for_url("**/*.html")
    assert all(url.startswith(("file://", "data:", "blob:", "about:")) for url in requests), requests
    page.close()


def test_site_served_under_a_subpath(browser, built_site: Path):
    import functools
    import http.server
    import threading

    class Prefixed(_Quiet):
        def translate_path(self, path: str) -> str:
            return super().translate_path(path.removeprefix("/atlas")) if path.startswith("/atlas/") else "/nonexistent"

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Prefixed, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/atlas"
        page = browser.new_page()
        failed: list[str] = []
        page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
        page.goto(f"{base}/{ARTICLE}", wait_until="networkidle")
        page.locator("#p9 a.atlas-mention", has_text="Clearview AI").click()
        page.wait_for_url(f"{base}/vendors/clearview-ai/")
        page.locator(".atlas-graph-figure a").first.click()
        page.wait_for_url(f"{base}/**")
        page.goto(f"{base}/countries/", wait_until="networkidle")
        page.locator("#world-map a").first.click()
        page.wait_for_url(f"{base}/countries/*/")
        page.keyboard.press("/")  # Pagefind's search works under the subpath too
        page.keyboard.type("Clearview", delay=30)
        page.locator(".md-search-result__link", has_text="Clearview AI").first.click()
        page.wait_for_url(f"{base}/vendors/clearview-ai/")
        assert failed == []
        page.close()
    finally:
        server.shutdown()


def test_search_fetches_nothing_until_a_reader_searches_then_little(browser, served_site: str):
    """Pagefind: no index on first load; a query fetches a few small fragments; `/` opens it."""
    page = browser.new_page()
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body()) if r.ok else 0))
    page.goto(f"{served_site}/vendors/ibm/", wait_until="networkidle")
    first = set(sizes)
    assert not any("search_index" in url or "/pagefind/" in url for url in first)
    page.keyboard.press("/")
    page.keyboard.type("Clearview", delay=30)
    result = page.locator(".md-search-result__link", has_text="Clearview AI").first
    result.wait_for()
    assert page.locator(".md-search-result__meta").inner_text().endswith("matching documents")
    fetched = {url: size for url, size in sizes.items() if url not in first}
    assert fetched and all("/pagefind/" in url for url in fetched), fetched
    assert sum(fetched.values()) < 500_000
    assert serious_violations(page) == []
    result.click()
    page.wait_for_url(f"{served_site}/vendors/clearview-ai/")
    page.close()


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed site built with a public address, as published: Material's instant navigation
    (pages swapped in by script, which leaves CSS :target unset) is then on."""
    root = copy_project(tmp_path_factory.mktemp("instant"))
    site = root / "site"
    with serve(site) as address:  # first: Material matches links to the sitemap's host and port
        result = mkdocs_build(root, site, ATLAS_SITE_URL=f"{address}/")
        assert result.returncode == 0, result.stdout + result.stderr
        yield address


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_evidence_link_lands_on_its_words_highlighted(browser, instant_site: str, scheme: str):
    """From an entity page's relation to the words in the article, by instant navigation: the words
    are in view and highlighted (on screen and in print), and the page is axe-clean."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    seen = watch(page, instant_site)
    page.goto(f"{instant_site}/vendors/clearview-ai/", wait_until="networkidle")
    page.evaluate("window.atlasStayed = true")  # survives only if the page is swapped in by script
    link = page.locator("#relations ~ ul a[href*='#p12-r-']").first
    fragment = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**#{fragment}")
    words = page.locator(f"[id='{fragment}']")
    words.wait_for()
    page.wait_for_function("id => document.getElementById(id).classList.contains('atlas-target')", arg=fragment)
    assert page.evaluate("window.atlasStayed === true"), "the link did not use instant navigation"
    style = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e.closest('p')).backgroundColor]"
    highlight, around = words.evaluate(style)
    assert highlight != around and highlight != "rgba(0, 0, 0, 0)"
    box = words.bounding_box()
    assert box is not None and 0 <= box["y"] < 900 - box["height"]  # scrolled into view, below the header
    assert "received funding from" in words.inner_text()
    screenshot(page, f"evidence-highlight-{scheme}")
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    printed = words.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in printed  # marked even where backgrounds are not printed
    page.emulate_media(media="screen")
    # Back on the same page, a sentence link from "What this article reports" moves the highlight.
    page.locator("details.abstract > summary").click()
    sentence = page.locator("details.abstract a[href*='#p14-s']").first
    target = sentence.get_attribute("href").split("#")[1]
    sentence.click()
    page.wait_for_function("id => document.getElementById(id).classList.contains('atlas-target')", arg=target)
    assert page.evaluate("document.querySelectorAll('.atlas-target').length") == 1
    assert serious_violations(page) == []
    assert seen.foreign() == [] and seen.console_errors == []
    context.close()
