# Peacekeeping & Security Sector Reform course. Start with `make book` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RAW    ?= ../shared/reference-data
PORT   ?= 8000

.PHONY: help install book test lab serve data student nbgrader slides handouts outputs bench chapter clean

help:
	@echo "make book     build the in-browser lab and the book into _build/html (sets up .venv on first use;"
	@echo "              PYODIDE_ARCHIVE=path/to/pyodide-0.27.7.tar.bz2 uses the official Pyodide archive)"
	@echo "make test     run every test: package, notebooks (nbval), book build, browser"
	@echo "make lab      open JupyterLab on the course"
	@echo "make serve    serve the built book on http://127.0.0.1:$(PORT) (compressed, as a web server should)"
	@echo "make data     re-derive data/ from the raw files in RAW=$(RAW)"
	@echo "make student  regenerate the student exercise notebooks and nbgrader sources from exercises/solutions"
	@echo "make nbgrader regenerate only the nbgrader source assignments (exercises/nbgrader/source);"
	@echo "              EXAM_SEED=name draws a new pre-test/final-exam paper for a new class"
	@echo "make slides   build a reveal.js slide deck per chapter into _build/slides (works offline)"
	@echo "make handouts print each chapter reading, the quiz sheets and the whole book (book.pdf) to PDF"
	@echo "              in _build/handouts (after make book)"
	@echo "make outputs  re-run the notebooks and store their outputs"
	@echo "make bench    time the build and notebooks, weigh every page"
	@echo "make chapter  N=14 SLUG=new-topic TITLE=\"New topic\": start a new chapter from templates (CONTRIBUTING.md)"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required (set PYTHON=python3.11)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@# build matplotlib's font cache now, so its one-time notice never lands in a notebook output
	$(BIN)/python -c "import matplotlib.pyplot"
	@touch $(STAMP)

install: $(STAMP)

book: $(STAMP)
	@# the in-browser lab first (the book shows its buttons only if it was built)
	$(BIN)/python -m peacekeeping_course.browser_lab $(if $(PYODIDE_ARCHIVE),--archive $(PYODIDE_ARCHIVE))
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	@echo ""
	@echo "The book is built. Open $(CURDIR)/_build/html/index.html in a browser, or run: make serve"
	@test ! -f _build/html/lab/jupyter-lite.json || echo "The in-browser lab needs a web server: make serve, then http://127.0.0.1:$(PORT)/lab/lab/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR) $$([ "$$(id -u)" = 0 ] && echo --allow-root)

serve:
	@test -f _build/html/index.html || { echo "Build the book first: make book"; exit 1; }
	@test ! -f _build/html/lab/jupyter-lite.json || echo "In-browser lab: http://127.0.0.1:$(PORT)/lab/lab/index.html (or a page's 'Run in your browser' button)"
	$(BIN)/python -m peacekeeping_course.webserver --port $(PORT) --bind 127.0.0.1 _build/html

data: $(STAMP)
	$(BIN)/python -m peacekeeping_course.derive $(RAW)

student: $(STAMP)
	$(BIN)/python -m peacekeeping_course.release
	$(BIN)/python -m peacekeeping_course.exam_release

nbgrader: $(STAMP)
	$(BIN)/python -m peacekeeping_course.release nbgrader
	$(BIN)/python -m peacekeeping_course.exam_release $(if $(EXAM_SEED),--seed $(EXAM_SEED))

slides: $(STAMP)
	$(BIN)/python -m peacekeeping_course.slides _build/slides

handouts: $(STAMP)
	$(BIN)/python -m peacekeeping_course.handouts

outputs: $(STAMP)
	$(BIN)/python -m peacekeeping_course.notebooks

bench: $(STAMP)
	$(BIN)/python -m peacekeeping_course.bench

chapter: $(STAMP)
	@test -n "$(N)" -a -n "$(SLUG)" -a -n "$(TITLE)" || { echo 'Usage: make chapter N=14 SLUG=new-topic TITLE="New topic"'; exit 2; }
	$(BIN)/python -m peacekeeping_course.scaffold --number $(N) --slug $(SLUG) --title "$(TITLE)"

clean:
	rm -rf _build
