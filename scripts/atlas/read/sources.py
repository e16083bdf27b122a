"""What the build reads, and where: articles, notes, the glossary, pinned stories and docs/.

The I/O edge of the build. Articles are read whole (they are parsed); the pages under docs/
are read only when the build asks for one (hundreds of MB at 10,000 articles).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from atlas.paths import DATA, DOCS, FEED
from atlas.read.glossary import GLOSSARY
from atlas.read.pinned import STORIES

NOTES_SUFFIX = ".notes.md"
T = TypeVar("T")


@dataclass(frozen=True)
class Sources:
    """Everything the build reads, keyed by path relative to the project root."""

    articles: Mapping[str, bytes]  # articles/*.txt
    pages: Mapping[str, str]  # every docs/**/*.md the build may read, rewrite or delete
    notes: dict[str, str] = field(default_factory=dict)  # articles/*.notes.md
    glossary: str = ""  # includes/abbreviations.md
    stories: str = ""  # articles/stories.yml: pinned story pages


def source_files(root: Path) -> list[str]:
    """Every file the build reads (and may rewrite or delete under docs/), relative to root.

    os.walk and plain strings: pathlib's globbing costs seconds at 30,000 files."""
    found = [f"articles/{name}" for name in _names_in(root / "articles") if name.endswith((".txt", NOTES_SUFFIX))]
    base = len(str(root)) + 1
    for folder, _, names in os.walk(root / DOCS):
        relative = folder[base:].replace(os.sep, "/")
        inside_data = relative == f"{DOCS}/{DATA}"
        found += [f"{relative}/{name}" for name in names if (name.endswith(".md") or inside_data) and name[0] != "."]
    found += [name for name in (f"{DOCS}/{FEED}", GLOSSARY, STORIES) if (root / name).is_file()]
    return sorted(set(found))


def _names_in(folder: Path) -> list[str]:
    try:
        return [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except FileNotFoundError:
        return []


class _DiskFiles(Mapping[str, T]):
    """Files under root as a mapping whose contents are read when asked for."""

    def __init__(self, root: Path, names: list[str]) -> None:
        self._root = root
        self._names = tuple(names)
        self._known = frozenset(names)

    def _read(self, path: Path) -> T:
        raise NotImplementedError

    def __getitem__(self, name: str) -> T:
        if name not in self._known:
            raise KeyError(name)
        try:
            return self._read(self._root / name)
        except FileNotFoundError:  # deleted while the build ran: the stamps will tell
            raise KeyError(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class DiskPages(_DiskFiles[str]):
    """docs/: the build looks at each page once and keeps none it does not change (all of them
    would be about 700 MB at 10,000 articles)."""

    def _read(self, path: Path) -> str:
        return path.read_text(encoding="utf-8")


class DiskArticles(_DiskFiles[bytes]):
    """articles/*.txt: an article unchanged since the last build (by size and time) is not read
    again, its parse is in the memo (a third of a second at 10,000 articles)."""

    def _read(self, path: Path) -> bytes:
        return path.read_bytes()


def read_sources(root: Path) -> Sources:
    articles: list[str] = []
    notes: dict[str, str] = {}
    pages: list[str] = []
    glossary = stories = ""
    for name in source_files(root):
        path = root / name
        if name == GLOSSARY:
            glossary = path.read_text(encoding="utf-8")
        elif name == STORIES:
            stories = path.read_text(encoding="utf-8")
        elif name.endswith(NOTES_SUFFIX) and name.startswith("articles/"):
            notes[name] = path.read_text(encoding="utf-8")
        elif name.startswith("articles/"):
            articles.append(name)
        else:
            pages.append(name)
    return Sources(DiskArticles(root, articles), DiskPages(root, pages), notes, glossary, stories)


class OverlaidPages(Mapping[str, str]):
    """docs/ as it would be after some edits: pages added or replaced, pages removed.
    Lets a command plan the build its edits would give before it writes any of them."""

    def __init__(self, pages: Mapping[str, str], changed: Mapping[str, str], removed: frozenset[str]) -> None:
        self._pages = pages
        self._changed = changed
        self._removed = removed
        self._names = tuple(sorted((set(pages) | set(changed)) - removed))

    def __getitem__(self, name: str) -> str:
        if name in self._removed:
            raise KeyError(name)
        return self._changed[name] if name in self._changed else self._pages[name]

    def __contains__(self, name: object) -> bool:
        return name not in self._removed and (name in self._changed or name in self._pages)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def with_edits(sources: Sources, pages: Mapping[str, str], removed: frozenset[str] = frozenset(), notes: Mapping[str, str] | None = None) -> Sources:  # fmt: skip
    """The sources as they would be after writing `pages` (and `notes`) and deleting `removed`."""
    merged_notes = {**sources.notes, **(notes or {})}
    return Sources(sources.articles, OverlaidPages(sources.pages, pages, removed), merged_notes, sources.glossary, sources.stories)  # fmt: skip
