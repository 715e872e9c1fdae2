# 两条命令完成全部准备：make demo（演示）和 make test（测试）。
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test eval bench csc examples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,web]'
	touch $(STAMP)

install: $(STAMP)

WEB_DATA ?= build/web
PG_URL ?= postgres://postgres@127.0.0.1:5432/shuzhi_test

# Checks the example reports shipped in examples/reports and writes annotated .docx files to build/demo.
# shuzhi exits 1 when it finds errors (the examples have them on purpose); only 2 (bad input) fails the demo.
# Then the web workbench: a SQLite database in $(WEB_DATA) with a demo organization tree, its logins and the
# example reports, the background worker, and the server on 127.0.0.1:8000 (Ctrl+C stops both).
demo: $(STAMP)
	@mkdir -p build/demo
	@$(BIN)/shuzhi check examples/reports --annotate-docx build/demo; status=$$?; \
	  echo; echo "带批注的 Word 文档已写入 build/demo/（用 Word、WPS 或 LibreOffice 打开查看批注）"; \
	  test $$status -le 1
	@echo; echo "党支部工作台账（示例台账的记录是虚构的）："
	@$(BIN)/python -m shuzhi.ledger.demo build/demo/示例台账.xlsx
	@$(BIN)/shuzhi ledger template build/demo/空白台账.xlsx
	@$(BIN)/shuzhi ledger check build/demo/示例台账.xlsx --year 2023 --org 第一党支部 --xlsx build/demo/台账提示清单.xlsx; \
	  test $$? -le 1
	@$(BIN)/shuzhi ledger facts build/demo/示例台账.xlsx --org 第一党支部 --year 2023 | head -20
	@$(BIN)/shuzhi ledger ical build/demo/示例台账.xlsx build/demo/台账提示.ics
	@echo "台账的提示清单、空白模板和日历已写入 build/demo/"
	@echo; echo "由台账写述职报告初稿，再把示例报告的数字与台账核对："
	@$(BIN)/shuzhi draft build/demo/示例台账.xlsx --org 第一党支部 --year 2023 -o build/demo/第一党支部述职报告初稿.docx
	@$(BIN)/shuzhi check "examples/reports/2023年度第一党支部书记抓基层党建工作述职报告.docx" --ledger build/demo/示例台账.xlsx \
	  --org 第一党支部 --select LD; test $$? -le 1
	@export SHUZHI_DATA=$(WEB_DATA); \
	  $(BIN)/python -m shuzhi.web.manage migrate --noinput -v 0 && \
	  echo && echo "网页工作台演示账号：" && \
	  $(BIN)/python -m shuzhi.web.manage load_demo --examples examples/reports && \
	  echo "数据库：$(WEB_DATA)/shuzhi.sqlite3；打开 http://127.0.0.1:8000/ 用上面的账号登录" && echo && \
	  { $(BIN)/shuzhi worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	    $(BIN)/shuzhi serve --host 127.0.0.1 --port 8000 --no-migrate; }

# The whole suite on SQLite, then the web tests again on PostgreSQL (required in CI, where CI is set).
test: $(STAMP)
	$(BIN)/python -m pytest
	@if $(BIN)/python tests/web/pg_ready.py "$(PG_URL)"; then \
	  echo "网页测试第二遍：PostgreSQL（$(PG_URL)）"; \
	  DATABASE_URL="$(PG_URL)" $(BIN)/python -m pytest tests/web -m "not browser"; \
	elif [ -n "$$CI" ]; then echo "CI 中 PostgreSQL（$(PG_URL)）不可用，网页测试无法在 PostgreSQL 上运行"; exit 1; \
	else echo "提示：PostgreSQL（$(PG_URL)）不可用，跳过 PostgreSQL 上的网页测试（CI 中必须运行）"; fi

# Precision and recall per rule family on the labelled set, false findings on clean text, and the real
# reports in ../shared/corpus (skipped when absent).
eval: $(STAMP)
	$(BIN)/python benchmarks/eval.py

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py

# Typo checking measured on ECSpell-odw (../shared/benchmarks, not in this repository): the rules as shipped on
# the dev half (even lines, thresholds tuned there), the test half (odd lines, only reported) and the whole file;
# and the speed; then the findings on laws the base model has not seen (each tenth held out in turn).
CSC := ../shared/benchmarks/ecspell-odw/odw.train
csc: $(STAMP)
	@if [ -f $(CSC) ]; then \
	  for half in "--half even" "--half odd" ""; do $(BIN)/python benchmarks/csc_eval.py $(CSC) --rule $$half || exit 1; done && \
	  $(BIN)/python benchmarks/typo_speed.py --ecspell $(CSC); \
	else echo "skipped: $(CSC) not found"; $(BIN)/python benchmarks/typo_speed.py; fi
	$(BIN)/python benchmarks/heldout_laws.py --all

# Rebuild examples/reports from examples/sources (needs the dev extras).
examples: $(STAMP)
	$(BIN)/python examples/build.py

clean:
	rm -rf build .pytest_cache
