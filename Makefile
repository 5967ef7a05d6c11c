# Two entry points, each doing its own set-up on a fresh Debian machine:
#   make demo   translate the example article into Spanish and regenerate it
#   make test   run the test suite
#   make check  what CI runs: the gates (lint, formatting, types), then make test
.PHONY: setup demo test lint gates check bench

setup:
	bash scripts/setup.sh

demo: setup
	bash scripts/demo.sh

test: setup
	.venv/bin/python -m pytest -q

lint: setup
	.venv/bin/ruff check localize tests bench

gates: setup
	.venv/bin/ruff check localize tests bench
	.venv/bin/ruff format --check localize tests bench
	.venv/bin/mypy localize

check: gates test

bench: setup
	[ -f /usr/share/dict/words ] || { apt-get update -qq && apt-get install -y -qq wamerican; }
	.venv/bin/python -m pip -q install -e ".[test,bench]"
	for script in bench/bench_*.py; do echo "== $$script"; .venv/bin/python $$script || exit 1; done
