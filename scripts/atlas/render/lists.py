"""Lists that grow with the corpus, split by a fixed key so no page grows without end. Pure.

Adding an article changes only the page its year falls on; each list page has a stable
address and previous/next links. Pages are made only where a bounded page would otherwise
cut its list short, so a small corpus keeps everything on one page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from atlas.link.corpus import Corpus
from atlas.model import Article, Entity
from atlas.render.blocks import entity_link, page_head
from atlas.render.escape import escape
from atlas.render.links import relative

T = TypeVar("T")
ARTICLES_ON_INDEX = 100  # the articles index lists the newest this many, then links each year
PERIOD_LIMIT = 200  # entries on one year's page; a year with more has a page per month
UNDATED = "undated"
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip


def year_of(article: Article) -> str:
    return article.date[:4] if article.date else UNDATED


def by_year(articles: list[Article]) -> dict[str, list[Article]]:
    """Newest year first (undated last); each year's articles in corpus order (newest first)."""
    years: dict[str, list[Article]] = {}
    for article in articles:
        years.setdefault(year_of(article), []).append(article)
    return dict(sorted(years.items(), key=lambda item: (item[0] != UNDATED, item[0]), reverse=True))


def periods(items: list[tuple[str, T]], limit: int = PERIOD_LIMIT) -> dict[str, list[T]]:
    """Items keyed by an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or UNDATED, grouped by the
    page they go on, in their order: their year's, or their month's ('YYYY-MM') in a year with
    more than `limit`, so that no page grows without end. Items dated by year alone stay under
    their year."""
    per_year: dict[str, int] = {}
    for date, _ in items:
        per_year[date[:4]] = per_year.get(date[:4], 0) + 1
    groups: dict[str, list[T]] = {}
    for date, item in items:
        key = date if date == UNDATED else date[:7] if per_year[date[:4]] > limit else date[:4]
        groups.setdefault(key, []).append(item)
    return groups


def _is_month(key: str) -> bool:
    return len(key) == 7 and key[4] == "-"


def month_title(key: str) -> str:
    """'2020-03' → 'March 2020'; a year or 'undated' as it is."""
    return f"{MONTH_NAMES[int(key[5:7]) - 1]} {key[:4]}" if _is_month(key) else key


def split_years(keys: list[str]) -> dict[str, list[str]]:
    """The years that have a page per month → their month keys, in the given order."""
    months: dict[str, list[str]] = {}
    for key in keys:
        if _is_month(key):
            months.setdefault(key[:4], []).append(key)
    return months


def month_links(months: list[str], counts: dict[str, int], path_of: Callable[[str], str], page: str) -> str:
    return " · ".join(f"[{month_title(m)} ({counts[m]})]({relative(page, path_of(m))})" for m in months)


def year_links(years: dict[str, list[Article]], path_of: Callable[[str], str], from_page: str) -> str:
    return " · ".join(f"[{year} ({len(items)})]({relative(from_page, path_of(year))})" for year, items in years.items())


def neighbour_links(years: list[str], year: str, path_of: Callable[[str], str], page: str) -> str:
    """'← earlier · later →' between list pages, whichever way the list runs (newest first for
    articles, oldest first for the timeline, A to Z for initials)."""
    index = years.index(year)
    ordered = [y for y in years if y != UNDATED]
    ascending = len(ordered) < 2 or ordered[0] <= ordered[-1]
    before, after = (index - 1, index + 1) if ascending else (index + 1, index - 1)
    links = []
    if 0 <= before < len(years):
        links.append(f"← [{month_title(years[before])}]({relative(page, path_of(years[before]))})")
    if 0 <= after < len(years):
        links.append(f"[{month_title(years[after])}]({relative(page, path_of(years[after]))}) →")
    return " · ".join(links)


def article_year_path(year: str) -> str:
    return f"articles/by-year/{year}.md"


def article_year_pages(corpus: Corpus, row: Callable[[Article, str], str]) -> dict[str, str]:
    """articles/by-year/<year>.md for every year (and <year>-<month>.md in a busy year), when
    the index cannot list every article."""
    if len(corpus.articles) <= ARTICLES_ON_INDEX:
        return {}
    groups = periods([(a.date or UNDATED, a) for a in corpus.articles])
    keys = list(groups)
    pages = {}
    for key, articles in groups.items():
        page = article_year_path(key)
        title = f"Articles: {month_title(key)}"
        pages[page] = "\n".join(
            [*page_head(title, "material-file-document-multiple", "articles/*.txt"),
             f"{len(articles)} article{'s' if len(articles) != 1 else ''} from {month_title(key)}, newest first.\n",
             "| Date | Article | Publisher | Most named |\n| --- | --- | --- | --- |",
             *(row(a, page) for a in articles), "", neighbour_links(keys, key, article_year_path, page), ""]
        )  # fmt: skip
    counts = {key: len(articles) for key, articles in groups.items()}
    for year, months in split_years(keys).items():
        page = article_year_path(year)
        total = sum(counts[m] for m in months)
        pages[page] = "\n".join(
            [*page_head(f"Articles: {year}", "material-file-document-multiple", "articles/*.txt"),
             f"{total} articles from {year}, one page per month: {month_links(months, counts, article_year_path, page)}.\n"]
        )  # fmt: skip
    return pages


def mention_year_path(entity: Entity, year: str) -> str:
    return f"mentions/{entity.slug}/{year}.md"


def alongside_path(entity: Entity) -> str:
    return f"mentions/{entity.slug}/alongside.md"


def entity_year_pages(
    entity: Entity, corpus: Corpus, shown: int, quote: Callable[[Article, str], list[str]]
) -> dict[str, str]:
    """mentions/<slug>/<year>.md (and <year>-<month>.md in a busy year): every article and
    sentence that names the entity, when its page quotes only the newest `shown` articles."""
    articles = corpus.articles_mentioning(entity.slug)
    if len(articles) <= shown:
        return {}
    groups = periods([(a.date or UNDATED, a) for a in articles])
    keys = list(groups)
    path_of = lambda key: mention_year_path(entity, key)  # noqa: E731
    pages = {}
    for key, items in groups.items():
        page = path_of(key)
        out = [
            *page_head(
                f"{entity.name}: articles in {month_title(key)}", "material-format-quote-close", "articles/*.txt"
            ),
            f"Every article from {month_title(key)} that mentions {entity_link(entity, page)} ({len(items)}), "
            "newest first, with each sentence that names it.\n",
        ]
        for article in items:
            out.extend(quote(article, page))
        out += ["", neighbour_links(keys, key, path_of, page), ""]
        pages[page] = "\n".join(out)
    counts = {key: len(items) for key, items in groups.items()}
    for year, months in split_years(keys).items():
        page = path_of(year)
        pages[page] = "\n".join([
            *page_head(f"{entity.name}: articles in {year}", "material-format-quote-close", "articles/*.txt"),
            f"Every article from {year} that mentions {entity_link(entity, page)} ({sum(counts[m] for m in months)}), "
            f"one page per month: {month_links(months, counts, path_of, page)}.\n",
        ])  # fmt: skip
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
        pages[page] = "\n".join([*head(f"{title}: {month_title(key)}", page), *(line(page) for line in groups[key]), "", neighbour_links(keys, key, path_of, page), ""])  # fmt: skip
    return pages


def key_links(items: list[tuple[str, Callable[[str], str]]], folder: str, from_page: str) -> str:
    """'key (count)' links to each split page, in the items' order."""
    counts: dict[str, int] = {}
    for key, _ in items:
        counts[key] = counts.get(key, 0) + 1
    return " · ".join(f"[{key} ({n})]({relative(from_page, f'{folder}/{key}.md')})" for key, n in counts.items())
