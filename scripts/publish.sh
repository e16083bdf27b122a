#!/usr/bin/env bash
# Build the site for publishing, exactly as the hosting workflow does; runs locally too.
#   bash scripts/publish.sh            → site/ (upload it to any static host)
#   bash scripts/publish.sh --zip      → also site.zip
#   ATLAS_OFFLINE=true bash scripts/publish.sh --zip → a site that works opened from disk
#   bash scripts/publish.sh --allow-drafts → publish even while draft entity pages await review
# Settings come from the environment: ATLAS_SITE_URL (the public address, for canonical
# links and the sitemap), ATLAS_EDIT_URI (the repository's edit URL for docs/) and
# ATLAS_EXCERPTS=1 (copyright-safe mode: articles published as short excerpts; this
# rewrites docs/ in the working copy being published, never what is committed).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

zip=0
allow_drafts=0
for arg in "$@"; do
  case "$arg" in
    --zip) zip=1 ;;
    --allow-drafts) allow_drafts=1 ;;
    *) echo "publish.sh: unknown option '$arg' — use --zip and/or --allow-drafts" >&2; exit 2 ;;
  esac
done
# Drafts are unreviewed pages: they never reach readers by accident.
drafts=$(grep -lx "draft: true" docs/*/*.md 2>/dev/null | tr '\n' ' ' || true)
if [ -n "$drafts" ] && [ "$allow_drafts" = 0 ]; then
  echo "publish.sh: draft pages not yet reviewed: ${drafts% } — write their summaries and remove 'draft: true', or pass --allow-drafts" >&2
  exit 2
fi

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
if [ "$zip" = 1 ]; then
  rm -f site.zip
  (cd site && ../.venv/bin/python -m zipfile -c ../site.zip .)
  echo "wrote site.zip"
fi
