"""The scorecard: what it counts, how weights from shuzhi.toml change it, and its JSON form."""

from __future__ import annotations

import pytest

import shuzhi
from shuzhi.config import Config
from shuzhi.errors import UsageError
from shuzhi.review.score import ScoreWeights
from tests.review.test_clean_text import CLEAN

CLEAN_TEXT = CLEAN.read_text(encoding="utf-8")


def card(text, **config):
    (checked,) = shuzhi.check(text, config=Config(**config))
    return checked.score


def test_a_clean_report_is_rated_good():
    c = card(CLEAN_TEXT)
    assert c.value == 100 and c.rating == "好" and c.completeness == 1 and c.missing == []
    assert c.concreteness > 0.6
    assert c.summary.startswith("建议等次：好（100分）；结构完整（4/4部分）")


def test_defects_take_points_with_their_reasons():
    text = CLEAN_TEXT.replace("12次", "XX次").replace("三、原因分析", "三、其他情况").replace("究其原因", "")
    c = card(text)
    assert c.counts["placeholder"] >= 1
    assert "原因分析" in c.missing and c.completeness == 0.75
    assert any(r.startswith("缺少原因分析部分（-8）") for r in c.reasons)
    assert c.value < 100


def test_weights_and_thresholds_come_from_the_configuration():
    text = CLEAN_TEXT.replace("12次", "XX次")
    default = card(text)
    n = default.counts["placeholder"]
    strict = card(text, score=(("good", 95.0), ("placeholder", 10.0), ("placeholder_cap", 100.0)))
    assert strict.value == default.value - 6 * n
    assert default.rating == "好" and strict.rating == "较好"


def test_unknown_score_settings_are_refused():
    with pytest.raises(UsageError, match="colour"):
        ScoreWeights.from_config({"colour": 1})
    with pytest.raises(UsageError, match="非负数"):
        ScoreWeights.from_config({"placeholder": -1})


def test_score_in_json():
    c = card(CLEAN_TEXT).to_dict()
    assert set(c) == {"value", "rating", "completeness", "missing_parts", "concreteness", "counts", "reasons", "summary", "paragraph_concreteness"}
    paragraphs = c["paragraph_concreteness"]
    assert len(paragraphs) >= 4 and all(0 <= p["share"] <= 1 and CLEAN_TEXT[p["start"] : p["end"]] for p in paragraphs)


def test_a_typo_hint_takes_no_points_unless_configured():
    # 做出……贡献 is a hint (TY002, 级别提示: laws write it so); 参于 is an error.
    hint = CLEAN_TEXT.replace("现将有关情况报告如下。", "支部为数字政府建设做出了积极贡献。现将有关情况报告如下。")
    c = card(hint)
    assert c.counts.get("typo_hint") == 1 and "typo" not in c.counts and c.value == 100
    assert card(hint, score=(("typo_hint", 1.0),)).value == 99
    wrong = hint.replace("支部为数字政府建设", "全体党员积极参于数字政府建设，支部为数字政府建设")
    c = card(wrong)
    assert c.counts["typo"] == 1 and c.value == 98 and any(r.startswith("错别字1处（-2）") for r in c.reasons)
