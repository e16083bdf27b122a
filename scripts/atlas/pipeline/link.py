"""The link stage: read sources → stories, relations, notes, mentions, and the corpus views draw on.

Copies of one story count once: only each story's page is annotated and shown. An article's
mentions are cached in the memo by its content and the catalog's names.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from pathlib import PurePosixPath

from atlas.errors import InputError, raise_all
from atlas.link.acronyms import Definition, apply_definitions, definitions
from atlas.link.annotate import Matcher, Phrase, Unlinked, annotate, apply_bindings
from atlas.link.corpus import Corpus, Report, report_of
from atlas.link.relations import Places, Relation, evidence_places, parse_relations, resolve_relations, spec_quotes
from atlas.link.stories import Story, group_stories
from atlas.memo import ArticleMemo, Linked, digest
from atlas.model import Article, Entity, Mention
from atlas.pipeline.read import Read
from atlas.pipeline.settings import Settings
from atlas.read.glossary import parse_glossary
from atlas.read.notes import UNLINK, Note, PlacedNote, parse_notes
from atlas.read.pinned import STORIES
from atlas.read.selectors import Quote, describe, find_quote
from atlas.read.sources import NOTES_SUFFIX, Sources


@dataclass(frozen=True)
class Claims:
    """What editors state about the stories: relations, notes, the glossary."""

    stories: list[Story]
    relations: list[Relation]
    notes: list[PlacedNote]
    glossary: list[tuple[str, str]]
    warnings: list[str]


@dataclass(frozen=True)
class LinkedCorpus:
    corpus: Corpus
    stories: list[Story]
    entities: list[Entity]  # the catalog, with the generated country pages some source names
    keys: dict[str, str]  # article slug → content key
    names_key: str  # what besides an article decides its mentions
    mention_keys: dict[str, str]  # story page slug → what decides its mentions: content, names, bindings
    unlinked: list[Unlinked]
    undefined: list[tuple[str, Definition]]  # (article, acronym defined by a name with no entity)
    warnings: list[str]
    article_count: int  # article files, copies included


def link_stage(read: Read, sources: Sources, memo: ArticleMemo, settings: Settings) -> LinkedCorpus:
    claims = claims_about(read, sources, memo)
    articles = [story.page for story in claims.stories]
    countries = read.countries
    matcher = Matcher(read.entities, countries.names, countries.phrases)  # countries match by their ISO names only
    named = _names(read.entities, countries.names)
    names_key = _names_key(read.entities, countries.names, countries.phrases)
    mentions: list[Mention] = []
    unlinked: list[Unlinked] = []
    undefined: list[tuple[str, Definition]] = []
    for article in articles:
        found, ambiguous, missing = memo.link(read.keys[article.slug] + names_key, functools.partial(_link, article, matcher, named))  # fmt: skip
        mentions.extend(found)
        unlinked.extend(ambiguous)
        undefined.extend((article.slug, d) for d in missing)
    bindings = _bindings(claims.notes, articles)
    mentions, unlinked = apply_bindings(mentions, unlinked, bindings)
    mention_keys = _mention_keys(articles, read.keys, names_key, bindings)
    # A generated country page exists while an article names it or an entity refers to it.
    wanted = {m.entity for m in mentions} | {e.country for e in read.entities} | {e.parent for e in read.entities}
    wanted |= {r.target for r in claims.relations}
    entities = [*read.entities, *(c for c in countries.generated if c.slug in wanted)]
    by_slug = {e.slug: e for e in entities}
    corpus = Corpus(
        articles,
        by_slug,
        mentions,
        claims.notes,
        claims.relations,
        claims.glossary,
        settings.excerpts,
        directory_urls=not settings.offline,
        site_url=settings.site_url,
        copies={story.page.slug: story.copies for story in claims.stories if story.copies},
        reports=_reports(articles, mentions, by_slug, mention_keys, memo),
    )
    return LinkedCorpus(corpus, claims.stories, entities, read.keys, names_key, mention_keys, unlinked, undefined, claims.warnings, len(read.articles))  # fmt: skip


def claims_about(read: Read, sources: Sources, memo: ArticleMemo) -> Claims:
    """Stories (copies grouped), and the relations, notes and glossary checked against them."""
    stories = group_stories(read.articles, read.pinned, read.samples, read.keys, memo.copies)
    articles = [story.page for story in stories]
    page_of = {copy.slug: story.page.slug for story in stories for copy in story.copies}
    by_slug = {e.slug: e for e in [*read.countries.generated, *read.entities]}
    relations, relation_errors, warnings = _load_relations(read, page_of, by_slug, memo)
    notes, note_errors, note_warnings = _load_notes(sources, articles, by_slug, page_of)
    glossary_errors: list[InputError] = []
    try:
        glossary = parse_glossary(sources.glossary)
    except InputError as error:
        glossary, glossary_errors = [], [error]
    raise_all(relation_errors + note_errors + glossary_errors)
    return Claims(stories, relations, notes, glossary, warnings + note_warnings)


def _load_relations(
    read: Read, page_of: dict[str, str], targets: dict[str, Entity], memo: ArticleMemo
) -> tuple[list[Relation], list[InputError], list[str]]:
    specs, errors = [], []
    for entity in read.entities:
        page = read.pages[entity.path]
        if "relations" not in page.data:
            continue
        found, problems = parse_relations(
            entity, page.data["relations"], page.item_lines.get("relations", []), page.key_lines["relations"]
        )
        specs.extend(found)
        errors.extend(problems)
    places = _evidence_places(read, spec_quotes(specs), memo)
    relations, problems, warnings = resolve_relations(specs, targets, read.articles, page_of, places)
    return relations, errors + problems, warnings


def _evidence_places(read: Read, quotes: list[Quote], memo: ArticleMemo) -> dict[str, Places]:
    """Where the relations' quotes match, article by article, cached by content and the quotes:
    an added article is searched alone, not the whole corpus again."""
    if not quotes:
        return {a.slug: () for a in read.articles}
    quotes_key = digest("evidence", quotes)
    by_slug = {a.slug: a for a in read.articles}
    return memo.places(
        {a.slug: read.keys[a.slug] + quotes_key for a in read.articles},
        lambda slugs: evidence_places(quotes, [by_slug[slug] for slug in slugs]),
    )


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
            if (error := _place(note, article, entities, path, placed)) is not None:
                errors.append(error)
    return placed, errors, warnings


def _place(note: Note, article: Article, entities: dict[str, Entity], path: str, placed: list[PlacedNote]) -> InputError | None:  # fmt: skip
    """Place one note on its quote, or say why it cannot be."""
    if note.entity is not None and note.entity != UNLINK and note.entity not in entities:
        close = difflib.get_close_matches(note.entity, entities, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"create docs/<type>/{note.entity}.md, or write entity=none"
        return InputError(path, note.line, f"note binds '{note.entity}', which has no page", fix)
    found = find_quote(note.quote, [article])
    if len(found) == 1:
        placed.append(PlacedNote(note, found[0]))
        return None
    problem = f"matches {len(found)} places" if found else "is not"
    fix = 'add prefix="…" or suffix="…" to choose one' if found else "copy the exact words from the article"
    return InputError(path, note.line, f"note quote {describe(note.quote)} {problem} in {article.path}", fix)


def _link(article: Article, matcher: Matcher, named: dict[str, str]) -> Linked:
    found, ambiguous = annotate(article, matcher)
    return apply_definitions(article, found, ambiguous, definitions(article), named)


def _mention_keys(
    articles: list[Article], keys: dict[str, str], names_key: str, bindings: list[tuple[Mention, bool]]
) -> dict[str, str]:
    """What decides each article's mentions: its content, the catalog's names, and the notes
    that bind its words."""
    bound: dict[str, list[tuple[Mention, bool]]] = {}
    for binding in bindings:
        bound.setdefault(binding[0].article, []).append(binding)
    return {a.slug: keys[a.slug] + names_key + (digest(bound[a.slug]) if a.slug in bound else "") for a in articles}


def _reports(
    articles: list[Article],
    mentions: list[Mention],
    entities: dict[str, Entity],
    mention_keys: dict[str, str],
    memo: ArticleMemo,
) -> dict[str, Report]:
    """Each article's quotations and events, cached by what decides them: its mentions'
    key and the entities' types."""
    types = digest(sorted((e.slug, e.type) for e in entities.values()))
    per_article: dict[str, list[Mention]] = {a.slug: [] for a in articles}
    for mention in mentions:
        per_article[mention.article].append(mention)
    reports = {}
    for article in articles:
        compute = functools.partial(report_of, article, per_article[article.slug], entities)
        reports[article.slug] = memo.report(mention_keys[article.slug] + types, compute)
    return reports


def _names_key(entities: list[Entity], extra: dict[str, tuple[str, ...]], phrases: list[Phrase]) -> str:
    """Everything besides an article that decides its mentions: the names the matcher knows."""
    return digest(sorted((e.slug, e.names) for e in entities), sorted(extra.items()), phrases)


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
