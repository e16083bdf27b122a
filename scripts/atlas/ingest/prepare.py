"""A source (HTML page or plain text) plus the editor's flags → the article file to write. Pure.

Refusals are InputErrors naming the source: what is wrong and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.errors import InputError
from atlas.ingest.article_file import Header, article_text, body_text, file_name
from atlas.ingest.checks import problem_with
from atlas.ingest.extract import Extracted, extract_page, looks_like_html
from atlas.model import Article
from atlas.read.article import decode, parse_article, parse_byline
from atlas.read.dates import NotADate, parse_date

MAX_BYTES = 5 * 1024 * 1024
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF")
DATE_FIX = "pass --date YYYY-MM-DD (or YYYY-MM)"


@dataclass(frozen=True)
class Overrides:
    title: str | None = None
    date: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Prepared:
    name: str  # the file name under articles/
    text: str
    article: Article  # the text as the parser reads it back
    captions: int = 0  # figure captions the page marked

    @property
    def paragraphs(self) -> int:
        return sum(b.kind == "paragraph" for b in self.article.blocks)


def prepare(data: bytes, source: str, flags: Overrides, url: str | None = None) -> Prepared:
    """The article file for this source, or an InputError saying why not."""
    if len(data) > MAX_BYTES:
        raise InputError(source, None, f"the input is {len(data) // 1024 // 1024} MB, over the 5 MB limit", "save only the article's page, not a whole site or archive")  # fmt: skip
    if b"\x00" in data[:8192] or data.startswith(_BINARY_MAGIC):
        raise InputError(source, None, "this is neither an HTML page nor text", "save the page as HTML ('Web page, HTML only') or paste its text with -")  # fmt: skip
    if looks_like_html(data):
        extracted = extract_page(data, url)
        found = _found(extracted)
        body, paragraphs, captions = body_text(extracted.paragraphs, extracted.captions), extracted.paragraphs, len(extracted.captions)  # fmt: skip
    else:
        found, body = _from_text(decode(data, source), source)
        paragraphs, captions = tuple(p for p in body.split("\n\n") if p.strip()), 0
    if problem := problem_with([" ".join(p.split()) for p in paragraphs]):
        raise InputError(source, None, problem, "check that the page holds the article itself (not a login, consent or index page), or paste its text with -")  # fmt: skip
    header = _header({**found, **{k: v for k, v in vars(flags).items() if v}}, source)
    text = article_text(header, body)
    name = file_name(header)
    parsed = parse_article(text, f"articles/{name}", name.removesuffix(".txt"))  # it must read back
    return Prepared(name, text, parsed, captions)


def _found(extracted: Extracted) -> dict[str, str | None]:
    return {
        "title": extracted.title,
        "date": extracted.date,
        "author": extracted.author,
        "publisher": extracted.publisher,
        "url": extracted.url,
    }


def _from_text(text: str, source: str) -> tuple[dict[str, str | None], str]:
    """Pasted text: a leading '# Title' line and a date line give those; the rest is the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: dict[str, str | None] = {"title": None, "date": None, "author": None, "publisher": None, "url": None}
    content = [i for i, line in enumerate(lines) if line.strip()]
    start = 0
    if content and lines[content[0]].startswith("# "):
        found["title"] = lines[content[0]][2:].strip()
        start = content[0] + 1
        if len(content) > 1:
            try:
                byline = parse_byline(lines[content[1]], source, content[1] + 1)
            except InputError:
                byline = None
            if byline is not None:
                found["date"], found["author"] = byline
                start = content[1] + 1
    if found["title"]:  # the parser reads the rest; publisher and URL may stand in its footer
        parsed = parse_article(text, source, "pasted")
        found["publisher"], found["url"] = parsed.publisher, parsed.source_url
    return found, "\n".join(lines[start:])


def _header(values: dict[str, str | None], source: str) -> Header:
    title, date = values.get("title"), values.get("date")
    if not title:
        raise InputError(source, None, "no title found", 'pass --title "The headline"')
    if not date:
        raise InputError(source, None, "no publication date found", DATE_FIX)
    try:
        iso = parse_date(date[:10] if len(date) > 10 and date[4:5] == "-" else date)
    except (NotADate, ValueError):
        raise InputError(source, None, f"'{date}' is not a date", DATE_FIX) from None
    return Header(" ".join(title.split()), iso, values.get("author"), values.get("publisher"), values.get("url"))
