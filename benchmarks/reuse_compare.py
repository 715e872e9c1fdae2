"""shuzhi's reuse detection side by side with copydetect and with datasketch's MinHashLSH, on one corpus.

    python benchmarks/reuse_bench.py compare [--docs 1000]

All three see the same synthetic reports with planted copies. Each is timed and its recall of planted
copies of 50 characters or more measured:
- copydetect (winnowing, all pairs compared): a planted copy counts when the slices it reports on the
  recipient cover half of it;
- datasketch MinHash + MinHashLSH over the same 13-character shingles: a planted copy counts when its
  report pair is among the LSH candidates (the best any alignment after it could do);
- shuzhi: the whole pipeline, a planted copy counts when its passages cover half of it.
Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import io
import time

from reuse_bench import docs_of, evaluate
from reuse_corpus import build
from shuzhi.reuse.corpus import ReuseParams, detect


def _plants_50(corpus):
    return [p for p in corpus.plants if p.length >= 50]


def run_copydetect(corpus) -> tuple[float, float]:
    from copydetect import CodeFingerprint, compare_files

    started = time.perf_counter()
    prints = [CodeFingerprint(f"r{k}.txt", 13, 16, filter=False, fp=io.StringIO(t)) for k, t in enumerate(corpus.texts)]
    found = {}
    n = len(prints)
    for a in range(n):
        for b in range(a + 1, n):
            overlap, _, slices = compare_files(prints[a], prints[b])
            if overlap:
                found[(a, b)] = slices[0]
                found[(b, a)] = slices[1]
    seconds = time.perf_counter() - started
    hits = 0
    for p in _plants_50(corpus):
        slices = found.get((p.recipient, p.donor))
        if slices is None:
            continue
        covered = sum(max(0, min(e, se) - max(s, ss)) for s, e in p.recipient_spans for ss, se in zip(slices[0], slices[1]))
        hits += covered >= 0.5 * sum(e - s for s, e in p.recipient_spans)
    return seconds, hits / max(len(_plants_50(corpus)), 1)


def run_datasketch(corpus, num_perm: int = 96, threshold: float = 0.3) -> tuple[float, float, float]:
    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    sigs = []
    for text in corpus.texts:
        m = MinHash(num_perm=num_perm)
        m.update_batch([text[i : i + 13].encode("utf-8") for i in range(len(text) - 12)])
        sigs.append(m)
    sig_seconds = time.perf_counter() - started
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for k, m in enumerate(sigs):
        lsh.insert(str(k), m)
    candidates = set()
    for k, m in enumerate(sigs):
        for other in lsh.query(m):
            j = int(other)
            if j != k:
                candidates.add((min(j, k), max(j, k)))
    seconds = time.perf_counter() - started
    hits = sum((min(p.donor, p.recipient), max(p.donor, p.recipient)) in candidates for p in _plants_50(corpus))
    return seconds, sig_seconds, hits / max(len(_plants_50(corpus)), 1)


def run_shuzhi(corpus) -> tuple[float, float, float]:
    from shuzhi.reuse.signatures import SignatureParams, signature

    docs = docs_of(corpus)
    started = time.perf_counter()
    for d in docs:
        signature(d.norm.text, SignatureParams())
    sig_seconds = time.perf_counter() - started
    docs = docs_of(corpus)
    started = time.perf_counter()
    result = detect(docs, ReuseParams())
    seconds = time.perf_counter() - started
    return seconds, sig_seconds, evaluate(corpus, docs, result)["recall"]["50+"][0]


def run(args) -> None:
    corpus = build(args.docs)
    n50 = len(_plants_50(corpus))
    print(f"{args.docs} synthetic reports, {len(corpus.plants)} planted copies ({n50} of 50 characters or more)")
    sz_s, sz_sig, sz_recall = run_shuzhi(corpus)
    print(f"  shuzhi       {sz_s:8.1f} s  (signatures {sz_sig:.1f} s)   recall 50+ {sz_recall:.4f}")
    try:
        ds_s, ds_sig, ds_recall = run_datasketch(corpus)
        print(f"  datasketch   {ds_s:8.1f} s  (signatures {ds_sig:.1f} s)   recall 50+ {ds_recall:.4f} (LSH candidates only)")
        print(f"    ratios: time {ds_s / sz_s:.1f}x shuzhi's, signatures {ds_sig / sz_sig:.1f}x, recall {ds_recall / sz_recall:.2f} of shuzhi's")
    except ImportError:
        print("  datasketch   not installed (pip install -e '.[bench]')")
    try:
        cd_s, cd_recall = run_copydetect(corpus)
        print(f"  copydetect   {cd_s:8.1f} s                       recall 50+ {cd_recall:.4f}")
        print(f"    ratios: time {cd_s / sz_s:.1f}x shuzhi's, recall {cd_recall / sz_recall:.2f} of shuzhi's")
    except ImportError:
        print("  copydetect   not installed (pip install -e '.[bench]')")
