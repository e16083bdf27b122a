"""The build as a chain of stages, pure between the I/O edges (`read_sources`, `publish.write`):

    sources ─ read ─> Read ─ link ─> LinkedCorpus ─ render ─> pages ─ compare ─> Plan

read (pipeline/read.py): articles parsed, the catalog checked, pinned stories;
link (pipeline/link.py): stories, relations, notes, mentions, the corpus every view draws on;
render (pipeline/render.py): every generated page, kept when its inputs are unchanged;
compare (pipeline/compare.py): each page against docs/ as soon as it is made, hand edits
refused, stale pages found. Each stage raises its input errors, all independent ones together.
"""

from __future__ import annotations

from collections.abc import Mapping

from atlas.memo import ArticleMemo, FileStamp
from atlas.pipeline.compare import Output, Plan, compare_stage
from atlas.pipeline.link import link_stage
from atlas.pipeline.read import existing_articles, read_stage
from atlas.pipeline.render import render_stage
from atlas.pipeline.settings import Settings
from atlas.read.sources import Sources
from atlas.render.reuse import PageReuse

__all__ = ["Plan", "existing_articles", "plan_site"]


def plan_site(
    sources: Sources,
    discard_edits: bool = False,
    excerpts: bool = False,
    offline: bool = False,
    site_url: str | None = None,
    memo: ArticleMemo | None = None,
    stamps: Mapping[str, FileStamp] | None = None,
) -> Plan:
    """What docs/ should hold. Raises InputError(s), all independent ones together.

    `memo` holds per-article results and page keys of earlier builds, `stamps` the size and
    time of each file now: together they let unchanged pages be kept. They only save time."""
    settings = Settings(discard_edits, excerpts, offline, site_url)
    memo = memo if memo is not None else ArticleMemo()
    reuse = PageReuse(memo.groups if stamps is not None and not discard_edits else {}, stamps or {})
    read = read_stage(sources, memo, stamps)
    linked = link_stage(read, sources, memo, settings)
    out = Output(sources.pages, discard_edits)
    rendered = render_stage(linked, settings, reuse, out, memo)
    return compare_stage(out, linked, rendered.regions, rendered.exports, sources, reuse)
