# Two commands for a newcomer: `make demo` and `make test`. Both set everything up first,
# idempotently: Debian packages (only the missing ones), then .venv with the project installed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APT_PACKAGES := python3 python3-venv tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-osd fonts-dejavu-core fonts-liberation postgresql-15 chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-packages demo test bench samples clean

setup: system-packages $(VENV)/.installed

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# The whole pipeline on one machine: moto's S3 server on loopback, SQLite and a local Prefect server, both demo
# clients' drops ingested, processed and posted, then an accounting table. Starts clean (var/demo is deleted first)
# and leaves nothing running.
demo: setup
	$(PY) demo/run_demo.py

test: setup
	$(PY) -m pytest -q

# Figures quoted in the README: each bench generates its own documents and writes bench/results/*.json.
bench: setup
	$(PY) bench/speed.py --count 60 --seed 7
	$(PY) bench/accuracy.py --count 240 --seed 2026
	$(PY) bench/pipeline.py --count 1000 --seed 11
	$(PY) bench/store.py
	$(PY) bench/workbench.py

samples: setup
	$(PY) -m samplegen --samples --out sample_docs

clean:
	rm -rf $(VENV) .pytest_cache var
