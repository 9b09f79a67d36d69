# podium — two commands set everything up on a fresh machine:
#   make demo   install into .venv, then show the Sebring 2020 title fight
#   make test   install into .venv, then lint, type-check and run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
PYTEST_ARGS ?= -n auto --durations=15

.PHONY: demo test install lint typecheck pytest browser axe serve bench clean lock

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "podium needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

# Debian's chromium drives the browser tests through Playwright; never a downloaded browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium (browser tests)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: install
	@$(BIN)/podium demo

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

pytest: install browser axe
	$(BIN)/pytest $(PYTEST_ARGS)

# axe-core (package.json) for the accessibility test; offline it keeps what is installed or npm's cache,
# and without npm the test skips.
axe:
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --no-audit --no-fund --prefer-offline --silent >/dev/null 2>&1 \
	    || echo "npm could not install axe-core (offline?): the accessibility test needs node_modules/axe-core"; \
	else echo "npm not found: the accessibility test will skip"; fi

test: lint typecheck pytest

serve: install
	$(BIN)/podium serve --database sqlite:///podium-demo.db

bench: install
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis node_modules

# A new requirements.lock: the newest versions pyproject.toml allows, in a scratch venv.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# Exact versions make test was last proven with (constraints for pip: make install uses -c)."; \
	  echo "# Regenerate with 'make lock' after changing pyproject.toml's dependencies."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^podium'; } > requirements.lock
	rm -rf .venv-lock
