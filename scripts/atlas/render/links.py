"""Where pages live under docs/, and relative links between them (they work on any subpath)."""

from __future__ import annotations

import functools
import posixpath
import urllib.parse

from atlas.model import Entity


def entity_page(entity: Entity) -> str:
    return f"{entity.type}/{entity.slug}.md"


def article_page(slug: str) -> str:
    return f"articles/{slug}.md"


def type_index(folder: str) -> str:
    return f"{folder}/index.md"


def relative(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one page under docs/ to another, as MkDocs resolves .md links."""
    folder, _, name = to_page.rpartition("/")
    up = _relpath(folder or ".", from_page.rpartition("/")[0] or ".")
    target = name if up == "." else f"{up}/{name}"
    return f"{target}#{anchor}" if anchor else target


@functools.cache
def _relpath(path: str, start: str) -> str:
    return posixpath.relpath(path, start)  # slow; asked for a few pairs of folders, millions of times


def safe_url(url: str) -> str | None:
    """An external http(s) URL made safe to put in a Markdown link target, else None."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    return urllib.parse.quote(url, safe=":/?#@!$&'*+,;=%~-._")


def page_url(page: str) -> str:
    """The directory URL MkDocs serves a page at: 'vendors/ibm.md' → 'vendors/ibm/'."""
    stem = page.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
    return f"{stem}/" if stem else ""


def url_between(from_page: str, to_page: str, directory_urls: bool = True) -> str:
    """A relative URL for raw HTML/SVG, which MkDocs does not rewrite as it does .md links.

    With directory URLs off (the offline build, opened from disk) pages are `x/y.html`."""
    if not directory_urls:
        source, target = from_page.removesuffix(".md") + ".html", to_page.removesuffix(".md") + ".html"
        return posixpath.relpath(target, posixpath.dirname(source) or ".")
    source, target = page_url(from_page), page_url(to_page)
    return posixpath.relpath(target or ".", source or ".") + "/"
