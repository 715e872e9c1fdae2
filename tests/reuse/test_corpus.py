"""Reuse across a corpus: pairs, common phrasing, clusters, and a unit's report against its previous one."""

from __future__ import annotations

from shuzhi.ingest import SourceFile, documents_of
from shuzhi.reuse.corpus import ReuseDoc, ReuseParams, detect
from shuzhi.reuse.signatures import organization_of

COMMON = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神。现将有关情况报告如下。"


def report(title: str, body: str) -> ReuseDoc:
    text = f"{title}\n{body}\n"
    (doc,) = documents_of(SourceFile(f"{title}.txt", text, "txt"))
    return doc


def unique_text(seed: int, n: int = 600) -> str:
    import random

    rng = random.Random(seed)
    words = ["党员", "支部", "学习", "教育", "服务", "群众", "发展", "工作", "会议", "制度", "活动", "基层", "组织", "建设",
             "落实", "推进", "加强", "开展", "创新", "实践", "调研", "项目", "台账", "考核", "监督", "整改", "培训", "志愿"]
    out = []
    while len("".join(out)) < n:
        out.append("".join(rng.choice(words) for _ in range(rng.randint(3, 6))) + rng.choice("，。；"))
    return "".join(out)


def corpus(n=10):
    docs = []
    for k in range(n):
        doc = report(f"2023年度第{k}党支部书记抓基层党建工作述职报告", COMMON + unique_text(k))
        docs.append(doc)
    return docs


def ids(docs):
    return [ReuseDoc.of(i, d) for i, d in enumerate(docs)]


def test_a_copied_passage_is_found_and_common_phrasing_is_not():
    docs = corpus()
    copied = unique_text(99, 120)
    a = report("2023年度甲党支部书记抓基层党建工作述职报告", COMMON + unique_text(100) + copied)
    b = report("2023年度乙党支部书记抓基层党建工作述职报告", COMMON + copied + unique_text(101))
    result = detect(ids(docs + [a, b]))
    assert [(r.a, r.b) for r in result.pairs] == [(10, 11)]
    (pair,) = result.pairs
    shared = {result.docs[10].norm.text[p.a_start : p.a_end] for p in pair.passages}
    assert any(copied.replace("，", ",").replace("；", ";") in s for s in shared)
    assert abs(pair.shared_a - len(copied)) <= 2
    assert all("习近平新时代" not in s for s in shared)
    assert any("现将有关情况报告如下" in t for t, n in result.common_phrases if n >= 10)


def test_offsets_of_passages_point_into_the_source_text():
    from shuzhi.outputs.reuse import result_dict

    copied = unique_text(7, 100)
    a = report("2023年度甲党支部书记抓基层党建工作述职报告", unique_text(1) + copied)
    b = report("2023年度乙党支部书记抓基层党建工作述职报告", copied + unique_text(2))
    result = detect(ids([a, b]))
    data = result_dict(result)
    (pair,) = data["pairs"]
    for p in pair["passages"]:
        assert a.text[p["a_start"] : p["a_end"]] == b.text[p["b_start"] : p["b_end"]]
    assert set(data) >= {"version", "documents", "pairs", "clusters", "common_phrases"}


def test_templates_form_a_cluster():
    template = unique_text(50, 900)
    family = [report(f"2023年度第{k}村党支部书记抓基层党建工作述职报告", template + unique_text(200 + k, 100)) for k in range(4)]
    result = detect(ids(corpus(6) + family))
    assert result.clusters == [[6, 7, 8, 9]]


def test_this_years_report_against_last_years_of_the_same_unit():
    problems = "二、存在问题\n一是理论学习不够深入，全年只开展专题研讨两次。二是党员教育方式单一，流动党员管理有漏洞。"
    plans = "三、下一步打算\n一是每季度开展专题研讨一次。二是建立流动党员线上党支部，实行积分管理。"
    last = report("2022年度青山镇党委书记抓基层党建工作述职报告", "一、履职情况\n" + unique_text(5) + "\n" + problems + "\n" + plans)
    this = report("2023年度青山镇党委书记抓基层党建工作述职报告", "一、履职情况\n" + unique_text(6) + "\n" + problems + "\n" + plans)
    result = detect(ids([last, this]))
    (s,) = result.self_reuse
    assert s["organization"] == "青山镇党委" and s["years"] == [2022, 2023]
    assert s["copied_parts"] == ["存在问题", "下一步打算"]
    assert s["by_part"]["履职情况"] < 0.2


def test_organization_from_the_title():
    assert organization_of("2023年度市税务局第一党支部书记抓基层党建工作述职报告") == "市税务局第一党支部"
    assert organization_of("2022年度青山镇党委书记抓基层党建及述责述廉述职报告") == "青山镇党委"
    assert organization_of("2022年度某党组书记抓党建工作述职报告") is None
    assert organization_of("述职报告") is None


def test_empty_single_and_duplicate_corpora():
    assert detect([]).pairs == []
    (one,) = ids([report("2023年度甲党支部书记抓基层党建工作述职报告", unique_text(1))])
    assert detect([one]).pairs == []
    a, b = ids([report("2023年度甲党支部书记抓基层党建工作述职报告", unique_text(1))] * 2)
    (pair,) = detect([a, b]).pairs
    assert pair.ratio_a > 0.95 and pair.ratio_b > 0.95


def test_a_passage_many_reports_share_scores_lower_than_one_two_share():
    rare, wider = unique_text(300, 200), unique_text(301, 200)
    a = report("2023年度甲党支部书记抓基层党建工作述职报告", unique_text(310) + rare + wider)
    b = report("2023年度乙党支部书记抓基层党建工作述职报告", rare + unique_text(311) + wider)
    # Two more reports hold `wider`: still far from common phrasing in a corpus of 100, but less telling.
    others = [report(f"2023年度第{k}党支部书记抓基层党建工作述职报告", unique_text(320 + k) + wider) for k in range(2)]
    result = detect(ids([a, b, *others, *corpus(96)]))
    pair = next(r for r in result.pairs if (r.a, r.b) == (0, 1))
    (rare_score, wider_score) = [s for _, s in sorted(zip((p.a_start for p in pair.passages), pair.scores))]
    assert rare_score > wider_score > 0
