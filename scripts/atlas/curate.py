"""Commands that edit the catalog: `build.py --draft`, `--draft-all` and `--merge`.

Each one plans the build its edits would give before writing any of them: it ends with a
build that passes, or writes nothing and says why in one line. A draft that would make the
build fail is left out and named with the reason; the others are written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from atlas.entity_types import TYPE_BY_FOLDER
from atlas.errors import AtlasError, InputError, InputErrors, raise_all
from atlas.ingest.accept import REJECTED
from atlas.ingest.merge import merge_pages
from atlas.link.corpus import Corpus
from atlas.link.countries import country_names, region_names
from atlas.link.drafts import Draft, choose_drafts, country_from_sentences, draft_for, draft_page, draft_slug
from atlas.link.duplicates import Duplicate, Named, find_duplicates, short_forms
from atlas.link.report import Candidate, missing_names
from atlas.memo import ArticleMemo
from atlas.model import Entity
from atlas.pipeline import Plan, plan_site
from atlas.publish import write
from atlas.publish.rebuild import Options, load_memo
from atlas.read.frontmatter import split_page
from atlas.read.regions import outside_region
from atlas.read.sources import Sources, read_sources, with_edits

ROUNDS = 3  # plans made to leave out the drafts that would fail the build


@dataclass
class Drafting:
    """What --draft / --draft-all would write, and what it leaves out and why."""

    pages: dict[str, str] = field(default_factory=dict)  # path → text
    drafts: dict[str, Draft] = field(default_factory=dict)  # path → the draft
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)

    def lines(self, dry_run: bool) -> list[str]:
        verb = "would draft" if dry_run else "drafted"
        out = [
            f"{verb} {path} — {d.folder}{' (type uncertain)' if d.uncertain else ''}: {d.evidence}"
            for path, d in self.drafts.items()
        ]
        return out + [f"skipped '{name}': {reason}" for name, reason in self.skipped]


def candidates_of(plan: Plan) -> list[Candidate]:
    assert plan.corpus is not None
    corpus = plan.corpus
    return missing_names(corpus.articles, corpus.mentions, plan.undefined, country_names(), region_names())


def plan_drafts(sources: Sources, names: list[str], folder: str | None, memo: ArticleMemo | None = None) -> Drafting:
    """The drafts for the names (every likely name when none are given), checked against the
    build they would give. Naming an existing page is an error; --draft-all skips it. `memo`
    (the build's cached parses) only saves time."""
    memo = memo if memo is not None else ArticleMemo()
    plan = plan_site(sources, memo=memo)
    assert plan.corpus is not None
    corpus = plan.corpus
    candidates = candidates_of(plan)
    by_name = {c.name: c for c in candidates}
    drafting = Drafting()
    if names:
        chosen = [draft_for(name, by_name.get(name), folder) for name in names]
        raise_all([e for d in chosen if (e := _existing(sources, d)) is not None])
    else:
        entities = list(corpus.entities.values())
        kept, drafting.skipped = choose_drafts(candidates, entities, short_forms(corpus.articles), stories_of(corpus))
        chosen = []
        for candidate in kept:
            draft = draft_for(candidate.name, candidate, folder)
            if (error := _existing(sources, draft)) is not None:
                drafting.skipped.append((candidate.name, f"a page has its slug: {error.path}"))
            else:
                chosen.append(draft)
    countries = {e.slug for e in corpus.entities.values() if e.type == "countries"}
    for draft in chosen:
        if draft.path in drafting.pages:
            drafting.skipped.append((draft.name, f"another draft of this run has its slug: {draft.path}"))
            continue
        country = None if draft.folder == "countries" else country_from_sentences(draft.name, corpus.articles, corpus.mentions, countries)  # fmt: skip
        drafting.pages[draft.path] = draft_page(draft, country)
        drafting.drafts[draft.path] = draft
    _leave_out_failing(sources, drafting, memo)
    return drafting


def _existing(sources: Sources, draft: Draft) -> InputError | None:
    """An error naming the page that already has the draft's slug, in any folder."""
    slug = draft_slug(draft.name)
    where = next((p for p in sources.pages if PurePosixPath(p).stem == slug and PurePosixPath(p).parent.name in TYPE_BY_FOLDER), None)  # fmt: skip
    if where is None:
        return None
    generated = "\ngenerated_from: " in sources.pages.get(where, "").split("\n---\n", 1)[0]
    fix = (
        "it is a generated page: adopt it by deleting its 'generated_from' line and its last line, then edit it"
        if generated
        else "edit that page instead (add the name to its aliases)"
    )
    return InputError(where, None, f"'{draft.name}' would be drafted here, but the page exists", fix)


def _leave_out_failing(sources: Sources, drafting: Drafting, memo: ArticleMemo) -> None:
    """Plan the build with the drafts; leave out each draft an error is about. An error about
    no draft means the project did not build before: that is raised, and nothing is written."""
    for _ in range(ROUNDS):
        errors = _build_errors(sources, drafting.pages, memo)
        if not errors:
            return
        blamed = {path for error in errors for path in drafting.pages if _about(error, path, drafting.drafts[path])}
        if not blamed:
            blamed = {p for p in drafting.pages if _build_errors(sources, {p: drafting.pages[p]}, memo)}
        if not blamed:
            raise InputErrors(errors)
        for path in sorted(blamed):
            reason = next((str(e) for e in errors if _about(e, path, drafting.drafts[path])), "the build fails with it")
            drafting.skipped.append((drafting.drafts[path].name, f"the build would fail: {reason}"))
            del drafting.pages[path], drafting.drafts[path]
    if _build_errors(sources, drafting.pages, memo):
        drafting.skipped += [(d.name, "the build still fails with the drafts") for d in drafting.drafts.values()]
        drafting.pages.clear()
        drafting.drafts.clear()


def _about(error: InputError, path: str, draft: Draft) -> bool:
    return error.path == path or path in error.message or f"'{draft.name}'" in error.message


def _build_errors(sources: Sources, pages: dict[str, str], memo: ArticleMemo) -> list[InputError]:
    try:
        plan_site(with_edits(sources, pages), memo=memo)
    except InputErrors as errors:
        return list(errors.errors)
    except InputError as error:
        return [error]
    return []


def write_drafts(
    root: Path,
    names: list[str],
    folder: str | None,
    dry_run: bool,
    say: Callable[[str], None],
    build: Callable[[], None],
) -> None:
    """--draft / --draft-all: write the drafts that keep the build passing, say what, then `build`."""
    drafting = plan_drafts(read_sources(root), names, folder, load_memo(root, Options().code()))
    for line in drafting.lines(dry_run):
        say(line)
    if dry_run:
        return
    if not drafting.pages:
        say("nothing drafted")
        return
    write.apply(root, write.compare(drafting.pages, [], {path: None for path in drafting.pages}))  # type: ignore[dict-item]
    try:
        build()
    except AtlasError:
        write.apply(root, write.compare({}, list(drafting.pages), {p: "" for p in drafting.pages}))
        raise


def report_duplicates(corpus: Corpus, candidates: list[Candidate]) -> list[Duplicate]:
    """Likely duplicates among the pages, the drafts and the report's likely names."""
    stories = stories_of(corpus)
    pages = [Named(e.name, e.type, e.path, e.aliases, stories.get(e.slug, frozenset())) for e in corpus.entities.values() if not e.generated]  # fmt: skip
    names = [Named(c.name, c.type, "report", (), frozenset(c.stories)) for c in candidates if c.kind == "name"]
    return find_duplicates([*pages, *names], short_forms(corpus.articles))


def stories_of(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Entity slug → the stories that mention it."""
    found: dict[str, set[str]] = {}
    for mention in corpus.mentions:
        found.setdefault(mention.entity, set()).add(mention.article)
    return {slug: frozenset(stories) for slug, stories in found.items()}


def merge(root: Path, source: str, into: str, dry_run: bool, say: Callable[[str], None], build: Callable[[], None]) -> None:  # fmt: skip
    """--merge SOURCE INTO: fold one entity page into another, check the build it gives, write, build."""
    sources = read_sources(root)
    plan = plan_site(sources)
    assert plan.corpus is not None
    entities = plan.corpus.entities
    old, new = _page_named(source, entities, sources), _page_named(into, entities, sources)
    if old.slug == new.slug:
        raise InputError(old.path, None, "a page cannot be merged into itself", "name two different pages: --merge SOURCE INTO")  # fmt: skip
    pages = {e.path: sources.pages[e.path] for e in entities.values() if not e.generated}
    rejected = (root / REJECTED).read_text(encoding="utf-8") if (root / REJECTED).is_file() else ""
    own_text = split_page(outside_region(pages[old.path]).replace("\r\n", "\n"), old.path).body
    merged = merge_pages(old, new, pages, sources.notes, rejected, REJECTED, own_text)
    lines = [f"{'would merge' if dry_run else 'merged'} {old.path} into {new.path}:"]
    lines += [f"  {line}" for line in merged.moved]
    lines.append(f"  {old.path} {'would be' if dry_run else 'is'} deleted; its address redirects to {new.path}")
    docs = {p: t for p, t in merged.writes.items() if p.startswith("docs/")}
    notes = {p: t for p, t in merged.writes.items() if p in sources.notes}
    plan_site(with_edits(sources, docs, frozenset(merged.deletes), notes))  # raises, writing nothing, if it would fail
    for line in lines:
        say(line)
    if dry_run:
        return
    existing = {path: None for path in merged.writes}
    existing.update({path: "" for path in merged.deletes})
    write.apply(root, write.compare(merged.writes, merged.deletes, existing))  # type: ignore[arg-type]
    build()


def _page_named(given: str, entities: Mapping[str, Entity], sources: Sources) -> Entity:
    """An entity page by its path (docs/people/x.md), folder and slug (people/x) or slug (x)."""
    slug = PurePosixPath(given).stem if given.endswith(".md") or "/" in given else given
    entity = entities.get(slug)
    path = given if given.endswith(".md") else f"docs/{given}.md" if "/" in given else None
    if entity is not None and path is not None and entity.path != path:
        entity = None
    if entity is None:
        raise InputError(given, None, "no entity page has this path or slug", "give a page as docs/<type>/<slug>.md, <type>/<slug> or <slug>")  # fmt: skip
    if entity.generated:
        raise InputError(entity.path, None, "this page is generated by the build, so it cannot be merged", "adopt it first: delete its 'generated_from' line and its last line")  # fmt: skip
    return entity
