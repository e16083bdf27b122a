"""Countries: a closed set (ISO 3166-1, from pycountry), linked with no editor action.

Every country an article names links to its country page: the page an editor wrote (found
by its `iso3166` code, or its slug or name), else a generated one made on first mention.
Names come from pycountry, plus the short forms in `data/countries.yml`; names that are also
common words or other places are matched only in the forms listed there. Pure, but for
reading that data once.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from atlas.link.annotate import Phrase
from atlas.model import Entity

DATA = Path(__file__).resolve().parent / "data" / "countries.yml"
GENERATED_FROM = "ISO 3166-1 (pycountry)"
_BRACKETS = re.compile(r"\[([^\[\]]+)\]")


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    name: str  # what its page is called
    slug: str
    names: tuple[str, ...]  # matched as they stand
    forms: tuple[str, ...]  # matched only in context (bracketed forms)


@dataclass(frozen=True)
class CountryCatalog:
    generated: list[Entity]  # one per ISO country no hand-written page covers (pruned after matching)
    names: dict[str, tuple[str, ...]]  # entity slug → country names to match for it
    phrases: list[Phrase]


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))


@functools.cache
def iso_countries() -> tuple[Country, ...]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    extra: dict[str, list[str]] = data.get("names", {})
    guarded: dict[str, list[str]] = data.get("only_in", {})
    countries = []
    for record in pycountry.countries:
        code = record.alpha_2
        standard = [getattr(record, key, None) for key in ("common_name", "name", "official_name")]
        # "Korea, Republic of" reads badly and matches nothing: only names without commas.
        names = [n for n in [*extra.get(code, []), *standard] if n and "," not in n and "(" not in n]
        forms = tuple(guarded.get(code, []))
        bare = {match for form in forms for match in _BRACKETS.findall(form)}
        name = names[0] if names else record.name
        matched = tuple(dict.fromkeys(n for n in names if n not in bare))
        countries.append(Country(code, record.alpha_3, name, slugify(name), matched, forms))
    return tuple(sorted(countries, key=lambda c: c.alpha2))


@functools.cache
def _not_countries() -> tuple[str, ...]:
    return tuple(yaml.safe_load(DATA.read_text(encoding="utf-8")).get("not_countries", []))


def alpha3(alpha2: str) -> str | None:
    return next((c.alpha3 for c in iso_countries() if c.alpha2 == alpha2), None)


def _phrase(form: str, slug: str | None) -> Phrase:
    match = _BRACKETS.search(form)
    if match is None:
        return Phrase(form, 0, len(form), slug)
    text = _BRACKETS.sub(r"\1", form)
    return Phrase(text, match.start(), match.start() + len(match.group(1)), slug)


def country_catalog(entities: list[Entity]) -> CountryCatalog:
    """The countries to match: hand-written country pages gain their ISO names; the rest get
    generated entities. A name an editor gave any entity is never taken for a country."""
    claimed = {name for entity in entities for name in entity.names}
    written = [e for e in entities if e.type == "countries"]
    generated: list[Entity] = []
    names: dict[str, tuple[str, ...]] = {}
    phrases: list[Phrase] = [_phrase(text, None) for text in _not_countries() if text not in claimed]
    slugs = {e.slug for e in entities}
    for country in iso_countries():
        page = next(
            (e for e in written if e.iso3166 == country.alpha2 or e.slug == country.slug or e.name == country.name),
            None,
        )
        if page is None:
            if country.slug in slugs:
                continue  # an entity of another type has this slug: it wins, the country stays unlinked
            page = Entity(
                slug=country.slug,
                type="countries",
                name=country.name,
                summary=f"A country (ISO 3166-1 {country.alpha2}, {country.alpha3}).",
                path=f"docs/countries/{country.slug}.md",
                iso3166=country.alpha2,
                generated=True,
            )
            generated.append(page)
        names[page.slug] = tuple(n for n in country.names if n not in claimed)
        phrases.extend(_phrase(form, page.slug) for form in country.forms)
    return CountryCatalog(generated, names, phrases)


def country_names() -> frozenset[str]:
    """Every name a country goes by, guarded forms included (for the report)."""
    names = {n for c in iso_countries() for n in c.names}
    return frozenset(names | {m for c in iso_countries() for form in c.forms for m in _BRACKETS.findall(form)})


@functools.cache
def region_names() -> frozenset[str]:
    """ISO 3166-2 subdivisions (states, provinces, regions, some cities): known places that
    are not countries, for the report's type guess ("Ontario", "Texas")."""
    return frozenset(s.name for s in pycountry.subdivisions if "," not in s.name and "(" not in s.name)
