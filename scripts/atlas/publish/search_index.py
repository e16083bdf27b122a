"""Pagefind's search index for a built site: one command, shared by the MkDocs hook and the benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from atlas.entity_types import TYPE_BY_FOLDER

ROOT_SELECTOR = "article.md-content__inner"  # each page's content, not the navigation around it
EXCLUDED = ".headerlink, .atlas-pnum"  # permalink signs and paragraph numbers are not words
# Articles, entities, topics and the section pages: the pages a search should lead to. The
# lists split by year or initial (mentions/, by-year/, quotes, timeline…) repeat their
# sentences; indexing them would double the index and the data a query fetches.
INDEXED = ",".join(
    ["index.html", "*/index.html", *(f"{folder}/*/index.html" for folder in ("articles", "topics", *TYPE_BY_FOLDER))]
)


def pagefind_command(site: Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind", "--site", str(site),
        "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDED, "--glob", "{" + INDEXED + "}", "--silent",
    ]  # fmt: skip


def index_site(site: Path) -> str | None:
    """Write site/pagefind/; None when done, else what Pagefind said."""
    result = subprocess.run(pagefind_command(site), capture_output=True, text=True)
    return None if result.returncode == 0 else (result.stderr or result.stdout).strip()
