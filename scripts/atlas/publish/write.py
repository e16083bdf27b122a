"""The only module that writes: atomic writes of what changed, and the --check diff."""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Changes:
    writes: dict[str, str]  # path relative to root → new content
    deletes: tuple[str, ...]
    old: dict[str, str | None]  # what each changed path held before (None: did not exist)

    @property
    def count(self) -> int:
        return len(self.writes) + len(self.deletes)


def compare(plan: dict[str, str], deletes: list[str], existing: dict[str, str | None]) -> Changes:
    """Which planned files differ from what is on disk. Pure."""
    writes = {path: content for path, content in sorted(plan.items()) if existing.get(path) != content}
    gone = tuple(sorted(p for p in deletes if existing.get(p) is not None))
    old = {path: existing.get(path) for path in [*writes, *gone]}
    return Changes(writes, gone, old)


def unified_diff(changes: Changes) -> str:
    chunks: list[str] = []
    for path in sorted([*changes.writes, *changes.deletes]):
        before = changes.old.get(path) or ""
        after = changes.writes.get(path, "")
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

    A failure before the renames leaves every file as it was; a failure during them
    puts back what was already replaced.
    """
    staged: list[tuple[str, str]] = []
    try:
        for path, content in changes.writes.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(content)
            staged.append((temporary, path))
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    done: list[str] = []
    try:
        for temporary, path in staged:
            os.replace(temporary, root / path)
            done.append(path)
        for path in changes.deletes:
            (root / path).unlink()
            done.append(path)
    except BaseException:
        _restore(root, changes, done)
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise


def _restore(root: Path, changes: Changes, done: list[str]) -> None:
    for path in done:
        previous = changes.old.get(path)
        target = root / path
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            target.write_text(previous, encoding="utf-8", newline="\n")
