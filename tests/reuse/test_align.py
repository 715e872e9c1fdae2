"""Shared passages: found in any order, maximal, exact, and mapped back to the source text."""

from __future__ import annotations

from shuzhi.reuse.align import shared_passages

P1 = "严格执行三会一课制度，全年召开支部党员大会四次、支委会十二次、党小组会三十六次。"
P2 = "围绕便民办税春风行动，组建党员先锋岗三个、志愿服务队一支，为纳税人解决办税难题一百三十七件。"
P3 = "按期召开组织生活会，开展民主评议党员，评定优秀等次五名，经常开展谈心谈话。"


def test_reordered_paragraphs_are_all_found():
    a = "开头不同的一句话。" + P1 + P2 + P3
    b = P3 + "中间插入的另一句话。" + P1 + P2
    found = {a[p.a_start : p.a_end] for p in shared_passages(a, b)}
    assert any((P1 + P2) in f for f in found) and P3 in found


def test_passages_are_exact_and_maximal():
    a = "甲" + P1 + "乙"
    b = "丙" + P1 + "丁"
    (p,) = shared_passages(a, b)
    assert a[p.a_start : p.a_end] == b[p.b_start : p.b_end] == P1


def test_short_runs_below_min_run_are_not_passages():
    a = "坚持党建引领，推动发展。"
    b = "推动发展，坚持党建引领。"
    assert shared_passages(a, b, min_run=13) == []
    assert [a[p.a_start : p.a_end] for p in shared_passages(a, b, min_run=7)] == []
    assert {a[p.a_start : p.a_end] for p in shared_passages(a, b, min_run=4)} == {"坚持党建引领", "推动发展"}


def test_a_few_changed_characters_split_a_passage():
    changed = P2.replace("三个", "五个")
    found = [P2[p.a_start : p.a_end] for p in shared_passages(P2, changed, min_run=8)]
    assert found == [P2[: P2.index("三个")], P2[P2.index("三个") + 1 :]]


def test_repeated_phrases_do_not_multiply_passages():
    a = ("一是加强学习教育；" * 10) + P1
    b = P1 + ("二是加强学习教育；" * 3)
    passages = shared_passages(a, b)
    assert [a[p.a_start : p.a_end] for p in passages] == [P1]
