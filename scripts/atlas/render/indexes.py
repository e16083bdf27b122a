"""Index pages: each type, the articles, the home page's region, relations, redirects. Pure."""

from __future__ import annotations

from atlas.entity_types import ENTITY_TYPES, TYPE_BY_FOLDER
from atlas.link.corpus import Corpus
from atlas.link.relations import Relation
from atlas.link.vocabulary import RELATION_TYPES
from atlas.model import Article, Entity
from atlas.read.dates import human_date
from atlas.read.selectors import Anchor
from atlas.render.anchors import anchors_in
from atlas.render.blocks import (
    RELATIONS_LIMIT,
    entity_link,
    evidence_link,
    evidence_path,
    front_matter,
    more_stories,
    page_head,
    paragraph_label,
    relations_page_of,
)
from atlas.render.escape import escape
from atlas.render.graph import whole_graph
from atlas.render.links import article_page, entity_page, relative, type_index, url_between
from atlas.render.lists import (
    ARTICLES_ON_INDEX,
    UNDATED,
    article_year_path,
    by_year,
    month_title,
    part_links,
    periods,
    year_links,
)
from atlas.render.worldmap import world_map


def _cell(text: str) -> str:
    return escape(text) if text else "—"


def render_type_index(folder: str, corpus: Corpus) -> str:
    entity_type = TYPE_BY_FOLDER[folder]
    page = type_index(folder)
    members = sorted((e for e in corpus.entities.values() if e.type == folder), key=lambda e: e.name.lower())
    generated = sum(e.generated for e in members)
    how = (
        f" {generated} of them are countries no editor has written about yet: their pages are made from ISO 3166-1 "
        "on first mention."
        if generated
        else ""
    )
    out = [
        front_matter({"title": entity_type.plural, "generated_from": f"docs/{folder}/*.md"}),
        f"# :{entity_type.icon}: {entity_type.plural}\n",
        f"{len(members)} {entity_type.plural.lower() if len(members) != 1 else entity_type.singular.lower()} "
        f"in the catalog. Each page is written by hand; its facts box and mentions are built from the articles.{how}\n",
    ]
    if folder == "countries":
        out.append(
            world_map(
                [
                    (e, corpus.mention_count(e.slug), url_between(page, entity_page(e), corpus.directory_urls))
                    for e in members
                ]
            )
        )
    if members:
        out.append("| Name | Summary | Country | Mentions |\n| --- | --- | --- | ---: |")
        for entity in members:
            country = entity_link(corpus.entities[entity.country], page) if entity.country else "—"
            out.append(
                f"| {entity_link(entity, page)} | {_cell(entity.summary)} | {country} | {corpus.mention_count(entity.slug)} |"
            )
        out.append("")
    return "\n".join(out)


MOST_NAMED = 6  # entities listed per article in the articles index


def _most_named(article: Article, corpus: Corpus, page: str) -> str:
    counts: dict[str, int] = {}
    for block in article.blocks:
        for mention in corpus.by_block.get((article.slug, block.anchor), []):
            counts[mention.entity] = counts.get(mention.entity, 0) + 1
    ranked = sorted(counts, key=lambda slug: (-counts[slug], corpus.entities[slug].name.lower()))
    links = ", ".join(entity_link(corpus.entities[slug], page) for slug in ranked[:MOST_NAMED])
    more = f" and {len(ranked) - MOST_NAMED} more" if len(ranked) > MOST_NAMED else ""
    return (links + more) or "—"


def article_row(article: Article, corpus: Corpus, page: str) -> str:
    date = human_date(article.date) if article.date else "—"
    link = f"[{escape(article.title)}]({relative(page, article_page(article.slug))})"
    return f"| {date} | {link} | {_cell(article.publisher or '')} | {_most_named(article, corpus, page)} |"


def render_articles_index(corpus: Corpus) -> str:
    page = "articles/index.md"
    count = len(corpus.articles)
    out = [
        *page_head("Articles", "material-file-document-multiple", "articles/*.txt"),
        f"{count} article{'s' if count != 1 else ''}, newest first.\n",
    ]
    if count > ARTICLES_ON_INDEX:
        links = year_links(by_year(corpus.articles), article_year_path, page)
        out.append(f"The newest {ARTICLES_ON_INDEX} are listed here; every article, by year: {links}.\n")
    if corpus.articles:
        out.append("| Date | Article | Publisher | Most named |\n| --- | --- | --- | --- |")
        out.extend(article_row(article, corpus, page) for article in corpus.articles[:ARTICLES_ON_INDEX])
        out.append("")
    return "\n".join(out)


CARD_TYPES = ("vendors", "agencies", "advocacy", "countries")  # the home page's landscape at a glance


def home_region(corpus: Corpus) -> str:
    page = "index.md"
    out = ["## At a glance\n", '<div class="grid cards" markdown>\n']
    for folder in CARD_TYPES:
        entity_type = TYPE_BY_FOLDER[folder]
        members = [e for e in corpus.entities.values() if e.type == folder]
        ranked = sorted(members, key=lambda e: (-corpus.mention_count(e.slug), e.name.lower()))[:5]
        top = ", ".join(f"{entity_link(e, page)} ({corpus.mention_count(e.slug)})" for e in ranked)
        out.append(
            f"-   :{entity_type.icon}:{{ .lg .middle }} __{entity_type.plural}__: {len(members)}\n\n    ---\n\n"
            f"    Most mentioned: {top or 'none yet'}.\n\n"
            f"    [All {entity_type.plural.lower()}]({relative(page, type_index(folder))})\n"
        )
    out.append(
        f"-   :material-graph-outline:{{ .lg .middle }} __Who does what__\n\n    ---\n\n"
        f"    {len(corpus.relations)} relations, each with the words that state it, drawn as a "
        f"[diagram]({relative(page, 'relations.md')}); a [world map]({relative(page, 'countries/index.md')}#world-map) "
        f"of the countries; the [timeline]({relative(page, 'timeline.md')}) and the [quotes]({relative(page, 'quotes.md')}).\n"
    )
    out.append("</div>\n")
    others = [t for t in ENTITY_TYPES if t.folder not in CARD_TYPES]
    counts = ", ".join(
        f"[{t.plural.lower()}]({relative(page, type_index(t.folder))}) "
        f"({sum(1 for e in corpus.entities.values() if e.type == t.folder)})"
        for t in others
    )
    out.append(f"The catalog also has {counts}.\n")
    out.append("## Latest articles\n")
    for article in corpus.articles[:10]:
        date = f" ({human_date(article.date)})" if article.date else ""
        publisher = f", {escape(article.publisher)}" if article.publisher else ""
        out.append(f"- [{escape(article.title)}]({relative(page, article_page(article.slug))}){date}{publisher}")
    if len(corpus.articles) > 10:
        out.append(f"\n[All {len(corpus.articles)} articles]({relative(page, 'articles/index.md')})")
    out.append("")
    return "\n".join(out)


EVIDENCE_LIMIT = 500  # citing stories on one page (about 150 bytes each); past it, a page per period
WHOLE_GRAPH_LIMIT = 60  # relations drawn in one chord diagram; beyond, only the text and each entity's own


RELATIONS_INTRO = (
    "Who does what to whom, as the articles state it: each relation is declared on an entity's page "
    "and cites the exact words that support it. Claims a party makes about itself are marked.\n"
)


def _relation_table(relations: list[Relation], corpus: Corpus, page: str) -> list[str]:
    out = ["| Entity | Relation | With | Evidence |\n| --- | --- | --- | --- |"]
    for relation in sorted(relations, key=lambda r: (corpus.entities[r.source].name.lower(), r.type, r.key)):
        kind = RELATION_TYPES[relation.type]
        target = (
            entity_link(corpus.entities[relation.target], page) if relation.target else escape(relation.topic or "")
        )
        label = kind.label + (" (claimed)" if relation.claimed else "")
        source = entity_link(corpus.entities[relation.source], page)
        evidence = evidence_link(relation, corpus, page) + more_stories(relation, page, corpus)
        out.append(f"| {source} | {label} | {target} | {evidence} |")
    out.append("")
    return out


def render_relations_page(corpus: Corpus) -> str:
    page = "relations.md"
    out = [*page_head("Relations", "material-graph-outline", "relations in docs/*/*.md"), RELATIONS_INTRO]
    if not corpus.relations:
        return "\n".join([*out, "No relations are declared yet.\n"])
    if len(corpus.relations) > RELATIONS_LIMIT:
        counts: dict[str, int] = {}
        for relation in corpus.relations:
            counts[relation.type] = counts.get(relation.type, 0) + 1
        out.append(f"{len(corpus.relations)} relations, one page per type (each entity's page draws its own diagram):\n")  # fmt: skip
        out.append("| Relation | Count |\n| --- | ---: |")
        for kind in sorted(counts):
            out.append(f"| [{escape(RELATION_TYPES[kind].label)}](relations/{kind}.md) | {counts[kind]} |")
        return "\n".join([*out, ""])
    if len(corpus.relations) <= WHOLE_GRAPH_LIMIT:
        out.append(whole_graph(corpus, page))
    else:  # a circle of hundreds of names is unreadable: each entity's page draws its neighbourhood
        out.append(f"{len(corpus.relations)} relations: too many for one diagram. Each entity's page draws its own; the table lists them all.\n")  # fmt: skip
    out.extend(_relation_table(corpus.relations, corpus, page))
    out.extend(_citing_stories(corpus.relations, corpus, page))
    return "\n".join(out)


def render_relation_type_pages(corpus: Corpus) -> dict[str, str]:
    """relations/<type>.md, titled "Relations: <label>", when one table would hold too many."""
    if len(corpus.relations) <= RELATIONS_LIMIT:
        return {}
    pages = {}
    for kind in sorted({r.type for r in corpus.relations}):
        page = f"relations/{kind}.md"
        members = [r for r in corpus.relations if r.type == kind]
        head = page_head(f"Relations: {RELATION_TYPES[kind].label}", "material-graph-outline", "relations in docs/*/*.md")  # fmt: skip
        pages[page] = "\n".join([*head, RELATIONS_INTRO, *_relation_table(members, corpus, page), *_citing_stories(members, corpus, page)])  # fmt: skip
    return pages


def _citing_stories(relations: list[Relation], corpus: Corpus, page: str) -> list[str]:
    """For each relation whose words several stories carry: a line linking their complete list
    (the heading keeps the anchor that older links name)."""
    shared = [r for r in relations if r.also]
    if not shared:
        return []
    out = ["## Evidence in several stories\n"]
    for relation in sorted(shared, key=lambda r: (corpus.entities[r.source].name.lower(), r.type, r.key)):
        out.append(f"### {escape(_relation_title(relation, corpus))} {{ #{relation.key} }}\n")
        count = len(relation.also) + 1
        out.append(f"[{count} stories carry these words]({relative(page, evidence_path(relation))}).\n")
    return out


def _relation_title(relation: Relation, corpus: Corpus) -> str:
    target = corpus.entities[relation.target].name if relation.target else relation.topic or ""
    return f"{corpus.entities[relation.source].name} {RELATION_TYPES[relation.type].label} {target}"


def render_evidence_pages(corpus: Corpus) -> dict[str, str]:
    """relations/evidence/<key>.md for each relation whose words several stories carry: every
    one of them, earliest first; past EVIDENCE_LIMIT, one page per year (or month)."""
    pages: dict[str, str] = {}
    for relation in (r for r in corpus.relations if r.also):
        page = evidence_path(relation)
        anchors = sorted((relation.anchor, *relation.also), key=lambda a: _story_order(a, corpus))
        title = _relation_title(relation, corpus)
        head = [*page_head(f"Evidence: {title}", "material-graph-outline", "relations in docs/*/*.md"),
                f"{len(anchors)} stories carry the words “{escape(relation.quote.exact)}”, earliest first; "
                f"the relation cites the earliest ([all relations]({relative(page, relations_page_of(relation, corpus))})).\n"]  # fmt: skip
        if len(anchors) <= EVIDENCE_LIMIT:
            pages[page] = "\n".join([*head, *_citing_lines(relation, anchors, corpus, page), ""])
            continue
        groups = periods([(corpus.article_by_slug[a.article].date or UNDATED, a) for a in anchors], EVIDENCE_LIMIT)
        folder = page.removesuffix(".md")
        counts = {key: len(items) for key, items in groups.items()}
        links = part_links(list(groups), counts, f"{folder}/{{}}.md".format, page)
        pages[page] = "\n".join([*head, f"By period: {links}.\n"])
        for key, items in groups.items():
            sub = f"{folder}/{key}.md"
            sub_head = page_head(f"Evidence: {title} ({month_title(key)})", "material-graph-outline", "relations in docs/*/*.md")  # fmt: skip
            pages[sub] = "\n".join([*sub_head, f"[All periods]({relative(sub, page)})\n", *_citing_lines(relation, items, corpus, sub), ""])  # fmt: skip
    return pages


def _story_order(anchor: Anchor, corpus: Corpus) -> tuple[str, str]:
    article = corpus.article_by_slug[anchor.article]
    return (article.date or "~", article.slug)


def _citing_lines(relation: Relation, anchors: list[Anchor], corpus: Corpus, page: str) -> list[str]:
    """Each story carrying the relation's words, linked to those words in it."""
    lines = []
    for anchor in anchors:
        article = corpus.article_by_slug[anchor.article]
        date = f" ({human_date(article.date)})" if article.date else ""
        fragment = anchors_in(corpus, anchor.article, anchor.block).words(relation.key, anchor.start)
        link = relative(page, article_page(article.slug), fragment)
        lines.append(f"- [{escape(article.title)}]({link}){date}, {paragraph_label(anchor.block)}")
    return lines


def render_copy_redirect(copy: Article, story: Article, directory_urls: bool = True) -> str:
    """A syndicated copy's own address: it sends readers to the story's page."""
    old_page = article_page(copy.slug)
    return "\n".join(
        [
            front_matter(
                {
                    "title": copy.title,
                    "redirect_to": url_between(old_page, article_page(story.slug), directory_urls),
                    "template": "redirect.html",
                    "search": {"exclude": True},
                    "generated_from": copy.path,
                }
            ),
            f"# {escape(copy.title)}\n",
            f"This is a copy of a story shown at [{escape(story.title)}]({relative(old_page, article_page(story.slug))}).\n",
        ]
    )


def old_address(entity: Entity, old: str) -> str:
    """An entry of redirect_from as a page under docs/: a slug in the entity's folder, or folder/slug."""
    return f"{old}.md" if "/" in old else f"{entity.type}/{old}.md"


def render_redirect(entity: Entity, old_slug: str, directory_urls: bool = True) -> str:
    """A page at an entity's old address that sends readers (and links) to the new one."""
    old_page = old_address(entity, old_slug)
    new_url = url_between(old_page, entity_page(entity), directory_urls)
    return "\n".join(
        [
            front_matter(
                {
                    "title": entity.name,
                    "redirect_to": new_url,
                    "template": "redirect.html",
                    "search": {"exclude": True},
                    "generated_from": entity.path,
                }
            ),
            f"# {escape(entity.name)}\n",
            f"This page has moved to {entity_link(entity, old_page)}.\n",
        ]
    )


def render_drafts_page(corpus: Corpus) -> str:
    """Every draft entity page, for the editors who review them."""
    page = "drafts.md"
    drafts = sorted((e for e in corpus.entities.values() if e.draft), key=lambda e: (e.type, e.name.lower()))
    out = [
        *page_head("Drafts", "material-file-document-edit-outline", "the pages with 'draft: true'"),
        "Entity pages drafted from the articles by `python scripts/build.py --draft`, not yet reviewed. To accept "
        "one, write its summary and remove `draft: true` from its front matter. The site is not published while "
        "drafts remain.\n",
    ]
    if not drafts:
        out.append("No drafts are waiting for review.\n")
        return "\n".join(out)
    uncertain = [e for e in drafts if e.type_uncertain]
    if uncertain:
        out += [
            "## Type uncertain\n",
            "The sentences disagreed on what these are, or said nothing of it: each is in its best-guess folder. "
            "Move the page to the right folder if the guess is wrong, then remove `type_uncertain` and `type_cues`.\n",
            "| Name | Guessed type | What the sentences say | Mentions |\n| --- | --- | --- | ---: |",
        ]
        for entity in uncertain:
            cues = "; ".join(escape(c) for c in entity.type_cues) or "nothing"
            kind = TYPE_BY_FOLDER[entity.type].singular
            out.append(f"| {entity_link(entity, page)} | {kind} | {cues} | {corpus.mention_count(entity.slug)} |")
        out += ["", "## Type from the sentences\n"]
    out.append("| Name | Type | Mentions |\n| --- | --- | ---: |")
    for entity in (e for e in drafts if not e.type_uncertain):
        kind = TYPE_BY_FOLDER[entity.type].singular
        out.append(f"| {entity_link(entity, page)} | {kind} | {corpus.mention_count(entity.slug)} |")
    out.append("")
    return "\n".join(out)
