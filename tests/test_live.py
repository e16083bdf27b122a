"""Live editing: a real `mkdocs serve` on 127.0.0.1 shows every edit, and the build's errors."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_checks import serious_violations
from conftest import ROOT, SEED_SLUG, copy_project, mkdocs_build, run_build

COUNTRIES = ROOT / "tests/fixtures/articles/countries/2022-05-01-regulators-close-in-on-face-search-firms.txt"
EVIDENCE = 'evidence: "received funding from PayPal co-founder Peter Thiel"'
BROKEN = 'evidence: "received funding from PayPal founder Peter Thiel"'
ERROR_LINE = (
    "docs/vendors/clearview-ai.md:7: evidence for 'funded_by: peter-thiel' \"received funding from PayPal founder "
    'Peter Thiel" is not in any article — copy the exact words from the article (or remove the relation)'
)


class Server:
    def __init__(self, root: Path, url: str, process: subprocess.Popen[bytes], log: Path) -> None:
        self.root, self.url, self.process, self.log = root, url, process, log

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return self.text().count("Building documentation...")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"{self.url}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")

    def wait_for(self, path: str, predicate, timeout: float = 60.0) -> float:
        """Seconds until the served page satisfies the predicate."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                if predicate(self.get(path)):
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{path} did not change within {timeout} s; server log:\n{self.text()[-3000:]}")

    def wait_quiet(self, seconds: float = 4.0, timeout: float = 60.0) -> None:
        """Until no rebuild has started for `seconds`. (It does not wait for the last one's
        "Documentation built" line: in about one run in five that line of MkDocs' second, empty
        rebuild came late; the count of rebuilds is what the tests assert.)"""
        deadline = time.monotonic() + timeout
        last, since = self.builds(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            if self.builds() != last:
                last, since = self.builds(), time.monotonic()
            elif time.monotonic() - since >= seconds:
                return
        raise AssertionError(f"the server kept rebuilding; its log ends:\n{self.text()[-4000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = copy_project(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=stream,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    served = Server(root, f"http://127.0.0.1:{port}", process, log)
    try:
        served.wait_for("", lambda html: "<html" in html, timeout=120)
        served.wait_quiet(2)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=20)


def _save(path: Path, text: str) -> None:
    """Save as an editor does: one replace, so the watcher sees one change, not a truncate and a write."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    _save(path, text.replace(old, new, 1))


@pytest.mark.browser
def test_an_alias_added_while_serving_links_in_the_open_article(server: Server, browser):
    """The editor's loop: the article is open in the browser, an alias is saved, the link appears."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/articles/{SEED_SLUG}/")
        link = page.locator('a.atlas-mention[href*="law-enforcement-agencies/"]', has_text="police force")
        assert link.count() == 0
        started = time.monotonic()
        _edit(
            server.root / "docs/agencies/law-enforcement-agencies.md",
            "aliases: [law enforcement agencies]",
            "aliases: [law enforcement agencies, police force]",
        )
        link.first.wait_for(timeout=60_000)  # livereload reloads the open page by itself
        print(f"alias edit → link in the open page: {time.monotonic() - started:.1f} s")
        before = server.builds()
        server.wait_quiet()  # with the page still open, as an editor's would be
        assert server.builds() - before <= 1  # the edit's own rebuild plus at most one for the build's writes
    finally:
        context.close()


def test_one_edit_causes_at_most_two_rebuilds(server: Server):
    glossary = server.root / "includes/abbreviations.md"
    before = server.builds()
    _save(glossary, glossary.read_text() + "*[UN]: United Nations\n")
    server.wait_for("glossary/", lambda html: "United Nations" in html)
    server.wait_quiet()
    assert 1 <= server.builds() - before <= 2, server.text()[-2000:]


def test_a_new_article_appears_in_the_index(server: Server):
    shutil.copy(COUNTRIES, server.root / "articles")
    delay = server.wait_for("articles/", lambda html: "Regulators close in on face-search firms" in html)
    print(f"new article → articles index: {delay:.1f} s")
    assert "Italy" in server.get("articles/2022-05-01-regulators-close-in-on-face-search-firms/")


@pytest.mark.browser
def test_bad_input_while_serving_shows_a_banner_until_fixed(server: Server, browser):
    page_path = "vendors/clearview-ai/"
    good = server.get(page_path)
    _edit(server.root / "docs/vendors/clearview-ai.md", EVIDENCE, BROKEN)
    server.wait_for(page_path, lambda html: "atlas-build-errors" in html)
    assert server.process.poll() is None  # still serving
    assert ERROR_LINE in server.text()  # the same line in the terminal
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/articles/")
        alert = page.locator('[role="alert"].atlas-build-errors')
        alert.wait_for()
        assert alert.is_visible()
        assert ERROR_LINE in alert.inner_text()
        assert serious_violations(page) == []
        # Still the last good pages: the relation is shown as before.
        assert "received funding from PayPal co-founder Peter Thiel" in good
        assert "received funding from PayPal co-founder Peter Thiel" in server.get(page_path)
        _edit(server.root / "docs/vendors/clearview-ai.md", BROKEN, EVIDENCE)
        page.wait_for_function("!document.querySelector('.atlas-build-errors')", timeout=60_000)
    finally:
        context.close()
    server.wait_for(page_path, lambda html: "atlas-build-errors" not in html)


def test_mkdocs_build_fails_on_bad_input_with_the_same_lines_and_no_banner(project: Path, tmp_path: Path):
    _edit(project / "docs/vendors/clearview-ai.md", EVIDENCE, BROKEN)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ERROR_LINE in result.stdout + result.stderr
    built = list((tmp_path / "site").rglob("*.html")) if (tmp_path / "site").exists() else []
    assert not any("atlas-build-errors" in p.read_text() for p in built)


def test_mkdocs_build_runs_the_build_first(project: Path, tmp_path: Path):
    shutil.copy(COUNTRIES, project / "articles")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site/articles/2022-05-01-regulators-close-in-on-face-search-firms/index.html").is_file()
    assert (project / "docs/countries/italy.md").is_file()


def test_a_concurrent_build_waits_for_the_lock_and_a_stale_lock_is_taken_over(project: Path):
    from atlas.publish.lock import LOCK, build_lock

    assert run_build(project).returncode == 0
    with build_lock(project):
        waiting = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts/build.py"), "--root", str(project)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(2)
        assert waiting.poll() is None  # it waits rather than writing beside us
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert "waiting for another build" in err
    # A lock left by a process that no longer exists is taken over at once.
    (project / LOCK).write_text("999999999 0\n")
    started = time.monotonic()
    assert run_build(project).returncode == 0
    assert time.monotonic() - started < 30 and not (project / LOCK).exists()


def test_the_fingerprint_covers_the_builds_data_files(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    shutil.copy(COUNTRIES, root / "articles")
    build = [sys.executable, str(root / "scripts/build.py"), "--root", str(root)]
    assert subprocess.run(build, capture_output=True).returncode == 0
    assert subprocess.run([*build, "--check"], capture_output=True).returncode == 0
    data = root / "scripts/atlas/link/data/countries.yml"
    data.write_text(data.read_text().replace("[United Kingdom, UK, U.K., Britain, Great Britain]", "[United Kingdom, UK, U.K., Great Britain]"))  # fmt: skip
    stale = subprocess.run([*build, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1  # not short-circuited by the no-change cache
    assert "[Britain](../countries/united-kingdom.md" in stale.stdout


def test_build_watch_rebuilds_on_change_and_survives_errors(project: Path):
    process = subprocess.Popen(
        [sys.executable, "-u", str(ROOT / "scripts/build.py"), "--root", str(project), "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()

    def wait_for(text: str, after: int, timeout: float = 60) -> int:
        """The index of the first line from `after` on that holds the text."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(after, len(lines)):
                if text in lines[index]:
                    return index + 1
            time.sleep(0.1)
        raise AssertionError(f"never saw {text!r}: {''.join(lines)}")

    try:
        seen = wait_for("watching", 0)
        shutil.copy(COUNTRIES, project / "articles")
        seen = wait_for("2 article(s), 51 entities", seen)
        assert (project / "docs/articles/2022-05-01-regulators-close-in-on-face-search-firms.md").is_file()
        time.sleep(1.5)  # let the pass caused by the build's own writes finish
        _edit(project / "docs/vendors/clearview-ai.md", EVIDENCE, BROKEN)
        seen = wait_for(ERROR_LINE, seen)
        wait_for("refused", seen - 1)
        _edit(project / "docs/vendors/clearview-ai.md", BROKEN, EVIDENCE)
        wait_for("file(s) written", seen)
        assert process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=20)
