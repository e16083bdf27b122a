"""The read stage: sources → the articles that parse, the catalog checked, pinned stories.

Parsing an article is cached in the memo by its content (`memo.content_key`); every input
error found here is raised together, before anything is linked.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from atlas.entity_types import TYPE_BY_FOLDER
from atlas.errors import InputError, raise_all
from atlas.link.countries import CountryCatalog, country_catalog
from atlas.link.stories import sample
from atlas.memo import ArticleMemo, FileStamp, Parsed, content_key
from atlas.model import Article, Entity
from atlas.read.article import decode, parse_article
from atlas.read.catalog import check_catalog, entity_from_page
from atlas.read.frontmatter import Page, split_page
from atlas.read.pinned import parse_pinned
from atlas.read.sources import Sources


@dataclass
class LoadedArticles:
    articles: list[Article] = field(default_factory=list)  # those that parse
    keys: dict[str, str] = field(default_factory=dict)  # slug → content key (memo.content_key)
    samples: dict[str, tuple[int, ...]] = field(default_factory=dict)  # slug → sample for the copy search
    errors: list[InputError] = field(default_factory=list)


@dataclass(frozen=True)
class Read:
    """What the sources say, checked: nothing here is linked yet."""

    articles: list[Article]  # every article file that parses, copies included
    keys: dict[str, str]  # slug → content key
    samples: dict[str, tuple[int, ...]]  # slug → sample for the copy search
    entities: list[Entity]  # the hand-written catalog
    pages: dict[str, Page]  # each entity page's front matter, by path
    countries: CountryCatalog  # ISO countries, matched by their names; pages for those no editor wrote
    pinned: set[str]  # story pages pinned in articles/stories.yml


def read_stage(sources: Sources, memo: ArticleMemo, stamps: Mapping[str, FileStamp] | None = None) -> Read:
    """Parse and check every source; raises all independent input errors together."""
    loaded = load_articles(sources, memo, stamps)
    entities, pages, catalog_errors = _load_catalog(sources)
    countries = country_catalog(entities)
    if not catalog_errors:
        catalog_errors = check_catalog(entities, pages, countries.generated)
    pinned, pin_errors = parse_pinned(sources.stories, {a.slug for a in loaded.articles})
    raise_all(loaded.errors + catalog_errors + pin_errors)
    return Read(loaded.articles, loaded.keys, loaded.samples, entities, pages, countries, pinned)


def load_articles(sources: Sources, memo: ArticleMemo, stamps: Mapping[str, FileStamp] | None = None) -> LoadedArticles:
    """`stamps`: each file's size and time now, so that one parsed before and unchanged since
    is not read again."""
    loaded = LoadedArticles()
    for path in sorted(sources.articles):
        slug = posixpath.splitext(posixpath.basename(path))[0]
        try:
            if slug == "index":
                raise InputError(path, None, "an article may not be called 'index'", "rename the file")
            parsed = _parsed(sources.articles, path, slug, memo, stamps)
            if parsed is None:
                continue  # deleted while the build ran: the stamps taken after it will tell
            key, (article, loaded.samples[slug]) = parsed
            loaded.articles.append(article)
            loaded.keys[slug] = key
        except InputError as error:
            loaded.errors.append(error)
    return loaded


def _parsed(
    files: Mapping[str, bytes], path: str, slug: str, memo: ArticleMemo, stamps: Mapping[str, FileStamp] | None
) -> tuple[str, Parsed] | None:
    """The article's content key and parse, reading the file only if it changed since it was parsed."""
    stamp = stamps.get(path) if stamps is not None else None
    key = memo.parsed_key(path, stamp)
    if key is not None:
        return key, memo.parsed[key]
    data = files.get(path)
    if data is None:
        return None
    key = content_key(path, data)
    memo.remember(path, stamp, key)
    return key, memo.parse(key, functools.partial(_parse, data, path, slug))


def _parse(data: bytes, path: str, slug: str) -> Parsed:
    article = parse_article(decode(data, path), path, slug)
    return article, sample(article)


def existing_articles(root: Path) -> list[Article]:
    """The articles already in articles/ that parse (for commands that add one)."""
    articles = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "articles").glob("*.txt"))}
    return load_articles(Sources(articles, {}), ArticleMemo()).articles


def _entity_paths(sources: Sources) -> list[tuple[str, str, str]]:
    """(path, folder, slug) of every entity page."""
    found = []
    for path in sorted(sources.pages):
        parts = path.split("/")  # plain strings: PurePosixPath costs a tenth of a second at 25,000 pages
        if len(parts) == 3 and parts[1] in TYPE_BY_FOLDER and parts[2] != "index.md":
            found.append((path, parts[1], posixpath.splitext(parts[2])[0]))
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
