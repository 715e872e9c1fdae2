"""Normalization keeps the way back to the source; hashing and fingerprints behave as the detector needs."""

from __future__ import annotations

import numpy as np

from shuzhi.reuse.signatures import SignatureParams, signature
from shuzhi.reuse.text import NormText, kgram_hashes


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


def test_every_report_keeps_the_same_fingerprints_of_a_shared_text():
    """A common phrase has the same fingerprints in every report, so its count of reports is its true one."""
    rng = np.random.default_rng(3)
    alphabet = list("党支部书记抓基层建工作述职报告全年召开会议学习教育服务群众发展")
    params = SignatureParams()
    shared = "".join(rng.choice(alphabet, 120))
    fingerprints = []
    for _ in range(5):
        text = "".join(rng.choice(alphabet, 300)) + shared + "".join(rng.choice(alphabet, 300))
        sig = signature(text, params)
        inside = (sig.positions >= 300) & (sig.positions + params.min_run <= 420)
        fingerprints.append(set(sig.fingerprints[inside].tolist()))
    assert fingerprints[0] and all(f == fingerprints[0] for f in fingerprints)


def test_fingerprints_leave_out_official_formulations():
    from shuzhi.reuse.boilerplate import formulation_mask

    params = SignatureParams(modulus=1)  # every k-gram a candidate, to see which are left out
    text = "坚持以习近平新时代中国特色社会主义思想为指导，全年召开支部党员大会四次，深入学习贯彻党的二十大精神。"
    norm = NormText.of_text(text).text
    sig = signature(norm, params)
    mask = formulation_mask(norm)
    kept = set(sig.positions.tolist())
    for p in range(len(norm) - 12):
        own = 13 - int(mask[p : p + 13].sum())
        assert (p in kept) == (own >= 4), (p, norm[p : p + 13])
