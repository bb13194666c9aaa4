# The two commands a newcomer needs: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app lms

.PHONY: run test lint install install-dev translations extract migrate demo clean

run: install translations migrate demo  ## install, migrate, seed the demo and serve on http://127.0.0.1:5000
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install-dev translations  ## install with dev extras and run the whole suite
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev  ## style and common mistakes (ruff)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

translations:  ## compile the .po catalogues into the .mo files Flask-Babel reads
	$(BIN)/pybabel compile -d lms/translations

extract:  ## refresh the catalogues after changing UI strings
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o lms/translations/messages.pot .
	$(BIN)/pybabel update -i lms/translations/messages.pot -d lms/translations

migrate:
	$(FLASK) db upgrade

demo:  ## demo people and cohort, then the bundled curriculum (both idempotent)
	$(FLASK) demo
	$(FLASK) courses import

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
