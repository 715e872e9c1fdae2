"""The reuse pipeline on a Dask cluster: signatures per partition, fingerprints and MinHash bands grouped
by a hash shuffle, and the alignment of candidate pairs as tasks.

Each stage moves numpy arrays, not Python objects: a partition of reports becomes its signatures and, for
each of the P reducers, the (fingerprint, report) rows whose key falls to that reducer; reducer r then
groups only its own share of the keys. Nothing needs the whole corpus in one place except the final list
of pairs.
"""

from __future__ import annotations

import numpy as np

from .corpus import (
    Corpus,
    FingerprintTable,
    KgramSample,
    PairResult,
    ReuseDoc,
    ReuseParams,
    ReuseResult,
    common_threshold,
    detect,
    sample_rate_for,
)
from .arrays import unique, unique_rows
from .signatures import SignatureParams, signature


def _partition_signatures(payload: list[tuple[int, str]], params: SignatureParams, rate: int, reducers: int):
    """Signatures of one partition, and its fingerprint, band and sampled k-gram rows split by reducer."""
    sigs = {doc_id: signature(text, params, rate) for doc_id, text in payload}
    fp_rows: list[list[np.ndarray]] = [[] for _ in range(reducers)]
    band_rows: list[list[np.ndarray]] = [[] for _ in range(reducers)]
    kgram_rows: list[list[np.ndarray]] = [[] for _ in range(reducers)]
    for doc_id, sig in sigs.items():
        kdest = (sig.sampled % np.uint64(reducers)).astype(np.int64)
        for r in range(reducers):
            kgram_rows[r].append(sig.sampled[kdest == r])
        keys = sig.fingerprints >> np.uint64(FingerprintTable.DOC_BITS)
        dest = (keys % np.uint64(reducers)).astype(np.int64)
        for r in range(reducers):
            chosen = keys[dest == r]
            fp_rows[r].append(np.stack([chosen, np.full(len(chosen), doc_id, dtype=np.uint64)], axis=1))
        bands = sig.band_keys(params)
        band_ids = np.arange(len(bands), dtype=np.uint64)
        bdest = ((bands ^ band_ids) % np.uint64(reducers)).astype(np.int64)
        for r in range(reducers):
            pick = bdest == r
            band_rows[r].append(np.stack([band_ids[pick], bands[pick], np.full(pick.sum(), doc_id, dtype=np.uint64)], axis=1))
    fp = [np.concatenate(rows) if rows else np.empty((0, 2), dtype=np.uint64) for rows in fp_rows]
    bd = [np.concatenate(rows) if rows else np.empty((0, 3), dtype=np.uint64) for rows in band_rows]
    kg = [np.concatenate(rows) if rows else np.empty(0, dtype=np.uint64) for rows in kgram_rows]
    # The workers keep the signatures' small parts; the sampled k-grams travel only through the shuffle.
    for sig in sigs.values():
        sig.sampled = np.empty(0, dtype=np.uint64)
    return sigs, fp, bd, kg


def _reduce_kgrams(parts: list[np.ndarray], threshold: int) -> np.ndarray:
    """The sampled k-grams of this reducer's share held by at least `threshold` reports: common phrasing."""
    allh = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
    keys, counts = np.unique(allh, return_counts=True)
    return keys[counts >= threshold]


def _reduce_fingerprints(parts: list[np.ndarray], max_df: int, threshold: int):
    """(candidate pairs, fingerprint keys held by two or more reports, their counts) of one reducer's share."""
    rows = np.concatenate(parts) if parts else np.empty((0, 2), dtype=np.uint64)
    if len(rows) == 0:
        return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int32)
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]
    keys, docs = rows[:, 0], rows[:, 1].astype(np.int64)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.concatenate((starts, [len(keys)])))
    shared_keys, shared_df = keys[starts[counts >= 2]], counts[counts >= 2].astype(np.int32)
    pairs = []
    for size in unique(counts[(counts >= 2) & (counts <= max_df)]):
        group_starts = starts[counts == size]
        members = docs[group_starts[:, None] + np.arange(size)[None, :]]
        i, j = np.triu_indices(size, 1)
        pairs.append(np.stack([members[:, i].ravel(), members[:, j].ravel()], axis=1))
    out = np.concatenate(pairs) if pairs else np.empty((0, 2), dtype=np.int64)
    return unique_rows(np.sort(out, axis=1)), shared_keys, shared_df


def _reduce_bands(parts: list[np.ndarray], cap: int) -> np.ndarray:
    rows = np.concatenate(parts) if parts else np.empty((0, 3), dtype=np.uint64)
    if len(rows) == 0:
        return np.empty((0, 2), dtype=np.int64)
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    same = np.concatenate(([False], (rows[1:, 0] == rows[:-1, 0]) & (rows[1:, 1] == rows[:-1, 1])))
    groups = np.split(rows[:, 2].astype(np.int64), np.flatnonzero(~same)[1:])
    out = []
    for g in groups:
        if len(g) < 2:
            continue
        if len(g) <= cap:
            i, j = np.triu_indices(len(g), 1)
            out.append(np.stack([g[i], g[j]], axis=1))
        else:
            out.append(np.stack([np.full(len(g) - 1, g[0]), g[1:]], axis=1))
    return np.concatenate(out) if out else np.empty((0, 2), dtype=np.int64)


def _align_chunk(pairs: list[tuple[int, int]], docs: list[ReuseDoc], params: ReuseParams, table: FingerprintTable,
                 sample: KgramSample, threshold: int):
    """Align a chunk of candidate pairs on a worker, with the corpus tables it was sent."""
    corpus = Corpus(docs, params, table, sample, threshold)
    return [corpus.align(a, b) for a, b in pairs]


def detect_on_dask(docs: list[ReuseDoc], params: ReuseParams, address, partitions: int | None = None) -> ReuseResult:
    """detect() with its heavy stages on the cluster at `address` (a scheduler address or a Client)."""
    from dask import delayed
    from distributed import Client

    client = address if isinstance(address, Client) else Client(address)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    partitions = partitions or max(1, min(len(docs), workers * 4))
    reducers = max(1, workers * 2)
    rate = sample_rate_for(docs, params)

    # 1. Signatures per partition, with fingerprint, band and k-gram rows already split by reducer.
    # The texts travel as scattered data, not inside the task graph.
    chunks = [chunk for chunk in np.array_split(np.arange(len(docs)), partitions) if len(chunk)]
    payloads = client.scatter([[(docs[i].id, docs[i].norm.text) for i in chunk] for chunk in chunks])
    parts = [delayed(_partition_signatures, nout=4)(payload, params.signatures, rate, reducers) for payload in payloads]
    threshold = common_threshold(len(docs), params)
    max_df = min(params.pair_df_cap, threshold - 1)
    # 2. The shuffle: reducer r groups the rows every partition sent to r.
    fp_reduced = [delayed(_reduce_fingerprints, nout=3)([p[1][r] for p in parts], max_df, threshold) for r in range(reducers)]
    band_reduced = [delayed(_reduce_bands)([p[2][r] for p in parts], params.bucket_cap) for r in range(reducers)]
    kgram_reduced = [delayed(_reduce_kgrams)([p[3][r] for p in parts], threshold) for r in range(reducers)]
    sig_maps, fp_results, band_results, common_kgrams = client.compute(
        [[p[0] for p in parts], fp_reduced, band_reduced, kgram_reduced], sync=True)
    for sig_map in sig_maps:
        for doc_id, sig in sig_map.items():
            docs[doc_id].signature = sig

    # The corpus tables from the reducers' results: only fingerprints held by two or more reports, and
    # only the common k-grams, ever reach the client.
    table = FingerprintTable.from_shared(np.concatenate([r[1] for r in fp_results]), np.concatenate([r[2] for r in fp_results]), len(docs))
    sample = KgramSample(np.concatenate(common_kgrams), rate)
    minhash = {d.id: d.signature.minhash for d in docs}
    candidates = set()
    for pairs, _, _ in fp_results:
        candidates.update(map(tuple, pairs.tolist()))
    for pairs in band_results:
        for a, b in pairs.tolist():
            a, b = min(a, b), max(a, b)
            if a != b and np.mean(minhash[a] == minhash[b]) >= params.lsh_min_jaccard:
                candidates.add((a, b))

    # 3. Alignment of candidate pairs as tasks. The corpus tables go to every worker once; each chunk of
    # pairs takes along only the reports it compares, so no worker holds the whole corpus.
    def align(corpus_here: Corpus, work: list[tuple[int, int]]) -> list[PairResult | None]:
        if not work:
            return []
        table_future = client.scatter(corpus_here.table, broadcast=True)
        sample_future = client.scatter(corpus_here.sample, broadcast=True)
        chunk_size = max(1, min(2000, len(work) // (workers * 8)))
        futures, shipped = [], []  # the scattered reports must be held until their chunk is done
        for i in range(0, len(work), chunk_size):
            chunk = work[i : i + chunk_size]
            needed = client.scatter([corpus_here.by_id[x] for x in sorted({x for pair in chunk for x in pair})])
            shipped.append(needed)
            futures.append(client.submit(_align_chunk, chunk, needed, params, table_future, sample_future,
                                         corpus_here.threshold, pure=False))
        results = [r for chunk in client.gather(futures) for r in chunk]
        del shipped
        return results

    prepared = Corpus(docs, params, table, sample, threshold)
    result = detect(docs, params, align=align, prepared=prepared, candidates=candidates)
    return result

