"""Derived views over articles, entities and mentions (pure; computed once per build)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from atlas.link.quotations import Quotation, find_quotations
from atlas.link.relations import Relation
from atlas.link.sentences import sentence_around
from atlas.link.timeline import Event, article_events, editor_events
from atlas.link.topics import Topic, collect_topics
from atlas.model import Article, Block, Entity, Mention
from atlas.read.notes import PlacedNote

Report = tuple[Sequence[Quotation], Sequence[Event]]  # an article's quotations and the dated events it reports


def report_of(article: Article, mentions: list[Mention], entities: Mapping[str, Entity]) -> Report:
    """What one article reports, from its text, its mentions (after editors' bindings) and the
    types of the entities they name: nothing else, so it can be cached per article."""
    return tuple(find_quotations(article, mentions, entities)), tuple(article_events(article))


@dataclass
class Corpus:
    articles: list[Article]  # newest first, then by slug
    entities: dict[str, Entity]  # by slug
    mentions: list[Mention]
    notes: list[PlacedNote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    excerpts: bool = False  # copyright-safe mode: show passages around names, never whole paragraphs
    directory_urls: bool = True  # False for the offline build: raw links then point at x/y.html
    site_url: str | None = None  # the public address, for citations (publishing builds only)
    copies: dict[str, tuple[Article, ...]] = field(default_factory=dict)  # story page slug → its other copies
    reports: Mapping[str, Report] | None = None  # each article's report_of(), when worked out beforehand (cached)
    topics: list[Topic] = field(init=False)
    quotations: list[Quotation] = field(init=False)
    events: list[Event] = field(init=False)
    _notes_by_entity: dict[str, list[PlacedNote]] | None = field(init=False, default=None)
    by_entity: dict[str, list[Mention]] = field(init=False)
    by_block: dict[tuple[str, str], list[Mention]] = field(init=False)
    by_entity_article: dict[tuple[str, str], list[Mention]] = field(init=False)
    article_by_slug: dict[str, Article] = field(init=False)
    _mentioning: dict[str, list[Article]] = field(init=False, default_factory=dict)
    derived: dict[object, object] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )  # per-build memo of later stages

    def __post_init__(self) -> None:
        self.articles = sorted(self.articles, key=lambda a: a.slug)
        self.articles.sort(key=lambda a: a.date or "", reverse=True)
        self.article_by_slug = {a.slug: a for a in self.articles}
        self.by_entity = defaultdict(list)
        self.by_block = defaultdict(list)
        self.by_entity_article = defaultdict(list)
        position = {(a.slug, b.anchor): i for a in self.articles for i, b in enumerate(a.blocks)}
        self.mentions = sorted(self.mentions, key=lambda m: (m.article, position[(m.article, m.block)], m.start))
        for mention in self.mentions:
            self.by_entity[mention.entity].append(mention)
            self.by_block[(mention.article, mention.block)].append(mention)
            self.by_entity_article[(mention.entity, mention.article)].append(mention)
        self.topics = collect_topics(self.articles)
        self._index()
        reports = self.reports if self.reports is not None else self._report_each()
        self.quotations = [q for a in self.articles for q in reports[a.slug][0]]
        events = [e for a in self.articles for e in reports[a.slug][1]] + editor_events(self.notes)
        self.events = sorted(events, key=lambda e: (e.sort_key, e.article, position[(e.article, e.block)], e.start))
        self._reported: dict[str, tuple[list[Quotation], list[Event]]] | None = None

    def _report_each(self) -> dict[str, Report]:
        per_article: dict[str, list[Mention]] = defaultdict(list)
        for mention in self.mentions:
            per_article[mention.article].append(mention)
        return {a.slug: report_of(a, per_article[a.slug], self.entities) for a in self.articles}

    def mention_count(self, slug: str) -> int:
        return len(self.by_entity.get(slug, ()))

    def mentions_of(self, slug: str, article: str) -> list[Mention]:
        """The entity's mentions in one article, in text order."""
        return self.by_entity_article.get((slug, article), [])

    def articles_mentioning(self, slug: str) -> list[Article]:
        """Newest first (the corpus order). Asked for several times per entity: kept."""
        if slug not in self._mentioning:
            slugs = {m.article for m in self.by_entity.get(slug, ())}
            found = sorted((self.article_by_slug[s] for s in slugs), key=lambda a: self._order[a.slug])
            self._mentioning[slug] = found
        return list(self._mentioning[slug])

    def entities_in(self, article: Article) -> list[Entity]:
        slugs = {m.entity for b in article.blocks for m in self.by_block.get((article.slug, b.anchor), [])}
        return sorted((self.entities[s] for s in slugs), key=lambda e: (e.type, e.name.lower()))

    def alongside(self, slug: str) -> list[tuple[Entity, int]]:
        """Entities sharing a paragraph or caption with this one, by how many they share (asked
        for by the entity's page and its full list: kept)."""
        key = ("alongside", slug)
        if key not in self.derived:
            self.derived[key] = self._alongside(slug)
        return list(self.derived[key])  # type: ignore[call-overload]

    def _alongside(self, slug: str) -> list[tuple[Entity, int]]:
        counts: Counter[str] = Counter()
        for article, block in {(m.article, m.block) for m in self.by_entity.get(slug, ())}:
            for other in {m.entity for m in self.by_block[(article, block)]} - {slug}:
                counts[other] += 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], self.entities[item[0]].name.lower()))
        return [(self.entities[s], n) for s, n in ranked]

    def referring(self, slug: str, key: str) -> list[Entity]:
        """Entities whose `key` (country, parent) names this one."""
        return self._referring.get((key, slug), [])

    def notes_in(self, article: str, block: str) -> list[PlacedNote]:
        """Notes with something to say (a body or a source) in one block, in text order.

        A note that only binds a mention says it through the link itself."""
        return self._notes_by_block.get((article, block), [])

    def notes_about(self, slug: str) -> list[PlacedNote]:
        """Notes bound to the entity, or on a sentence that mentions it."""
        if self._notes_by_entity is None:
            self._notes_by_entity = defaultdict(list)
            for placed in self.notes:
                if placed.note.body or placed.note.source:
                    for entity in sorted(self._concerned(placed)):
                        self._notes_by_entity[entity].append(placed)
        return self._notes_by_entity.get(slug, [])

    def _concerned(self, placed: PlacedNote) -> set[str]:
        anchor = placed.anchor
        text = self.block(anchor.article, anchor.block).text
        start, end = sentence_around(text, anchor.start)
        end = max(end, sentence_around(text, max(anchor.end - 1, anchor.start))[1])
        named = {m.entity for m in self.by_block.get((anchor.article, anchor.block), []) if start <= m.start < end}
        bound = {placed.note.entity} if placed.note.entity else set()
        return named | bound

    def relations_of(self, slug: str) -> list[tuple[Relation, bool]]:
        """(relation, True when this entity is its source), sources first."""
        outgoing = [(r, True) for r in self.relations if r.source == slug]
        incoming = [(r, False) for r in self.relations if r.target == slug]
        return outgoing + incoming

    def block(self, article: str, anchor: str) -> Block:
        return self._blocks[(article, anchor)]

    def topic_uses_in(self, article: str, block: str) -> list[tuple[Topic, int, int]]:
        return self._topics_by_block.get((article, block), [])

    def reported_in(self, article: str) -> tuple[list[Quotation], list[Event]]:
        """The article's quotations, and the dated events it reports (not the editor's)."""
        if self._reported is None:
            self._reported = {}
            for quote in self.quotations:
                self._reported.setdefault(quote.article, ([], []))[0].append(quote)
            for event in self.events:
                if event.note is None:
                    self._reported.setdefault(event.article, ([], []))[1].append(event)
        return self._reported.get(article, ([], []))

    def relation(self, key: str) -> Relation:
        return self._relation_by_key[key]

    def evidence_in(self, article: str, block: str) -> list[tuple[str, int, int]]:
        """(relation key, start, end) of each relation's evidence words in one block, the cited
        story's and every other story's that carries them."""
        return self._evidence_by_block.get((article, block), [])

    def named(self, name: str, folder: str) -> Entity | None:
        """The entity of this type with this name or alias (bylines: authors, publishers)."""
        return self._by_name.get((folder, name))

    def _index(self) -> None:
        """Look-up tables, built once, that keep every page's rendering independent of corpus size."""
        self._order = {a.slug: i for i, a in enumerate(self.articles)}
        self._blocks = {(a.slug, b.anchor): b for a in self.articles for b in a.blocks}
        self._referring: dict[tuple[str, str], list[Entity]] = defaultdict(list)
        self._by_name: dict[tuple[str, str], Entity] = {}
        for entity in sorted(self.entities.values(), key=lambda e: (e.name.lower(), e.slug)):
            for key in ("country", "parent"):
                if getattr(entity, key):
                    self._referring[(key, getattr(entity, key))].append(entity)
            for name in entity.names:
                self._by_name.setdefault((entity.type, name), entity)
        self._notes_by_block: dict[tuple[str, str], list[PlacedNote]] = defaultdict(list)
        for placed in sorted(self.notes, key=lambda n: (n.anchor.end, n.anchor.start)):
            if placed.note.body or placed.note.source:
                self._notes_by_block[(placed.anchor.article, placed.anchor.block)].append(placed)
        self._relation_by_key = {relation.key: relation for relation in self.relations}
        self._evidence_by_block: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
        for relation in self.relations:
            for anchor in (relation.anchor, *relation.also):
                self._evidence_by_block[(anchor.article, anchor.block)].append((relation.key, anchor.start, anchor.end))
        self._topics_by_block: dict[tuple[str, str], list[tuple[Topic, int, int]]] = defaultdict(list)
        for topic in self.topics:
            for use in topic.uses:
                self._topics_by_block[(use.article, use.block)].append((topic, use.start, use.end))
