"""Regenerate docs/ from articles/ and the entity pages: `python scripts/build.py [--check]`."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import traceback
from pathlib import Path

from atlas.curate import candidates_of, merge, report_duplicates, write_drafts
from atlas.entity_types import ENTITY_TYPES
from atlas.errors import EXIT_INTERNAL, EXIT_STALE, AtlasError, InputError, raise_all
from atlas.ingest.accept import REJECTED, add_rejections, parse_rejections, splice_relation
from atlas.link.report import format_report, report_json
from atlas.link.suggest import suggest
from atlas.publish import write
from atlas.publish.fingerprint import fingerprint, stamp
from atlas.publish.lock import build_lock
from atlas.publish.rebuild import (
    Options,
    plan_current,
    read_cache,
    rebuild,
    save_memo,
    summary,
    unlinked_notes,
    write_cache,
)
from atlas.publish.watch import watch

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 with a diff if docs/ is stale")
    parser.add_argument(
        "--report", action="store_true", help="write nothing; list names in the articles that have no entity page"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="with --report: print one JSON object on standard output, notes on standard error",
    )
    parser.add_argument(
        "--excerpts",
        action="store_true",
        help="copyright-safe mode: publish articles as short passages around each name, never whole paragraphs",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="for a site opened from disk (build MkDocs with ATLAS_OFFLINE=true too): links in diagrams point at .html files",
    )
    parser.add_argument(
        "--site-url", help="the public address, written into citations (publishing builds; not for committed docs/)"
    )
    parser.add_argument(
        "--discard-edits",
        action="store_true",
        help="overwrite hand edits made inside generated regions and generated pages",
    )
    parser.add_argument(
        "--draft", nargs="+", metavar="NAME", help="write a draft entity page for each name (then build)"
    )
    parser.add_argument(
        "--draft-all", action="store_true", help="write a draft page for every name --report ranks as a likely name"
    )
    parser.add_argument(
        "--type", choices=[t.folder for t in ENTITY_TYPES], help="with --draft: the type of every name given"
    )
    parser.add_argument(
        "--merge",
        nargs=2,
        metavar=("SOURCE", "INTO"),
        help="fold the entity page SOURCE into INTO (aliases, relations, notes, text), its address redirecting; then build",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="with --draft, --draft-all or --merge: print what would be written, write nothing",
    )
    parser.add_argument(
        "--suggest-relations",
        action="store_true",
        help="write nothing; list relations the sentences suggest (with --json: a JSON list)",
    )
    parser.add_argument("--accept", nargs="+", metavar="ID", help="write these suggested relations into their entity pages, then build")  # fmt: skip
    parser.add_argument("--reject", nargs="+", metavar="ID", help="record these suggestions as rejected: never suggested again")  # fmt: skip
    parser.add_argument(
        "--watch",
        action="store_true",
        help="rebuild on every change to articles/, includes/ or docs/ (for zensical serve)",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        parser.error(f"--root {args.root}: no such folder — give the project's folder (the one holding mkdocs.yml)")
    if args.dry_run and not (args.draft or args.draft_all or args.merge):
        parser.error("--dry-run goes with --draft, --draft-all or --merge")
    return args


def run(args: argparse.Namespace) -> int:
    root: Path = args.root.resolve()
    options = Options(args.excerpts, args.offline, args.site_url, args.discard_edits)
    if args.draft or args.draft_all:
        write_drafts(root, args.draft or [], args.type, args.dry_run, print, lambda: _build(root, options))
        return 0
    if args.merge:
        merge(root, *args.merge, args.dry_run, print, lambda: _build(root, options))
        return 0
    if args.report:
        return report(root, options, args.json)
    if args.suggest_relations:
        return suggestions(root, options, args.json)
    if args.accept or args.reject:
        accept_or_reject(root, options, args.accept or [], args.reject or [])
    if args.check:
        return check(root, options)
    _build(root, options)
    return 0


def _build(root: Path, options: Options) -> None:
    outcome = rebuild(root, options)
    for note in outcome.notes:
        print(note)
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(outcome.line())


def report(root: Path, options: Options, as_json: bool) -> int:
    """--report: never short-circuited by the cache; with --json only JSON on standard output."""
    plan = plan_current(root, options).plan
    for note in unlinked_notes(plan):
        print(note, file=sys.stderr if as_json else sys.stdout)
    assert plan.corpus is not None
    names = candidates_of(plan)
    drafts = sorted(e.path for e in plan.corpus.entities.values() if e.draft)
    duplicates = report_duplicates(plan.corpus, names)
    if as_json:
        print(json.dumps(report_json(names, plan.warnings, drafts, [d.record() for d in duplicates]), ensure_ascii=False, indent=2))  # fmt: skip
    else:
        sys.stdout.write(format_report(names, plan.warnings, drafts, duplicates))
    return 0


def suggestions(root: Path, options: Options, as_json: bool) -> int:
    """--suggest-relations: never short-circuited by the cache; with --json only JSON on standard output."""
    plan = plan_current(root, options).plan
    assert plan.corpus is not None
    found = suggest(plan.corpus, parse_rejections(_read(root / REJECTED)))
    if as_json:
        print(json.dumps([s.record() for s in found], ensure_ascii=False, indent=2))
        print(f"{len(found)} suggestion(s)", file=sys.stderr)
        return 0
    if not found:
        print("No relations to suggest: every cue in the stories is declared or rejected.")
    for s in found:
        print(f"{s.id}  {s.source} {s.type} {s.target}  ({s.article}#{s.paragraph})\n    “{s.evidence}”\n{s.yaml()}")
    if found:
        print(f"{len(found)} suggestion(s): python scripts/build.py --accept ID … (or --reject ID …)")
    return 0


def accept_or_reject(root: Path, options: Options, accepted: list[str], rejected: list[str]) -> None:
    """Write accepted suggestions into their sources' front matter, record rejections; all or nothing."""
    plan = plan_current(root, options).plan
    assert plan.corpus is not None
    rejections = _read(root / REJECTED)
    by_id = {s.id: s for s in suggest(plan.corpus, parse_rejections(rejections))}
    unknown = [i for i in [*accepted, *rejected] if i not in by_id]
    raise_all([InputError(i, None, "no suggestion has this id (declared, rejected, or mistyped)", "run python scripts/build.py --suggest-relations to list them") for i in unknown])  # fmt: skip
    writes: dict[str, str] = {}
    errors: list[InputError] = []
    for key in accepted:
        suggestion = by_id[key]
        path = plan.corpus.entities[suggestion.source].path
        raw = (root / path).read_bytes().decode("utf-8")  # as saved: its line endings are kept
        try:
            writes[path] = splice_relation(writes.get(path, raw), path, suggestion.item_lines())
        except InputError as error:
            errors.append(error)
    raise_all(errors)
    if rejected:
        writes[REJECTED] = add_rejections(rejections, [by_id[i].key for i in rejected])
    existing: dict[str, str | None] = {path: None for path in writes}  # every one of them is a change
    write.apply(root, write.compare(writes, [], existing))
    for key in accepted:
        print(f"accepted {key}: {by_id[key].source} {by_id[key].type} {by_id[key].target}")
    for key in rejected:
        print(f"rejected {key}")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def check(root: Path, options: Options) -> int:
    code = options.code()
    if read_cache(root).get("fingerprint") == fingerprint(stamp(root), code):
        print("docs/ is up to date")  # a build left docs/ exactly like this, from these same inputs
        return 0
    _, plan, changes, before, memo = plan_current(root, options)
    for note in unlinked_notes(plan):
        print(note)
    if changes.count:
        sys.stdout.write(write.unified_diff(changes))
        print(
            f"docs/ is stale: {changes.count} file(s) differ — run python scripts/build.py and commit the result",
            file=sys.stderr,
        )
        return EXIT_STALE
    print("docs/ is up to date")
    save_memo(root, code, memo, plan, before)
    write_cache(root, fingerprint(before, code), summary(plan))
    return 0


def main(argv: list[str] | None = None) -> int:
    return dispatch(parse_args(argv))


def dispatch(args: argparse.Namespace) -> int:
    try:
        if args.watch:
            options = Options(args.excerpts, args.offline, args.site_url, args.discard_edits)
            return watch(args.root.resolve(), options)
        with build_lock(args.root.resolve()):
            return run(args)
    except AtlasError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    except Exception:  # an unexpected failure is a bug: say so, with the trace
        traceback.print_exc()
        print("internal error: please report it with the trace above", file=sys.stderr)
        return EXIT_INTERNAL


def one_shot() -> None:
    """A build run from the shell keeps almost everything it allocates until it ends: the
    cyclic collector would only walk those millions of objects again (about a second at 10,000
    articles), and a normal exit would free them one by one. So it runs without the collector
    and leaves at once (as mypy does), once its output is flushed and its lock released.
    --watch lives long and keeps the collector."""
    args = parse_args(None)
    if not args.watch:
        gc.disable()
    code = dispatch(args)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    one_shot()
