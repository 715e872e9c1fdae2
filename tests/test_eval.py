"""The evaluation targets hold on the labelled set: precision of FM, ST, CO and SC at least 0.9, and at
most one false finding per 5,000 characters of clean text (benchmarks/eval.py prints the details)."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("shuzhi_eval", ROOT / "benchmarks" / "eval.py")
evaluation = importlib.util.module_from_spec(spec)
sys.modules["shuzhi_eval"] = evaluation
spec.loader.exec_module(evaluation)


def test_markup_is_removed_and_spans_point_at_the_defects():
    text, planted = evaluation.unmark("开展{{FM:主体党日}}活动{{PH:XX}}次")
    assert text == "开展主体党日活动XX次"
    assert [(p.family, text[p.start : p.end]) for p in planted] == [("FM", "主体党日"), ("PH", "XX")]


def test_precision_and_recall_on_the_labelled_sets():
    for folder in (evaluation.LABELLED, evaluation.INDEPENDENT):
        scores = evaluation.evaluate_labelled(folder)
        for family in evaluation.TARGET_FAMILIES:
            assert scores[family].precision >= 0.9, (folder.name, family, scores[family].false)
            assert scores[family].recall >= 0.7, (folder.name, family, scores[family].misses)


def test_false_findings_on_clean_text():
    chars, found, examples = evaluation.evaluate_clean()
    assert chars > 3000
    assert found / chars * 5000 <= 1, examples
