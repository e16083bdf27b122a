"""Checks on a built site that need no browser: every internal link, fragment and image resolves."""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from pathlib import Path

from html_tools import read_page


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site-relative path, fragment) of an href found on the page at page_url ('' is the home page)."""
    parsed = urllib.parse.urlparse(href)
    if not parsed.path:
        return page_url, parsed.fragment
    # An absolute path (404.html uses them) is taken from the site's root.
    base = (
        ""
        if parsed.path.startswith("/")
        else posixpath.dirname(page_url)
        if not page_url.endswith("/")
        else page_url.rstrip("/")
    )
    path = posixpath.normpath(posixpath.join(base, urllib.parse.unquote(parsed.path).lstrip("/")))
    path = "" if path == "." else path
    if parsed.path.endswith("/") and path:
        path += "/"
    return path, parsed.fragment


def page_url_of(site: Path, page: Path) -> str:
    url = page.relative_to(site).as_posix()
    return url[: -len("index.html")] if url.endswith("index.html") else url


def _target_file(site: Path, path: str) -> Path:
    target = site / path
    return target / "index.html" if path.endswith("/") or path == "" or target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    """'page: href' for each internal link, fragment or image that does not resolve."""
    pages = sorted(site.rglob("*.html"))
    ids = {page: read_page(page).ids for page in pages}
    problems: list[str] = []
    for page in pages:
        url = page_url_of(site, page)
        facts = read_page(page)
        hrefs = [link.href for link in facts.links] + [s for s in facts.sources if not s.startswith("data:")]
        for href in hrefs:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
                continue  # external: a link, never a request (see the request checks)
            path, fragment = resolve(url, href)
            target = _target_file(site, path)
            if not target.is_file():
                problems.append(f"{url or '/'}: {href} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, read_page(target).ids):
                problems.append(f"{url or '/'}: {href} (no such anchor)")
    return problems
