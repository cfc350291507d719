# Two commands for everyone: `make serve` (or `make build`) and `make test`.
# Each target creates .venv from requirements.lock on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

# We have read Material's end-of-life banner (see README); keep build logs clean.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Pages and sitemap dates follow the last commit, so two builds match.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

.PHONY: serve build test test-quick check clean lock new-story report offline bench leaflet-png
.PHONY: publish publish-target publish-check

$(STAMP): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

## serve: live preview at http://127.0.0.1:8000 (rebuilds on any change)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: strict build into site/; the old site stays until the new one is complete
##   PRODUCTION=1 refuses sample content and a placeholder site address
build: $(STAMP)
	$(BIN)/creditsite build $(if $(filter-out 0,$(PRODUCTION)),--production)
	@echo "Đã dựng xong trang vào site/ (site built into site/)"

## offline: the whole site as one zip that works from file:// (search included)
OFFLINE_ZIP ?= dist/site-offline.zip
offline: $(STAMP)
	rm -rf .build/offline
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml --site-dir .build/offline/site
	$(BIN)/creditsite zip .build/offline/site $(OFFLINE_ZIP)

## publish: deploy site/ to TARGET (a git remote → gh-pages, or a directory),
## only after what protects residents has passed: the content check (data and
## content rules), a strict build and the check of every link of the built site.
## The engine's tests are not run here (they are for `make test` and CI), so a
## content change never stops a publish that is otherwise sound. A TARGET that
## would be refused (the project, a folder not published by us…) stops it first.
publish: publish-check
	$(BIN)/creditsite check
	$(MAKE) build
	$(BIN)/creditsite linkcheck site
	$(BIN)/creditsite publish site "$(TARGET)"

publish-target:
	@test -n "$(TARGET)" || { echo "Cần TARGET, ví dụ (needs TARGET, e.g.): make publish TARGET=/var/www/site hoặc (or) TARGET=git@github.com:ten/kho.git" >&2; exit 1; }

## publish-check: only check TARGET, in seconds, changing nothing
publish-check: publish-target $(STAMP)
	$(BIN)/creditsite check-target "$(TARGET)"

## bench: page weight, Lighthouse, third-party requests and build times, as one
## table (a benchmark, not a test; Lighthouse comes from bench/package-lock.json)
bench: $(STAMP)
	cd bench && ../$(BIN)/python run.py

## check: validate all content in seconds, without building the site; then
##   the code's shape: style (ruff), one-way imports (import-linter), types (mypy)
check: $(STAMP)
	@mkdir -p .build; $(BIN)/mypy --cache-dir .build/mypy > .build/mypy.log 2>&1 & mypy=$$!; \
	$(BIN)/creditsite check; content=$$?; \
	$(BIN)/ruff check --quiet src hooks tests bench; style=$$?; \
	$(BIN)/lint-imports --cache-dir .build/import-linter; layers=$$?; \
	wait $$mypy; types=$$?; cat .build/mypy.log; \
	exit $$(( content || style || layers || types ))

## new-story: a new story skeleton; asks questions, or takes
##   SLUG=… TITLE=… VILLAGE=… PROGRAM=… AMOUNT=… YEAR=… CONSENT_BY=…
new-story: $(STAMP)
	$(BIN)/creditsite new-story $(foreach v,SLUG TITLE VILLAGE PROGRAM AMOUNT YEAR CONSENT_BY,$(if $($(v)),--$(subst _,-,$(shell echo $(v) | tr A-Z a-z)) "$($(v))"))

## report: the annual report as an A4 PDF: make report YEAR=2026 → site/bao-cao/2026.pdf
## (without YEAR: the latest year in plan_data/progress/)
report: $(STAMP)
	$(BIN)/creditsite report $(if $(YEAR),--year $(YEAR))

## test: the whole test suite, on every core (up to 4), each test file on one worker
TEST_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)
test: $(STAMP)
	$(BIN)/pytest -n $(TEST_JOBS) --dist loadfile

## test-quick: the engine's tests without a browser or a build of their own, in about a minute
test-quick: $(STAMP)
	$(BIN)/pytest -n $(TEST_JOBS) --dist loadfile -m "not browser and not slow"

## leaflet-png: page 1 of a leaflet PDF as a PNG, to look at before printing
##   make leaflet-png ID=ho-ngheo LANG=vi   →  .build/leaflet-ho-ngheo.vi.png  (after make build)
ID ?= ho-ngheo
LEAFLET_LANG := $(if $(filter vi en,$(LANG)),$(LANG),vi)
leaflet-png:
	@test -f site/to-roi/$(ID).$(LEAFLET_LANG).pdf || { echo "Chưa có site/to-roi/$(ID).$(LEAFLET_LANG).pdf: chạy make build trước (run make build first)"; exit 1; }
	mkdir -p .build
	pdftoppm -png -r 150 -f 1 -l 1 -singlefile site/to-roi/$(ID).$(LEAFLET_LANG).pdf .build/leaflet-$(ID).$(LEAFLET_LANG)
	@echo "Đã tạo (written) .build/leaflet-$(ID).$(LEAFLET_LANG).png"

clean:
	rm -rf .build site dist

## lock: re-resolve requirements.lock after editing pyproject.toml (maintainers)
lock:
	$(PYTHON) -m venv .build/piptools
	.build/piptools/bin/pip install --quiet pip-tools==7.6.2
	.build/piptools/bin/pip-compile --quiet --extra test --all-build-deps --allow-unsafe \
	  --generate-hashes --strip-extras --no-emit-find-links --no-emit-index-url \
	  --no-emit-trusted-host -o requirements.lock pyproject.toml
