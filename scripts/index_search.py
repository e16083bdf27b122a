"""Index a built site for search with Pagefind, as the MkDocs hook does after `mkdocs build`.

python scripts/index_search.py site     # after `zensical build`, which runs no hooks
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from atlas.publish.search_index import index_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site's folder (site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here (no index.html) — build it first, then index it", file=sys.stderr)
        return 2
    if problem := index_site(args.site):
        print(f"{args.site}: pagefind could not index it: {problem}", file=sys.stderr)
        return 1
    print(f"search index written to {args.site / 'pagefind'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
