"""One hash over everything a build reads and writes, so an unchanged tree skips the build.

The build is deterministic, so equal inputs (sources, current docs/ and the build's own
code) mean an identical plan with nothing to write: the expensive part can be skipped.
Files are compared by size and modification time, as make and ninja do: hashing 400 MB of
pages at 10,000 articles would cost more than the one-second budget of a no-change build.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

from atlas.read.sources import source_files

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
    digest.update(sys.version.encode())  # cached results hold Python objects and tuple hashes
    return digest.hexdigest()


Stamp = dict[str, tuple[int, int]]  # path → (size, modification time in ns)


def stamp(root: Path) -> Stamp:
    """The size and time of every file the build reads: cheap at any corpus size."""
    found = {}
    base = str(root)
    for name in source_files(root):
        info = os.stat(os.path.join(base, name))  # not root / name: pathlib costs a second here
        found[name] = (info.st_size, info.st_mtime_ns)
    return found


def fingerprint(stamps: Stamp, code: str) -> str:
    digest = hashlib.sha256(code.encode())
    for path, (size, mtime) in sorted(stamps.items()):
        digest.update(f"{path}\0{size}\0{mtime}\0".encode())
    return digest.hexdigest()


def after_writes(root: Path, before: Stamp, written: list[str], deleted: list[str]) -> Stamp:
    """The stamp of the tree as the build left it: its own writes stamped anew, every other
    file as it was before the build read it (an edit saved during the build counts as a change)."""
    after = {path: value for path, value in before.items() if path not in deleted}
    for path in written:
        info = (root / path).stat()
        after[path] = (info.st_size, info.st_mtime_ns)
    return after
