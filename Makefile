# Impulsa Perú applicant assistant: every task a newcomer, a member of staff
# or CI needs. `make` alone prints the help. Everything runs inside .venv,
# created from Python 3.10 and requirements.lock (the one pin file).

SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
RASA   := $(BIN)/rasa
STAMP  := $(VENV)/.installed
MODEL  := models/impulsa.tar.gz

# Quiet, offline-friendly defaults for Rasa and TensorFlow.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

KB     := var/knowledge.db
AXE    := tests/channels/node_modules/axe-core/axe.min.js

BOT_FILES := config.yml $(shell find bot/domain bot/data -type f -name '*.yml' 2>/dev/null)
KB_FILES  := $(shell find knowledge/sources -type f -name '*.yml' 2>/dev/null) $(wildcard knowledge/*.py)

.PHONY: help setup kb run shell train validate lint test browser bench reliability simulate mutations report lock clean

help: ## Show this help
	@echo "Impulsa Perú applicant assistant"
	@echo
	@echo "Set-up on a fresh machine (needs Python 3.10 and gcc):"
	@echo "  make run     set up, build, train if needed, start the bot"
	@echo "  make test    set up and run the whole test suite"
	@echo
	@echo "All targets:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-zA-Z_-]*:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# --- environment -----------------------------------------------------------

$(PY):
	@py="$$(scripts/find-python)" || exit 1; \
	  echo "Creating $(VENV) with $$py"; \
	  "$$py" -m venv $(VENV)

# Reinstalls only when the pins or the project metadata changed. Every file is checked against
# its hash in the lock (--require-hashes), so what is installed is what was reviewed.
$(STAMP): requirements-dev.lock pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --use-pep517 -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

setup: $(STAMP) ## Create .venv and install the pinned dependencies, dev tools included (only when they changed)

# pip-compile keeps every pin already in a lock file unless asked to move it, so a re-lock after
# editing pyproject.toml changes only what the edit needs. UPGRADE=all moves every pin to the
# newest version allowed; UPGRADE="rasa-sdk tqdm" only those. The dev lock takes the runtime
# pins as constraints: both files always agree on every runtime package.
UPGRADE ?=
LOCK := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
  --strip-extras --no-emit-index-url --no-emit-find-links \
  $(if $(filter all,$(UPGRADE)),--upgrade,$(foreach p,$(UPGRADE),--upgrade-package $(p)))

lock: $(STAMP) ## Re-pin requirements.lock and requirements-dev.lock from pyproject.toml, with hashes (pip-tools)
	$(LOCK) --output-file requirements.lock pyproject.toml
	$(LOCK) --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml
	@echo "requirements.lock and requirements-dev.lock updated: review 'git diff', then 'make setup'"

# --- the assistant ---------------------------------------------------------

# A failed build leaves the previous database in place (it builds to a temporary file).
$(KB): $(KB_FILES) | $(STAMP)
	$(PY) -m knowledge build

kb: $(KB) ## Build the knowledge base (var/knowledge.db) from knowledge/sources

# Trains only when the domain, the training data or config.yml changed.
$(MODEL): $(BOT_FILES) | $(STAMP)
	$(RASA) train --domain bot/domain --data bot/data --config config.yml \
	  --out models --fixed-model-name impulsa
	@touch $@

train: $(STAMP) $(MODEL) ## Train the Rasa model if its inputs changed

run: $(STAMP) $(KB) $(MODEL) ## Start the action server and the Rasa server on localhost (Ctrl-C stops both)
	@scripts/serve run

shell: $(STAMP) $(KB) $(MODEL) ## Talk to the bot in the terminal (action server included)
	@scripts/serve shell

validate: $(STAMP) ## Check the Rasa data, the policy and the knowledge sources
	$(RASA) data validate --domain bot/domain --data bot/data --config config.yml
	$(PY) -m rules validate
	$(PY) -m rules test
	$(PY) -m knowledge check
	$(PY) -m actions.understanding check

lint: $(STAMP) ## Lint the Python code (ruff)
	$(BIN)/ruff check .

# --- checks ----------------------------------------------------------------

# One pytest worker per core, two by default (a CI machine's). Each test module runs whole on one worker,
# and the modules on the shared servers together (tests/conftest.py), so every server starts once.
# --no-loadscope-reorder hands the modules out in the order tests/conftest.py gives them, slowest first
# (by default pytest-xdist sorts them by their number of tests, which left the modules that start servers
# of their own, with one to three tests each, to the end: a minute with one worker busy).
# TEST_WORKERS=0 runs everything in this one process.
TEST_WORKERS ?= 2
test: $(STAMP) $(KB) $(MODEL) browser $(AXE) ## Run the whole test suite
	$(PY) -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder)

# The web chat's browser test drives Debian's chromium (no browser download).
# Installed here when possible (root with apt); otherwise that test skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get install -y -q chromium >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }; }; } || \
	  echo "chromium could not be installed (needs root and apt): the browser test will be skipped"

# axe-core for the web chat's accessibility check, from npm at the version pinned in
# tests/channels/package-lock.json (never committed); without npm that check skips and says why.
$(AXE): tests/channels/package.json tests/channels/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/channels && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules/axe-core/axe.min.js; \
	else echo "npm not found: the web chat's accessibility check will be skipped"; fi

bench: $(STAMP) $(KB) $(MODEL) ## Run the benchmarks and print their tables
	$(PY) -m bench.engine
	$(PY) -m bench.nlu
	$(PY) -m bench.faq
	$(PY) -m bench.assistant

reliability: $(STAMP) $(KB) $(MODEL) ## Run every reliability scenario at full load; print scenario, load, failures, data lost
	$(PY) -m tests.reliability

# Simulated applicants (tests/simulation): N conversations, seeded, against a bot started for them.
N    ?= 1000
SEED ?= 1
simulate: $(STAMP) $(KB) $(MODEL) ## Simulated applicants talk to the bot (N=1000 SEED=1): correct, dead, looped, language, turns
	$(PY) -m tests.simulation --n $(N) --seed $(SEED)

mutations: $(STAMP) ## Every generated edit of the data files through the loaders and stores; prints the outcomes
	$(PY) -m tests.data_files --all

report: $(STAMP) ## Write var/report.html from the decision log (a labelled demo if it is empty)
	$(PY) -m reports build

clean: ## Remove the trained model and built databases (keeps .venv)
	rm -rf models var results test-output
