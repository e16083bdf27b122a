"""Add an article: `python scripts/add_article.py SOURCE` (a saved HTML page, a URL, or - for text).

Writes articles/<date>-<slug>.txt in the shape the parser reads, keeping the text as found.
Run `python scripts/build.py` next to give it its page.
"""

from __future__ import annotations

import argparse
import sys
import traceback
import urllib.request
from pathlib import Path

from atlas.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, InputError
from atlas.ingest.prepare import MAX_BYTES, Overrides, Prepared, prepare
from atlas.link.stories import group_stories
from atlas.model import Article
from atlas.pipeline import existing_articles
from atlas.publish.lock import build_lock

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "date", "author", "publisher", "url")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="a saved .html file, an http(s) URL, or - to read text from standard input")
    for name in FIELDS:
        parser.add_argument(f"--{name}", help=f"the article's {name}, instead of what the page says")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    return parser.parse_args(argv)


def read_source(source: str) -> tuple[bytes, str | None]:
    """The source's bytes (at most one byte over the limit, so the limit can be reported) and its URL."""
    if source == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1), None
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": "atlas-add-article/1"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.read(MAX_BYTES + 1), response.geturl()
        except OSError as error:
            raise InputError(source, None, f"could not fetch the page ({error})", "save the page from a browser and pass the file") from None  # fmt: skip
    path = Path(source)
    if not path.is_file():
        raise InputError(source, None, "no such file", "check the path, or pass a URL or - for text")
    with path.open("rb") as stream:
        return stream.read(MAX_BYTES + 1), None


def run(args: argparse.Namespace) -> int:
    root: Path = args.root.resolve()
    data, url = read_source(args.source)
    flags = Overrides(**{name: getattr(args, name) for name in FIELDS})
    prepared = prepare(data, args.source, flags, url)
    target = root / "articles" / prepared.name
    with build_lock(root):
        existing = existing_articles(root)
        if target.exists():
            raise InputError(f"articles/{prepared.name}", None, "an article with this date and title already exists", "nothing was written; pass --title to add a different article")  # fmt: skip
        header = _header_values(prepared)
        same_url = [a for a in existing if header["url"] and a.source_url == header["url"]]
        if same_url:
            raise InputError(args.source, None, f"this URL is already {same_url[0].path}", "nothing was written; edit that article instead")  # fmt: skip
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(prepared.text)
        _print_summary(prepared, header, args)
        if story := _story_copied(prepared, existing):
            print(f"warning: this is a copy of the story at articles/{story}.txt: the site shows the story once, with this copy under 'Also published by'")  # fmt: skip
    print("next: python scripts/build.py (or keep mkdocs serve running) to give it its page")
    return 0


def _header_values(prepared: Prepared) -> dict[str, str | None]:
    article = prepared.article
    return {
        "title": article.title,
        "date": article.date,
        "author": article.author,
        "publisher": article.publisher,
        "url": article.source_url,
    }


def _print_summary(prepared: Prepared, header: dict[str, str | None], args: argparse.Namespace) -> None:
    print(f"wrote articles/{prepared.name}")
    for name in FIELDS:
        value = header[name]
        how = "from --" + name if getattr(args, name) else "found"
        print(f"  {name + ':':11} {value} ({how})" if value else f"  {name + ':':11} not found (pass --{name})")
    print(f"  body:       {prepared.paragraphs} paragraph(s), {prepared.captions} caption(s)")


def _story_copied(prepared: Prepared, existing: list[Article]) -> str | None:
    """The page of the story the new article is a copy of, if it is one."""
    new = prepared.article
    for story in group_stories([*existing, new]):
        if len(story.articles) > 1 and new in story.articles:
            return next(a.slug for a in story.articles if a is not new) if story.page is new else story.page.slug
    return None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except InputError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except TimeoutError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception:
        traceback.print_exc()
        print("internal error: please report it with the trace above", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
