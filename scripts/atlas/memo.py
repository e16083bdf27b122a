"""Per-article results kept between builds, keyed by each article's content. Pure data.

Parsing an article, sampling it for the copy search, finding its mentions and what it
reports (quotations, dated events) depend on its file alone (and on the catalog's names and
types, and the notes that bind its words): at thousands of articles they are most of a
build. `publish/rebuild.py` loads and saves the memo; the pipeline reads and fills it. A
memo never changes what a build writes, only how soon (tested: equal output with and without
one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from atlas.link.acronyms import Definition
from atlas.link.annotate import Unlinked
from atlas.link.corpus import Report
from atlas.link.relations import Places
from atlas.link.stories import CopyCache
from atlas.model import Article, Mention

T = TypeVar("T")
FileStamp = tuple[int, int]  # a file's size and modification time (ns)
Group = tuple[str, dict[str, FileStamp]]  # a page group's key, and each page as the build that rendered it left it
Linked = tuple[list[Mention], list[Unlinked], list[Definition]]  # mentions, ambiguous names, acronyms with no entity
Parsed = tuple[Article, tuple[int, ...]]  # an article and its copy-search sample
Exported = tuple[str, str]  # an article's lines of mentions.json and rows of mentions.csv
Shard = tuple[
    dict[str, Parsed], dict[str, Linked], dict[str, Report], dict[str, Places], dict[str, Exported]
]  # per-article results whose keys share a first character
# Per-article results are saved in shards by the first character of their key (each key opens
# with the article's SHA-256 in hex): adding one article rewrites one sixteenth of them.
SHARDS = "0123456789abcdef"


def content_key(path: str, data: bytes) -> str:
    return hashlib.sha256(path.encode() + b"\0" + data).hexdigest()


def digest(*parts: object) -> str:
    """A key for anything a result is computed from (render/reuse.py keys page groups with it)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@dataclass
class ArticleMemo:
    parsed: dict[str, Parsed] = field(default_factory=dict)  # key → (article, copy sample)
    linked: dict[str, Linked] = field(default_factory=dict)  # key + the catalog's names → its mentions
    reported: dict[str, Report] = field(default_factory=dict)  # key + names, types, bindings → what it reports
    evidence: dict[str, Places] = field(default_factory=dict)  # key + the relations' quotes → where they match
    exported: dict[str, Exported] = field(default_factory=dict)  # key + names, bindings → its rows of the exports
    groups: dict[str, Group] = field(default_factory=dict)  # the pages' keys (render/reuse.py)
    copies: CopyCache = field(default_factory=CopyCache)  # the copy search's candidates and decisions
    used: set[str] = field(default_factory=set)  # keys this build asked for
    added: int = 0  # entries this build computed
    saved: dict[str, frozenset[str]] = field(default_factory=dict)  # each shard's keys, as its file holds them
    files: dict[str, tuple[FileStamp, str]] = field(default_factory=dict)  # article path → (its stamp, content key)
    restamped: bool = False  # this build learnt an article file's stamp

    @classmethod
    def from_shards(
        cls,
        shards: dict[str, Shard],
        groups: dict[str, Group],
        copies: CopyCache,
        files: dict[str, tuple[FileStamp, str]],
    ) -> ArticleMemo:
        memo = cls(groups=groups, copies=copies, files=files)
        for name, shard in shards.items():
            for table, part in zip(memo.tables(), shard, strict=True):
                table.update(part)
            memo.saved[name] = shard_keys(shard)
        return memo

    def shards(self) -> dict[str, Shard]:
        found: dict[str, Shard] = {name: ({}, {}, {}, {}, {}) for name in SHARDS}
        for index, table in enumerate(self.tables()):
            for key, value in table.items():
                found.setdefault(key[0], ({}, {}, {}, {}, {}))[index][key] = value  # type: ignore[index]
        return found

    def tables(self) -> Shard:
        return self.parsed, self.linked, self.reported, self.evidence, self.exported

    def parse(self, key: str, compute: Callable[[], Parsed]) -> Parsed:
        return self._get(self.parsed, key, compute)

    def parsed_key(self, path: str, stamp: FileStamp | None) -> str | None:
        """The content key of an article file parsed before and unchanged since (by size and
        time, as the build's other shortcuts judge a file): its bytes need not be read."""
        known = self.files.get(path)
        if known is None or known[0] != stamp or known[1] not in self.parsed:
            return None
        self.used.add(known[1])
        return known[1]

    def remember(self, path: str, stamp: FileStamp | None, key: str) -> None:
        if stamp is not None and self.files.get(path) != (stamp, key):
            self.files[path] = (stamp, key)
            self.restamped = True

    def link(self, key: str, compute: Callable[[], Linked]) -> Linked:
        return self._get(self.linked, key, compute)

    def report(self, key: str, compute: Callable[[], Report]) -> Report:
        return self._get(self.reported, key, compute)

    def export(self, key: str, compute: Callable[[], Exported]) -> Exported:
        return self._get(self.exported, key, compute)

    def places(self, keys: dict[str, str], compute: Callable[[list[str]], dict[str, Places]]) -> dict[str, Places]:
        """Each article's evidence places (slug → key → places); those not cached are worked out
        by one call for all of them (`compute(slugs)`): one scan per quote, not one per article."""
        missing = [slug for slug, key in keys.items() if key not in self.evidence]
        if missing:
            computed = compute(missing)
            self.evidence.update((keys[slug], computed[slug]) for slug in missing)
            self.added += len(missing)
        self.used.update(keys.values())
        return {slug: self.evidence[key] for slug, key in keys.items()}

    def _get(self, table: dict[str, T], key: str, compute: Callable[[], T]) -> T:
        self.used.add(key)
        if key not in table:
            table[key] = compute()
            self.added += 1
        return table[key]

    def kept(self, groups: dict[str, Group], settled_before: int | None = None) -> ArticleMemo:
        """What this build used (entries of removed or edited articles are dropped), and its pages.

        An article's stamp is kept only if the file is older than `settled_before` (ns): a save
        in the same tick of the clock as the build's read would leave size and time as they
        were (git calls such files racily clean)."""
        copies = CopyCache(self.copies.keys, self.copies.candidates, self.copies.decisions)
        return ArticleMemo(
            *({k: v for k, v in table.items() if k in self.used} for table in self.tables()),
            groups,
            copies,
            files={
                path: known
                for path, known in self.files.items()
                if known[1] in self.used and (settled_before is None or known[0][1] < settled_before)
            },
        )

    def stale(self, groups: dict[str, Group]) -> bool:
        """The pages' keys and the copy search are worth saving again: entries were added or
        dropped, pages or article stamps changed, or the copy search compared anything."""
        changed = (
            bool(self.added) or self.restamped or sum(map(len, self.tables())) > len(self.used) or groups != self.groups
        )
        return changed or bool(self.copies.compared)


def shard_keys(shard: Shard) -> frozenset[str]:
    """What a shard holds: entries are keyed by what they are computed from, so the same keys
    mean the same content."""
    return frozenset().union(*shard)
