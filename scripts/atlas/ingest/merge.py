"""Fold one entity page into another: `build.py --merge SOURCE INTO`. Pure: texts in, texts out.

INTO keeps its name, type and text, and gains SOURCE's name and aliases, its relations, the
keys it lacks (country, parent, website, wikidata), SOURCE's old addresses (which become
redirects, as renames do) and SOURCE's hand-written text, appended under a heading so that
nothing is lost. Every other page's relation, country or parent that named SOURCE names
INTO; notes bound to SOURCE are bound to INTO; rejected suggestions are re-keyed. Every
file keeps its other lines byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from atlas.ingest.accept import splice_relation
from atlas.link.drafts import SUMMARY_PLACEHOLDER
from atlas.model import Entity
from atlas.read.frontmatter import Page, split_page

_COPIED_KEYS = ("country", "parent", "website", "wikidata")
_DRAFT_BODY = re.compile(r"^Drafted from the articles by `scripts/build.py --draft`\..*$", re.MULTILINE)
_GENERATED_START = "<!-- generated:start"


@dataclass
class Merged:
    writes: dict[str, str] = field(default_factory=dict)  # path → new text
    deletes: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # what moved, one line each, for the command's output


def merge_pages(
    source: Entity,
    into: Entity,
    pages: Mapping[str, str],
    notes: Mapping[str, str],
    rejected: str,
    rejected_path: str,
    source_text: str,
) -> Merged:
    """The edits that fold `source` into `into`; `pages` are the entity pages by path, and
    `source_text` is SOURCE's body outside its generated region."""
    merged = Merged()
    text = pages[into.path]
    page = split_page(text.replace("\r\n", "\n"), source.path)
    source_page = split_page(pages[source.path].replace("\r\n", "\n"), source.path)
    names = [n for n in dict.fromkeys([source.name, *source.aliases]) if n not in into.names]
    if names:
        text = set_list(text, into.path, "aliases", [*into.aliases, *names])
        merged.moved.append(f"aliases: {', '.join(names)}")
    moved_from = [_address(source, source.slug, into), *(_address(source, old, into) for old in source.redirect_from)]
    text = set_list(text, into.path, "redirect_from", list(dict.fromkeys([*into.redirect_from, *moved_from])))
    merged.moved.append(f"old address{'es' if len(moved_from) > 1 else ''} redirecting: {', '.join(moved_from)}")
    relations = _relation_items(pages[source.path], source_page)
    kept = [item for item in relations if _target(item) != into.slug]
    for item in kept:
        text = splice_relation(text, into.path, item)
    if kept:
        merged.moved.append(f"{len(kept)} relation(s)")
    for key in _COPIED_KEYS:
        value = source_page.data.get(key)
        if value is not None and key not in page.data and value != into.slug:
            text = set_scalar(text, into.path, key, str(value))
            merged.moved.append(f"{key}: {value}")
    if section := _hand_written(source, source_text):
        text = _append_text(text, section)
        merged.moved.append(f"hand-written text, under “## Merged from {source.name}”")
    text, dropped = _drop_relations_to(text, into.path, source.slug)
    if dropped:
        merged.moved.append(
            f"{dropped} relation(s) of {into.slug} to {source.slug} dropped: they would point at itself"
        )
    merged.writes[into.path] = text
    merged.deletes.append(source.path)
    _retarget_pages(source, into, pages, merged)
    _retarget_notes(source, into, notes, merged)
    if rejected and (rekeyed := _retarget_rejected(rejected, source.slug, into.slug)) != rejected:
        merged.writes[rejected_path] = rekeyed
        merged.moved.append(f"rejected suggestions re-keyed in {rejected_path}")
    return merged


def _address(source: Entity, slug: str, into: Entity) -> str:
    """An old address as INTO's redirect_from writes it: a slug, or folder/slug from another folder."""
    return slug if "/" in slug or source.type == into.type else f"{source.type}/{slug}"


def _item_spans(lines: list[str], page: Page) -> list[range]:
    """The 0-based lines of each relation item: from its "- " line to the next item, the next
    top-level key or the closing fence, whichever comes first."""
    starts = page.item_lines.get("relations", [])
    closing = page.body_line - 2  # the closing fence, 0-based
    spans = []
    for i, start in enumerate(starts):
        limit = starts[i + 1] - 1 if i + 1 < len(starts) else closing
        end = start  # the item's first line is start - 1
        while end < limit and (not lines[end].strip() or lines[end].startswith((" ", "\t"))):
            end += 1
        spans.append(range(start - 1, end))
    return spans


def _relation_items(text: str, page: Page) -> list[list[str]]:
    """Each relation item's lines, unindented ("- funded_by: x", "evidence: …")."""
    lines = text.replace("\r\n", "\n").split("\n")
    items = []
    for span in _item_spans(lines, page):
        chunk = [lines[n] for n in span if lines[n].strip()]
        indent = len(chunk[0]) - len(chunk[0].lstrip())
        items.append([line[indent:] for line in chunk])
    return items


def _drop_relations_to(text: str, path: str, slug: str) -> tuple[str, int]:
    """The page without its relation items that target `slug`, and how many went."""
    page = split_page(text.replace("\r\n", "\n"), path)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    spans = _item_spans(lines, page)
    doomed = [span for span in spans if _target([lines[span[0]].strip()]) == slug]
    gone = {n for span in doomed for n in span}
    if doomed and len(doomed) == len(spans):
        gone.add(page.key_lines["relations"] - 1)  # no item left: no key either
    return newline.join(line for n, line in enumerate(lines) if n not in gone), len(doomed)


def _target(item: list[str]) -> str | None:
    match = re.match(r"-\s*[a-z_]+:\s*([a-z0-9-]+)\s*$", item[0])
    return match.group(1) if match else None


def _hand_written(source: Entity, body: str) -> str:
    """SOURCE's own words: its body outside the generated region (less its title and the
    draft's boilerplate), and its summary unless it is the draft's placeholder."""
    body = re.sub(rf"^#\s+{re.escape(source.name)}\s*$", "", body, count=1, flags=re.MULTILINE)
    body = _DRAFT_BODY.sub("", body).strip()
    summary = "" if source.summary == SUMMARY_PLACEHOLDER else f"Summary of {source.name}: {source.summary}"
    parts = [p for p in (summary, body) if p]
    return f"## Merged from {source.name}\n\n" + "\n\n".join(parts) + "\n" if parts else ""


def _append_text(text: str, section: str) -> str:
    """Before the generated region, where the page's own text ends."""
    at = text.find(_GENERATED_START)
    if at < 0:
        return text.rstrip("\n") + "\n\n" + section
    return text[:at].rstrip("\n") + "\n\n" + section + "\n" + text[at:]


def set_list(text: str, path: str, key: str, values: list[str]) -> str:
    """The front matter with `key` set to a one-line list (a block list under it is replaced)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    page = split_page(text.replace("\r\n", "\n"), path)
    line = f"{key}: {json.dumps(values, ensure_ascii=False)}"
    closing = page.body_line - 2
    if key not in page.data:
        return newline.join([*lines[:closing], line, *lines[closing:]])
    start = page.key_lines[key] - 1
    end = start + 1
    while end < closing and lines[end].startswith((" ", "\t", "-")):
        end += 1
    return newline.join([*lines[:start], line, *lines[end:]])


def set_scalar(text: str, path: str, key: str, value: str) -> str:
    """The front matter with one more `key: value` line, before its closing fence."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing = split_page(text.replace("\r\n", "\n"), path).body_line - 2
    return newline.join([*lines[:closing], f"{key}: {value}", *lines[closing:]])


def _retarget_pages(source: Entity, into: Entity, pages: Mapping[str, str], merged: Merged) -> None:
    """Relations, countries and parents that name SOURCE, in the front matter of every page."""
    pattern = re.compile(rf"^(?P<lead>\s*-\s*[a-z_]+:\s*|(?:country|parent):\s*){re.escape(source.slug)}(?P<end>\s*)$")
    count = 0
    for path, text in pages.items():
        if path == source.path:
            continue
        text = merged.writes.get(path, text)
        head, fence, rest = _split_head(text)
        lines = head.split("\n")
        changed = [pattern.sub(rf"\g<lead>{into.slug}\g<end>", line) for line in lines]
        if changed != lines:
            merged.writes[path] = "\n".join(changed) + fence + rest
            count += path != into.path
    if count:
        merged.moved.append(f"{count} other page(s) now point at {into.slug}")


def _split_head(text: str) -> tuple[str, str, str]:
    """(front matter with its opening fence, the closing fence line, the rest)."""
    if not text.startswith("---"):
        return "", "", text
    match = re.search(r"\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text[3:])
    if not match:
        return "", "", text
    cut = 3 + match.start()
    return text[:cut], match.group(), text[cut + len(match.group()) :]


def _retarget_notes(source: Entity, into: Entity, notes: Mapping[str, str], merged: Merged) -> None:
    pattern = re.compile(rf"(\bentity\s*=\s*[\"']?){re.escape(source.slug)}(?=[\"']?[\s}}])")
    for path, text in sorted(notes.items()):
        changed = pattern.sub(rf"\g<1>{into.slug}", text)
        if changed != text:
            merged.writes[path] = changed
            merged.moved.append(f"notes bound to {into.slug} in {path}")


def _retarget_rejected(text: str, old: str, new: str) -> str:
    return re.sub(rf"(\b(?:source|target):\s*){re.escape(json.dumps(old))}", rf"\g<1>{json.dumps(new)}", text)
