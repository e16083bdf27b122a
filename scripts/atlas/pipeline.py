"""The build: read sources → parse and validate everything → render a plan → compare.

`read_sources` and `build.write` are the I/O edges; `plan_site` in between is pure.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from atlas.entity_types import ENTITY_TYPES, GENERATED_FOLDERS, TYPE_BY_FOLDER
from atlas.errors import EditConflict, InputError, raise_all
from atlas.link.acronyms import Definition, apply_definitions, definitions
from atlas.link.annotate import Matcher, Phrase, Unlinked, annotate, apply_bindings
from atlas.link.corpus import Corpus
from atlas.link.countries import GENERATED_FROM, country_catalog
from atlas.link.relations import Relation, parse_relations, resolve_relations
from atlas.link.stories import group_stories, sample
from atlas.memo import ArticleMemo, FileStamp, Linked, content_key, digest
from atlas.model import Article, Entity, Mention
from atlas.paths import DATA, DOCS, FEED
from atlas.read.article import decode, parse_article
from atlas.read.catalog import check_catalog, entity_from_page
from atlas.read.frontmatter import Page, split_page
from atlas.read.glossary import GLOSSARY, parse_glossary
from atlas.read.notes import UNLINK, PlacedNote, parse_notes
from atlas.read.pinned import STORIES, parse_pinned
from atlas.read.regions import DISCARD_HINT, check_sealed, current_region, seal, sha256, splice_region
from atlas.read.selectors import describe, find_quote
from atlas.read.sources import NOTES_SUFFIX, Sources
from atlas.render.article import render_article
from atlas.render.data_page import data_manifest, render_data_page
from atlas.render.dataset import render_who_uses_what
from atlas.render.entity import ALONGSIDE_LIMIT, ARTICLES_QUOTED, entity_region, quote_article, render_generated_entity
from atlas.render.exports import export_files
from atlas.render.feed import render_feed
from atlas.render.indexes import (
    article_row,
    home_region,
    old_address,
    render_articles_index,
    render_copy_redirect,
    render_drafts_page,
    render_redirect,
    render_relation_type_pages,
    render_relations_page,
    render_type_index,
)
from atlas.render.links import article_page, type_index
from atlas.render.lists import alongside_page, article_year_pages, entity_year_pages
from atlas.render.reuse import PageReuse
from atlas.render.views import (
    render_glossary,
    render_quote_pages,
    render_quotes,
    render_timeline,
    render_timeline_years,
    render_topic,
    render_topic_years,
    render_topics_index,
)

SITE_NAME = "Facial recognition & policing atlas"  # as in mkdocs.yml; the feed's title
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
class _Loaded:
    articles: list[Article] = field(default_factory=list)  # those that parse
    keys: dict[str, str] = field(default_factory=dict)  # slug → content key (memo.content_key)
    samples: dict[str, tuple[int, ...]] = field(default_factory=dict)  # slug → sample for the copy search
    errors: list[InputError] = field(default_factory=list)


def _load_articles(sources: Sources, memo: ArticleMemo) -> _Loaded:
    loaded = _Loaded()
    for path, data in sorted(sources.articles.items()):
        slug = PurePosixPath(path).stem
        try:
            if slug == "index":
                raise InputError(path, None, "an article may not be called 'index'", "rename the file")
            key = content_key(path, data)
            article, loaded.samples[slug] = memo.parse(key, functools.partial(_parse, data, path, slug))
            loaded.articles.append(article)
            loaded.keys[slug] = key
        except InputError as error:
            loaded.errors.append(error)
    return loaded


def _parse(data: bytes, path: str, slug: str) -> tuple[Article, tuple[int, ...]]:
    article = parse_article(decode(data, path), path, slug)
    return article, sample(article)


def existing_articles(root: Path) -> list[Article]:
    """The articles already in articles/ that parse (for commands that add one)."""
    articles = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "articles").glob("*.txt"))}
    return _load_articles(Sources(articles, {}), ArticleMemo()).articles


def _entity_paths(sources: Sources) -> list[tuple[str, str, str]]:
    """(path, folder, slug) of every entity page."""
    found = []
    for path in sorted(sources.pages):
        parts = PurePosixPath(path).parts
        if len(parts) == 3 and parts[1] in TYPE_BY_FOLDER and parts[2] != "index.md":
            found.append((path, parts[1], PurePosixPath(path).stem))
    return found


def _load_catalog(sources: Sources) -> tuple[list[Entity], dict[str, Page], list[InputError]]:
    entities: list[Entity] = []
    pages: dict[str, Page] = {}
    errors: list[InputError] = []
    for path, folder, slug in _entity_paths(sources):
        try:
            page = split_page(sources.pages[path], path)
        except InputError as error:
            errors.append(error)
            continue
        if "redirect_to" in page.data or "generated_from" in page.data:
            continue  # a page the build wrote: a redirect for a renamed entity, or a country page
        entity, problems = entity_from_page(page, path, folder, slug)
        errors.extend(problems)
        if entity is not None:
            entities.append(entity)
            pages[path] = page
    return entities, pages, errors


def _load_relations(
    entities: list[Entity],
    pages: dict[str, Page],
    articles: list[Article],
    page_of: dict[str, str],
    targets: dict[str, Entity],
) -> tuple[list[Relation], list[InputError], list[str]]:
    specs, errors = [], []
    for entity in entities:
        page = pages[entity.path]
        if "relations" not in page.data:
            continue
        found, problems = parse_relations(
            entity, page.data["relations"], page.item_lines.get("relations", []), page.key_lines["relations"]
        )
        specs.extend(found)
        errors.extend(problems)
    relations, problems, warnings = resolve_relations(specs, targets, articles, page_of)
    return relations, errors + problems, warnings


def _load_notes(
    sources: Sources, articles: list[Article], entities: dict[str, Entity], page_of: dict[str, str]
) -> tuple[list[PlacedNote], list[InputError], list[str]]:
    by_slug = {a.slug: a for a in articles}
    placed: list[PlacedNote] = []
    errors: list[InputError] = []
    warnings: list[str] = []
    for path, text in sorted(sources.notes.items()):
        slug = PurePosixPath(path).name.removesuffix(NOTES_SUFFIX)
        article = by_slug.get(slug)
        if article is None and slug in page_of:
            warnings.append(f"{path}: these notes are on a copy of articles/{page_of[slug]}.txt, whose page shows the story — move them to {page_of[slug]}{NOTES_SUFFIX}, or pin this copy in {STORIES}")  # fmt: skip
            continue
        if article is None:
            errors.append(InputError(path, None, f"no article articles/{slug}.txt for these notes", "rename the notes file after its article"))  # fmt: skip
            continue
        try:
            notes = parse_notes(text, path, slug)
        except InputError as error:
            errors.append(error)
            continue
        for note in notes:
            if note.entity is not None and note.entity != UNLINK and note.entity not in entities:
                close = difflib.get_close_matches(note.entity, entities, n=1)
                fix = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else f"create docs/<type>/{note.entity}.md, or write entity=none"
                )
                errors.append(InputError(path, note.line, f"note binds '{note.entity}', which has no page", fix))
                continue
            found = find_quote(note.quote, [article])
            if len(found) == 1:
                placed.append(PlacedNote(note, found[0]))
                continue
            problem = f"matches {len(found)} places" if found else "is not"
            fix = 'add prefix="…" or suffix="…" to choose one' if found else "copy the exact words from the article"
            errors.append(InputError(path, note.line, f"note quote {describe(note.quote)} {problem} in {article.path}", fix))  # fmt: skip
    return placed, errors, warnings


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
    memo = memo if memo is not None else ArticleMemo()
    reuse = PageReuse(memo.groups if stamps is not None and not discard_edits else {}, stamps or {})
    loaded = _load_articles(sources, memo)
    all_articles, keys = loaded.articles, loaded.keys
    entities, pages, catalog_errors = _load_catalog(sources)
    countries = country_catalog(entities)
    if not catalog_errors:
        catalog_errors = check_catalog(entities, pages, countries.generated)
    pinned, pin_errors = parse_pinned(sources.stories, {a.slug for a in all_articles})
    raise_all(loaded.errors + catalog_errors + pin_errors)
    # Copies of one story count once: only each story's page is annotated and shown.
    stories = group_stories(all_articles, pinned, loaded.samples)
    articles = [story.page for story in stories]
    page_of = {copy.slug: story.page.slug for story in stories for copy in story.copies}
    by_slug = {e.slug: e for e in [*countries.generated, *entities]}
    relations, relation_errors, warnings = _load_relations(entities, pages, all_articles, page_of, by_slug)
    notes, note_errors, note_warnings = _load_notes(sources, articles, by_slug, page_of)
    glossary_errors: list[InputError] = []
    try:
        glossary = parse_glossary(sources.glossary)
    except InputError as error:
        glossary, glossary_errors = [], [error]
    raise_all(relation_errors + note_errors + glossary_errors)

    matcher = Matcher(entities, countries.names, countries.phrases)  # countries match by their ISO names only
    mentions: list[Mention] = []
    unlinked: list[Unlinked] = []
    undefined: list[tuple[str, Definition]] = []  # acronyms defined by a name the catalog lacks
    named = _names(entities, countries.names)
    names_key = _names_key(entities, countries.names, countries.phrases)
    for article in articles:
        found, ambiguous, missing = memo.link(keys[article.slug] + names_key, functools.partial(_link, article, matcher, named))  # fmt: skip
        mentions.extend(found)
        unlinked.extend(ambiguous)
        undefined.extend((article.slug, d) for d in missing)
    mentions, unlinked = apply_bindings(mentions, unlinked, _bindings(notes, articles))
    # A generated country page exists while an article names it or an entity refers to it.
    wanted = {m.entity for m in mentions} | {e.country for e in entities} | {e.parent for e in entities}
    wanted |= {r.target for r in relations}
    entities = [*entities, *(c for c in countries.generated if c.slug in wanted)]
    by_slug = {e.slug: e for e in entities}
    corpus = Corpus(
        articles,
        by_slug,
        mentions,
        notes,
        relations,
        glossary,
        excerpts,
        directory_urls=not offline,
        site_url=site_url,
        copies={story.page.slug: story.copies for story in stories if story.copies},
    )

    # What every page may show (the catalog, relations, notes, settings), then per group the
    # articles it draws on: a group whose key is unchanged keeps its pages (render/reuse.py).
    cited = {r.anchor.article for r in relations} | {a.article for r in relations for a in r.also}
    cited |= {n.anchor.article for n in notes}
    shared = digest(excerpts, offline, site_url, names_key, sorted(by_slug.items()), relations, notes, sorted(keys[a] for a in cited))  # fmt: skip
    out = _Output(sources.pages, discard_edits)  # each page checked against the disk as it is rendered
    for article in corpus.articles:
        key = digest(shared, keys[article.slug], [keys[c.slug] for c in corpus.copies.get(article.slug, ())])
        for path, content in reuse.group(f"article:{article.slug}", key, functools.partial(_article_page, article, corpus)).items():  # fmt: skip
            out.page(path, content, article.path)
    for story in stories:
        for copy in story.copies:
            out.page(
                f"{DOCS}/{article_page(copy.slug)}",
                render_copy_redirect(copy, story.page, directory_urls=not offline),
                copy.path,
            )
    out.page(f"{DOCS}/articles/index.md", render_articles_index(corpus), "articles/*.txt")
    # Long lists split by year, so every article and every mention is one click away.
    for path, content in article_year_pages(corpus, lambda a, page: article_row(a, corpus, page)).items():
        out.page(f"{DOCS}/{path}", content, "articles/*.txt")
    regions: dict[str, str | None] = {}  # entity slug → its page's generated region, None to keep
    for entity in entities:
        key = digest(shared, entity.slug, [keys[a.slug] for a in corpus.articles_mentioning(entity.slug)])
        lists = reuse.group(f"lists:{entity.slug}", key, functools.partial(_entity_lists, entity, corpus))
        for path, content in lists.items():
            out.page(path, content, "articles/*.txt")
        region = reuse.group(f"page:{entity.slug}", key, functools.partial(_entity_region, entity, corpus))
        regions[entity.slug] = region[entity.path]
    out.page(f"{DOCS}/relations.md", render_relations_page(corpus), "the 'relations' in entity pages")
    for path, content in render_relation_type_pages(corpus).items():
        out.page(f"{DOCS}/{path}", content, "the 'relations' in entity pages")
    out.page(f"{DOCS}/quotes.md", render_quotes(corpus), "articles/*.txt")
    out.page(f"{DOCS}/timeline.md", render_timeline(corpus), "articles/*.txt and their notes")
    for path, content in {**render_timeline_years(corpus), **render_quote_pages(corpus)}.items():
        out.page(f"{DOCS}/{path}", content, "articles/*.txt and their notes")
    out.page(f"{DOCS}/glossary.md", render_glossary(corpus), GLOSSARY)
    for path, content in render_who_uses_what(corpus).items():
        out.page(f"{DOCS}/{path}", content, "the 'relations' in entity pages")
    out.page(f"{DOCS}/drafts.md", render_drafts_page(corpus), "the pages with 'draft: true'")
    out.page(f"{DOCS}/{FEED}", render_feed(corpus, SITE_NAME), "articles/*.txt")
    exports = {f"{DOCS}/{DATA}/{name}": content for name, content in export_files(corpus).items()}
    out.page(f"{DOCS}/data.md", render_data_page(exports), "the articles, notes and entity pages")
    out.page(f"{DOCS}/topics/index.md", render_topics_index(corpus), "articles/*.txt")
    for topic in corpus.topics:
        out.page(f"{DOCS}/topics/{topic.slug}.md", render_topic(topic, corpus), "articles/*.txt")
        for path, content in render_topic_years(topic, corpus).items():
            out.page(f"{DOCS}/{path}", content, "articles/*.txt")
    for entity in entities:
        for old in entity.redirect_from:
            out.page(
                f"{DOCS}/{old_address(entity, old)}",
                render_redirect(entity, old),
                f"redirect_from in {entity.path}",
            )
    for entity_type in ENTITY_TYPES:
        source = f"the pages in docs/{entity_type.folder}/"
        out.page(f"{DOCS}/{type_index(entity_type.folder)}", render_type_index(entity_type.folder, corpus), source)

    errors, files, kept = out.errors, out.files, out.kept
    # Data files cannot carry a checksum trailer: the data page lists theirs instead.
    manifest = data_manifest(sources.pages.get(f"{DOCS}/data.md", ""))
    for path, content in exports.items():
        existing = sources.pages.get(path)
        if existing is not None and not discard_edits and manifest.get(path) != sha256(existing):
            errors.append(
                EditConflict(
                    path,
                    None,
                    "this generated data file was edited by hand",
                    f"edit its sources instead, {DISCARD_HINT}",
                )
            )
        _plan(files, kept, path, content, existing)

    for entity in (e for e in entities if e.generated):
        region = regions[entity.slug]
        out.page(entity.path, None if region is None else render_generated_entity(entity, region), GENERATED_FROM)
    spliced = [(e.path, regions[e.slug], e) for e in entities if not e.generated]
    spliced.append((HOME, home_region(corpus), None))
    for path, region, entity in spliced:
        on_disk = sources.pages.get(path)
        existing = _new_home() if on_disk is None else on_disk
        if region is None and entity is not None and current_region(existing) is None:
            region = entity_region(entity, corpus)  # the kept page lost its region: write it afresh
        try:
            page = existing if region is None else splice_region(existing, region, path, discard_edits)
            _plan(files, kept, path, page, on_disk)
        except InputError as error:
            errors.append(error)

    deletes = _stale_generated(sources, files.keys() | kept)
    for path in deletes:
        try:
            check_sealed(sources.pages[path], path, "its article (now removed)", discard_edits)
        except InputError as error:
            errors.append(error)
    raise_all(errors)
    return Plan(
        files,
        deletes,
        len(all_articles),
        len(entities),
        len(corpus.mentions),
        unlinked,
        corpus,
        warnings + note_warnings,
        undefined,
        len(stories),
        reuse,
        kept,
    )


def _article_page(article: Article, corpus: Corpus) -> dict[str, str]:
    return {f"{DOCS}/{article_page(article.slug)}": render_article(article, corpus)}


def _entity_region(entity: Entity, corpus: Corpus) -> dict[str, str]:
    return {entity.path: entity_region(entity, corpus)}


def _entity_lists(entity: Entity, corpus: Corpus) -> dict[str, str]:
    """The entity's complete lists: articles per year, and everything named alongside it."""
    quote = functools.partial(_quote, entity=entity, corpus=corpus)
    pages = {
        **entity_year_pages(entity, corpus, ARTICLES_QUOTED, quote),
        **alongside_page(entity, corpus, ALONGSIDE_LIMIT),
    }
    return {f"{DOCS}/{path}": content for path, content in pages.items()}


@dataclass
class _Output:
    """The plan's pages, each checked against the disk as soon as it is rendered: only the
    changed ones stay in memory (all of them would be about 700 MB at 10,000 articles)."""

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
        _plan(self.files, self.kept, path, seal(content, source), existing)


def _plan(files: dict[str, bytes], kept: set[str], path: str, content: str, existing: str | None) -> None:
    """Write the page, or keep it when it is the same: only changed pages stay in memory, as
    UTF-8 (a str holding one curly quote takes two bytes a character: 700 MB, not 350, at 10,000)."""
    if content == existing:
        kept.add(path)
    else:
        files[path] = content.encode()


def _link(article: Article, matcher: Matcher, named: dict[str, str]) -> Linked:
    found, ambiguous = annotate(article, matcher)
    return apply_definitions(article, found, ambiguous, definitions(article), named)


def _names_key(entities: list[Entity], extra: dict[str, tuple[str, ...]], phrases: list[Phrase]) -> str:
    """Everything besides an article that decides its mentions: the names the matcher knows."""
    return digest(sorted((e.slug, e.names) for e in entities), sorted(extra.items()), phrases)


def _quote(article: Article, page: str, entity: Entity, corpus: Corpus) -> list[str]:
    return quote_article(entity, article, page, corpus)


def _names(entities: list[Entity], extra: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each name or alias that belongs to exactly one entity → its slug."""
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for name in entity.names:
            owners.setdefault(name, set()).add(entity.slug)
    for slug, names in extra.items():
        for name in names:
            owners.setdefault(name, set()).add(slug)
    return {name: next(iter(slugs)) for name, slugs in owners.items() if len(slugs) == 1}


def _bindings(notes: list[PlacedNote], articles: list[Article]) -> list[tuple[Mention, bool]]:
    texts = {(a.slug, b.anchor): b.text for a in articles for b in a.blocks}
    bindings = []
    for placed in notes:
        entity = placed.note.entity
        if entity is None:
            continue
        anchor = placed.anchor
        surface = texts[(anchor.article, anchor.block)][anchor.start : anchor.end]
        mention = Mention(anchor.article, anchor.block, anchor.start, anchor.end, entity, surface)
        bindings.append((mention, entity != UNLINK))
    return bindings


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
