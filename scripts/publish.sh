#!/usr/bin/env bash
# Build the site for publishing, exactly as the hosting workflow does; runs locally too.
#   bash scripts/publish.sh            → site/ (upload it to any static host)
#   bash scripts/publish.sh --zip      → also site.zip
#   ATLAS_OFFLINE=true bash scripts/publish.sh --zip → a site that works opened from disk
# Settings come from the environment: ATLAS_SITE_URL (the public address, for canonical
# links and the sitemap), ATLAS_EDIT_URI (the repository's edit URL for docs/) and
# ATLAS_EXCERPTS=1 (copyright-safe mode: articles published as short excerpts; this
# rewrites docs/ in the working copy being published, never what is committed).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

python3 -m venv .venv
.venv/bin/pip install -q -r requirements-dev.txt
.venv/bin/python scripts/build.py --check          # the committed docs/ is current
.venv/bin/python -m pytest -q -m "not browser"    # the browser suite runs in .ci/run
flags=()
[ -n "${ATLAS_SITE_URL:-}" ] && flags+=(--site-url "$ATLAS_SITE_URL")
[ "${ATLAS_EXCERPTS:-0}" = "1" ] && flags+=(--excerpts)
[ "${ATLAS_OFFLINE:-false}" = "true" ] && flags+=(--offline)
if [ ${#flags[@]} -gt 0 ]; then
  .venv/bin/python scripts/build.py "${flags[@]}"   # rewrites docs/ in this working copy only
fi
.venv/bin/mkdocs build --strict
if [ "${1:-}" = "--zip" ]; then
  rm -f site.zip
  (cd site && ../.venv/bin/python -m zipfile -c ../site.zip .)
  echo "wrote site.zip"
fi
