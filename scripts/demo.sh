#!/usr/bin/env bash
# The main job on a fresh machine, as a newsroom runs it: an article whose Spanish and French
# catalogs a person has already reviewed (locales/) is corrected after publication; localize
# keeps every reviewed translation, drafts only the new and changed sentences with the best
# engine available here (an installed Argos model, else Apertium), and regenerates the copy.
#
# It works on copies in build/demo/ (not tracked: the drafts depend on the engines installed
# where it runs), so the reviewed catalogs in locales/ are never touched.
#
# Usage: scripts/demo.sh [ARTICLE] [LANG]   (default: the reviewed example, Spanish). An article
# without a reviewed catalog in LANG has nothing to keep: every sentence is drafted, and the
# headings say so.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
article=${1:-examples/sco-ministers-meeting.txt}
lang=${2:-es}
localize=$repo/.venv/bin/localize
python=$repo/.venv/bin/python
file=$(basename "$article")
name=${file%.*}
extension=${file##*.}
demo=build/demo
start=$(date +%s)

rm -rf "$demo"
mkdir -p "$demo"
cp "$article" "$demo/$file"
[ -d locales ] && cp -r locales "$demo/locales"
cd "$demo"

# The headings say what happens to this article: only a catalog a person reviewed has
# translations to keep; without one, every sentence is a machine draft.
reviewed=no
[ -f "locales/$lang/LC_MESSAGES/$name.po" ] && reviewed=yes

echo "== engines on this machine"
$localize engines
echo
if [ $reviewed = yes ]; then
  echo "== the reviewed catalogs, as committed"
  $localize status "$file"
  echo
fi
if [ "$article" = examples/sco-ministers-meeting.txt ]; then
  echo "== the article is corrected after publication: a figure changes, two paragraphs are added"
  $python - "$file" <<'EOF'
import sys
from pathlib import Path

path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8").replace("grew by 7.5 percent", "grew by 7.8 percent")
text = text.rstrip("\n") + (
    "\n\nThe next meeting of the council is expected to take place in Tashkent in 2022.\n"
    "\nCorrection: An earlier version of this report misstated the growth of trade between SCO "
    "member states in the first half of the year.\n"
)
path.write_text(text, encoding="utf-8")
EOF
  diff -u "$repo/$article" "$file" | tail -n +3 || true
  echo
fi
if [ $reviewed = yes ]; then
  echo "== translate $file -> $lang (reviewed entries are kept; new and changed sentences get drafts)"
else
  echo "== translate $file -> $lang (no reviewed $lang catalog of this article: every sentence gets a machine draft)"
fi
$localize translate "$file" --to "$lang"
echo
echo "== build the $lang copy (machine drafts included: they are not reviewed yet)"
$localize build "$file" --to "$lang" --include-fuzzy
echo
if [ "$article" = examples/sco-ministers-meeting.txt ] && [ $reviewed = yes ]; then
  echo "== the end of the $lang copy: reviewed translations, then the drafts of the new sentences"
elif [ $reviewed = yes ]; then
  echo "== the end of the $lang copy: reviewed translations, and drafts where the article changed"
else
  echo "== the end of the $lang copy: machine drafts, none reviewed yet"
fi
tail -n 6 "$name.$lang.$extension"
echo
echo "== status"
$localize status "$file"
echo
echo "== checks (glossary terms, numbers, punctuation) — findings are for the reviewer"
$localize check "$file" --to "$lang" || true
echo
echo "== the editor's review report: progress, findings, each sentence beside its draft and any reviewed text"
$localize report "$file" -o report.html
echo
echo "catalog to review: $demo/locales/$lang/LC_MESSAGES/$name.po (Poedit, Lokalize or Weblate)"
echo "review report:     $demo/report.html (open it in a browser)"
echo "$lang copy:        $demo/$name.$lang.$extension"
echo "main job took $(($(date +%s) - start)) s (after set-up)"
