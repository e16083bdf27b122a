"""Pages whose inputs are the same as at the last build keep what is on disk. Pure.

A group of pages (an article's page; an entity's page; an entity's lists) is keyed by a
digest of what it is rendered from: the catalog, relations and notes that every page may
show, and the articles the group draws on, by content. When the key is the one the last
build recorded and its pages are still on disk, the group is not rendered again: adding one
article to ten thousand renders the pages of what it names, not every page. A group may hold
groups of its own (named `<outer>::<part>`): when the outer one changes, only the parts whose
keys changed are rendered; when it is kept, so are they. The memo that
carries the keys between builds only saves time (tested: equal output with and without).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from atlas.memo import FileStamp, Group

NESTED = "::"  # between an outer group's name and a part's (no path or slug holds it)


@dataclass
class PageReuse:
    """A page is kept only if its group's key is unchanged and the file is exactly as the
    build left it (same size and time): a page restored by git, or written by another
    version of the code, is rendered again."""

    before: Mapping[str, Group]  # the last build's groups
    on_disk: Mapping[str, FileStamp]  # docs/ now
    now: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # this build's: (key, paths)
    _parts: dict[str, list[str]] | None = None  # outer group → the groups nested in it last time

    def group(self, name: str, key: str, render: Callable[[], Mapping[str, str | None]]) -> dict[str, str | None]:
        """The group's pages: rendered, or None for each page kept as it is on disk (`render`
        may itself keep some, through groups nested in this one)."""
        previous = self.before.get(name)
        if previous and previous[0] == key and all(self.on_disk.get(p) == s for p, s in previous[1].items()):
            self.now[name] = (key, tuple(previous[1]))
            for part in self._nested().get(name, ()):
                self.now[part] = (self.before[part][0], tuple(self.before[part][1]))
            return dict.fromkeys(previous[1])
        pages = render()
        self.now[name] = (key, tuple(sorted(pages)))
        return dict(pages)

    def _nested(self) -> dict[str, list[str]]:
        if self._parts is None:
            self._parts = {}
            for name in self.before:
                outer, _, _ = name.rpartition(NESTED)
                if outer:
                    self._parts.setdefault(outer, []).append(name)
        return self._parts

    def recorded(self, after: Mapping[str, FileStamp]) -> dict[str, Group]:
        """This build's groups, with their pages as the build left them on disk."""
        return {name: (key, {p: after[p] for p in paths if p in after}) for name, (key, paths) in self.now.items()}
