"""Lists that grow with the corpus, split by a fixed key so no page grows without end. Pure.

Adding an article changes only the page its year falls on; each list page has a stable
address and previous/next links. Pages are made only where a bounded page would otherwise
cut its list short, so a small corpus keeps everything on one page.
"""

from __future__ import annotations

from collections.abc import Callable

from atlas.link.corpus import Corpus
from atlas.model import Article, Entity
from atlas.render.blocks import entity_link, page_head
from atlas.render.escape import escape
from atlas.render.links import relative

ARTICLES_ON_INDEX = 100  # the articles index lists the newest this many, then links each year
UNDATED = "undated"


def year_of(article: Article) -> str:
    return article.date[:4] if article.date else UNDATED


def by_year(articles: list[Article]) -> dict[str, list[Article]]:
    """Newest year first (undated last); each year's articles in corpus order (newest first)."""
    years: dict[str, list[Article]] = {}
    for article in articles:
        years.setdefault(year_of(article), []).append(article)
    return dict(sorted(years.items(), key=lambda item: (item[0] != UNDATED, item[0]), reverse=True))


def year_links(years: dict[str, list[Article]], path_of: Callable[[str], str], from_page: str) -> str:
    return " · ".join(f"[{year} ({len(items)})]({relative(from_page, path_of(year))})" for year, items in years.items())


def neighbour_links(years: list[str], year: str, path_of: Callable[[str], str], page: str) -> str:
    index = years.index(year)
    links = []
    if index + 1 < len(years):  # the list runs newest first: "previous" is the older year
        links.append(f"← [{years[index + 1]}]({relative(page, path_of(years[index + 1]))})")
    if index > 0:
        links.append(f"[{years[index - 1]}]({relative(page, path_of(years[index - 1]))}) →")
    return " · ".join(links)


def article_year_path(year: str) -> str:
    return f"articles/by-year/{year}.md"


def article_year_pages(corpus: Corpus, row: Callable[[Article, str], str]) -> dict[str, str]:
    """articles/by-year/<year>.md for every year, when the index cannot list every article."""
    if len(corpus.articles) <= ARTICLES_ON_INDEX:
        return {}
    years = by_year(corpus.articles)
    pages = {}
    for year, articles in years.items():
        page = article_year_path(year)
        title = f"Articles: {year}"
        pages[page] = "\n".join(
            [*page_head(title, "material-file-document-multiple", "articles/*.txt"),
             f"{len(articles)} article{'s' if len(articles) != 1 else ''} from {year}, newest first.\n",
             "| Date | Article | Publisher | Most named |\n| --- | --- | --- | --- |",
             *(row(a, page) for a in articles), "", neighbour_links(list(years), year, article_year_path, page), ""]
        )  # fmt: skip
    return pages


def mention_year_path(entity: Entity, year: str) -> str:
    return f"mentions/{entity.slug}/{year}.md"


def alongside_path(entity: Entity) -> str:
    return f"mentions/{entity.slug}/alongside.md"


def entity_year_pages(
    entity: Entity, corpus: Corpus, shown: int, quote: Callable[[Article, str], list[str]]
) -> dict[str, str]:
    """mentions/<slug>/<year>.md: every article and sentence that names the entity, by year,
    when its page quotes only the newest `shown` articles."""
    articles = corpus.articles_mentioning(entity.slug)
    if len(articles) <= shown:
        return {}
    years = by_year(articles)
    path_of = lambda year: mention_year_path(entity, year)  # noqa: E731
    pages = {}
    for year, items in years.items():
        page = path_of(year)
        out = [
            *page_head(f"{entity.name}: articles in {year}", "material-format-quote-close", "articles/*.txt"),
            f"Every article from {year} that mentions {entity_link(entity, page)} ({len(items)}), newest first, "
            "with each sentence that names it.\n",
        ]
        for article in items:
            out.extend(quote(article, page))
        out += ["", neighbour_links(list(years), year, path_of, page), ""]
        pages[page] = "\n".join(out)
    return pages


def alongside_page(entity: Entity, corpus: Corpus, shown: int) -> dict[str, str]:
    """mentions/<slug>/alongside.md: every entity named beside it, when its page lists only the first `shown`."""
    pairs = corpus.alongside(entity.slug)
    if len(pairs) <= shown:
        return {}
    page = alongside_path(entity)
    items = [f"- {entity_link(other, page)} ({count})" for other, count in pairs]
    return {
        page: "\n".join(
            [
                *page_head(f"{entity.name}: mentioned alongside", "material-vector-link", "articles/*.txt"),
                f"All {len(pairs)} entities named in the same paragraph or caption as {entity_link(entity, page)}, "
                "with how many they share.\n",
                *items,
                "",
            ]
        )
    }


def entity_list_links(entity: Entity, corpus: Corpus, from_page: str, shown: int) -> str:
    """The line on an entity's page that links each of its complete year lists."""
    articles = corpus.articles_mentioning(entity.slug)
    if len(articles) <= shown:
        return ""
    years = by_year(articles)
    links = year_links(years, lambda year: mention_year_path(entity, year), from_page)
    return (
        f"The newest {shown} of {len(articles)} articles are quoted above. Every article that mentions "
        f"{escape(entity.name)}, with each sentence, by year: {links}.\n"
    )


def split_pages(
    folder: str, title: str, head: Callable[[str, str], list[str]], items: list[tuple[str, Callable[[str], str]]]
) -> dict[str, str]:
    """One page per key (`<folder>/<key>.md`, titled "<title>: <key>"), items in the given
    order, each page linking the previous and next key. `items` are (key, line for a page)."""
    groups: dict[str, list[Callable[[str], str]]] = {}
    for key, line in items:
        groups.setdefault(key, []).append(line)
    keys = list(groups)
    path_of = lambda key: f"{folder}/{key}.md"  # noqa: E731
    pages = {}
    for key in keys:
        page = path_of(key)
        pages[page] = "\n".join([*head(f"{title}: {key}", page), *(line(page) for line in groups[key]), "", neighbour_links(keys, key, path_of, page), ""])  # fmt: skip
    return pages


def key_links(items: list[tuple[str, Callable[[str], str]]], folder: str, from_page: str) -> str:
    """'key (count)' links to each split page, in the items' order."""
    counts: dict[str, int] = {}
    for key, _ in items:
        counts[key] = counts.get(key, 0) + 1
    return " · ".join(f"[{key} ({n})]({relative(from_page, f'{folder}/{key}.md')})" for key, n in counts.items())
