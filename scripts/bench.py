"""Benchmark the build against plain MkDocs on synthetic corpora in the shape of the real one.

    python scripts/bench.py                 # N = 10, 100, 1000 articles
    python scripts/bench.py --sizes 10 100  # quicker
    python scripts/bench.py --sizes 1000 --shapes synthetic shared  # both corpus shapes

Each corpus is the real project (the seed article, its notes, the catalog) plus N-1
synthetic articles and synthetic entities, built in a temporary folder. Prints one
Markdown table; docs/performance.md keeps the latest one with the machine it ran on.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
sys.path.insert(0, str(SCRIPTS))

from atlas.link.annotate import Matcher  # noqa: E402
from atlas.pipeline import plan_site  # noqa: E402
from atlas.publish.search_index import index_site  # noqa: E402
from atlas.read.sources import read_sources  # noqa: E402

SEED_SLUG = "2020-06-18-facial-recognition-it-and-police-in-delicate-dance"
TYPES = ["vendors", "agencies", "advocacy", "countries", "people", "media", "organisations"]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ven",
    "tor",
    "sel",
    "dan",
    "qui",
    "bar",
    "nex",
    "ori",
    "tal",
    "um",
    "pra",
    "zeo",
    "lin",
    "vos",
    "cor",
    "tek",
]
RARE_WORDS = 20_000  # a long tail of words seldom used, as in any real corpus
RARE_SHARE = 0.08  # of the words in running text
# Run a command and report its own peak memory (kB) on the last line of stderr: VmHWM, this
# program's high-water mark since exec (ru_maxrss would carry over the benchmark's own, which a
# child inherits through fork on Linux). build.py leaves through os._exit: report there too.
MEASURE = (
    "import os, re, resource, runpy, sys\n"
    "def report(code, leave=sys.exit):\n"
    "    status = open('/proc/self/status').read() if os.path.exists('/proc/self/status') else ''\n"
    "    peak = re.search(r'VmHWM:\\s+(\\d+) kB', status)\n"
    "    print(f'maxrss={peak.group(1) if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr, flush=True)\n"
    "    leave(code)\n"
    "hard_exit = os._exit\n"
    "os._exit = lambda code: report(code, hard_exit)\n"
    "sys.argv = sys.argv[1:]\n"
    "sys.path.insert(0, os.path.dirname(sys.argv[0])) if sys.argv[0].endswith('.py') else None\n"
    "try:\n"
    "    runpy.run_path(sys.argv[0], run_name='__main__') if sys.argv[0].endswith('.py') else runpy.run_module(sys.argv[0], run_name='__main__')\n"
    "except SystemExit as exit:\n"
    "    report(exit.code or 0)\n"
    "else:\n"
    "    report(0)\n"
)


def synthetic_name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(2))


def make_corpus(folder: Path, articles: int, entities: int, seed: int = 7, shape: str = "synthetic") -> str:
    """The real project plus synthetic articles and entity pages (deterministic); returns one
    more synthetic article, for the benchmark to add. `shape`: "synthetic" (independent
    articles sharing a few quotes) or "shared" (shared coverage: stories made of paragraphs
    from one pool, as rewrites, follow-ups and round-ups are)."""
    for part in ("mkdocs.yml", "docs", "articles", "includes", "overrides"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / part)
    # Plain MkDocs on the same pages: without the hook that runs the atlas build first.
    config = folder / "mkdocs.yml"
    config.write_text(re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config.read_text()))
    rng = random.Random(seed)
    names = []
    for index in range(entities):
        name = synthetic_name(rng)
        while name in names:
            name = synthetic_name(rng)
        names.append(name)
        kind = TYPES[index % len(TYPES)]
        slug = f"synthetic-{index:04d}"
        (folder / "docs" / kind / f"{slug}.md").write_text(
            f"---\nname: {name}\nsummary: A synthetic {kind[:-1]} for the benchmark.\n---\n# {name}\n\nBenchmark entity.\n"
        )
    # Real corpora share quoted sentences (one statement quoted by many outlets) and hold wire
    # copies (the same story under another headline and byline): so do these.
    prose = Prose.like_the_seed(rng)
    per_year = max(MIN_PER_YEAR, articles // YEARS)  # a research group's collection: ten years at 10,000
    quotes = [
        f'"{" ".join(prose.words(rng, rng.randint(10, 18))).capitalize()}," said {rng.choice(names)}.'
        for _ in range(max(10, articles // 30))
    ]
    write = synthetic_article
    if shape == "shared":
        pool = shared_pool(rng, names, quotes, prose)
        write = functools.partial(shared_story, pool=pool)  # type: ignore[assignment]
    previous = ""
    for index in range(1, articles):
        if index % COPY_EVERY == 0 and previous:
            body = previous.split("\n\n", 2)[2].rsplit("\n\n", 2)[0]  # trimmed, without its © line
            text = f"# Copy {index} of a wire story\n\n{_dated(index, per_year)}, by Wire Desk\n\n{body}"
        else:
            text = previous = write(rng, index, names, quotes, prose, per_year)
        (folder / "articles" / f"{_day(index, per_year)}-synthetic-{index:04d}.txt").write_text(text)
    return write(rng, articles, names, quotes, prose, per_year)


POOL = 100  # paragraphs of shared coverage: any two stories share one on average, a few at most
PER_STORY = 10


def shared_pool(rng: random.Random, names: list[str], quotes: list[str], prose: Prose) -> list[str]:
    """Paragraphs that stories reuse: background, and quoted statements (each then quoted by
    hundreds of stories)."""
    pool = []
    for index in range(POOL):
        if index % 4 == 0:
            pool.append(quotes[index % len(quotes)])
            continue
        words = prose.words(rng, rng.randint(25, 45))
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words)), rng.choice(names))
        sentence = " ".join(words)
        pool.append(sentence[0].upper() + sentence[1:] + ".")
    return pool


def shared_story(
    rng: random.Random, index: int, names: list[str], quotes: list[str], prose: Prose, per_year: int, pool: list[str]
) -> str:
    """A story of its own lede and PER_STORY paragraphs drawn from the shared pool."""
    lede = " ".join(prose.words(rng, 30))
    paragraphs = [f"{rng.choice(names)} {lede}.", *rng.sample(pool, PER_STORY)]
    year = 2015 + index // per_year
    return (
        f"# Story {index}: {rng.choice(names)} and the police\n\n{_dated(index, per_year)}, by Bench Writer\n\n"
        + "\n\n".join(paragraphs)
        + f"\n\n© {year} Bench Press"
    )


COPY_EVERY = 50  # one article in 50 is a wire copy of the one before
YEARS = 10
MIN_PER_YEAR = 336


@dataclass(frozen=True)
class Prose:
    """Running text with the seed article's word frequencies and a long tail of rare words, so
    the search index holds common and rare words as a real corpus does."""

    common: list[str]  # the seed's lower-case words, each as often as the seed uses it
    rare: list[str]

    @classmethod
    def like_the_seed(cls, rng: random.Random) -> Prose:
        seed = (ROOT / "articles" / f"{SEED_SLUG}.txt").read_text(encoding="utf-8")
        common = re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z]\b", seed)  # names are capitalised: left out
        rare = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5))) for _ in range(RARE_WORDS)})
        return cls(common, rare)

    def words(self, rng: random.Random, count: int) -> list[str]:
        return [rng.choice(self.rare if rng.random() < RARE_SHARE else self.common) for _ in range(count)]


def synthetic_article(
    rng: random.Random, index: int, names: list[str], quotes: list[str], prose: Prose, per_year: int
) -> str:
    paragraphs = []
    for _ in range(rng.randint(14, 22)):
        words = prose.words(rng, rng.randint(18, 40))
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randrange(len(words)), rng.choice(names))
        sentence = " ".join(words)
        paragraphs.append(sentence[0].upper() + sentence[1:] + ".")  # not str.capitalize(): it lowercases the names
    if rng.random() < 0.4:
        paragraphs.insert(rng.randrange(len(paragraphs)), rng.choice(quotes))
    caption = f"A synthetic caption about {rng.choice(names)}"
    year = 2015 + index // per_year
    return (
        f"# Synthetic report {index}: {rng.choice(names)} and the police\n\n{_dated(index, per_year)}, by Bench Writer\n\n\n\n"
        f"{caption}\n\n" + "\n\n".join(paragraphs) + f"\n\n© {year} Bench Press"
    )


def _day(index: int, per_year: int) -> str:
    """Articles spread evenly from 2015: `per_year` a year, over the months of each year."""
    within = index % per_year
    return f"{2015 + index // per_year}-{1 + within * 12 // per_year:02d}-{1 + within % 28:02d}"


def _dated(index: int, per_year: int) -> str:
    year, month, day = _day(index, per_year).split("-")
    return f"{int(day)} {_month(int(month))} {year}"


def _month(number: int) -> str:
    return ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"][number - 1]  # fmt: skip


# Adding one article under `mkdocs serve` or `build.py --watch`: one process rebuilds, keeping
# what it loaded in memory (as the live loop does), and the second rebuild, after the article is
# saved, is timed.
RESIDENT = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from atlas.publish.rebuild import Options, rebuild\n"
    "root, added = Path(sys.argv[2]), Path(sys.argv[3])\n"
    "text = added.read_text()\n"
    "added.unlink()\n"
    "rebuild(root, Options(), resident=True)\n"
    "added.write_text(text)\n"
    "start = time.perf_counter()\n"
    "rebuild(root, Options(), resident=True)\n"
    "print(time.perf_counter() - start)\n"
)


def resident_add_seconds(folder: Path, added: Path) -> float:
    """Seconds to rebuild after `added` is saved, in a process that keeps its memo loaded."""
    result = subprocess.run(
        [sys.executable, "-c", RESIDENT, str(SCRIPTS), str(folder), str(added)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """(seconds, peak kB, stdout) of a Python command run in its own process."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    peak = int(result.stderr.rsplit("maxrss=", 1)[1].split()[0])
    return seconds, peak, result.stdout


def matcher_seconds_per_mb(folder: Path) -> float:
    plan = plan_site(read_sources(folder))
    assert plan.corpus is not None
    blocks = [b.text for a in plan.corpus.articles for b in a.text_blocks]
    matcher = Matcher(list(plan.corpus.entities.values()))
    start = time.perf_counter()
    for _ in range(3):
        for text in blocks:
            matcher.find(text)
    seconds = (time.perf_counter() - start) / 3
    megabytes = sum(len(t.encode()) for t in blocks) / 1e6
    return seconds / megabytes


def site_figures(site: Path) -> dict[str, float]:
    pages = sorted(p.stat().st_size for p in site.rglob("*.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    seed = site / "articles" / SEED_SLUG / "index.html"
    return {
        "site_mb": total / 1e6,
        "median_kb": statistics.median(pages) / 1e3,
        "largest_kb": pages[-1] / 1e3,
        "index_kb": (site / "search" / "search_index.json").stat().st_size / 1e3,
        "seed_kb": seed.stat().st_size / 1e3,
        "seed_gzip_kb": len(gzip.compress(seed.read_bytes())) / 1e3,
    }


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1 (no compression: sizes are gzipped from the files instead)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def gzip_kb(site: Path, base: str, urls: list[str]) -> tuple[float, int]:
    """(KB gzip, files) of the site's files behind these URLs."""
    total = counted = 0
    for url in urls:
        path = url.removeprefix(base).split("#")[0].split("?")[0]
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        if file.is_file():
            total += len(gzip.compress(file.read_bytes()))
            counted += 1
    return total / 1e3, counted


def first_load_kb(site: Path) -> tuple[float, int]:
    """(KB transferred with gzip, requests) when Chromium first opens the seed article."""
    urls: list[str] = []
    with served(site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("requestfinished", lambda request: urls.append(request.url))
        page.goto(f"{base}articles/{SEED_SLUG}/", wait_until="networkidle")
    return gzip_kb(site, base, urls)


# What readers type: a name, a phrase, and the site's own subject, which is in every article
# (the worst case: the largest parts of the index).
SEARCHES = {"name": "Clearview", "phrase": "surveillance without consent", "subject": "facial recognition"}


def search_figures(site: Path) -> dict[str, float]:
    """Per query: KB (gzip) fetched and seconds taken from opening the search on the seed
    page to seeing the first results, each in a fresh browser context (nothing cached)."""
    figures = {}
    with served(site) as base, chromium() as browser:
        for kind, query in SEARCHES.items():
            context = browser.new_context()
            page = context.new_page()
            urls: list[str] = []
            page.on("requestfinished", lambda request, urls=urls: urls.append(request.url))
            page.goto(f"{base}articles/{SEED_SLUG}/", wait_until="networkidle")
            before = len(urls)
            page.keyboard.press("/")
            page.keyboard.type(query)
            typed = time.perf_counter()
            page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
            figures[f"search_s_{kind}"] = time.perf_counter() - typed
            figures[f"search_kb_{kind}"] = gzip_kb(site, base, urls[before:])[0]
            if kind == "subject":
                figures |= {
                    f"search_kb_subject_{part}": kb for part, kb in search_parts(site, base, urls[before:]).items()
                }
            context.close()
    return figures


# What a Pagefind query fetches, by part: its engine (the same at any size), the metadata of
# every page, the index chunks of the query's words, and the fragments of the results shown.
SEARCH_PARTS = {"engine": (".js", ".pagefind"), "meta": (".pf_meta",), "index": (".pf_index",), "fragments": (".pf_fragment",)}  # fmt: skip


def search_parts(site: Path, base: str, urls: list[str]) -> dict[str, float]:
    paths = [url.split("?")[0] for url in urls]
    return {part: gzip_kb(site, base, [p for p in paths if p.endswith(ends)])[0] for part, ends in SEARCH_PARTS.items()}


def lists_complete(docs: Path) -> tuple[int, int]:
    """(entities whose lists hold every article their page counts, entities with mentions)."""
    complete = total = 0
    for page in docs.glob("*/*.md"):
        if page.parent.name not in TYPES or page.name == "index.md":
            continue
        found = re.search(r"Mentions\n:   \d+ in (\d+) articles?", page.read_text(encoding="utf-8"))
        if not found:
            continue
        # Every list page: a year's, or a busy year's months, days and a day's further pages.
        lists = [p for p in (docs / "mentions" / page.stem).glob("*.md") if p.stem[:4].isdigit()]
        texts = [p.read_text(encoding="utf-8") for p in lists] or [page.read_text(encoding="utf-8")]
        total += 1
        complete += sum(text.count("\n### [") for text in texts) == int(found.group(1))
    return complete, total


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def written(output: str) -> int:
    return int(output.split(" file(s) written")[0].rsplit(" ", 1)[1])


def run(articles: int, entities: int, shape: str = "synthetic") -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as temp:
        folder = Path(temp)
        extra = make_corpus(folder, articles, entities, shape=shape)
        build = [str(SCRIPTS / "build.py"), "--root", str(folder)]
        first, build_peak, _ = timed(build, folder)
        again, _, output = timed(build, folder)
        written_again = written(output)
        changed = sorted((folder / "articles").glob("*synthetic-0001.txt"))
        if changed:
            changed[0].write_text(changed[0].read_text().replace("Bench Writer", "Another Writer"))
        _, _, output = timed(build, folder)
        written_one = written(output)
        (folder / "articles" / "2030-01-01-one-more.txt").write_text(extra)
        add_one, _, output = timed(build, folder)
        written_add = written(output)
        add_one_resident = resident_add_seconds(folder, folder / "articles" / "2030-01-01-one-more.txt")
        mkdocs, mkdocs_peak, _ = timed(["mkdocs", "build", "--site-dir", str(folder / "site")], folder)
        start = time.perf_counter()
        if problem := index_site(folder / "site"):
            raise SystemExit(f"pagefind failed: {problem}")
        pagefind = time.perf_counter() - start
        figures = site_figures(folder / "site")
        figures["first_load_kb"], figures["requests"] = first_load_kb(folder / "site")
        figures |= search_figures(folder / "site")
        complete, listed = lists_complete(folder / "docs")
        text_mb = sum(p.stat().st_size for p in (folder / "articles").glob("*.txt")) / 1e6
        return {
            "articles": articles, "shape": shape, "entities": entities + 41, "text_mb": text_mb,
            "build_s": first, "mkdocs_s": mkdocs, "ratio": first / mkdocs,
            "match_s_per_mb": matcher_seconds_per_mb(folder), "rebuild_s": again, "rebuild_written": written_again,
            "one_change_written": written_one, "add_one_s": add_one, "add_one_written": written_add,
            "add_one_resident_s": add_one_resident,
            "pagefind_s": pagefind, "complete": f"{complete}/{listed}",
            "build_peak_mb": build_peak / 1e3, "mkdocs_peak_mb": mkdocs_peak / 1e3,
            **figures,
        }  # fmt: skip


COLUMNS = [
    ("articles", "Articles", "{:.0f}"), ("entities", "Entities", "{:.0f}"), ("text_mb", "Text MB", "{:.2f}"),
    ("build_s", "Build s", "{:.2f}"), ("mkdocs_s", "MkDocs s", "{:.2f}"), ("ratio", "Build/MkDocs", "{:.1%}"),
    ("match_s_per_mb", "Match s/MB", "{:.3f}"), ("rebuild_s", "No-change rebuild s", "{:.2f}"),
    ("rebuild_written", "Files written", "{:.0f}"), ("one_change_written", "Files after 1 change", "{:.0f}"),
    ("site_mb", "Site MB", "{:.1f}"), ("median_kb", "Median page KB", "{:.0f}"), ("largest_kb", "Largest page KB", "{:.0f}"),
    ("index_kb", "Offline search index KB", "{:.0f}"), ("seed_kb", "Seed page KB", "{:.1f}"), ("seed_gzip_kb", "Seed page gzip KB", "{:.1f}"),
    ("add_one_s", "Add 1 article s", "{:.2f}"), ("add_one_resident_s", "Add 1 article, serve/--watch s", "{:.2f}"),
    ("add_one_written", "Files after adding 1", "{:.0f}"),
    ("first_load_kb", "Seed first load KB (gzip)", "{:.0f}"), ("requests", "Requests", "{:.0f}"),
    ("pagefind_s", "Pagefind s", "{:.1f}"),
    *((f"search_kb_{kind}", f"Search “{query}”: KB fetched (gzip)", "{:.0f}") for kind, query in SEARCHES.items()),
    *((f"search_kb_subject_{part}", f"Search “{SEARCHES['subject']}”: {part} KB", "{:.0f}") for part in SEARCH_PARTS),
    *((f"search_s_{kind}", f"Search “{query}”: s to first results", "{:.2f}") for kind, query in SEARCHES.items()),
    ("complete", "Entities with complete lists", "{}"),
    ("build_peak_mb", "Build peak MB", "{:.0f}"), ("mkdocs_peak_mb", "MkDocs peak MB", "{:.0f}"),
]  # fmt: skip


def table(rows: list[dict[str, float]]) -> str:
    """One column per corpus size, one row per figure: wide enough for two sizes side by side."""
    lines = ["| Figure | " + " | ".join(f"N = {row['articles']:,.0f}{_shape_label(row)}" for row in rows) + " |"]
    lines.append("| --- |" + " ---: |" * len(rows))
    for key, label, fmt in COLUMNS[1:]:
        lines.append(f"| {label} | " + " | ".join(fmt.format(row[key]) for row in rows) + " |")
    return "\n".join(lines)


def _shape_label(row: dict[str, float]) -> str:
    return ", shared coverage" if row.get("shape") == "shared" else ""


def machine() -> str:
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1e6:.0f} GB RAM"
    return (
        f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.system()}"
    )


PAGE = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def record(rows: list[dict[str, float]]) -> None:
    """Replace the table between the bench markers of the Performance page; the rest is hand-written."""
    text = PAGE.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    block = f"{START}\nMeasured on {machine()}.\n\n{table(rows)}\n{END}"
    PAGE.write_text(before + block + after, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument(
        "--shapes",
        nargs="+",
        choices=["synthetic", "shared"],
        default=["synthetic"],
        help="synthetic: independent articles sharing a few quotes; shared: stories of ten paragraphs from one pool",
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    parser.add_argument("--record", action="store_true", help=f"also write the table into {PAGE.relative_to(ROOT)}")
    args = parser.parse_args()
    entities = {10: 50, 100: 250, 1000: 500}
    rows = []
    for shape in args.shapes:
        for size in args.sizes:
            rows.append(run(size, entities.get(size, 250), shape))
            print(f"N={size} {shape} done", file=sys.stderr)
    print(f"Machine: {machine()}\n")
    print(table(rows))
    if args.record:
        record(rows)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
