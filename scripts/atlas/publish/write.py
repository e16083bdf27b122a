"""The only module that writes: atomic writes of what changed, and the --check diff."""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Changes:
    writes: dict[str, str | bytes]  # path relative to root → new content (bytes: UTF-8)
    deletes: tuple[str, ...]
    old: Mapping[str, str]  # what is on disk now (read when asked: for the --check diff)

    @property
    def count(self) -> int:
        return len(self.writes) + len(self.deletes)


def compare(plan: Mapping[str, str], deletes: list[str], existing: Mapping[str, str]) -> Changes:
    """Which planned files differ from what is on disk. Pure."""
    writes: dict[str, str | bytes] = {
        path: content for path, content in sorted(plan.items()) if existing.get(path) != content
    }
    gone = tuple(sorted(p for p in deletes if p in existing))
    return Changes(writes, gone, existing)


def _text(content: str | bytes) -> str:
    return content.decode() if isinstance(content, bytes) else content


def unified_diff(changes: Changes) -> str:
    chunks: list[str] = []
    for path in sorted([*changes.writes, *changes.deletes]):
        before = changes.old.get(path) or ""
        after = _text(changes.writes.get(path, ""))
        chunks.extend(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"a/{path}",
                tofile=f"b/{path}",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


def apply(root: Path, changes: Changes) -> None:
    """Write every file to a temporary sibling first, then rename them all into place.

    A failure before the renames leaves every file as it was; a failure during them puts
    back what was already replaced: each file it replaces or deletes is first renamed to a
    hidden sibling (not held in memory: at 10,000 articles that would be hundreds of MB).
    """
    staged: list[tuple[str, str]] = []
    try:
        for path, content in changes.writes.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(content if isinstance(content, bytes) else content.encode())
            staged.append((temporary, path))
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    done: list[tuple[Path, Path | None]] = []  # (file, where its previous content waits)
    try:
        for temporary, path in staged:
            done.append((root / path, _set_aside(root / path)))
            os.replace(temporary, root / path)
        for path in changes.deletes:
            done.append((root / path, _set_aside(root / path)))
    except BaseException:
        for target, previous in reversed(done):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(previous, target)
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for _, previous in done:
        if previous is not None:
            previous.unlink(missing_ok=True)


def _set_aside(target: Path) -> Path | None:
    """Rename an existing file to a hidden sibling; None when there is none."""
    if not target.exists():
        return None
    aside = target.with_name(f".{target.name}.previous")
    os.replace(target, aside)
    return aside
