"""Pagefind's search index for a built site: one command, shared by the MkDocs hook and the benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT_SELECTOR = "article.md-content__inner"  # each page's content, not the navigation around it
EXCLUDED = ".headerlink, .atlas-pnum"  # permalink signs and paragraph numbers are not words


def pagefind_command(site: Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind", "--site", str(site),
        "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDED, "--silent",
    ]  # fmt: skip


def index_site(site: Path) -> str | None:
    """Write site/pagefind/; None when done, else what Pagefind said."""
    result = subprocess.run(pagefind_command(site), capture_output=True, text=True)
    return None if result.returncode == 0 else (result.stderr or result.stdout).strip()
