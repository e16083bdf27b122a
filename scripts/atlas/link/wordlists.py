"""The word lists the report and the type guess read from `data/`: one entry a line, '#' comments."""

from __future__ import annotations

import functools
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


def _entries(name: str) -> tuple[str, ...]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(entry for line in lines if (entry := line.split("#", 1)[0].strip()))


@functools.cache
def not_entities() -> frozenset[str]:
    """Capitalised words that are never entities ("FILE", "Christmas")."""
    return frozenset(_entries("not_entities.txt"))


@functools.cache
def titles() -> tuple[str, ...]:
    """Titles and roles written before a person's name, longest first."""
    return tuple(sorted(_entries("titles.txt"), key=len, reverse=True))


@functools.cache
def demonyms() -> frozenset[str]:
    """Nationality adjectives and demonyms, with their plurals."""
    singular = _entries("demonyms.txt")
    return frozenset([*singular, *(f"{word}s" for word in singular if not word.endswith(("sh", "ch", "ese", "ss")))])
