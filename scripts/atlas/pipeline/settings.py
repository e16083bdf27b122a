"""What besides the sources decides the pages: the publishing settings of one build."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    discard_edits: bool = False  # overwrite hand edits in generated text
    excerpts: bool = False  # copyright-safe pages: passages, never whole paragraphs
    offline: bool = False  # links for a site opened from disk
    site_url: str | None = None  # the public address, in citations
