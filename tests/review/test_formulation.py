"""How near misses of formulations are found and corrected."""

from __future__ import annotations

import pytest

from shuzhi.config import Config
from shuzhi.review.checker import Checker
from shuzhi.review.rules.formulation import Normalized, one_edit
from tests.conftest import make_document

FM = Checker(Config(select=("FM",)))


@pytest.mark.parametrize(
    "window, term, edit",
    [
        ("党风连政建设", "党风廉政建设", ("sub", 2)),
        ("全面严从治党", "全面从严治党", ("swap", 2)),
        ("全从严治党", "全面从严治党", ("del", 1)),
        ("全面从严管治党", "全面从严治党", ("ins", 4)),
        ("党风廉政建设", "党风廉政建设", None),
        ("党风政风建设X", "党风廉政建设", None),
    ],
)
def test_one_edit(window, term, edit):
    assert one_edit(window, term) == edit


def test_normalized_text_maps_back_to_the_original():
    text = "坚持“五位一体”总体布局、四个 全面"
    norm = Normalized.of(text, 0, len(text))
    assert norm.text == "坚持五位一体总体布局四个全面"
    i = norm.text.index("总体")
    assert text[norm.orig(i) : norm.orig(i) + 2] == "总体"
    assert norm.span(norm.text.index("五位"), norm.text.index("布局") + 2) == (3, 12)


def test_suggestion_keeps_quotes_inside_the_span():
    doc = make_document("统筹推进“五位一体”总体布具。", kind="其他")
    (f,) = FM.check(doc)
    assert doc.text[f.start : f.end] == "五位一体”总体布具"
    assert f.suggestions == ("五位一体”总体布局",)
    assert "形近" in f.message or "同音" in f.message


def test_correct_text_around_and_inside_other_formulations_is_left_alone():
    text = "坚持党的全面领导，加强党的政治建设，落实全面从严治党主体责任，严格执行中央八项规定及其实施细则精神。"
    assert FM.check(make_document(text, kind="其他")) == []


def test_a_letter_in_place_of_a_character():
    doc = make_document("深入开展两学一Z学习教育。", kind="其他")
    (f,) = FM.check(doc)
    # The longest formulation the text comes near is the one reported.
    assert f.suggestions == ("两学一做学习教育",) and "“Z”应为“做”（字母）" in f.message


def test_local_formulations_can_be_switched_off():
    text = "落实党员积分制官理办法。"
    on = Checker(Config(select=("FM",)))
    off = Checker(Config(select=("FM",), local_formulations=False))
    assert on.check(make_document(text, kind="其他")) == []  # local terms: listed wrong forms only
    assert off.check(make_document(text, kind="其他")) == []


def test_the_far_end_test_never_drops_a_near_miss_one_edit_would_find():
    """_far_end_agrees spares one_edit most windows; every formulation of the knowledge base, changed once in
    every way at every place, is found the same with and without it."""
    from shuzhi.review.rules import formulation

    index = formulation.index_for(True)
    texts = []
    for f in index.formulations:
        t = f.term
        for i in range(len(t)):
            for c in "的是强":
                texts += [t[:i] + c + t[i + 1 :], t[:i] + c + t[i:]]
            texts.append(t[:i] + t[i + 1 :])
            if i < len(t) - 1:
                texts.append(t[:i] + t[i + 1] + t[i] + t[i + 2 :])
    texts = [f"开展{t}活动" for t in texts]
    found = [index.scan(t)[1] for t in texts]
    assert sum(map(bool, found)) > 1000  # the changes are found at all
    real = formulation._far_end_agrees
    try:
        formulation._far_end_agrees = lambda *args: True
        assert [index.scan(t)[1] for t in texts] == found
    finally:
        formulation._far_end_agrees = real
