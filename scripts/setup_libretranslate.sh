#!/usr/bin/env bash
# A LibreTranslate server for the tests and the bench, in its own virtualenv: it pins old
# Flask and numpy, which must stay out of localize's .venv. Cheap to re-run (a stamp file).
# Also installs `onnx`, with which tests/fixtures/make_sbd_model.py builds the sentence-
# boundary model that LibreTranslate needs and the tiny test package lacks.
# Measured on the 2-core machine: about 75 s of CPU (7.5 min wall under a load of 8), 650 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.9.6
venv=${LOCALIZE_LIBRETRANSLATE_VENV:-.cache/libretranslate-venv}
stamp="$venv/.localize-libretranslate-$version"
[ -f "$stamp" ] && exit 0

python=${PYTHON:-python3}
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
echo "setup: installing libretranslate $version into $venv (a few minutes, once)" >&2
# numpy<2 again: onnx alone would pull numpy 2, which LibreTranslate's pin refuses.
"$venv/bin/python" -m pip -q --disable-pip-version-check install \
  "libretranslate==$version" onnx "numpy<2" 2>&1 | grep -v "^WARNING: Location" >&2 || true
"$venv/bin/python" -m pip -q --disable-pip-version-check check >&2
"$venv/bin/python" -c "import libretranslate, argostranslate.package, onnx, minisbd"
touch "$stamp"
