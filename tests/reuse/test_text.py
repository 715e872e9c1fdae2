"""Normalization keeps the way back to the source; hashing and winnowing behave as their guarantees say."""

from __future__ import annotations

import numpy as np

from shuzhi.reuse.text import NormText, kgram_hashes, winnow


def test_full_width_forms_fold_and_white_space_goes_with_offsets_kept():
    text = "标题\n\n全年　召开 ＸＸ 次，学习１２次"
    norm = NormText.of_text(text)
    assert norm.text == "标题全年召开XX次,学习12次"
    for i, ch in enumerate(norm.text):
        assert text[int(norm.orig(i))].translate({0xFF0C: ","}) in (ch, chr(ord(ch) + 0xFEE0))
    assert norm.span(norm.text.index("召开"), norm.text.index("召开") + 2) == (text.index("召开"), text.index("召开") + 2)


def test_kgram_hashes_are_equal_exactly_for_equal_kgrams():
    text = "坚持以人民为中心坚持以人民为中心的发展思想"
    h = kgram_hashes(text, 5)
    assert len(h) == len(text) - 4
    for i in range(len(h)):
        for j in range(len(h)):
            assert (h[i] == h[j]) == (text[i : i + 5] == text[j : j + 5])


def test_winnowing_leaves_a_common_fingerprint_in_every_long_enough_shared_run():
    rng = np.random.default_rng(3)
    alphabet = "党支部书记抓基层建工作述职报告全年召开会议学习教育"
    for _ in range(50):
        shared = "".join(rng.choice(list(alphabet), 13 + 16 - 1))
        a = "".join(rng.choice(list(alphabet), 200)) + shared + "".join(rng.choice(list(alphabet), 50))
        b = "".join(rng.choice(list(alphabet), 30)) + shared + "".join(rng.choice(list(alphabet), 300))
        fa, _ = winnow(kgram_hashes(a, 13), 16)
        fb, _ = winnow(kgram_hashes(b, 13), 16)
        assert np.intersect1d(fa, fb).size > 0
