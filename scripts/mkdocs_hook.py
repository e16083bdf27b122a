"""MkDocs hook: `mkdocs serve` and `mkdocs build` run the atlas build first, in process.

Only wiring: the build is scripts/atlas/publish/live.py. Zensical runs no hooks, so the same
build stays reachable as `python scripts/build.py` (and `--watch`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

SCRIPTS = str(Path(__file__).resolve().parent)
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)

from atlas.publish.live import STATE, WATCHED, BuildRefused  # noqa: E402


def _root(config) -> Path:  # the project that holds the mkdocs.yml in use
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    STATE.serving = command == "serve"


def on_pre_build(config) -> None:
    try:
        STATE.build(_root(config))
    except BuildRefused as error:
        raise PluginError(str(error)) from None


def on_serve(server, config, builder):
    for name in WATCHED:
        if (_root(config) / name).is_dir():
            server.watch(str(_root(config) / name))
    return server


def on_post_build(config) -> None:
    try:
        STATE.index(Path(config.site_dir))
    except BuildRefused as error:
        raise PluginError(str(error)) from None


def on_post_page(output: str, page, config) -> str:
    return STATE.banner(output)
