"""`build.py --watch`: rebuild docs/ on every change, for `zensical serve` (which runs no hooks).

Errors are printed as the build prints them and the watch goes on; the build's own writes
cause one more, empty, pass (it writes only what changed), never a loop.
"""

from __future__ import annotations

import sys
from pathlib import Path

from atlas.errors import AtlasError
from atlas.publish.lock import build_lock
from atlas.publish.rebuild import Options, rebuild

WATCHED = ("articles", "includes", "docs")
STARTED_MS = 300  # how long the watcher waits before saying it runs, changes or not


def _relevant(change: object, path: str) -> bool:
    name = Path(path).name
    return not (name.startswith(".") and name.endswith(".tmp")) and "/.cache/" not in path  # the build's temporaries


def build_once(root: Path, options: Options) -> bool:
    """One build under the lock; True when it succeeded. Errors are printed, never raised."""
    try:
        with build_lock(root):
            outcome = rebuild(root, options, resident=True)
    except AtlasError as error:
        print(error, file=sys.stderr)
        print("the build refused this state of the sources; fix the line(s) above and save again", file=sys.stderr)
        return False
    for note in outcome.notes:
        print(note)
    print(outcome.line(), flush=True)
    return True


def watch(root: Path, options: Options) -> int:
    """Build once the watcher is running, then on every change. Building first and watching
    after would miss an edit saved in between (the watcher starts on the loop's first pass)."""
    import watchfiles  # only the watch needs it

    paths = [root / name for name in WATCHED if (root / name).is_dir()]
    started = False
    try:
        # With yield_on_timeout, the first (maybe empty) set arrives once the watcher runs.
        for changes in watchfiles.watch(*paths, watch_filter=_relevant, debounce=300, rust_timeout=STARTED_MS, yield_on_timeout=True):  # fmt: skip
            if not started:
                started = True
                build_once(root, options)
                print(f"watching {', '.join(p.name + '/' for p in paths)} — press Ctrl+C to stop", flush=True)
            elif changes:
                build_once(root, options)
    except KeyboardInterrupt:
        pass
    return 0
