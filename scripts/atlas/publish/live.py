"""The build as MkDocs runs it (`scripts/mkdocs_hook.py` wires the events to this).

`mkdocs build` fails on bad input with the build's own lines. `mkdocs serve` keeps serving
the last good pages instead, and shows the lines at the top of every page in a banner until
the input is fixed. MkDocs reloads the hook module on every rebuild, so the state lives here.
"""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from atlas.errors import AtlasError
from atlas.publish.lock import build_lock
from atlas.publish.rebuild import Options, rebuild
from atlas.publish.search_index import index_site

log = logging.getLogger("mkdocs.atlas")
WATCHED = ("articles", "includes")  # besides docs/ and mkdocs.yml, which MkDocs watches itself
_CONTENT = re.compile(r'<article class="md-content__inner md-typeset">')
_BODY = re.compile(r"<body[^>]*>")


class BuildRefused(Exception):
    """Raised to MkDocs (as a PluginError by the hook) when `mkdocs build` meets bad input."""


@dataclass
class LiveBuild:
    serving: bool = False
    errors: list[str] = field(default_factory=list)  # the last build's refusal, one line each
    builds: int = 0  # builds run in this process (the tests count rebuilds with it)

    def build(self, root: Path) -> None:
        started = time.monotonic()
        self.builds += 1
        try:
            with build_lock(root):
                outcome = rebuild(root, Options.from_env(), resident=True)
        except AtlasError as error:
            self.errors = str(error).splitlines()
            for line in self.errors:
                log.error(line)
            if not self.serving:
                raise BuildRefused("the build refused the sources; the lines above say where and how to fix them") from None  # fmt: skip
            log.warning("serving the last good pages, with these errors at the top of each, until they are fixed")
            return
        self.errors = []
        for line in [*outcome.notes, *(f"warning: {w}" for w in outcome.warnings)]:
            log.info(line)
        log.info(f"atlas: {outcome.line()} in {time.monotonic() - started:.2f} s")

    def index(self, site: Path) -> None:
        """Pagefind's search index for a built site (not while serving: rebuilds stay fast and
        the search falls back to Material's small index; not offline: Pagefind cannot load there)."""
        if self.serving or Options.from_env().offline:
            return
        started = time.monotonic()
        if problem := index_site(site):
            raise BuildRefused(f"pagefind could not index {site}: {problem}")
        log.info(f"atlas: search index written by Pagefind in {time.monotonic() - started:.2f} s")

    def banner(self, output: str) -> str:
        """The page with the build's errors at the top of its content (serving only)."""
        if not self.errors:
            return output
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in self.errors)
        banner = (
            '<div class="atlas-build-errors" role="alert"><p><strong>The build refused the latest edit.</strong> '
            "These pages are the last good build; fix the following and save:</p>"
            f"<ul>{items}</ul></div>"
        )
        for anchor in (_CONTENT, _BODY):
            if match := anchor.search(output):
                return output[: match.end()] + banner + output[match.end() :]
        return banner + output


STATE = LiveBuild()
