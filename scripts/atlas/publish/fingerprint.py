"""One hash over everything a build reads and writes, so an unchanged tree skips the build. Pure.

The build is deterministic, so equal inputs (sources, current docs/ and the build's own
code) mean an identical plan with nothing to write: the expensive part can be skipped.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from atlas.pipeline import Sources

CODE = Path(__file__).resolve().parent.parent  # the whole atlas package


# The packages whose behaviour shapes the output: an upgrade must count as a change.
PACKAGES = ("PyYAML", "pyahocorasick", "pycountry")


def code_version() -> str:
    """The build's code and every data file it reads (not only *.py), and its packages' versions."""
    digest = hashlib.sha256()
    for path in sorted(CODE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for package in PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    return digest.hexdigest()


def fingerprint(sources: Sources, code: str) -> str:
    digest = hashlib.sha256(code.encode())
    for group in (sources.articles, sources.notes, sources.pages):
        for path in sorted(group):
            content = group[path]
            digest.update(path.encode() + b"\0" + (content if isinstance(content, bytes) else content.encode()) + b"\0")
    digest.update(sources.glossary.encode() + b"\0" + sources.stories.encode())
    return digest.hexdigest()


def after_writes(sources: Sources, files: dict[str, str], deletes: list[str]) -> Sources:
    """The sources as they will be once the plan is written (docs/ pages replaced)."""
    pages = {path: text for path, text in sources.pages.items() if path not in deletes}
    pages.update(files)
    return Sources(sources.articles, pages, sources.notes, sources.glossary, sources.stories)
