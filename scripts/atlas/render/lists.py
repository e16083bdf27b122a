"""Lists that grow with the corpus, split by a fixed key so no page grows without end. Pure.

Adding an article changes only the page its year falls on; each list page has a stable
address and previous/next links. Pages are made only where a bounded page would otherwise
cut its list short, so a small corpus keeps everything on one page.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from atlas.link.corpus import Corpus
from atlas.model import Article, Entity
from atlas.render.blocks import entity_link, page_head
from atlas.render.escape import escape
from atlas.render.links import relative

T = TypeVar("T")
Line = Callable[[str], str]  # one line of a list, rendered for the page it is on
Item = tuple[str, str, Line]  # (its page's key or its ISO date, the article it quotes, its line)
ARTICLES_ON_INDEX = 100  # the articles index lists the newest this many, then links each year
PERIOD_LIMIT = 200  # entries on one year's page; a year with more has a page per month
UNDATED = "undated"
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class ListPage:
    """A list page before it is rendered, with all it shows: the articles its lines quote, in
    order, and everything else (`shape`: its heading, links and counts). A build keeps the page
    on disk when both are as they were, so adding an article renders the pages it lands on."""

    articles: tuple[str, ...]
    shape: tuple[object, ...]
    render: Callable[[], str]


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
    page they go on, in their order: the coarsest of their year, month ('YYYY-MM') and day
    ('YYYY-MM-DD') that holds at most `limit`, and past that the day's fixed chunks
    ('YYYY-MM-DD', 'YYYY-MM-DD-p2', …), so that no page grows without end however many
    items land on one day. Items dated less precisely stay on the period they name."""
    per_date = Counter(date for date, _ in items)  # counted by distinct date: lists run to 10,000s of items
    counts: Counter[str] = Counter()
    for date, number in per_date.items():
        for size in (4, 7, 10):
            counts[date[:size]] += number
    page_of = {
        date: date
        if date == UNDATED
        else next((date[:size] for size in (4, 7) if counts[date[:size]] <= limit or len(date) == size), date[:10])
        for date in per_date
    }
    seen: dict[str, int] = {}
    groups: dict[str, list[T]] = {}
    for date, item in items:
        key = page_of[date]
        if counts[key] > limit:  # a day (or the undated) past the limit: fixed chunks in the items' order
            number = seen[key] = seen.get(key, 0) + 1
            key = key if number <= limit else f"{key}-p{(number - 1) // limit + 1}"
        groups.setdefault(key, []).append(item)
    return groups


def _period(key: str) -> tuple[str, int]:
    """'2021-03-04-p2' → ('2021-03-04', 2); any other key is its own first page."""
    base, _, page = key.rpartition("-p")
    return (base, int(page)) if base and page.isdigit() else (key, 1)


def month_title(key: str) -> str:
    """'2020-03' → 'March 2020', '2020-03-04' → '4 March 2020', '…-p2' adds ', page 2';
    a year or 'undated' as it is."""
    base, number = _period(key)
    title = base
    if len(base) == 7 and base[4] == "-":
        title = f"{MONTH_NAMES[int(base[5:7]) - 1]} {base[:4]}"
    elif len(base) == 10 and base[4] == "-":
        title = f"{int(base[8:10])} {MONTH_NAMES[int(base[5:7]) - 1]} {base[:4]}"
    return title if number == 1 else f"{title}, page {number}"


def _parent(key: str) -> str | None:
    """The period a split key is part of: a day's (or chunk's) month, a month's year."""
    base, _ = _period(key)
    if base == UNDATED or len(base) == 4:
        return None
    return base[:7] if len(base) == 10 else base[:4]


def split_parents(keys: list[str]) -> dict[str, list[str]]:
    """Periods split into pages of their own → those pages' keys, in the given order: a busy
    year → its months, a busy month → its days (and a busy day's further pages)."""
    children: dict[str, list[str]] = {}
    for key in keys:
        child, parent = key, _parent(key)
        while parent is not None:
            siblings = children.setdefault(parent, [])
            if child not in siblings:
                siblings.append(child)
            if parent in keys:
                break
            child, parent = parent, _parent(parent)
    return children


def totals(groups: dict[str, list[T]], parents: dict[str, list[str]]) -> dict[str, int]:
    """Items on each page, and under each split period (its own and its parts')."""
    counts = {key: len(items) for key, items in groups.items()}

    def total(key: str) -> int:
        return len(groups.get(key, [])) + sum(total(child) for child in parents.get(key, []))

    return {**counts, **{parent: total(parent) for parent in parents}}


def part_links(parts: list[str], counts: dict[str, int], path_of: Callable[[str], str], page: str) -> str:
    return " · ".join(f"[{month_title(m)} ({counts[m]})]({relative(page, path_of(m))})" for m in parts)


def part_unit(parts: list[str]) -> str:
    """What a split period's pages are: 'month' or 'day'."""
    return "day" if len(_period(parts[0])[0]) == 10 else "month"


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


def article_year_pages(corpus: Corpus, row: Callable[[Article, str], str]) -> dict[str, ListPage]:
    """articles/by-year/<year>.md for every year (and <year>-<month>.md in a busy year), when
    the index cannot list every article."""
    if len(corpus.articles) <= ARTICLES_ON_INDEX:
        return {}
    groups = periods([(a.date or UNDATED, a) for a in corpus.articles])
    keys = list(groups)
    pages = {}
    for key, articles in groups.items():
        page = article_year_path(key)
        top = [*page_head(f"Articles: {month_title(key)}", "material-file-document-multiple", "articles/*.txt"),
               f"{len(articles)} article{'s' if len(articles) != 1 else ''} from {month_title(key)}, newest first.\n",
               "| Date | Article | Publisher | Most named |\n| --- | --- | --- | --- |"]  # fmt: skip
        bottom = ["", neighbour_links(keys, key, article_year_path, page), ""]
        render = functools.partial(_lines_page, top, [functools.partial(row, a) for a in articles], page, bottom)
        pages[page] = ListPage(tuple(a.slug for a in articles), (*top, *bottom), render)
    parents = split_parents(keys)
    counts = totals(groups, parents)
    for period, parts in parents.items():
        page = article_year_path(period)
        own = groups.get(period, [])  # dated to the period alone
        links = part_links(parts, counts, article_year_path, page)
        top = [*page_head(f"Articles: {month_title(period)}", "material-file-document-multiple", "articles/*.txt"),
               f"{counts[period]} articles from {month_title(period)}, one page per {part_unit(parts)}: {links}.\n"]  # fmt: skip
        table = ["", f"Dated {month_title(period)} only:", "", "| Date | Article | Publisher | Most named |\n| --- | --- | --- | --- |"] if own else []  # fmt: skip
        render = functools.partial(_lines_page, [*top, *table], [functools.partial(row, a) for a in own], page, [])
        pages[page] = ListPage(tuple(a.slug for a in own), tuple(top), render)
    return pages


def mention_year_path(entity: Entity, year: str) -> str:
    return f"mentions/{entity.slug}/{year}.md"


def alongside_path(entity: Entity) -> str:
    return f"mentions/{entity.slug}/alongside.md"


def entity_year_pages(
    entity: Entity, corpus: Corpus, shown: int, quote: Callable[[Article, str], list[str]]
) -> dict[str, ListPage]:
    """mentions/<slug>/<year>.md (and <year>-<month>.md in a busy year): every article and
    sentence that names the entity, when its page quotes only the newest `shown` articles."""
    articles = corpus.articles_mentioning(entity.slug)
    if len(articles) <= shown:
        return {}
    groups = periods([(a.date or UNDATED, a) for a in articles])
    keys = list(groups)
    path_of = functools.partial(mention_year_path, entity)
    pages = {}
    for key, items in groups.items():
        page = path_of(key)
        top = [*page_head(f"{entity.name}: articles in {month_title(key)}", "material-format-quote-close", "articles/*.txt"),
               f"Every article from {month_title(key)} that mentions {entity_link(entity, page)} ({len(items)}), "
               "newest first, with each sentence that names it.\n"]  # fmt: skip
        bottom = ["", neighbour_links(keys, key, path_of, page), ""]
        render = functools.partial(_lines_page, top, _quoted(items, quote), page, bottom)
        pages[page] = ListPage(tuple(a.slug for a in items), (*top, *bottom), render)
    parents = split_parents(keys)
    counts = totals(groups, parents)
    for period, parts in parents.items():
        page, own = path_of(period), groups.get(period, [])  # dated to the period alone
        top = [*page_head(f"{entity.name}: articles in {month_title(period)}", "material-format-quote-close", "articles/*.txt"),
               f"Every article from {month_title(period)} that mentions {entity_link(entity, page)} ({counts[period]}), "
               f"one page per {part_unit(parts)}: {part_links(parts, counts, path_of, page)}.\n"]  # fmt: skip
        extra = [f"Dated {month_title(period)} only:\n"] if own else []
        render = functools.partial(_lines_page, [*top, *extra], _quoted(own, quote), page, [])
        pages[page] = ListPage(tuple(a.slug for a in own), tuple(top), render)
    return pages


def _quoted(articles: list[Article], quote: Callable[[Article, str], list[str]]) -> list[Line]:
    """Each article's heading and sentences as one line of a list."""
    return [functools.partial(_joined, quote, article) for article in articles]


def _joined(quote: Callable[[Article, str], list[str]], article: Article, page: str) -> str:
    return "\n".join(quote(article, page))


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
    folder: str, title: str, head: Callable[[str, str], list[str]], items: list[Item]
) -> dict[str, ListPage]:
    """One page per key (`<folder>/<key>.md`, titled "<title>: <key>"), items in the given
    order, each page linking the previous and next key."""
    groups: dict[str, list[tuple[str, Line]]] = {}
    for key, article, line in items:
        groups.setdefault(key, []).append((article, line))
    keys = list(groups)
    path_of = lambda key: f"{folder}/{key}.md"  # noqa: E731
    pages = {}
    for key, members in groups.items():
        page = path_of(key)
        top = head(f"{title}: {month_title(key)}", page)
        bottom = ["", neighbour_links(keys, key, path_of, page), ""]
        render = functools.partial(_lines_page, top, [line for _, line in members], page, bottom)
        pages[page] = ListPage(tuple(article for article, _ in members), (*top, *bottom), render)
    return pages


def period_pages(
    folder: str, title: str, head: Callable[[str, str], list[str]], items: list[Item], noun: str
) -> dict[str, ListPage]:
    """Dated items on pages `<folder>/<period>.md` that never pass PERIOD_LIMIT items: a
    year's page, or past the limit, its page linking one per month (and a busy month's, one
    per day), holding the items dated to that period alone."""
    groups = periods([(date, (article, line)) for date, article, line in items])
    parents = split_parents(list(groups))
    pages = split_pages(folder, title, head, [(k, a, line) for k, members in groups.items() if k not in parents for a, line in members])  # fmt: skip
    counts = totals(groups, parents)
    for period, parts in parents.items():
        page = f"{folder}/{period}.md"
        links = part_links(parts, counts, lambda key: f"{folder}/{key}.md", page)
        own = groups.get(period, [])
        top = [*head(f"{title}: {month_title(period)}", page), f"{counts[period]} {noun} in {month_title(period)}, one page per {part_unit(parts)}: {links}."]  # fmt: skip
        extra = ["", f"Dated {month_title(period)} only:", ""] if own else []
        render = functools.partial(_lines_page, [*top, *extra], [line for _, line in own], page, [""])
        pages[page] = ListPage(tuple(article for article, _ in own), tuple(top), render)
    return pages


def _lines_page(top: list[str], lines: list[Line], page: str, bottom: list[str]) -> str:
    return "\n".join([*top, *(line(page) for line in lines), *bottom])


def key_links(items: list[Item], folder: str, from_page: str) -> str:
    """'key (count)' links to each split page, in the items' order."""
    counts: dict[str, int] = {}
    for key, _, _ in items:
        counts[key] = counts.get(key, 0) + 1
    return " · ".join(f"[{key} ({n})]({relative(from_page, f'{folder}/{key}.md')})" for key, n in counts.items())
