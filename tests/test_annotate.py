"""The matcher: longest match, whole words, possessives, case, overlapping aliases."""

from __future__ import annotations

from atlas.link.annotate import Matcher
from atlas.model import Entity


def entity(slug: str, name: str, *aliases: str) -> Entity:
    return Entity(slug=slug, type="vendors", name=name, summary="s", path=f"docs/vendors/{slug}.md", aliases=aliases)


MATCHER = Matcher(
    [
        entity("clearview-ai", "Clearview AI", "Clearview"),
        entity("china", "China", "Chinese"),
        entity("us", "United States", "US"),
        entity("aclu", "American Civil Liberties Union", "ACLU"),
        entity("american", "America", "American"),
        entity("ministry", "French interior ministry", "interior ministry"),
        entity("kb", "Nicolas Kayser-Bril", "Kayser-Bril", "Kayser"),
    ]
)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entities[0]) for m in MATCHER.find(text)]


def test_longest_match_wins():
    assert found("Clearview AI and Clearview") == [("Clearview AI", "clearview-ai"), ("Clearview", "clearview-ai")]
    assert found("the American Civil Liberties Union (ACLU)") == [
        ("American Civil Liberties Union", "aclu"),
        ("ACLU", "aclu"),
    ]


def test_whole_words_only():
    assert found("Chinaware, USB, ClearviewX, Indochina") == []
    assert found("Chinese and China") == [("Chinese", "china"), ("China", "china")]


def test_possessives_end_the_word():
    assert found("China's system and the US' rules and China’s") == [
        ("China", "china"),
        ("US", "us"),
        ("China", "china"),
    ]


def test_case_sensitive_for_proper_names():
    assert found("tell us about china") == []


def test_lowercase_alias_matches_at_sentence_start():
    assert found("Interior ministry officials; the interior ministry") == [
        ("Interior ministry", "ministry"),
        ("interior ministry", "ministry"),
    ]


def test_hyphenated_names_are_not_split():
    assert found("Kayser-Bril said; Kayser said") == [("Kayser-Bril", "kb"), ("Kayser", "kb")]


def test_empty_catalog_finds_nothing():
    assert Matcher([]).find("China") == []
