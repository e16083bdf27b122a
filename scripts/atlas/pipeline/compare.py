"""The compare stage: each page the render stage makes, held against docs/ as it is.

Pages are compared as soon as they are rendered, so only the changed ones stay in memory
(all of them would be about 700 MB at 10,000 articles). Hand edits inside generated text are
refused here (unless discarded), and generated pages no source produces any more are deleted.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field

from atlas.entity_types import GENERATED_FOLDERS
from atlas.errors import EditConflict, InputError, raise_all
from atlas.link.acronyms import Definition
from atlas.link.annotate import Unlinked
from atlas.link.corpus import Corpus
from atlas.paths import DATA, DOCS
from atlas.pipeline.link import LinkedCorpus
from atlas.read.regions import DISCARD_HINT, check_sealed, current_region, seal, sha256, splice_region
from atlas.read.sources import Sources
from atlas.render.data_page import data_manifest
from atlas.render.entity import entity_region
from atlas.render.indexes import home_region
from atlas.render.reuse import PageReuse

HOME = f"{DOCS}/index.md"


@dataclass
class Plan:
    files: dict[str, bytes]  # path → content (UTF-8) of each page the build changes or adds
    deletes: list[str]  # generated pages whose source is gone
    articles: int = 0
    entities: int = 0
    mentions: int = 0
    unlinked: list[Unlinked] = field(default_factory=list)
    corpus: Corpus | None = None
    warnings: list[str] = field(default_factory=list)  # not errors: the build goes on; --report lists them
    undefined: list[tuple[str, Definition]] = field(default_factory=list)  # (article, acronym with no entity)
    stories: int = 0
    reuse: PageReuse | None = None  # which pages were kept, for the memo of the next build
    kept: set[str] = field(default_factory=set)  # pages that stay exactly as they are on disk


@dataclass
class Output:
    """The plan's pages, each checked against the disk as soon as it is rendered."""

    on_disk: Mapping[str, str]
    discard_edits: bool
    files: dict[str, bytes] = field(default_factory=dict)  # what to write, UTF-8
    kept: set[str] = field(default_factory=set)  # pages that stay as they are on disk
    errors: list[InputError] = field(default_factory=list)

    def page(self, path: str, content: str | None, source: str) -> None:
        """A fully generated page; None keeps it (page reuse: exactly as a build left it, not even read)."""
        if content is None:
            self.kept.add(path)
            return
        existing = self.on_disk.get(path)
        try:
            if existing is not None:
                check_sealed(existing, path, source, self.discard_edits)
        except InputError as error:
            self.errors.append(error)
        self.plan(path, seal(content, source), existing)

    def plan(self, path: str, content: str, existing: str | None) -> None:
        """Write the page, or keep it when it is the same: only changed pages stay in memory, as
        UTF-8 (a str holding one curly quote takes two bytes a character: 700 MB, not 350, at 10,000)."""
        if content == existing:
            self.kept.add(path)
        else:
            self.files[path] = content.encode()


def compare_stage(
    out: Output,
    linked: LinkedCorpus,
    regions: dict[str, str | None],
    exports: dict[str, str],
    sources: Sources,
    reuse: PageReuse,
) -> Plan:
    """Add the data files and the hand-editable pages, find stale pages, raise every conflict."""
    _data_files(out, exports, sources)
    _spliced_pages(out, linked, regions, sources)
    deletes = _stale_generated(sources, out.files.keys() | out.kept)
    for path in deletes:
        try:
            check_sealed(sources.pages[path], path, "its article (now removed)", out.discard_edits)
        except InputError as error:
            out.errors.append(error)
    raise_all(out.errors)
    corpus = linked.corpus
    return Plan(
        out.files,
        deletes,
        linked.article_count,
        len(linked.entities),
        len(corpus.mentions),
        linked.unlinked,
        corpus,
        linked.warnings,
        linked.undefined,
        len(linked.stories),
        reuse,
        out.kept,
    )


def _data_files(out: Output, exports: dict[str, str], sources: Sources) -> None:
    """Data files cannot carry a checksum trailer: the data page lists theirs instead."""
    manifest = data_manifest(sources.pages.get(f"{DOCS}/data.md", ""))
    for path, content in exports.items():
        existing = sources.pages.get(path)
        if existing is not None and not out.discard_edits and manifest.get(path) != sha256(existing):
            out.errors.append(
                EditConflict(
                    path,
                    None,
                    "this generated data file was edited by hand",
                    f"edit its sources instead, {DISCARD_HINT}",
                )
            )
        out.plan(path, content, existing)


def _spliced_pages(out: Output, linked: LinkedCorpus, regions: dict[str, str | None], sources: Sources) -> None:
    """Hand-written entity pages and the home page: their generated region replaced in place."""
    spliced = [(e.path, regions[e.slug], e) for e in linked.entities if not e.generated]
    spliced.append((HOME, home_region(linked.corpus), None))
    for path, region, entity in spliced:
        on_disk = sources.pages.get(path)
        existing = _new_home() if on_disk is None else on_disk
        if region is None and entity is not None and current_region(existing) is None:
            region = entity_region(entity, linked.corpus)  # the kept page lost its region: write it afresh
        try:
            page = existing if region is None else splice_region(existing, region, path, out.discard_edits)
            out.plan(path, page, on_disk)
        except InputError as error:
            out.errors.append(error)


def _stale_generated(sources: Sources, produced: Set[str]) -> list[str]:
    """Pages in the build's own folders that no source produces any more."""
    owned = tuple(f"{DOCS}/{folder}/" for folder in (*GENERATED_FOLDERS, DATA))
    stale = {p for p in sources.pages if p.startswith(owned) and p not in produced}
    stale |= {p for p in sources.pages if p not in produced and _is_redirect(sources.pages[p])}
    return sorted(stale)


def _is_redirect(text: str) -> bool:
    head = text.split("\n---\n", 1)[0]
    return text.startswith("---\n") and ("\nredirect_to: " in head or "\ngenerated_from: " in head)


def _new_home() -> str:
    return "# Facial recognition and policing\n"
