"""Read built HTML with the standard library: links, ids, text of elements."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Link:
    href: str
    text: str
    attrs: dict[str, str]


@dataclass
class PageFacts:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # src/href of scripts, images, stylesheets
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._open_links: list[tuple[dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "xlink:href" in values:  # links inside inline SVG
            values.setdefault("href", values["xlink:href"])
        self.facts.tags.append((tag, values))
        if "id" in values:
            self.facts.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self._open_links.append((values, []))
        for key in ("src", "srcset"):
            if key in values:
                self.facts.sources.append(values[key])
        if tag == "link" and "href" in values:
            self.facts.sources.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open_links:
            values, text = self._open_links.pop()
            self.facts.links.append(Link(values["href"], "".join(text), values))

    def handle_data(self, data: str) -> None:
        for _, text in self._open_links:
            text.append(data)


def read_page(path: Path) -> PageFacts:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.facts


def page_file(site: Path, page_url: str) -> Path:
    """The HTML file behind a site-relative URL such as 'vendors/ibm/'."""
    path = site / page_url
    return path / "index.html" if page_url.endswith("/") or not page_url else path
