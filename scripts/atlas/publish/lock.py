"""One build or source edit at a time: a lock file under .cache/, with recovery from a stale one.

`scripts/build.py`, the MkDocs hook and every command that edits sources hold it through
their rebuild, so a concurrent build never reads half an edit or overwrites one. Whoever
finds it held waits (bounded, saying so once); a lock whose process is gone, or that is
older than any build takes, is stale and taken over.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from atlas.errors import AtlasError

LOCK = Path(".cache") / "atlas-build.lock"
STALE_AFTER = 600.0  # seconds: no build takes this long
_held: dict[Path, int] = {}  # lock path → depth, so one process may nest (a command that rebuilds)


class LockBusy(AtlasError):
    exit_code = 4


def _holder(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _is_stale(path: Path) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    pid = _holder(path)
    if pid is None:
        return age > 5.0  # being written right now, or left half-written by a crash
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return age > STALE_AFTER


@contextlib.contextmanager
def build_lock(root: Path, wait: float = 120.0) -> Iterator[None]:
    path = (root / LOCK).resolve()
    if _held.get(path):
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if _is_stale(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            if time.monotonic() > deadline:
                raise LockBusy(
                    f"{LOCK}: another build or edit (process {_holder(path)}) has held the lock for over {wait:.0f} s"
                    f" — wait for it to finish, or delete {LOCK} if no build is running"
                ) from None
            if not told:
                print(f"waiting for another build (process {_holder(path)}) to finish …", file=sys.stderr)
                told = True
            time.sleep(0.1)
            continue
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()} {time.time():.0f}\n")
        break
    _held[path] = 1
    try:
        yield
    finally:
        _held.pop(path, None)
        with contextlib.suppress(OSError):
            path.unlink()
