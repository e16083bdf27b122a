"""The build: read sources → parse and validate everything → render a plan → compare.

`read_sources` and `build.write` are the I/O edges; `plan_site` in between is pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .annotate import Matcher, Unlinked, annotate
from .article import decode, parse_article
from .catalog import check_catalog, entity_from_page
from .corpus import Corpus
from .entity_types import ENTITY_TYPES, GENERATED_FOLDERS, TYPE_BY_FOLDER
from .errors import InputError, raise_all
from .frontmatter import Page, split_page
from .links import article_page, type_index
from .model import Article, Entity
from .regions import check_sealed, seal, splice_region
from .render import entity_region, home_region, render_article, render_articles_index, render_type_index

DOCS = "docs"
HOME = f"{DOCS}/index.md"


@dataclass(frozen=True)
class Sources:
    """Everything the build reads, keyed by path relative to the project root."""

    articles: dict[str, bytes]  # articles/*.txt
    pages: dict[str, str]  # every docs/**/*.md the build may read, rewrite or delete


@dataclass
class Plan:
    files: dict[str, str]  # path → content the build wants on disk
    deletes: list[str]  # generated pages whose source is gone
    articles: int = 0
    entities: int = 0
    mentions: int = 0
    unlinked: list[Unlinked] = field(default_factory=list)


def read_sources(root: Path) -> Sources:
    articles = {
        path.relative_to(root).as_posix(): path.read_bytes() for path in sorted((root / "articles").glob("*.txt"))
    }
    pages = {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((root / DOCS).rglob("*.md"))
    }
    return Sources(articles, pages)


def _load_articles(sources: Sources) -> tuple[list[Article], list[InputError]]:
    articles: list[Article] = []
    errors: list[InputError] = []
    for path, data in sorted(sources.articles.items()):
        slug = PurePosixPath(path).stem
        try:
            if slug == "index":
                raise InputError(path, None, "an article may not be called 'index'", "rename the file")
            articles.append(parse_article(decode(data, path), path, slug))
        except InputError as error:
            errors.append(error)
    return articles, errors


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
        entity, problems = entity_from_page(page, path, folder, slug)
        errors.extend(problems)
        if entity is not None:
            entities.append(entity)
            pages[path] = page
    if not errors:
        errors.extend(check_catalog(entities, pages))
    return entities, pages, errors


def plan_site(sources: Sources, discard_edits: bool = False) -> Plan:
    """What docs/ should hold. Raises InputError(s), all independent ones together."""
    articles, article_errors = _load_articles(sources)
    entities, _, catalog_errors = _load_catalog(sources)
    raise_all(article_errors + catalog_errors)

    matcher = Matcher(entities)
    mentions = []
    unlinked: list[Unlinked] = []
    for article in articles:
        found, ambiguous = annotate(article, matcher)
        mentions.extend(found)
        unlinked.extend(ambiguous)
    corpus = Corpus(articles, {e.slug: e for e in entities}, mentions)

    generated: dict[str, tuple[str, str]] = {}  # path → (content, the source to edit instead)
    for article in corpus.articles:
        generated[f"{DOCS}/{article_page(article.slug)}"] = (render_article(article, corpus), article.path)
    generated[f"{DOCS}/articles/index.md"] = (render_articles_index(corpus), "articles/*.txt")
    for entity_type in ENTITY_TYPES:
        source = f"the pages in docs/{entity_type.folder}/"
        generated[f"{DOCS}/{type_index(entity_type.folder)}"] = (render_type_index(entity_type.folder, corpus), source)

    errors: list[InputError] = []
    files: dict[str, str] = {}
    for path, (content, source) in generated.items():
        existing = sources.pages.get(path)
        try:
            if existing is not None:
                check_sealed(existing, path, source, discard_edits)
        except InputError as error:
            errors.append(error)
        files[path] = seal(content, source)

    spliced = [(e.path, entity_region(e, corpus)) for e in entities]
    spliced.append((HOME, home_region(corpus)))
    for path, region in spliced:
        try:
            files[path] = splice_region(sources.pages.get(path, _new_home()), region, path, discard_edits)
        except InputError as error:
            errors.append(error)

    deletes = _stale_generated(sources, files)
    for path in deletes:
        try:
            check_sealed(sources.pages[path], path, "its article (now removed)", discard_edits)
        except InputError as error:
            errors.append(error)
    raise_all(errors)
    return Plan(files, deletes, len(articles), len(entities), len(mentions), unlinked)


def _stale_generated(sources: Sources, files: dict[str, str]) -> list[str]:
    """Pages in the build's own folders that no source produces any more."""
    owned = tuple(f"{DOCS}/{folder}/" for folder in GENERATED_FOLDERS)
    return sorted(p for p in sources.pages if p.startswith(owned) and p not in files)


def _new_home() -> str:
    return "# Facial recognition and policing\n"
