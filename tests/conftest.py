"""Shared fixtures: a temporary copy of the project, a real MkDocs build, a local server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "2020-06-18-facial-recognition-it-and-police-in-delicate-dance.txt"
SEED_SLUG = SEED.stem
PROJECT_PARTS = ("mkdocs.yml", "docs", "articles", "includes", "overrides", "scripts")  # scripts: the MkDocs hook


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI, as a user runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


def mkdocs_build(root: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` (its hook runs the atlas build first, with `env`'s settings)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project's sources, safe to edit."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed docs/, rebuilt by the build script and then by `mkdocs build --strict`."""
    root = copy_project(tmp_path_factory.mktemp("site-project"))
    build = run_build(root)
    assert build.returncode == 0, build.stderr
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1 (any free port); stopped afterwards."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    """The built site served for the browser tests."""
    with serve(built_site) as address:
        yield address


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium is required (REQUIRE_BROWSER=1) but {CHROMIUM} is missing: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium); set REQUIRE_BROWSER=1 to fail instead")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()
