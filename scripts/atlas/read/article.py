"""Source article text → Article: metadata, and body blocks with the republisher's damage repaired.

The input is plain text with a little Markdown. Only these are honoured: the `#` title,
an optional byline and header lines (`Publisher:`, `URL:`) right under it, `##`/`###`
headings, dead `[text](#)` links (kept as text), the italic notice line, `<url>` in the
citation line and a closing `Source: <url>` line. Everything else is text.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from atlas.errors import InputError
from atlas.model import Article, Block, Span
from atlas.read.dates import NotADate, looks_like_date, parse_date

_TITLE = re.compile(r"^#[ \t]+(?P<text>\S.*?)\s*$")
_HEADING = re.compile(r"^(?P<hashes>#{2,3})[ \t]+(?P<text>\S.*?)\s*$")
_COPYRIGHT = re.compile(
    r"^(?:©|Copyright)\s*(?:©\s*)?(?P<year>\d{4})\s+(?P<holder>\S.*?)\.?(?:\s+All rights reserved\.?)?\s*$",
    re.IGNORECASE,
)
_CITATION = re.compile(r"^APA citation:.*?\bretrieved\s+(?P<retrieved>.+?)\s+from\s+<(?P<url>[^<>\s]+)>\s*$")
_NOTICE = re.compile(r"^\*(?P<text>[^*\s](?:.*[^*\s])?)\*$")
_DEAD_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\(#\)")
_BYLINE_DATE_FIRST = re.compile(r"^(?P<date>[^,]+(?:, \d{4})?),\s+[Bb]y\s+(?P<author>\S.*?)\s*$")
_BYLINE_AUTHOR_FIRST = re.compile(r"^[Bb]y\s+(?P<author>[^,]+?)(?:,\s+(?P<date>.+?))?\s*$")

# Header lines under the title (written by scripts/add_article.py): what they set.
_HEADER = re.compile(r"^(?P<key>Publisher|URL)\s*:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)
_HEADER_KEYS = {"publisher": "publisher", "url": "source_url"}
_SOURCE_LINE = re.compile(r"^Source:\s*<?(?P<url>https?://[^<>\s]+)>?\s*$", re.IGNORECASE)

# Page furniture a republisher's page leaves in the text: dropped.
_FURNITURE = re.compile(r"^(?:Posted|Updated|Published|Last updated|Related)\s*:", re.IGNORECASE)
# A lone "by:" whose name went elsewhere, and picture credits: "Image: Getty", "Photo: AP".
_LONE_BY = re.compile(r"^by\s*:?$", re.IGNORECASE)
_PICTURE_CREDIT = re.compile(r"^(?:Images?|Photos?|Pictures?|Photograph)\s*:\s*\S", re.IGNORECASE)
_CREDIT_WORDS = 12  # a credit line is short; a longer line is a sentence that happens to start so
# A section label before the body ("National News", "Technology"): one or two capitalised words.
_SECTION_LABEL = re.compile(r"^[A-Z][\w&’'-]*(?: [A-Z][\w&’'-]*)?$")
_MORE_FROM = re.compile(r"^More from\b", re.IGNORECASE)
# A promotional line a page drops into the body: a short label, a colon with no space, a
# headline ("Curbside shopping:Store to offer pickup"). A sentence puts a space after a colon.
_PROMO = re.compile(r"^[A-Z][\w’'&-]*(?: [\w’'&-]+){0,4}:[A-Z][^.!?]*$")
_PROMO_WORDS = 16
_LIST_ITEM = re.compile(r"^\s*[-*•]\s+\S")
# A photo credit ends a caption: "… (AP Photo/Jane Doe, File)".
_CREDIT = re.compile(r"\s*\((?P<credit>[^()]*\bPhotos?\b[^()]*)\)\s*$")
# A wire dateline opens the first paragraph: "ARMONK, N.Y. (AP) — ".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[A-Z][A-Za-z.'’ -]*?)?)\s*\((?P<agency>[A-Za-z]+)\)\s*[—–-]+\s*"
)
# Without an agency ("AMSTERDAM — "), only the first paragraph's capitals before a dash, and
# four letters at least: "IBM — the company — said" opens with a name, not a place.
_BARE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][A-Za-z.'’ -]*?)?)\s+[—–]\s+")
# A block that ends on one of these is taken to end its sentence.
_SENTENCE_END = tuple(".!?:;\"'”’)]…")
# Captions stand apart from the flow: the republisher puts this many blank lines before them.
_CAPTION_GAP = 3


@dataclass
class _RawBlock:
    line: int
    gap: int  # blank lines before it
    text: str = ""
    heading_level: int = 0
    links: list[Span] = field(default_factory=list)

    def append(self, visible: str, links: list[Span]) -> None:
        offset = len(self.text) + 1 if self.text else 0
        self.text = f"{self.text} {visible}" if self.text else visible
        self.links.extend(Span(s.start + offset, s.end + offset, s.text) for s in links)


def decode(data: bytes, path: str) -> str:
    """The file's bytes as text, or an error naming where it is not UTF-8 text."""
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            path, line, "binary data (a NUL byte) in an article", "articles must be UTF-8 plain text files"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            path, line, f"not UTF-8 text (byte 0x{data[error.start]:02x})", "re-save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def unwrap_dead_links(text: str) -> tuple[str, list[Span]]:
    """Replace each `[text](#)` by its text; return the text and where each link stood."""
    out: list[str] = []
    spans: list[Span] = []
    position = 0
    length = 0
    for match in _DEAD_LINK.finditer(text):
        before = text[position : match.start()]
        out.append(before)
        length += len(before)
        inner = match.group("text")
        spans.append(Span(length, length + len(inner), inner))
        out.append(inner)
        length += len(inner)
        position = match.end()
    out.append(text[position:])
    return "".join(out), spans


def _fold(line: str) -> str:
    return " ".join(line.split())


def _ends_mid_sentence(text: str) -> bool:
    return bool(text) and not text.endswith(_SENTENCE_END)


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def parse_byline(line: str, path: str, number: int) -> tuple[str | None, str | None] | None:
    """(date, author) if the line is a byline, else None."""
    text = _fold(line)
    date_text = author = None
    if match := _BYLINE_DATE_FIRST.match(text):
        date_text, author = match.group("date"), match.group("author")
        if not looks_like_date(date_text):
            return None
    elif match := _BYLINE_AUTHOR_FIRST.match(text):
        author, date_text = match.group("author"), match.group("date")
        if date_text and not looks_like_date(date_text):
            return None
    elif looks_like_date(text):
        date_text = text
    else:
        return None
    if date_text is None:
        return None, author
    try:
        return parse_date(date_text), author
    except NotADate as error:
        raise InputError(path, number, str(error), "correct the date in the byline") from None


def parse_article(text: str, path: str, slug: str) -> Article:
    """Parse one source article. Pure: text in, Article out."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [(i + 1, line) for i, line in enumerate(lines)]
    content = [(n, line) for n, line in numbered if line.strip()]
    if not content:
        raise InputError(path, 1, "the article is empty", "paste the article text, starting with a '# Title' line")
    first_number, first_line = content[0]
    title_match = _TITLE.match(first_line)
    if not title_match:
        raise InputError(
            path, first_number, "no title line", "the first non-blank line must be the title, written '# Title'"
        )
    title = unwrap_dead_links(_fold(title_match.group("text")))[0]

    date = author = byline_place = outlet = None
    body_start = first_number  # index into `lines` of the first body line
    if len(content) > 1:
        byline_number, byline_line = content[1]
        place, rest = _dateline_before(_fold(byline_line))
        byline = parse_byline(rest, path, byline_number)
        if byline is not None:
            date, author = byline
            author, outlet = _author_for(author)
            byline_place = place
            body_start = byline_number

    header: dict[str, str] = {}
    for number, line in content[1:]:
        if number <= body_start:
            continue
        if number != body_start + 1 or not (match := _HEADER.match(line.strip())):
            break  # header lines stand together, right under the title or byline
        header[_HEADER_KEYS[match.group("key").lower()]] = match.group("value").strip("<>")
        body_start = number

    raw_blocks = _raw_blocks(numbered[body_start:])
    body, meta = _split_metadata(raw_blocks)
    # What the header says explicitly wins over the footer's guess, and both over the byline's.
    meta = {**({"publisher": outlet} if outlet else {}), **meta, **header}
    blocks, dateline = _repair(body, title)
    return Article(
        slug=slug, path=path, title=title, blocks=blocks, date=date, author=author,
        dateline=dateline or byline_place, **meta,
    )  # fmt: skip


def _dateline_before(line: str) -> tuple[str | None, str]:
    """A dateline opening the byline line ("BRISTOL, England — 12 March 2024, by …"): its
    place, and the rest of the line."""
    match = _DATELINE.match(line) or _bare_dateline(line)
    return (match.group("place").strip().rstrip(","), line[match.end() :]) if match else (None, line)


def _author_for(author: str | None) -> tuple[str | None, str | None]:
    """ "Jane Doe for the Westcountry Ledger" → the author, and the outlet she wrote it for."""
    name, found, outlet = (author or "").partition(" for ")
    if not found or not name or not outlet[:1].isalpha():
        return author, None
    outlet = outlet.removeprefix("the ").removeprefix("The ").strip()
    return name.strip(), outlet or None


def _raw_blocks(numbered: list[tuple[int, str]]) -> list[_RawBlock]:
    """Group lines into blocks separated by blank (or whitespace-only) lines."""
    blocks: list[_RawBlock] = []
    gap = 0
    current: _RawBlock | None = None
    in_more_list = False
    for number, line in numbered:
        if in_more_list and (not line.strip() or _LIST_ITEM.match(line)):
            continue  # the "More from …" list goes with its heading line
        in_more_list = False
        if _FURNITURE.match(line.strip()) or _MORE_FROM.match(line.strip()):
            in_more_list = bool(_MORE_FROM.match(line.strip()))
            continue
        if _is_furniture_line(_fold(line), before_body=not blocks):
            continue
        if not line.strip():
            gap += 1
            current = None
            continue
        folded = _fold(line)
        if _SOURCE_LINE.match(folded):  # a metadata line is a block of its own, never part of a paragraph
            blocks.append(_RawBlock(number, gap, folded))
            current, gap = None, 0
            continue
        heading = _HEADING.match(folded)
        if heading:
            text = unwrap_dead_links(heading.group("text"))[0]
            blocks.append(_RawBlock(number, gap, text, heading_level=len(heading.group("hashes"))))
            current = None
        else:
            visible, links = unwrap_dead_links(folded)
            if current is None:
                current = _RawBlock(number, gap)
                blocks.append(current)
            current.append(visible, links)
        gap = 0
    return blocks


def _is_furniture_line(line: str, before_body: bool) -> bool:
    """A line a web page leaves behind that is not part of the story."""
    if _LONE_BY.match(line) or (_PROMO.match(line) and len(line.split()) <= _PROMO_WORDS):
        return True
    if _PICTURE_CREDIT.match(line) and len(line.split()) <= _CREDIT_WORDS:
        return True
    return before_body and bool(_SECTION_LABEL.match(line))


def _split_metadata(blocks: list[_RawBlock]) -> tuple[list[_RawBlock], dict[str, str]]:
    """Take the `©` line, the citation line and the notice after them out of the body."""
    body: list[_RawBlock] = []
    meta: dict[str, str] = {}
    in_footer = False
    for block in blocks:
        text = block.text
        if not block.heading_level and (match := _COPYRIGHT.match(text)):
            meta["copyright"] = text
            meta["publisher"] = match.group("holder")
            in_footer = True
        elif not block.heading_level and (match := _CITATION.match(text)):
            meta["source_url"] = match.group("url")
            # A citation without a readable retrieval date still gives the URL.
            with contextlib.suppress(ValueError):
                meta["retrieved"] = parse_date(match.group("retrieved"))
            in_footer = True
        elif not block.heading_level and (match := _SOURCE_LINE.match(text)):
            meta.setdefault("source_url", match.group("url"))
            in_footer = True
        elif in_footer and not block.heading_level and (match := _NOTICE.match(text)):
            meta["notice"] = match.group("text")
        else:
            body.append(block)
    return body, meta


def _repair(raw: list[_RawBlock], title: str) -> tuple[tuple[Block, ...], str | None]:
    """Join page-break splits, classify captions, take out a dateline and repeats, number the anchors."""
    merged: list[_RawBlock] = []
    for block in raw:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and not previous.heading_level
            and not block.heading_level
            and _ends_mid_sentence(previous.text)
            and _starts_lower(block.text)
        ):
            previous.append(block.text, block.links)
            continue
        merged.append(_RawBlock(block.line, block.gap, block.text, block.heading_level, list(block.links)))

    blocks: list[Block] = []
    counts = {"paragraph": 0, "caption": 0}
    seen: set[str] = {_same_words(title)}  # a headline repeated as the first paragraph goes too
    dateline = None
    for block in merged:
        if block.heading_level:
            blocks.append(Block("heading", block.text, "", block.line, level=block.heading_level))
            continue
        text, links, credit = block.text, block.links, None
        if text.endswith(")") and (match := _CREDIT.search(text)):
            text, credit = text[: match.start()], match.group("credit").strip()
        kind = "caption" if block.gap >= _CAPTION_GAP or credit else "paragraph"
        first = kind == "paragraph" and counts["paragraph"] == 0
        if kind == "paragraph" and dateline is None and (match := _DATELINE.match(text) or (first and _bare_dateline(text))):  # fmt: skip
            dateline = match.group("place").strip().rstrip(",")
            text, links = _cut(text, links, match.end())
        if _same_words(text) in seen:
            continue  # a standfirst repeated as the first paragraph
        seen.add(_same_words(text))
        counts[kind] += 1
        anchor = f"{kind[0]}{counts[kind]}"
        blocks.append(Block(kind, text, anchor, block.line, dead_links=tuple(links), credit=credit))
    return tuple(blocks), dateline


def _bare_dateline(text: str) -> re.Match[str] | None:
    match = _BARE_DATELINE.match(text)
    city = match.group("place").split(",")[0] if match else ""
    return match if sum(c.isalpha() for c in city) >= 4 else None


def _same_words(text: str) -> str:
    """Text compared for repeats: case, curly quotes and closing punctuation do not count."""
    return text.casefold().replace("’", "'").rstrip(".!?:; ")


def _cut(text: str, links: list[Span], start: int) -> tuple[str, list[Span]]:
    """The text from `start` on, with the dead links that lie there shifted to match."""
    kept = [Span(s.start - start, s.end - start, s.text) for s in links if s.start >= start]
    return text[start:], kept
