"""Entity pages' front matter → validated Entity objects, all errors reported together."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from atlas.entity_types import TYPE_BY_FOLDER
from atlas.errors import InputError
from atlas.model import Entity
from atlas.read.frontmatter import Page


@dataclass(frozen=True)
class Field:
    check: Callable[[object], str | None]  # returns a complaint, or None when the value is fine
    hint: str  # how to write the value
    required: bool = False


def _text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    return None


def _line(value: object) -> str | None:
    if complaint := _text(value):
        return complaint
    assert isinstance(value, str)
    return "must fit on one line" if "\n" in value.strip() else None


def _names(value: object) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return "must be a list of names"
    return None


def _slug(value: object) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        return "must be the slug of an entity page (its file name without .md)"
    return None


def _old_address(value: object) -> str | None:
    """An old slug, or folder/slug for an address in another folder (after a merge or a move)."""
    if not isinstance(value, str):
        return "not text"
    folder, _, slug = value.rpartition("/")
    return _slug(slug) or (None if folder in ("", *TYPE_BY_FOLDER) else "unknown folder")


def _slugs(value: object) -> str | None:
    if not isinstance(value, list) or any(_old_address(v) for v in value):
        return "must be a list of old slugs (file names without .md), or <type>/<slug> for another folder"
    return None


def _url(value: object) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s<>\"]+", value):
        return "must be an http(s) URL"
    return None


def _qid(value: object) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"Q[1-9][0-9]*", value):
        return "must be a Wikidata item ID such as Q2283"
    return None


def _flag(value: object) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _iso(value: object) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?", value):
        return "must be an ISO 3166 code such as FR or US-CA"
    return None


def _anything(value: object) -> str | None:
    return None


# The one schema for entity front matter.
FIELDS: dict[str, Field] = {
    "name": Field(_line, "name: Clearview AI", required=True),
    "summary": Field(_line, "summary: One line saying what it is.", required=True),
    "aliases": Field(_names, "aliases: [Clearview]"),
    "ambiguous": Field(_names, "ambiguous: [AFP]"),
    "country": Field(_slug, "country: united-states"),
    "parent": Field(_slug, "parent: canon"),
    "website": Field(_url, "website: https://example.org"),
    "wikidata": Field(_qid, "wikidata: Q2283"),
    "wikidata_confirmed": Field(_flag, "wikidata_confirmed: true"),
    "iso3166": Field(_iso, "iso3166: FR"),
    "redirect_from": Field(_slugs, "redirect_from: [old-slug]"),
    "draft": Field(_flag, "draft: true"),
    # Written by --draft when the sentences disagree on the type, or say nothing of it.
    "type_uncertain": Field(_flag, "type_uncertain: true"),
    "type_cues": Field(_names, 'type_cues: ["vendors: “a Belgian firm”"]'),
    # Checked item by item against the vocabulary and the articles in relations.py.
    "relations": Field(_anything, 'relations: [{funded_by: peter-thiel, evidence: "…"}]'),
}
# Material for MkDocs' own page keys pass through untouched.
MATERIAL_KEYS = frozenset({"title", "description", "icon", "status", "hide", "tags", "search", "template", "subtitle"})
REFERENCE_TYPES = {"country": "countries", "parent": None}


def entity_from_page(page: Page, path: str, folder: str, slug: str) -> tuple[Entity | None, list[InputError]]:
    """Check one page's front matter against the schema."""
    errors: list[InputError] = []

    def error(key: str | None, message: str, fix: str) -> None:
        line = page.key_lines.get(key, 1) if key else 1
        errors.append(InputError(path, line, message, fix))

    if not page.head:
        error(None, "no front matter", "start the page with '---', 'name: …', 'summary: …', '---'")
        return None, errors
    for key, value in page.data.items():
        if key in MATERIAL_KEYS:
            continue
        field = FIELDS.get(key)
        if field is None:
            close = difflib.get_close_matches(key, FIELDS, n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(FIELDS)}"
            error(key, f"unknown key '{key}'", fix)
        elif complaint := field.check(value):
            error(key, f"'{key}' {complaint}", f"write it as '{field.hint}'")
    for key, field in FIELDS.items():
        if field.required and key not in page.data:
            error(None, f"missing '{key}'", f"add '{field.hint}' to the front matter")
    if errors:
        return None, errors

    data = page.data
    names = [str(data["name"]).strip(), *(a.strip() for a in data.get("aliases", []))]  # type: ignore[union-attr]
    for bad in sorted(set(a for a in data.get("ambiguous", []) if a not in names)):  # type: ignore[union-attr]
        error(
            "ambiguous",
            f"'{bad}' is listed as ambiguous but is not a name or alias",
            "list only names from 'name' or 'aliases'",
        )
    if not data.get("draft") and str(data["summary"]).startswith("DRAFT:"):
        error("summary", "the summary is still the draft's placeholder", "write one line saying what it is (or put back 'draft: true')")  # fmt: skip
    if errors:
        return None, errors
    entity = Entity(
        slug=slug,
        type=folder,
        name=names[0],
        summary=" ".join(str(data["summary"]).split()),
        path=path,
        aliases=tuple(dict.fromkeys(names[1:])),
        ambiguous=tuple(data.get("ambiguous", [])),  # type: ignore[arg-type]
        country=data.get("country"),  # type: ignore[arg-type]
        parent=data.get("parent"),  # type: ignore[arg-type]
        website=data.get("website"),  # type: ignore[arg-type]
        wikidata=data.get("wikidata"),  # type: ignore[arg-type]
        wikidata_confirmed=bool(data.get("wikidata_confirmed", False)),
        iso3166=data.get("iso3166"),  # type: ignore[arg-type]
        redirect_from=tuple(data.get("redirect_from", [])),  # type: ignore[arg-type]
        draft=bool(data.get("draft", False)),
        type_uncertain=bool(data.get("type_uncertain", False)),
        type_cues=tuple(data.get("type_cues", [])),  # type: ignore[arg-type]
    )
    return entity, []


def check_catalog(entities: list[Entity], pages: dict[str, Page], generated: list[Entity] = ()) -> list[InputError]:  # type: ignore[assignment]
    """Cross-page checks: unique slugs, references that resolve, names claimed once.

    `generated` are the pages the build can make (countries): references may name them."""
    by_slug, errors = _unique_slugs(entities)
    errors += _redirects(entities, pages, by_slug)
    errors += _references(entities, pages, by_slug, generated)
    return errors + _claims(entities, pages)


def _unique_slugs(entities: list[Entity]) -> tuple[dict[str, Entity], list[InputError]]:
    errors: list[InputError] = []
    by_slug: dict[str, Entity] = {}
    for entity in sorted(entities, key=lambda e: e.path):
        if entity.slug in by_slug:
            errors.append(
                InputError(
                    entity.path,
                    1,
                    f"duplicate slug '{entity.slug}' (also {by_slug[entity.slug].path})",
                    "rename one of the files: slugs are unique across all types",
                )
            )
        else:
            by_slug[entity.slug] = entity
    return by_slug, errors


def _redirects(entities: list[Entity], pages: dict[str, Page], by_slug: dict[str, Entity]) -> list[InputError]:
    errors = []
    for entity in entities:
        for old in entity.redirect_from:
            old = old.rpartition("/")[2]
            if old in by_slug:
                errors.append(
                    InputError(entity.path, pages[entity.path].key_lines.get("redirect_from"),
                               f"'redirect_from' names '{old}', which is still a page ({by_slug[old].path})",
                               "remove the old page, or the old slug from redirect_from")
                )  # fmt: skip
    return errors


def _references(
    entities: list[Entity], pages: dict[str, Page], by_slug: dict[str, Entity], generated: list[Entity]
) -> list[InputError]:
    """'country' and 'parent' name a page (of the right type)."""
    errors = []
    for entity in entities:
        lines = pages[entity.path].key_lines
        for key, wanted_type in REFERENCE_TYPES.items():
            target = getattr(entity, key)
            if target is None:
                continue
            found = by_slug.get(target) or next((g for g in generated if g.slug == target), None)
            if found is None:
                close = difflib.get_close_matches(target, by_slug, n=1)
                fix = f"did you mean '{close[0]}'?" if close else "create the page or correct the slug"
                errors.append(
                    InputError(entity.path, lines.get(key), f"'{key}' names '{target}', which has no page", fix)
                )
            elif wanted_type and found.type != wanted_type:
                errors.append(
                    InputError(
                        entity.path,
                        lines.get(key),
                        f"'{key}' names '{target}', which is not in {wanted_type}/",
                        f"name a page under docs/{wanted_type}/",
                    )
                )
    return errors


def _claims(entities: list[Entity], pages: dict[str, Page]) -> list[InputError]:
    """A name belongs to one page, unless every page that claims it marks it ambiguous."""
    errors: list[InputError] = []
    claims: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        for name in dict.fromkeys(entity.names):
            claims[name].append(entity)
    for name, claimants in sorted(claims.items()):
        if len(claimants) < 2:
            continue
        unmarked = sorted((e for e in claimants if name not in e.ambiguous), key=lambda e: e.path)
        if not unmarked:
            continue
        entity = unmarked[0]  # one line per clash, on the first page that must change
        others = ", ".join(sorted(e.path for e in claimants if e is not entity))
        key = "name" if name == entity.name else "aliases"
        errors.append(
            InputError(
                entity.path,
                pages[entity.path].key_lines.get(key),
                f"'{name}' is also claimed by {others}",
                "remove it from one page, or add it to 'ambiguous' on every page that claims it",
            )
        )
    return errors
