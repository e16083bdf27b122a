"""The catalog grows with the corpus: countries, acronyms, the report, drafts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG, copy_project, mkdocs_build, run_build, snapshot

FIXTURES = ROOT / "tests" / "fixtures"
COUNTRIES = FIXTURES / "articles" / "countries" / "2022-05-01-regulators-close-in-on-face-search-firms.txt"
ACRONYMS = FIXTURES / "articles" / "acronyms" / "2021-04-07-afp-officers-used-face-search-app.txt"
REPORT = FIXTURES / "articles" / "report" / "2022-11-15-uk-watchdog-fines-face-search-firm.txt"


def links(page: Path) -> list[tuple[str, str]]:
    """(linked words, target page) of every entity link in a generated article page's body."""
    body = page.read_text().split('!!! abstract "In this article"')[0]
    return re.findall(r"\[([^\]]+)\]\(\.\./([a-z]+/[a-z0-9-]+)\.md", body)


@pytest.fixture(scope="module")
def countries_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("countries"))
    shutil.copy(COUNTRIES, root / "articles")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_every_form_of_a_country_links_with_no_catalog_change(countries_project: Path):
    found = links(countries_project / "docs/articles" / COUNTRIES.name.replace(".txt", ".md"))
    assert found == [
        ("Italy", "countries/italy"),
        ("Austria", "countries/austria"),
        ("Greece", "countries/greece"),
        ("Canada", "countries/canada"),
        ("Britain", "countries/united-kingdom"),
        ("U.K.", "countries/united-kingdom"),
        ("UK", "countries/united-kingdom"),
        ("Netherlands", "countries/netherlands"),
        ("Australia", "countries/australia"),
        ("U.S.", "countries/united-states"),  # the hand-written page keeps precedence
        ("US", "countries/united-states"),
        ("USA", "countries/united-states"),
        ("Türkiye", "countries/turkiye"),
        ("Georgia", "countries/georgia"),  # "the Republic of Georgia"
        ("Jordan", "countries/jordan"),  # "filed in Jordan"
    ]  # and none of the traps: New Jersey, New Mexico, Georgia Tech, Turkey Hill, Michael Jordan,
    # a colleague named Chad, IT, IN, NO, Northern Ireland, the state of Georgia


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Police in New Jersey bought it.", []),
        ("Lawmakers in Georgia's state house objected.", []),
        ("The Republic of Georgia objected.", ["Georgia"]),
        ("Michael Jordan was not a customer.", []),
        ("A complaint was filed in Jordan.", ["Jordan"]),
        ("A colleague named Chad said so.", []),
        ("Troops left the Republic of Chad.", ["Republic of Chad"]),  # the official name, whole
        ("They ate turkey. Turkey Hill sells ice cream.", []),
        ("Turkey's regulator and the authorities in Turkey agreed.", ["Turkey", "Turkey"]),
        ("The Bailiwick of Jersey has its own police.", ["Jersey"]),
        ("Activists in Northern Ireland and New Mexico met.", []),
        ("IT staff said NO to the IN tray; ME too.", []),
        ("Britain's regulator and the U.K. agreed; the USA and the Netherlands did not.", ["Britain", "U.K.", "USA", "Netherlands"]),
    ],
)  # fmt: skip
def test_country_names_that_are_also_words_link_only_in_their_listed_forms(text: str, linked: list[str]):
    from atlas.link.annotate import Matcher
    from atlas.link.countries import country_catalog

    countries = country_catalog([])
    matcher = Matcher([], countries.names, countries.phrases)
    assert [m.surface for m in matcher.find(text) if m.entities] == linked


def test_a_country_page_is_generated_sealed_and_on_the_map(countries_project: Path):
    italy = (countries_project / "docs/countries/italy.md").read_text()
    assert italy.startswith('---\nname: "Italy"\nsummary: "A country (ISO 3166-1 IT, ITA)."\n')
    assert 'generated_from: "ISO 3166-1 (pycountry)"' in italy
    assert "ISO 3166\n:   IT, ITA" in italy
    assert italy.rstrip().split("\n")[-1].startswith("<!-- generated-page sha256=")
    assert not (countries_project / "docs/countries/germany.md").exists()  # not for all 249
    index = (countries_project / "docs/countries/index.md").read_text()
    assert '<a xlink:href="italy/" aria-label="Italy: 1 mention">' in index
    result = mkdocs_build(countries_project, countries_project / "site")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_generated_country_page_goes_with_its_last_mention_and_can_be_adopted(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    shutil.copy(COUNTRIES, root / "articles")
    assert run_build(root).returncode == 0
    # An edit inside a generated page is refused, naming how to adopt it.
    greece = root / "docs/countries/greece.md"
    greece.write_text(greece.read_text().replace("# Greece", "# Greece\n\nMy text."))
    refused = run_build(root)
    assert refused.returncode == 2 and "docs/countries/greece.md" in refused.stderr
    # Adopting: drop the generated_from line and the checksum line; the page is then the editor's.
    text = "\n".join(
        line
        for line in greece.read_text().split("\n")
        if not line.startswith(("generated_from:", "<!-- generated-page"))
    )
    greece.write_text(text)
    assert run_build(root).returncode == 0
    assert "My text." in greece.read_text()
    (root / "articles" / COUNTRIES.name).unlink()
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    assert not (root / "docs/countries/italy.md").exists()  # generated: gone with its last mention
    assert "My text." in greece.read_text()  # adopted: kept


def test_an_entity_may_name_a_country_no_article_mentions(project: Path):
    page = project / "docs/vendors/briefcam.md"
    page.write_text(page.read_text().replace("\nsummary:", "\ncountry: israel\nsummary:", 1))
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    israel = (project / "docs/countries/israel.md").read_text()
    assert "[BriefCam](../vendors/briefcam.md)" in israel


def test_the_seed_pages_are_unchanged_except_for_newly_linked_countries(project: Path):
    before = (project / "docs/articles" / f"{SEED_SLUG}.md").read_text()
    assert run_build(project).returncode == 0
    assert (project / "docs/articles" / f"{SEED_SLUG}.md").read_text() == before


def test_an_acronym_defined_in_an_article_means_that_there(project: Path):
    shutil.copy(ACRONYMS, project / "articles")
    (project / "docs/agencies/australian-federal-police.md").write_text(
        "---\nname: Australian Federal Police\nsummary: Australia's national police force.\n---\n# Australian Federal Police\n"
    )
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    found = links(project / "docs/articles" / ACRONYMS.name.replace(".txt", ".md"))
    afp = [target for words, target in found if words == "AFP"]
    assert afp == ["agencies/australian-federal-police"] * 4  # before and after the definition
    assert ("YouTube", "organisations/youtube") in found and ("Google", "organisations/google") in found
    seed = links(project / "docs/articles" / f"{SEED_SLUG}.md")
    assert ("AFP", "media/afp") in seed or "AFP" not in [w for w, _ in seed]
    report = json.loads(run_build(project, "--report", "--json").stdout)
    oaic = next(n for n in report["names"] if n["acronym"] == "OAIC")
    assert oaic["name"] == "Office of the Australian Information Commissioner" and oaic["count"] == 3
    assert not any(n["name"] == "OAIC" for n in report["names"])


@pytest.fixture(scope="module")
def report_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("report"))
    for path in (REPORT, COUNTRIES, ACRONYMS, *sorted((FIXTURES / "articles").glob("*.txt"))):
        shutil.copy(path, root / "articles")
    assert run_build(root).returncode == 0
    return root


def test_report_json_is_only_json_and_misses_no_name(report_project: Path):
    result = run_build(report_project, "--report", "--json")
    assert result.returncode == 0
    report = json.loads(result.stdout)  # nothing else on standard output
    assert set(report) == {"names", "drafts", "duplicates", "warnings"}
    names = {n["name"]: n for n in report["names"]}
    for name in ["John Edwards", "Open Rights Group", "Big Brother Watch", "Court of Appeal", "South Wales Police",
                 "Hoan Ton-That"]:  # fmt: skip
        assert names[name]["kind"] == "name", name
        assert {"count", "type", "example", "article", "anchor"} <= set(names[name])
    assert names["John Edwards"]["count"] == 2  # "Edwards said" counts for him
    assert "UK Information Commissioner John Edwards" not in names
    assert names["General Data Protection Regulation"]["kind"] == "law"
    assert names["General Data Protection Regulation"]["acronym"] == "GDPR"
    assert names["DNA"]["kind"] == "acronym" and names["ATMs"]["kind"] == "acronym"
    order = [n["name"] for n in report["names"]]
    assert order.index("DNA") > order.index("Hoan Ton-That")  # likely names rank above common acronyms
    assert not {"FILE", "Christmas", "Campaigners", "Britain", "Italy", "France"} & set(names)


# The right type for each name the report finds in the fixtures, as an editor would file it.
EXPECTED_TYPES = {
    "John Edwards": "people",
    "Hoan Ton-That": "people",
    "Open Rights Group": "advocacy",
    "Big Brother Watch": "advocacy",
    "Court of Appeal": "agencies",
    "South Wales Police": "agencies",
    "Office of the Australian Information Commissioner": "agencies",
    "Congress": "agencies",
    "Lee Testwriter": "people",
}


def test_type_guess_accuracy_on_the_fixtures(report_project: Path):
    report = json.loads(run_build(report_project, "--report", "--json").stdout)
    guesses = {n["name"]: n["type"] for n in report["names"] if n["name"] in EXPECTED_TYPES}
    right = sum(guesses[name] == EXPECTED_TYPES[name] for name in guesses)
    accuracy = right / len(guesses)
    print(f"type-guess accuracy on the fixtures: {right}/{len(guesses)} = {accuracy:.0%}")
    assert len(guesses) >= 7
    assert accuracy >= 0.8, {n: (guesses[n], EXPECTED_TYPES[n]) for n in guesses if guesses[n] != EXPECTED_TYPES[n]}


def test_drafts_are_linked_build_strict_and_block_publishing(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    shutil.copy(REPORT, root / "articles")
    result = run_build(root, "--draft", "John Edwards", "Open Rights Group", "South Wales Police")
    assert result.returncode == 0, result.stderr
    assert "drafted docs/people/john-edwards.md" in result.stdout
    edwards = (root / "docs/people/john-edwards.md").read_text()
    assert 'name: "John Edwards"' in edwards and "draft: true" in edwards and "country: united-kingdom" in edwards
    assert (root / "docs/advocacy/open-rights-group.md").is_file()
    assert (root / "docs/agencies/south-wales-police.md").is_file()
    page = links(root / "docs/articles" / REPORT.name.replace(".txt", ".md"))
    assert ("John Edwards", "people/john-edwards") in page and (
        "Open Rights Group",
        "advocacy/open-rights-group",
    ) in page
    assert '!!! warning "Draft: not yet reviewed"' in edwards
    drafts = (root / "docs/drafts.md").read_text()
    assert "[John Edwards](people/john-edwards.md)" in drafts
    report = json.loads(run_build(root, "--report", "--json").stdout)
    assert "docs/people/john-edwards.md" in report["drafts"]
    assert mkdocs_build(root, root / "site").returncode == 0
    publish = subprocess.run(["bash", str(root / "scripts/publish.sh")], capture_output=True, text=True)
    assert publish.returncode == 2
    assert publish.stderr.startswith("publish.sh: draft pages not yet reviewed: docs/advocacy/open-rights-group.md")
    # Accepting: removing draft: true alone is refused until the summary is written.
    path = root / "docs/people/john-edwards.md"
    path.write_text(path.read_text().replace("draft: true\n", ""))
    refused = run_build(root)
    assert refused.returncode == 2
    assert "the summary is still the draft's placeholder" in refused.stderr
    path.write_text(path.read_text().replace("DRAFT: replace this with one line saying what it is.", "UK Information Commissioner.", 1))  # fmt: skip
    assert run_build(root).returncode == 0
    assert "John Edwards" not in (root / "docs/drafts.md").read_text()


def test_draft_refuses_an_existing_page_and_a_generated_one(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    shutil.copy(COUNTRIES, root / "articles")
    assert run_build(root).returncode == 0
    before = snapshot(root / "docs")
    result = run_build(root, "--draft", "Italy", "Clearview AI", "--type", "countries")
    assert result.returncode == 2
    lines = result.stderr.strip().split("\n")
    assert lines == [
        "docs/countries/italy.md: 'Italy' would be drafted here, but the page exists — it is a generated page: adopt it "
        "by deleting its 'generated_from' line and its last line, then edit it",
        "docs/vendors/clearview-ai.md: 'Clearview AI' would be drafted here, but the page exists — edit that page "
        "instead (add the name to its aliases)",
    ]
    assert snapshot(root / "docs") == before


def test_a_role_in_lower_case_after_said_marks_a_person():
    from atlas.link.typeguess import guess_type

    assert guess_type("Pieter Vos", ["“It gets it wrong too often,” said councillor Pieter Vos, who proposed the pause."]) == "people"  # fmt: skip
    assert guess_type("Marta Okafor", ["The ban is overdue, said state senator Marta Okafor."]) == "people"
    assert guess_type("Harbour Watch", ["The plan was criticised, said the group Harbour Watch."]) != "people"
    assert (
        guess_type("Acme Vision", ["The cameras were installed last year, said the company Acme Vision."]) != "people"
    )
