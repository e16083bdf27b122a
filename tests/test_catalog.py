"""Catalog validation: every error names the file, the line and the fix."""

from __future__ import annotations

import pytest
from atlas.errors import InputError, InputErrors
from atlas.pipeline import plan_site
from atlas.read.sources import Sources

GOOD = {
    "docs/countries/france.md": "---\nname: France\nsummary: A country.\n---\n# France\n",
    "docs/vendors/acme.md": "---\nname: Acme\naliases: [ACME]\nsummary: A vendor.\ncountry: france\n---\n# Acme\n",
}


def errors_for(pages: dict[str, str]) -> list[str]:
    with pytest.raises((InputError, InputErrors)) as caught:
        plan_site(Sources({}, {**GOOD, **pages}))
    error = caught.value
    return [str(e) for e in error.errors] if isinstance(error, InputErrors) else [str(error)]


def test_good_catalog_plans():
    plan = plan_site(Sources({}, dict(GOOD)))
    assert plan.entities == 2
    assert "docs/vendors/index.md" in plan.files


def test_unknown_key_suggests_the_right_one():
    page = "---\nname: Beta\nsumary: typo\nsummary: B.\n---\n"
    assert errors_for({"docs/vendors/beta.md": page}) == [
        "docs/vendors/beta.md:3: unknown key 'sumary' — did you mean 'summary'?"
    ]


def test_missing_name():
    assert errors_for({"docs/vendors/beta.md": "---\nsummary: B.\n---\n"}) == [
        "docs/vendors/beta.md:1: missing 'name' — add 'name: Clearview AI' to the front matter"
    ]


def test_malformed_yaml():
    assert errors_for({"docs/vendors/beta.md": "---\nname: [Beta\nsummary: B.\n---\n"}) == [
        "docs/vendors/beta.md:3: malformed YAML front matter: did not find expected ',' or ']'"
        " — fix the YAML syntax (quote values that contain ': ')"
    ]


def test_bad_reference_suggests_a_slug():
    page = "---\nname: Beta\nsummary: B.\ncountry: frnace\n---\n"
    assert errors_for({"docs/vendors/beta.md": page}) == [
        "docs/vendors/beta.md:4: 'country' names 'frnace', which has no page — did you mean 'france'?"
    ]


def test_country_must_be_a_country():
    page = "---\nname: Beta\nsummary: B.\ncountry: acme\n---\n"
    assert errors_for({"docs/vendors/beta.md": page}) == [
        "docs/vendors/beta.md:4: 'country' names 'acme', which is not in countries/ — name a page under docs/countries/"
    ]


def test_duplicate_slug_across_types():
    page = "---\nname: Acme Person\nsummary: P.\n---\n"
    assert errors_for({"docs/people/acme.md": page}) == [
        "docs/vendors/acme.md:1: duplicate slug 'acme' (also docs/people/acme.md)"
        " — rename one of the files: slugs are unique across all types"
    ]


def test_alias_claimed_twice_is_an_error_on_each_claimant():
    page = "---\nname: Other\naliases: [ACME]\nsummary: O.\n---\n"
    assert errors_for({"docs/organisations/other.md": page}) == [
        "docs/organisations/other.md:3: 'ACME' is also claimed by docs/vendors/acme.md"
        " — remove it from one page, or add it to 'ambiguous' on every page that claims it",
    ]


def test_alias_marked_ambiguous_on_one_page_only_names_the_other():
    page = "---\nname: Other\naliases: [ACME]\nambiguous: [ACME]\nsummary: O.\n---\n"
    assert errors_for({"docs/organisations/other.md": page}) == [
        "docs/vendors/acme.md:3: 'ACME' is also claimed by docs/organisations/other.md"
        " — remove it from one page, or add it to 'ambiguous' on every page that claims it",
    ]


def test_alias_marked_ambiguous_on_both_pages_is_left_unlinked():
    pages = {
        "docs/vendors/acme.md": "---\nname: Acme\naliases: [ACME]\nambiguous: [ACME]\nsummary: A.\n---\n",
        "docs/organisations/other.md": "---\nname: Other\naliases: [ACME]\nambiguous: [ACME]\nsummary: O.\n---\n",
    }
    article = b"# T\n\nACME and Other met.\n"
    plan = plan_site(Sources({"articles/t.txt": article}, {**GOOD, **pages}))
    assert plan.mentions == 1  # "Other" only
    assert [(u.surface, u.entities) for u in plan.unlinked] == [("ACME", ("acme", "other"))]
    assert "[ACME]" not in plan.files["docs/articles/t.md"].decode()


def test_independent_errors_are_reported_together():
    pages = {
        "docs/vendors/beta.md": "---\nname: Beta\nsummary: B.\nfavourite_food: soup\n---\n",
        "docs/people/gamma.md": "---\nsummary: G.\n---\n",
    }
    errors = errors_for(pages)
    assert errors == [
        "docs/people/gamma.md:1: missing 'name' — add 'name: Clearview AI' to the front matter",
        "docs/vendors/beta.md:4: unknown key 'favourite_food' — use one of: name, summary, aliases, ambiguous, country,"
        " parent, website, wikidata, wikidata_confirmed, iso3166, redirect_from, draft, type_uncertain, type_cues,"
        " relations",
    ]


def test_summary_must_be_one_line():
    page = "---\nname: Beta\nsummary: |\n  two\n  lines\n---\n"
    assert errors_for({"docs/vendors/beta.md": page}) == [
        "docs/vendors/beta.md:3: 'summary' must fit on one line — write it as 'summary: One line saying what it is.'"
    ]


def test_the_committed_catalog_is_valid():
    from atlas.read.sources import read_sources
    from conftest import ROOT

    plan = plan_site(read_sources(ROOT))
    assert plan.entities >= 40
    assert not plan.unlinked
