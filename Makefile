# Short, CPython-style: `make html` sets up .venv on first use, then builds the book.
PYTHON   ?= python3
VENV     ?= .venv
BUILDDIR ?= _build
SPHINXOPTS ?= -W --keep-going -n
SPHINXBUILD = $(VENV)/bin/sphinx-build
STAMP_DOCS = $(VENV)/.installed-docs
STAMP_TEST = $(VENV)/.installed-test
# Exact versions of the docs dependencies: the ones Read the Docs, `make html` and CI install.
LOCK = conf/requirements-docs.txt

.PHONY: help html epub clean livehtml test lab shell new-chapter new-lab bench-page bench lock

help:
	@echo "make html      build the book in $(BUILDDIR)/html (warnings are errors)"
	@echo "make epub      build the EPUB in $(BUILDDIR)/epub"
	@echo "make livehtml  live preview for authors (sphinx-autobuild)"
	@echo "make test      run the whole test suite, labs included (needs a Docker engine)"
	@echo "make lab LAB=01-chroot-attic  run one lab as the suite does and print its output"
	@echo "make shell LAB=15-docker-volume  a shell in a lab's container (same image, limits, privileges)"
	@echo "make new-chapter CHAPTER=<part>/<N-NN-slug> TITLE=\"…\"  the skeleton of a chapter (page, toctree, snippets, checks/)"
	@echo "make new-lab CHAPTER=<part>/<N-NN-slug> LAB=NN-slug TITLE=\"…\"  the skeleton of a lab (lab.sh, lab.toml with its title)"
	@echo "make bench-page  weigh the chapter page in Chromium (bytes, requests, other hosts)"
	@echo "make bench     time the lab runner: cold image builds, warm suite in series and -n auto, runner vs bare docker run"
	@echo "make lock      re-pin the docs dependencies in $(LOCK) (newest versions pyproject.toml allows)"
	@echo "make clean     remove $(BUILDDIR)"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP_DOCS): pyproject.toml $(LOCK) | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet --constraint $(LOCK) --editable ".[docs]"
	touch $@

$(STAMP_TEST): pyproject.toml $(LOCK) | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet --constraint $(LOCK) --editable ".[test,live]"
	touch $@ $(STAMP_DOCS)

html: $(STAMP_DOCS)
	$(SPHINXBUILD) -b html -c conf $(SPHINXOPTS) book $(BUILDDIR)/html

# Doctrees outside the output folder: the EPUB builder would try to pack them on a rebuild.
epub: $(STAMP_DOCS)
	$(SPHINXBUILD) -b epub -c conf $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-epub book $(BUILDDIR)/epub

livehtml: $(STAMP_TEST)
	$(VENV)/bin/sphinx-autobuild -c conf book $(BUILDDIR)/live

test: $(STAMP_TEST)
	$(VENV)/bin/python -m pytest

# One lab, same image and options as the suite (LAB = folder name, folder or snippet path).
lab: $(STAMP_TEST)
	@test -n "$(LAB)" || { echo "usage: make lab LAB=01-chroot-attic (a lab folder name or path)"; exit 2; }
	$(VENV)/bin/python -m labrunner run "$(LAB)"

# A shell in one lab's container, for the exercises (leave it with exit or Ctrl-D).
shell: $(STAMP_TEST)
	@test -n "$(LAB)" || { echo "usage: make shell LAB=01-chroot-attic (a lab folder name or path)"; exit 2; }
	@$(VENV)/bin/python -m labrunner shell "$(LAB)"

# Skeletons for maintainers (python -m labrunner new-chapter / new-lab): nothing is overwritten.
new-chapter: $(STAMP_TEST)
	@test -n "$(CHAPTER)" -a -n "$(TITLE)" || { echo 'usage: make new-chapter CHAPTER=docker-en-pratique/2-06-les-images TITLE="Les images"'; exit 2; }
	@$(VENV)/bin/python -m labrunner new-chapter "$(CHAPTER)" --title "$(TITLE)"

new-lab: $(STAMP_TEST)
	@test -n "$(CHAPTER)" -a -n "$(LAB)" -a -n "$(TITLE)" || { echo 'usage: make new-lab CHAPTER=docker-en-pratique/2-06-les-images LAB=01-premier-conteneur TITLE="Un premier conteneur"'; exit 2; }
	@$(VENV)/bin/python -m labrunner new-lab "$(CHAPTER)" "$(LAB)" --title "$(TITLE)"

# Page weight of the chapter as a reader's browser loads it (a measurement, not a test).
bench-page: $(STAMP_TEST) html
	$(VENV)/bin/python tests/bench/page_weight.py $(BUILDDIR)/html

# Speed of the lab runner on this machine (a measurement, not a test; several minutes: cold builds).
bench: $(STAMP_TEST)
	$(VENV)/bin/python tests/bench/labs_bench.py

# Re-pin on purpose: install the docs extra in a fresh venv, write what it got to $(LOCK).
lock:
	rm -rf $(BUILDDIR)/lock-venv && $(PYTHON) -m venv $(BUILDDIR)/lock-venv
	$(BUILDDIR)/lock-venv/bin/python -m pip install --quiet ".[docs]"
	{ echo "# Exact versions of what \`pip install .[docs]\` installs, written by \`make lock\`."; \
	  echo "# Python $$($(BUILDDIR)/lock-venv/bin/python -c 'import sys; print(*sys.version_info[:2], sep=".")')"; \
	  $(BUILDDIR)/lock-venv/bin/python -m pip freeze --exclude docker-en-pratique; } > $(LOCK)
	rm -rf $(BUILDDIR)/lock-venv

clean:
	rm -rf $(BUILDDIR)
