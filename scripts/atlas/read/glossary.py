"""The glossary file (`includes/abbreviations.md`, appended to every page) → its entries. Pure."""

from __future__ import annotations

import re

from atlas.errors import InputError

GLOSSARY = "includes/abbreviations.md"
_ENTRY = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<expansion>\S.*?)\s*$")


def parse_glossary(text: str, path: str = GLOSSARY) -> list[tuple[str, str]]:
    """(abbreviation, expansion) pairs, in file order; any other non-comment line is an error."""
    entries = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("<!--"):
            continue
        match = _ENTRY.match(line)
        if not match:
            raise InputError(path, number, "not a glossary entry", "write it as '*[ABBR]: what it stands for'")
        entries.append((match.group("abbr"), match.group("expansion")))
    return entries
