"""The fingerprint table and the k-gram sample against counts made the obvious way."""

from __future__ import annotations

from collections import Counter, defaultdict
from types import SimpleNamespace

import numpy as np

from shuzhi.reuse.corpus import FingerprintTable, KgramSample


def fake_docs(n=60, seed=3):
    rng = np.random.default_rng(seed)
    pool = rng.integers(0, 2**64 - 1, 400, dtype=np.uint64, endpoint=True)  # spread over every shard
    docs = []
    for k in range(n):
        fps = np.unique(rng.choice(pool, rng.integers(0, 40)))
        sampled = np.unique(rng.choice(pool[:50], 10))
        docs.append(SimpleNamespace(id=k, signature=SimpleNamespace(fingerprints=fps, sampled=sampled)))
    return docs


def test_table_counts_and_pairs_are_those_of_a_plain_count():
    docs = fake_docs()
    table = FingerprintTable(docs)
    shift = FingerprintTable.DOC_BITS
    holders = defaultdict(set)
    for d in docs:
        for f in d.signature.fingerprints.tolist():
            holders[f >> shift].add(d.id)
    shared = {key: ids for key, ids in holders.items() if len(ids) >= 2}
    assert table.unique.tolist() == sorted(shared)
    assert table.df.tolist() == [len(shared[key]) for key in sorted(shared)]
    some = np.array([f for d in docs[:5] for f in d.signature.fingerprints.tolist()], dtype=np.uint64)
    assert table.df_of(some).tolist() == [max(1, len(shared.get(int(f) >> shift, ()))) for f in some.tolist()]
    expected = Counter((a, b) for ids in shared.values() if len(ids) <= 5 for a in ids for b in ids if a < b)
    got = Counter(tuple(sorted(p)) for p in table.pairs(5).tolist())
    assert got == expected


def test_sample_keeps_the_common_kgrams_and_can_release_the_reports_copies():
    docs = fake_docs()
    counts = Counter(h for d in docs for h in d.signature.sampled.tolist())
    sample = KgramSample.count(docs, 1, threshold=8, release=True)
    assert sample.common.tolist() == sorted(h for h, n in counts.items() if n >= 8)
    assert all(len(d.signature.sampled) == 0 for d in docs)
    h = np.array(sorted(counts), dtype=np.uint64)
    assert h[sample.common_positions(h)].tolist() == sample.common.tolist()
