"""The render stage: the linked corpus → every generated page, handed to the compare stage as made.

What every page may show (the catalog, relations, notes, settings) is one shared key; each
group of pages (an article's page; an entity's page; its lists) adds the articles it draws
on. A group whose key is unchanged keeps its pages as they are on disk (render/reuse.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from atlas.entity_types import ENTITY_TYPES
from atlas.link.corpus import Corpus
from atlas.link.countries import GENERATED_FROM
from atlas.memo import ArticleMemo, digest
from atlas.model import Article, Entity
from atlas.paths import DATA, DOCS, FEED
from atlas.pipeline.compare import Output
from atlas.pipeline.link import LinkedCorpus
from atlas.pipeline.settings import Settings
from atlas.read.glossary import GLOSSARY
from atlas.render.article import render_article
from atlas.render.data_page import render_data_page
from atlas.render.dataset import render_who_uses_what
from atlas.render.entity import (
    ALONGSIDE_LIMIT,
    ARTICLES_QUOTED,
    SITE_NAME,
    entity_region,
    quote_article,
    render_generated_entity,
)
from atlas.render.exports import article_of, export_files, mention_rows, mentions_files
from atlas.render.feed import render_feed
from atlas.render.indexes import (
    article_row,
    old_address,
    render_articles_index,
    render_copy_redirect,
    render_drafts_page,
    render_evidence_pages,
    render_redirect,
    render_relation_type_pages,
    render_relations_page,
    render_type_index,
)
from atlas.render.links import article_page, type_index
from atlas.render.lists import ListPage, alongside_page, article_year_pages, entity_year_pages
from atlas.render.reuse import NESTED, PageReuse
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

ARTICLES = "articles/*.txt"
RELATIONS = "the 'relations' in entity pages"


@dataclass(frozen=True)
class Rendered:
    regions: dict[str, str | None]  # entity slug → its page's generated region, None to keep
    exports: dict[str, str]  # docs/data/* → content (compared by the data page's manifest)


def render_stage(linked: LinkedCorpus, settings: Settings, reuse: PageReuse, out: Output, memo: ArticleMemo) -> Rendered:  # fmt: skip
    shared = shared_key(linked, settings)
    _article_pages(linked, shared, reuse, out)
    regions = _entity_groups(linked, shared, reuse, out)
    exports = _views(linked, shared, reuse, out, _mention_files(linked, memo))
    _catalog_pages(linked, regions, out)
    return Rendered(regions, exports)


def shared_key(linked: LinkedCorpus, settings: Settings) -> str:
    """What every page may show: settings, the catalog's names and pages, relations, notes and
    the articles they cite."""
    corpus, keys = linked.corpus, linked.keys
    cited = {r.anchor.article for r in corpus.relations} | {a.article for r in corpus.relations for a in r.also}
    cited |= {n.anchor.article for n in corpus.notes}
    cited |= {c.slug for story in list(cited) for c in corpus.copies.get(story, ())}  # their outlets count
    by_slug = sorted(corpus.entities.items())
    return digest(settings.excerpts, settings.offline, settings.site_url, linked.names_key, by_slug, corpus.relations, corpus.notes, sorted(keys[a] for a in cited))  # fmt: skip


def _article_pages(linked: LinkedCorpus, shared: str, reuse: PageReuse, out: Output) -> None:
    """Each story's page, its copies' redirects, and the articles index with its per-year pages."""
    corpus, keys = linked.corpus, linked.keys
    for article in corpus.articles:
        key = digest(shared, keys[article.slug], [keys[c.slug] for c in corpus.copies.get(article.slug, ())])
        for path, content in reuse.group(f"article:{article.slug}", key, functools.partial(_article_page, article, corpus)).items():  # fmt: skip
            out.page(path, content, article.path)
    for story in linked.stories:
        for copy in story.copies:
            redirect = render_copy_redirect(copy, story.page, directory_urls=corpus.directory_urls)
            out.page(f"{DOCS}/{article_page(copy.slug)}", redirect, copy.path)
    out.page(f"{DOCS}/articles/index.md", render_articles_index(corpus), ARTICLES)
    # Long lists split by year, so every article and every mention is one click away.
    by_year = article_year_pages(corpus, functools.partial(_article_row, corpus=corpus))
    _list_pages(by_year, shared, keys, reuse, out, ARTICLES)


def _entity_groups(linked: LinkedCorpus, shared: str, reuse: PageReuse, out: Output) -> dict[str, str | None]:
    """Each entity's complete lists, and the region of its page (None: kept as it is)."""
    corpus, keys = linked.corpus, linked.keys
    regions: dict[str, str | None] = {}
    for entity in linked.entities:
        key = digest(shared, entity.slug, [keys[a.slug] for a in corpus.articles_mentioning(entity.slug)])
        render = functools.partial(_entity_lists, entity, corpus, shared, keys, reuse)
        lists = reuse.group(f"lists:{entity.slug}", key, render)
        lists |= reuse.group(f"alongside:{entity.slug}", key, functools.partial(_alongside, entity, corpus))
        for path, content in lists.items():
            out.page(path, content, ARTICLES)
        region = reuse.group(f"page:{entity.slug}", key, functools.partial(_entity_region, entity, corpus))
        regions[entity.slug] = region[entity.path]
    return regions


def _entity_lists(
    entity: Entity, corpus: Corpus, shared: str, keys: dict[str, str], reuse: PageReuse
) -> dict[str, str | None]:
    """The entity's complete list, a group per page nested in the entity's: an added article
    renders the page of its period and the pages that link it, not every period's."""
    quote = functools.partial(_quote, entity=entity, corpus=corpus)
    pages = entity_year_pages(entity, corpus, ARTICLES_QUOTED, quote)
    return _list_groups(pages, shared, keys, reuse, f"lists:{entity.slug}{NESTED}")


def _in_docs(render: Callable[..., dict[str, str]], *args: object) -> dict[str, str]:
    return {f"{DOCS}/{path}": content for path, content in render(*args).items()}


def _mention_files(linked: LinkedCorpus, memo: ArticleMemo) -> tuple[str, str]:
    """mentions.json and .csv from each article's rows, cached by what decides its mentions."""
    keys = linked.mention_keys
    return mentions_files(
        memo.export(keys[slug], functools.partial(mention_rows, list(mentions)))
        for slug, mentions in groupby(linked.corpus.mentions, article_of)
    )


def _views(linked: LinkedCorpus, shared: str, reuse: PageReuse, out: Output, mentions: tuple[str, str]) -> dict[str, str]:  # fmt: skip
    """The corpus-wide pages: relations, quotes, timeline, glossary, datasets, drafts, feed,
    data, topics. Returns the data exports, which the compare stage checks by manifest."""
    corpus = linked.corpus
    out.page(f"{DOCS}/relations.md", render_relations_page(corpus), RELATIONS)
    for path, content in {**render_relation_type_pages(corpus), **render_evidence_pages(corpus)}.items():
        out.page(f"{DOCS}/{path}", content, RELATIONS)
    out.page(f"{DOCS}/quotes.md", render_quotes(corpus), ARTICLES)
    out.page(f"{DOCS}/timeline.md", render_timeline(corpus), "articles/*.txt and their notes")
    lists = {**render_timeline_years(corpus), **render_quote_pages(corpus)}
    _list_pages(lists, shared, linked.keys, reuse, out, "articles/*.txt and their notes")
    out.page(f"{DOCS}/glossary.md", render_glossary(corpus), GLOSSARY)
    for path, content in render_who_uses_what(corpus).items():
        out.page(f"{DOCS}/{path}", content, RELATIONS)
    out.page(f"{DOCS}/drafts.md", render_drafts_page(corpus), "the pages with 'draft: true'")
    out.page(f"{DOCS}/{FEED}", render_feed(corpus, SITE_NAME), ARTICLES)
    exports = {f"{DOCS}/{DATA}/{name}": content for name, content in export_files(corpus, mentions).items()}
    out.page(f"{DOCS}/data.md", render_data_page(exports), "the articles, notes and entity pages")
    out.page(f"{DOCS}/topics/index.md", render_topics_index(corpus), ARTICLES)
    for topic in corpus.topics:
        out.page(f"{DOCS}/topics/{topic.slug}.md", render_topic(topic, corpus), ARTICLES)
        _list_pages(render_topic_years(topic, corpus), shared, linked.keys, reuse, out, ARTICLES)
    return exports


def _list_pages(
    pages: dict[str, ListPage], shared: str, keys: dict[str, str], reuse: PageReuse, out: Output, source: str
) -> None:
    for path, content in _list_groups(pages, shared, keys, reuse, "list:").items():
        out.page(path, content, source)


def _list_groups(
    pages: dict[str, ListPage], shared: str, keys: dict[str, str], reuse: PageReuse, prefix: str
) -> dict[str, str | None]:
    """The pages of a long list, a group each (named prefix + path), kept as they are on disk
    while the articles they quote and all else they show are unchanged."""
    found: dict[str, str | None] = {}
    for path, page in pages.items():
        key = digest(shared, page.shape, [keys[a] for a in page.articles])
        found |= reuse.group(prefix + path, key, functools.partial(_page_in_docs, path, page))
    return found


def _page_in_docs(path: str, page: ListPage) -> dict[str, str]:
    return {f"{DOCS}/{path}": page.render()}


def _article_row(article: Article, page: str, corpus: Corpus) -> str:
    return article_row(article, corpus, page)


def _catalog_pages(linked: LinkedCorpus, regions: dict[str, str | None], out: Output) -> None:
    """Redirects from old addresses, the index of each type, and generated country pages."""
    for entity in linked.entities:
        for old in entity.redirect_from:
            out.page(f"{DOCS}/{old_address(entity, old)}", render_redirect(entity, old), f"redirect_from in {entity.path}")  # fmt: skip
    for entity_type in ENTITY_TYPES:
        source = f"the pages in docs/{entity_type.folder}/"
        out.page(f"{DOCS}/{type_index(entity_type.folder)}", render_type_index(entity_type.folder, linked.corpus), source)  # fmt: skip
    for entity in (e for e in linked.entities if e.generated):
        region = regions[entity.slug]
        out.page(entity.path, None if region is None else render_generated_entity(entity, region), GENERATED_FROM)


def _article_page(article: Article, corpus: Corpus) -> dict[str, str]:
    return {f"{DOCS}/{article_page(article.slug)}": render_article(article, corpus)}


def _entity_region(entity: Entity, corpus: Corpus) -> dict[str, str]:
    return {entity.path: entity_region(entity, corpus)}


def _alongside(entity: Entity, corpus: Corpus) -> dict[str, str]:
    return _in_docs(alongside_page, entity, corpus, ALONGSIDE_LIMIT)


def _quote(article: Article, page: str, entity: Entity, corpus: Corpus) -> list[str]:
    return quote_article(entity, article, page, corpus)
