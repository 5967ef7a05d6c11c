#!/usr/bin/env bash
# Installs everything localize and its tests need, from scratch, and is cheap to re-run.
# System packages (Debian): GNU gettext for msgfmt checks, Apertium with the English-Spanish pair,
# Chromium for the report's browser test.
# Python packages go into .venv (argos-translate-lt brings no torch: a few hundred MB in all).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
command -v apertium >/dev/null 2>&1 || need_apt+=(apertium)
[ -d /usr/share/apertium/apertium-eng-spa ] || need_apt+=(apertium-eng-spa)
# The review report's test opens the page in a real browser (headless, offline).
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing Debian packages: ${need_apt[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} with your system's package manager" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
pip=(.venv/bin/python -m pip -q --disable-pip-version-check)
stamp=.venv/.localize-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv (first run takes about a minute)"
  "${pip[@]}" install -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import localize, polib, typer, ctranslate2, argostranslate.package"
  touch "$stamp"
fi

# The Pragmatic Segmenter "Golden Rules" ship inside pySBD's source distribution; the segmenter
# tests score against them without the repo carrying a copy.
if [ ! -f .cache/pysbd-0.3.3/benchmarks/english_golden_rules.py ]; then
  mkdir -p .cache
  "${pip[@]}" download --no-deps --no-binary :all: "pysbd==0.3.3" -d .cache 2>&1 \
    | grep -v "^WARNING: Location" || true
  tar xzf .cache/pysbd-0.3.3.tar.gz -C .cache
fi

# Public test suites for the Markdown and HTML formats, read from source distributions (never
# copied into the repo): CommonMark's 652 spec examples ship in markdown-it-py's sdist, the
# WHATWG tree-construction documents in html5lib's. html5lib 1.1's setup.py imports
# pkg_resources, which setuptools 70 and later no longer have, so its build is pinned below.
if [ ! -f .cache/markdown_it_py-4.3.0/tests/test_cmark_spec/commonmark.json ]; then
  mkdir -p .cache
  "${pip[@]}" download --no-deps --no-binary :all: "markdown-it-py==4.3.0" -d .cache 2>&1 \
    | grep -v "^WARNING: Location" || true
  tar xzf .cache/markdown_it_py-4.3.0.tar.gz -C .cache
fi
if [ ! -d .cache/html5lib-1.1/html5lib/tests/testdata/tree-construction ]; then
  mkdir -p .cache
  echo "setuptools<70" > .cache/html5lib-build-constraints.txt
  PIP_CONSTRAINT="$PWD/.cache/html5lib-build-constraints.txt" "${pip[@]}" download --no-deps \
    --no-binary :all: "html5lib==1.1" -d .cache 2>&1 | grep -v "^WARNING: Location" || true
  tar xzf .cache/html5lib-1.1.tar.gz -C .cache
fi

# A real LibreTranslate server for the LibreTranslate engine's tests, in its own virtualenv
# (it pins old Flask and numpy that must stay out of .venv); skipped once made.
bash scripts/setup_libretranslate.sh
