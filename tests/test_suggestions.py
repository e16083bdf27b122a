"""Relations grow with the corpus: suggested from sentences, accepted in one command, shown as a dataset."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, mkdocs_build, run_build

FIXTURE = ROOT / "tests" / "fixtures" / "relations"
ARTICLE = "2022-06-01-police-regulators-and-the-face-search-trade"
# What the fixture article states, as an editor would record it.
STATED = {
    ("nec", "supplies", "metropolitan-police"),
    ("australian-federal-police", "uses", "clearview-ai"),
    ("italy", "fined", "clearview-ai"),
    ("italy", "ordered_to_delete_data", "clearview-ai"),
    ("court-of-appeal", "ruled_against", "south-wales-police"),
    ("south-wales-police", "uses", "topic: the technology"),
    ("ibm", "exited", "topic: facial recognition"),
    ("big-brother-watch", "sued", "metropolitan-police"),
}


def with_fixture(root: Path) -> Path:
    shutil.copytree(FIXTURE / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copy(FIXTURE / "articles" / f"{ARTICLE}.txt", root / "articles")
    return root


@pytest.fixture
def relations_project(tmp_path: Path) -> Path:
    root = with_fixture(copy_project(tmp_path / "p"))
    assert run_build(root).returncode == 0
    return root


def suggestions(root: Path) -> list[dict[str, str]]:
    result = run_build(root, "--suggest-relations", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # only JSON on standard output


def test_suggestions_find_the_stated_relations_with_exact_evidence(relations_project: Path):
    found = [s for s in suggestions(relations_project) if s["article"] == ARTICLE]
    said = {(s["source"], s["type"], s["target"]) for s in found}
    right = said & STATED
    precision, recall = len(right) / len(said), len(right) / len(STATED)
    print(f"suggestions on the fixture: precision {precision:.0%} ({len(right)}/{len(said)}), recall {recall:.0%} ({len(right)}/{len(STATED)})")  # fmt: skip
    assert recall >= 2 / 3 and precision >= 0.75
    by_pair = {(s["source"], s["target"]): s for s in found}
    nec = by_pair[("nec", "metropolitan-police")]
    assert nec["evidence"] == "Metropolitan Police's live facial recognition system is supplied by Japan's NEC"
    assert nec["paragraph"] == "p1" and len(nec["id"]) == 10
    assert by_pair[("court-of-appeal", "south-wales-police")]["evidence"] == (
        "Court of Appeal ruled that South Wales Police acted unlawfully"
    )
    assert by_pair[("italy", "clearview-ai")]["evidence"] == (
        "Italy's privacy regulator imposed a penalty of 20 million euros on Clearview AI"
    )
    text = (FIXTURE / "articles" / f"{ARTICLE}.txt").read_text()
    assert all(s["evidence"] in text for s in found)  # never words that are not in the sentence
    assert not any("declined" in s["evidence"] for s in found)  # no cue, no suggestion


def test_suggestions_are_never_short_circuited_and_ids_survive_edits(relations_project: Path):
    assert run_build(relations_project).stdout.endswith("0 file(s) written, 0 deleted\n")  # the cache is warm
    before = {s["id"] for s in suggestions(relations_project)}
    assert before
    page = relations_project / "docs/agencies/court-of-appeal.md"
    page.write_text(page.read_text() + "\nMore hand-written text.\n")
    assert {s["id"] for s in suggestions(relations_project)} == before


def _id(root: Path, source: str, target: str) -> str:
    return next(s["id"] for s in suggestions(root) if s["source"] == source and s["target"] == target)


def test_accept_splices_into_each_front_matter_shape_byte_for_byte(relations_project: Path):
    nec = relations_project / "docs/vendors/nec.md"
    ibm = relations_project / "docs/vendors/ibm.md"
    before = {p: p.read_bytes() for p in (nec, ibm)}
    ids = [_id(relations_project, "nec", "metropolitan-police"), _id(relations_project, "ibm", "topic: facial recognition")]  # fmt: skip
    result = run_build(relations_project, "--accept", *ids)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("accepted ") == 2
    # No relations key: a block before the closing fence; nothing else changes.
    added = (
        b"relations:\n  - supplies: metropolitan-police\n"
        b"    evidence: \"Metropolitan Police's live facial recognition system is supplied by Japan's NEC\"\n"
        b"    article: " + ARTICLE.encode() + b"\n"
    )
    head = before[nec].split(b"\n---\n", 1)[0] + b"\n"
    assert nec.read_bytes().startswith(head + added + b"---\n")
    # A block list: appended after the last item, same indentation.
    ibm_text = ibm.read_text()
    assert (
        '    evidence: "IBM said it would exit the business"\n  - exited: "topic: facial recognition"\n'
        '    evidence: "IBM said it would no longer offer facial recognition"\n' in ibm_text
    )
    old_head = before[ibm].decode().split("\n---\n", 1)[0]
    assert ibm_text.split("\n---\n", 1)[0].startswith(old_head)
    # Then it rebuilt: both pages show the relation, and so does the dataset.
    met = (relations_project / "docs/agencies/metropolitan-police.md").read_text()
    assert "**is supplied by** [NEC](../vendors/nec.md)" in met
    assert "**supplies** [Metropolitan Police](../agencies/metropolitan-police.md)" in nec.read_text()
    table = (relations_project / "docs/who-uses-what.md").read_text()
    assert (
        "| [Metropolitan Police](agencies/metropolitan-police.md) | [NEC](vendors/nec.md) | is supplied by |" in table
    )
    rows = list(csv.DictReader(io.StringIO((relations_project / "docs/data/who-uses-what.csv").read_text())))
    assert any(r["user_or_actor"] == "metropolitan-police" and r["vendor_technology_or_target"] == "nec" and r["country"] == "united-kingdom" for r in rows)  # fmt: skip
    uk = (relations_project / "docs/countries/united-kingdom.md").read_text()
    assert "## In this country" in uk and "[NEC](../vendors/nec.md)" in uk
    assert mkdocs_build(relations_project, relations_project / "site").returncode == 0


def test_a_splice_keeps_line_endings_and_indentation():
    from atlas.ingest.accept import splice_relation

    item = ["- uses: nec", '  evidence: "it used the technology"']
    crlf = "---\r\nname: X\r\nsummary: Y.\r\n---\r\n# X\r\n"
    assert splice_relation(crlf, "x.md", item) == (
        '---\r\nname: X\r\nsummary: Y.\r\nrelations:\r\n  - uses: nec\r\n    evidence: "it used the technology"\r\n---\r\n# X\r\n'
    )
    flush = 'name: X\nsummary: Y.\nrelations:\n- owns: a\n  evidence: "b"\nwebsite: https://x.org\n'
    assert splice_relation(f"---\n{flush}---\nBody\n", "x.md", item) == (
        '---\nname: X\nsummary: Y.\nrelations:\n- owns: a\n  evidence: "b"\n- uses: nec\n  evidence: "it used the technology"\n'
        "website: https://x.org\n---\nBody\n"
    )


def test_accept_refuses_flow_style_and_generated_pages_in_one_line_each(relations_project: Path):
    bbw = relations_project / "docs/advocacy/big-brother-watch.md"
    bbw.write_text(bbw.read_text().replace("country: united-kingdom\n", "country: united-kingdom\nrelations: []\n"))
    assert run_build(relations_project).returncode == 0
    ids = [_id(relations_project, "big-brother-watch", "metropolitan-police"), _id(relations_project, "italy", "clearview-ai")]  # fmt: skip
    before = bbw.read_bytes()
    result = run_build(relations_project, "--accept", *ids)
    assert result.returncode == 2
    assert result.stderr.strip().split("\n") == [
        "docs/advocacy/big-brother-watch.md:5: 'relations' is written in flow style ([...]) or is not a list — rewrite "
        "it as a block list ('- type: target' lines), then accept again",
        "docs/countries/italy.md:1: this page is generated by the build, so a relation cannot be added to it — adopt it "
        "first: delete its 'generated_from' line and its last line, then accept again",
    ]
    assert bbw.read_bytes() == before


def test_rejected_suggestions_stay_rejected_across_edits(relations_project: Path):
    key = _id(relations_project, "south-wales-police", "topic: the technology")
    result = run_build(relations_project, "--reject", key)
    assert result.returncode == 0 and f"rejected {key}" in result.stdout
    rejected = (relations_project / "articles/rejected-relations.yml").read_text()
    assert rejected.startswith("# Suggested relations an editor rejected")
    assert '"source": ' not in rejected and 'source: "south-wales-police"' in rejected
    page = relations_project / "docs/agencies/south-wales-police.md"
    page.write_text(page.read_text().replace("summary: Police force in Wales.", "summary: A police force in Wales.", 1))
    assert key not in {s["id"] for s in suggestions(relations_project)}
    unknown = run_build(relations_project, "--accept", key)
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == f"{key}: no suggestion has this id (declared, rejected, or mistyped) — run python scripts/build.py --suggest-relations to list them"  # fmt: skip


def test_new_relation_types_and_keys_validate(project: Path):
    page = project / "docs/vendors/clearview-ai.md"
    text = page.read_text()
    page.write_text(text.replace("relations:\n", 'relations:\n  - banned: "topic: facial recognition"\n    evidence: "Clearview"\n    date: 2020-01\n', 1))  # fmt: skip
    assert run_build(project).returncode == 0
    page.write_text(text.replace("relations:\n", 'relations:\n  - sued: canon\n    evidence: "Clearview"\n    amount: 5\n', 1))  # fmt: skip
    result = run_build(project)
    assert result.returncode == 2
    assert (
        "'amount' and 'currency' belong to 'fined', not 'sued' — remove them, or make it a 'fined' relation"
        in result.stderr
    )


def test_the_seed_relations_are_unchanged():
    records = json.loads((ROOT / "docs/data/relations.json").read_text())
    assert len(records) == 28


def test_excerpt_mode_clips_every_evidence_quote(relations_project: Path):
    assert run_build(relations_project, "--excerpts").returncode == 0
    records = json.loads((relations_project / "docs/data/relations.json").read_text())
    assert all(len(r["evidence"]["exact"].split()) <= 13 for r in records)
    table = (relations_project / "docs/data/who-uses-what.csv").read_text()
    assert "Microsoft and Amazon announced they would suspend sales of facial recognition software to police forces" not in table  # fmt: skip
    page = (relations_project / "docs/vendors/microsoft.md").read_text()
    assert "suspend sales of facial recognition software to police forces”" not in page
