"""One build of docs/, shared by `scripts/build.py`, its `--watch` loop and the MkDocs hook.

Reads the sources, skips everything when the fingerprint says nothing changed, plans, and
writes only what changed. Before writing it reads the sources again: an edit saved while it
was planning makes it plan again, so a build never replaces a page from stale sources.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pickle
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from atlas.errors import AtlasError
from atlas.link.stories import CopyCache
from atlas.memo import SHARDS, ArticleMemo, shard_keys
from atlas.pipeline import Plan, plan_site
from atlas.publish import write
from atlas.publish.fingerprint import Stamp, after_writes, code_version, fingerprint, stamp
from atlas.read.sources import Sources, read_sources

CACHE = Path(".cache") / "atlas-build.json"
SETTLED_NS = 2_000_000_000  # an article file saved this recently is read again next time (memo.kept)
MEMO = Path(".cache") / "atlas-memo"  # per-article results (atlas/memo.py), and the pages' keys
PAGES = "pages.pickle"  # the pages' keys and the copy search's state; articles-<shard>.pickle hold the rest
OLD_MEMO = Path(".cache") / "atlas-articles.pickle"  # the single file of earlier versions
ATTEMPTS = 3  # plans made before giving up on sources that keep changing
# In a long-lived process (--watch, mkdocs serve) the memo stays loaded between rebuilds,
# rather than read back from .cache/ each time (about 1.7 s at 10,000 articles).
_RESIDENT: dict[tuple[Path, str], ArticleMemo] = {}


@dataclass(frozen=True)
class Options:
    excerpts: bool = False
    offline: bool = False
    site_url: str | None = None
    discard_edits: bool = False

    @classmethod
    def from_env(cls) -> Options:
        """The publishing settings, as scripts/publish.sh and the hosting workflow set them."""
        return cls(
            excerpts=os.environ.get("ATLAS_EXCERPTS", "0") == "1",
            offline=os.environ.get("ATLAS_OFFLINE", "false").lower() == "true",
            site_url=os.environ.get("ATLAS_SITE_URL") or None,
        )

    def code(self) -> str:
        """What besides the sources decides the output: the code, its data and these settings."""
        return code_version() + (" excerpts" if self.excerpts else "") + (" offline" if self.offline else "") + f" {self.site_url or ''}"  # fmt: skip


@dataclass
class Outcome:
    summary: str
    written: int = 0
    deleted: int = 0
    plan: Plan | None = None  # None when the fingerprint showed nothing to do
    notes: list[str] = field(default_factory=list)  # ambiguous names left unlinked
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.summary}; {self.written} file(s) written, {self.deleted} deleted"


class SourcesKeepChanging(AtlasError):
    exit_code = 4


def summary(plan: Plan) -> str:
    copies = f" in {plan.stories} stories" if plan.stories != plan.articles else ""
    return f"{plan.articles} article(s){copies}, {plan.entities} entities, {plan.mentions} mentions"


def unlinked_notes(plan: Plan) -> list[str]:
    return [
        f"note: '{u.surface}' in {u.article}#{u.block} is ambiguous ({', '.join(u.entities)}); left unlinked — bind it with a note"
        for u in plan.unlinked
    ]


class Planned(NamedTuple):
    sources: Sources
    plan: Plan
    changes: write.Changes
    stamp: Stamp  # the files as they were when read
    memo: ArticleMemo  # to save once the plan is on disk (save_memo)


def plan_current(root: Path, options: Options, stamped: Stamp | None = None, resident: bool = False) -> Planned:
    """A plan from sources that did not change while it was made (`stamped`: just taken).

    Per-article results are cached under .cache/ between builds, keyed by content (and kept in
    memory by a `resident` process)."""
    memo = _RESIDENT.pop((root, options.code()), None) if resident else None
    memo = memo if memo is not None else load_memo(root, options.code())
    for _ in range(ATTEMPTS):
        before = stamped or stamp(root)
        stamped = None
        sources = read_sources(root)
        with paused_gc():
            plan = plan_site(
                sources,
                discard_edits=options.discard_edits,
                excerpts=options.excerpts,
                offline=options.offline,
                site_url=options.site_url,
                memo=memo,
                stamps=before,
            )
        if stamp(root) == before:
            # The plan holds only pages that differ from the disk (it compared them as it went).
            changes = write.Changes(dict(sorted(plan.files.items())), tuple(plan.deletes), sources.pages)
            return Planned(sources, plan, changes, before, memo)
        # an edit landed while planning: plan from what is there now
    raise SourcesKeepChanging("the sources changed during each of 3 builds — wait for the edits to finish, then build again")  # fmt: skip


def rebuild(root: Path, options: Options, resident: bool = False) -> Outcome:
    """Bring docs/ up to date; raises AtlasError (InputError(s) for bad input) and writes nothing then.

    `resident`: keep the memo in this process for the next rebuild (a long-lived one)."""
    code = options.code()
    cached = read_cache(root)
    now = stamp(root)
    if cached.get("fingerprint") == fingerprint(now, code):
        return Outcome(cached["summary"])
    _, plan, changes, before, memo = plan_current(root, options, now, resident)
    write.apply(root, changes)
    after = after_writes(root, before, sorted(changes.writes), changes.deletes)
    kept = save_memo(root, code, memo, plan, after)
    if resident:
        _RESIDENT[(root, code)] = kept
    write_cache(root, fingerprint(after, code), summary(plan))
    return Outcome(summary(plan), len(changes.writes), len(changes.deletes), plan, unlinked_notes(plan), plan.warnings)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Planning allocates millions of small objects and frees few: the cyclic collector would
    walk them all again and again (a third of the time at 10,000 articles). Cycles left behind
    are collected once, afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_memo(root: Path, code: str) -> ArticleMemo:
    """The cached results of the same code, each file that is whole and of this code (a cache
    is never required: what is missing is computed again)."""
    with paused_gc():  # half a million records: the collector would walk them over and over (3x slower)
        pages = _load(root / MEMO / PAGES, code) or ({}, CopyCache(), {})
        shards = {name: shard for name in SHARDS if (shard := _load(root / MEMO / f"articles-{name}.pickle", code))}
    try:
        return ArticleMemo.from_shards(shards, *pages)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError):  # a file of another shape
        return ArticleMemo()


def _load(path: Path, code: str) -> tuple[object, ...] | None:
    try:
        with path.open("rb") as file:
            saved_code, *payload = pickle.load(file)
    except Exception:  # missing, truncated or from another version: start afresh
        return None
    return tuple(payload) if saved_code == code else None


def save_memo(root: Path, code: str, memo: ArticleMemo, plan: Plan, after: Stamp) -> ArticleMemo:
    """Once the plan is on disk (`after`: the files as it left them), so that a page is never
    kept that was not written. Best effort; only the shards whose entries changed are written,
    each renamed into place. Returns what the next build starts from."""
    groups = plan.reuse.recorded(after) if plan.reuse else {}
    kept = memo.kept(groups, settled_before=time.time_ns() - SETTLED_NS)
    try:
        (root / MEMO).mkdir(parents=True, exist_ok=True)
        for name, shard in kept.shards().items():
            keys = shard_keys(shard)
            if keys != memo.saved.get(name):
                _dump(root / MEMO / f"articles-{name}.pickle", (code, *shard))
            kept.saved[name] = keys
        if memo.stale(groups) or not (root / MEMO / PAGES).exists():
            _dump(root / MEMO / PAGES, (code, groups, kept.copies, kept.files))
        (root / OLD_MEMO).unlink(missing_ok=True)
    except OSError:
        pass
    return kept


def _dump(path: Path, value: tuple[object, ...]) -> None:
    partial = path.with_suffix(".partial")
    with partial.open("wb") as file:
        pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


def read_cache(root: Path) -> dict[str, str]:
    try:
        return json.loads((root / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_cache(root: Path, value: str, text: str) -> None:
    """Best effort: a cache that cannot be written only costs the next build its shortcut."""
    try:
        (root / CACHE).parent.mkdir(exist_ok=True)
        (root / CACHE).write_text(json.dumps({"fingerprint": value, "summary": text}) + "\n", encoding="utf-8")
    except OSError:
        pass
