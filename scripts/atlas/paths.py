"""Where the build's own files go under docs/: named once, for the stage that reads them back
(read/sources.py) and the ones that write them (render/)."""

from __future__ import annotations

DOCS = "docs"
DATA = "data"  # docs/data/: the downloadable exports
FEED = "feed.xml"  # docs/feed.xml: the articles' Atom feed
