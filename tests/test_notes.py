"""Editor's notes anchored to quotes: rendered at their spot, bound mentions, loud failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from atlas.errors import InputError
from atlas.read.notes import parse_notes
from conftest import SEED_SLUG, run_build, snapshot
from markdown_tools import visible_text

NOTES = f"articles/{SEED_SLUG}.notes.md"


def test_note_renders_as_an_annotation_right_after_its_quote(built_site: Path):
    html = (built_site / "articles" / SEED_SLUG / "index.html").read_text()
    paragraph = html.split('id="p15"', 1)[1].split("</p>", 1)[0]
    assert "annotate" in html.split('id="p15"', 1)[0].rsplit("<p", 1)[1]
    assert visible_text(paragraph).split("(1)")[0].endswith("a subsidiary of Japanese multinational Canon")
    annotation_list = html.split('id="p15"', 1)[1].split("</p>", 1)[1].split("</ol>", 1)[0]
    assert "Canon Inc. acquired BriefCam in 2018" in annotation_list
    assert "Source: project reference notes; awaiting confirmation" in visible_text(annotation_list)


def test_binding_notes_link_coreferences(built_site: Path):
    html = (built_site / "articles" / SEED_SLUG / "index.html").read_text()
    assert (
        '<a class="atlas-mention atlas-vendors" href="../../vendors/clearview-ai/"' in html.split('id="p12"')[1][:200]
    )
    p14_on = html.split('id="p15"')[1].split("</p>")[0]
    assert 'href="../../people/nicolas-kayser-bril/"' in p14_on and ">he</a>" in p14_on


def test_notes_are_listed_on_the_entity_pages_they_concern(built_site: Path):
    html = (built_site / "vendors/briefcam/index.html").read_text()
    section = visible_text(html.split('id="editors-notes"', 1)[1].split("<h2", 1)[0])
    assert "On “a subsidiary of Japanese multinational Canon” (¶15): Canon Inc. acquired BriefCam in 2018" in section


def _write_notes(project: Path, text: str) -> None:
    (project / NOTES).write_text(text)


@pytest.mark.parametrize(
    ("heading", "message"),
    [
        ('## "words that are nowhere"\nBody.', 'note quote "words that are nowhere" is not in articles/'),
        ('## "facial recognition"\nBody.', 'note quote "facial recognition" matches 12 places in articles/'),
        (
            '## "The firm" { entity=clearview-a }',
            "note binds 'clearview-a', which has no page — did you mean 'clearview-ai'?",
        ),
    ],
)
def test_bad_notes_fail_the_build_naming_file_note_and_quote(project: Path, heading: str, message: str):
    _write_notes(project, f"# Notes\n\n{heading}\n")
    before = snapshot(project / "docs")
    result = run_build(project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{NOTES}:3: {message}")
    assert snapshot(project / "docs") == before


def test_entity_none_removes_a_false_match(project: Path):
    _write_notes(project, '## "Apple" { entity=none }\n')
    assert run_build(project).returncode == 0
    page = (project / "docs/articles" / f"{SEED_SLUG}.md").read_text()
    body = page.split("What this article reports")[0]  # that section names the relation's parties
    assert "[Apple](" not in body and "Apple using it" in body


def test_prefix_and_suffix_choose_one_occurrence(project: Path):
    _write_notes(
        project,
        '## "facial recognition" { prefix="Careful about posting those selfies on social media, at least one " }\nA note.\n',
    )
    assert run_build(project).returncode == 0
    page = (project / "docs/articles" / f"{SEED_SLUG}.md").read_text()
    assert "at least one facial recognition(1) service" in page


def test_malformed_heading_is_an_error():
    with pytest.raises(InputError) as caught:
        parse_notes("## no quotes here\n", "n.md", "a")
    assert str(caught.value) == (
        "n.md:1: a note heading must be the exact quote in double quotes"
        ' — write it as ## "exact words from the article" { source="…" }'
    )


def test_attributes_with_quotes_and_unknown_keys():
    (note,) = parse_notes('## "x" { source="A \\"B\\" C" prefix=\'y \' }\nBody\n', "n.md", "a")
    assert (note.source, note.quote.prefix, note.body) == ('A "B" C', "y ", "Body")
    with pytest.raises(InputError, match="unknown note attribute 'colour'"):
        parse_notes('## "x" { colour=red }\n', "n.md", "a")
