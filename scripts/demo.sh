#!/usr/bin/env bash
# The main job on a fresh machine: translate an example article into Spanish with the best
# engine available here (an installed Argos model, else Apertium), write the catalog, and
# regenerate a Spanish copy that includes the machine drafts still awaiting review.
set -euo pipefail
cd "$(dirname "$0")/.."
article=${1:-examples/sco-ministers-meeting.txt}
lang=${2:-es}
localize=.venv/bin/localize
name=$(basename "${article%.*}")
extension=${article##*.}
start=$(date +%s)

echo "== engines on this machine"
$localize engines
echo
echo "== translate $article -> $lang"
$localize translate "$article" --to "$lang"
echo
echo "== build the $lang copy (machine drafts included: they are not reviewed yet)"
$localize build "$article" --to "$lang" --include-fuzzy
echo
echo "== status"
$localize status "$article"
echo
echo "== checks (glossary terms, numbers, punctuation) — findings are for the reviewer"
$localize check "$article" --to "$lang" || true
echo
echo "catalog to review: locales/$lang/LC_MESSAGES/$name.po (Poedit, Lokalize or Weblate)"
echo "$lang copy:        $(dirname "$article")/$name.$lang.$extension"
echo "main job took $(( $(date +%s) - start )) s (after set-up)"
