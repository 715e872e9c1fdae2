# 两条命令完成全部准备：make demo（演示）和 make test（测试）。
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test eval bench examples clean

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

# Rebuild examples/reports from examples/sources (needs the dev extras).
examples: $(STAMP)
	$(BIN)/python examples/build.py

clean:
	rm -rf build .pytest_cache
