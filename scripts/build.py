"""Regenerate docs/ from articles/ and the entity pages: `python scripts/build.py [--check]`."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from atlas import write
from atlas.errors import EXIT_INTERNAL, EXIT_STALE, AtlasError
from atlas.pipeline import plan_site, read_sources
from atlas.report import format_report, missing_names

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 with a diff if docs/ is stale")
    parser.add_argument(
        "--report", action="store_true", help="write nothing; list names in the articles that have no entity page"
    )
    parser.add_argument(
        "--discard-edits",
        action="store_true",
        help="overwrite hand edits made inside generated regions and generated pages",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root.resolve()
    sources = read_sources(root)
    plan = plan_site(sources, discard_edits=args.discard_edits)
    existing: dict[str, str | None] = dict(sources.pages)
    changes = write.compare(plan.files, plan.deletes, existing)
    for item in plan.unlinked:
        names = ", ".join(item.entities)
        print(
            f"note: '{item.surface}' in {item.article}#{item.block} is ambiguous ({names}); left unlinked — bind it with a note"
        )
    if args.report:
        assert plan.corpus is not None
        sys.stdout.write(format_report(missing_names(plan.corpus.articles, plan.corpus.mentions)))
        return 0
    if args.check:
        if changes.count:
            sys.stdout.write(write.unified_diff(changes))
            print(
                f"docs/ is stale: {changes.count} file(s) differ — run python scripts/build.py and commit the result",
                file=sys.stderr,
            )
            return EXIT_STALE
        print("docs/ is up to date")
        return 0
    write.apply(root, changes)
    print(
        f"{plan.articles} article(s), {plan.entities} entities, {plan.mentions} mentions; "
        f"{len(changes.writes)} file(s) written, {len(changes.deletes)} deleted"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except AtlasError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    except Exception:  # an unexpected failure is a bug: say so, with the trace
        traceback.print_exc()
        print("internal error: please report it with the trace above", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
