# 两条命令完成全部准备：make demo（演示）和 make test（测试）。
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test eval bench csc examples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Checks the example reports shipped in examples/reports and writes annotated .docx files to build/demo.
# shuzhi exits 1 when it finds errors (the examples have them on purpose); only 2 (bad input) fails the demo.
demo: $(STAMP)
	@mkdir -p build/demo
	@$(BIN)/shuzhi check examples/reports --annotate-docx build/demo; status=$$?; \
	  echo; echo "带批注的 Word 文档已写入 build/demo/（用 Word、WPS 或 LibreOffice 打开查看批注）"; \
	  test $$status -le 1

test: $(STAMP)
	$(BIN)/python -m pytest

# Precision and recall per rule family on the labelled set, false findings on clean text, and the real
# reports in ../shared/corpus (skipped when absent).
eval: $(STAMP)
	$(BIN)/python benchmarks/eval.py

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py

# Typo checking measured on ECSpell-odw (../shared/benchmarks, not in this repository): the rules as shipped on
# the dev half (even lines, thresholds tuned there), the test half (odd lines, only reported) and the whole file.
CSC := ../shared/benchmarks/ecspell-odw/odw.train
csc: $(STAMP)
	@if [ -f $(CSC) ]; then \
	  for half in "--half even" "--half odd" ""; do $(BIN)/python benchmarks/csc_eval.py $(CSC) --rule $$half || exit 1; done && \
	  $(BIN)/python benchmarks/typo_speed.py --ecspell $(CSC); \
	else echo "skipped: $(CSC) not found"; $(BIN)/python benchmarks/typo_speed.py; fi

# Rebuild examples/reports from examples/sources (needs the dev extras).
examples: $(STAMP)
	$(BIN)/python examples/build.py

clean:
	rm -rf build .pytest_cache
