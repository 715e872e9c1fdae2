"""Reuse across a corpus: candidate pairs from fingerprints and MinHash bands, exact alignment of candidates,
common phrasing set apart, template clusters, and each unit's report against its own previous one."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..document import Document
from ..document import SectionKind as K
from .align import Passage, shared_passages
from .arrays import unique, unique_rows
from .boilerplate import formulation_mask, mask_of
from .signatures import Signature, SignatureParams, organization_of, signature
from .text import NormText, kgram_hashes


@dataclass(frozen=True)
class ReuseParams:
    signatures: SignatureParams = SignatureParams()
    # A fingerprint in at least this share of the reports (and at least common_min_docs of them) is common
    # phrasing (四个意识, 抓好党建是本职), reported apart and not counted as copying.
    common_share: float = 0.05
    common_min_docs: int = 5
    # How many k-grams are counted across the corpus to find common phrasing: all of them up to this many,
    # beyond it a fixed share chosen by hash (short common phrases then go unnoticed on a huge corpus).
    max_counted_kgrams: int = 20_000_000
    # Fingerprints shared by more reports than this produce no pairs of their own (templates are found
    # through the MinHash bands instead): this bounds the work on a large corpus.
    pair_df_cap: int = 64
    # A MinHash bucket larger than this is aligned as a star (each report against one), not all pairs.
    bucket_cap: int = 32
    # Reports that meet in a MinHash bucket are aligned only if their signatures agree on this share.
    lsh_min_jaccard: float = 0.1
    # Reports whose larger copy ratio reaches this are joined into a template cluster.
    cluster_ratio: float = 0.3
    # The fewest non-common shared characters for a pair to be reported.
    min_shared: int = 13


@dataclass
class ReuseDoc:
    id: int
    source: str
    title: str
    start: int
    end: int
    year: int | None
    organization: str | None
    norm: NormText
    sections: list = field(default_factory=list, repr=False)
    signature: Signature | None = None
    # The source file's text, kept when passages are to be shown where they are (a large corpus drops it).
    text: str | None = field(default=None, repr=False)

    @classmethod
    def of(cls, id: int, doc: Document, keep_text: bool = True) -> ReuseDoc:
        return cls(id, doc.source, doc.title, doc.start, doc.end, doc.year, organization_of(doc.title),
                   NormText.of(doc), [(s.start, s.end, s.kind) for s in doc.sections if not s.inline],
                   text=doc.text if keep_text else None)


@dataclass
class PairResult:
    a: int
    b: int
    shared_a: int
    shared_b: int
    ratio_a: float
    ratio_b: float
    passages: list[Passage]
    scores: list[float]  # how rare each passage is in the corpus (mean idf of its fingerprints)
    self_reuse: bool = False
    identical: bool = False  # the two normalized texts are the same: one report submitted twice


@dataclass
class ReuseResult:
    docs: list[ReuseDoc]
    pairs: list[PairResult]
    clusters: list[list[int]]
    common_phrases: list[tuple[str, int]]
    self_reuse: list[dict]
    candidates: int = 0


def sample_rate_for(docs: list[ReuseDoc], params: ReuseParams) -> int:
    """All k-grams are counted for common phrasing on a corpus of modest size; one in `rate` beyond it."""
    return max(1, math.ceil(sum(len(d.norm) for d in docs) / params.max_counted_kgrams))


def signatures_of(docs: list[ReuseDoc], params: SignatureParams, sample_rate: int = 1, jobs: int = 1) -> None:
    """Each report's signature, on `jobs` processes when there are enough reports to share."""
    todo = [d for d in docs if d.signature is None]
    step = 256  # reports per task: sending texts out and signatures back then costs little
    if jobs <= 1 or len(todo) <= step * 2:
        for d in todo:
            d.signature = signature(d.norm.text, params, sample_rate)
        return
    # Texts go out as UTF-8 bytes made just before each task is sent: pickling a str makes CPython keep a
    # UTF-8 copy inside it for as long as it lives (on 20,000 reports, 290 MB more in this process).
    chunks = ([d.norm.text.encode("utf-8", "surrogatepass") for d in todo[i : i + step]] for i in range(0, len(todo), step))
    with process_pool(jobs) as pool:
        sigs = in_order(pool, 2 * jobs, _signatures, chunks, params, sample_rate)
        for d, sig in zip(todo, (s for part in sigs for s in part)):
            d.signature = sig


def process_pool(jobs: int):
    """Worker processes started by a fork server, not forked from this process: a worker forked from a
    process that already holds the corpus shares its pages and copies them as it touches them."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver"))


def in_order(pool, ahead: int, fn, tasks, *args):
    """fn(task, *args) for each task on the pool, in order, with at most `ahead` tasks in flight
    (Executor.map would make every task's arguments at once)."""
    from collections import deque

    inflight = deque()
    for task in tasks:
        inflight.append(pool.submit(fn, task, *args))
        if len(inflight) > ahead:
            yield inflight.popleft().result()
    while inflight:
        yield inflight.popleft().result()


def _signatures(texts: list[bytes], params: SignatureParams, sample_rate: int) -> list[Signature]:
    return [signature(t.decode("utf-8", "surrogatepass"), params, sample_rate) for t in texts]


class KgramSample:
    """The sampled k-grams (those whose hash is 0 modulo `rate`) that many reports hold: common phrasing.

    Winnowing keeps too few k-grams of a short phrase to tell whether the phrase is common; a fixed share
    of all k-grams, chosen by hash so that every report keeps the same ones, does. Only the common ones are
    kept: they are all that alignment asks about.
    """

    def __init__(self, common: np.ndarray, rate: int):
        self.rate = np.uint64(rate)
        self.common = np.sort(common)

    @classmethod
    def count(cls, docs: list[ReuseDoc], rate: int, threshold: int, release: bool = False) -> KgramSample:
        """Count each sampled k-gram's reports; with `release`, the reports' sampled k-grams are let go after."""
        sampled = [d.signature.sampled for d in docs]
        allh = np.concatenate(sampled) if sampled else np.empty(0, dtype=np.uint64)
        del sampled
        if release:
            for d in docs:
                d.signature.sampled = np.empty(0, dtype=np.uint64)  # not a view: that would keep the buffer
        keys, df = np.unique(allh, return_counts=True)
        del allh
        return cls(keys[df >= threshold], rate)

    def common_positions(self, h: np.ndarray) -> np.ndarray:
        """Positions of a report's k-grams that are common phrasing."""
        return np.flatnonzero(np.isin(h, self.common))


class FingerprintTable:
    """Which reports hold each fingerprint: one sorted array of (fingerprint, report) keys, built once.

    The fingerprint's top 40 bits and the report number's 24 bits share one 64-bit key, so a shard of the
    table is sorted in place with no index array. It is built in shards by the fingerprint's top bits, which
    keeps the result sorted and the work space a sixteenth of the whole: a 100,000-report corpus has 66
    million fingerprints, and grouping them at once took 2 GB more than the table itself.
    """

    DOC_BITS = 24
    SHARD_BITS = 4

    def __init__(self, docs: list[ReuseDoc]):
        self.n_docs = len(docs)
        if len(docs) >= 1 << self.DOC_BITS:
            raise ValueError("too many reports for one table")
        shift = np.uint64(self.DOC_BITS)
        shards = 1 << self.SHARD_BITS
        # A signature's fingerprints are sorted, so each shard is one slice of them.
        edges = np.arange(shards + 1, dtype=np.uint64)[1:-1] << np.uint64(64 - self.SHARD_BITS)
        bounds = np.array([np.concatenate(([0], np.searchsorted(d.signature.fingerprints, edges), [len(d.signature.fingerprints)]))
                           for d in docs], dtype=np.int64).reshape(len(docs), shards + 1)
        unique_parts, df_parts, doc_parts = [], [], []
        for shard in range(shards):
            keys = np.empty(int((bounds[:, shard + 1] - bounds[:, shard]).sum()), dtype=np.uint64)
            pos = 0
            for d, lo, hi in zip(docs, bounds[:, shard].tolist(), bounds[:, shard + 1].tolist()):
                keys[pos : pos + hi - lo] = ((d.signature.fingerprints[lo:hi] >> shift) << shift) | np.uint64(d.id)
                pos += hi - lo
            unique, df, doc_ids = self._group(keys, shift)
            unique_parts.append(unique)
            df_parts.append(df)
            doc_parts.append(doc_ids)
            del keys
        self.unique = np.concatenate(unique_parts)
        self.df = np.concatenate(df_parts)
        self.doc_ids = np.concatenate(doc_parts)
        self.first = np.concatenate(([0], np.cumsum(self.df)[:-1])).astype(np.int64) if len(self.df) else np.empty(0, dtype=np.int64)
        self.shift = shift
        self._common: dict[int, np.ndarray] = {}

    @classmethod
    def _group(cls, keys: np.ndarray, shift: np.uint64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(fingerprint keys held by two or more reports, their counts, the reports of each group in turn)."""
        keys.sort()
        doc_ids = (keys & np.uint64((1 << cls.DOC_BITS) - 1)).astype(np.int32)
        keys >>= shift
        # A fingerprint held by one report (most of them) forms no pair and needs no entry.
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) else np.empty(0, dtype=np.int64)
        counts = np.diff(np.concatenate((starts, [len(keys)])))
        shared = counts >= 2
        df = counts[shared].astype(np.int32)
        group_starts = starts[shared]
        within = np.arange(int(df.sum())) - np.repeat(np.cumsum(df) - df, df)
        return keys[group_starts], df, doc_ids[np.repeat(group_starts, df) + within]

    @classmethod
    def from_shared(cls, keys: np.ndarray, df: np.ndarray, n_docs: int) -> FingerprintTable:
        """A table of the fingerprints held by two or more reports, grouped elsewhere (e.g. on a cluster).

        It answers counts of reports; the report lists stay where they were grouped.
        """
        table = cls.__new__(cls)
        order = np.argsort(keys)
        table.n_docs = n_docs
        table.unique, table.df = keys[order], df[order].astype(np.int32)
        table.doc_ids = np.empty(0, dtype=np.int32)
        table.first = np.empty(0, dtype=np.int64)
        table.shift = np.uint64(cls.DOC_BITS)
        table._common = {}
        return table

    def key_of(self, fingerprints: np.ndarray) -> np.ndarray:
        """The table's key of each fingerprint (its top bits)."""
        return fingerprints >> self.shift

    def df_of(self, fingerprints: np.ndarray) -> np.ndarray:
        """How many reports hold each fingerprint (1 for those the table keeps no entry for)."""
        if len(self.unique) == 0:
            return np.ones(len(fingerprints), dtype=np.int64)
        keys = self.key_of(fingerprints)
        i = np.minimum(np.searchsorted(self.unique, keys), len(self.unique) - 1)
        return np.where(self.unique[i] == keys, self.df[i], 1)

    def pairs(self, max_df: int) -> np.ndarray:
        """(a, b) report pairs sharing a fingerprint held by between 2 and max_df reports, with repeats."""
        groups = np.flatnonzero((self.df >= 2) & (self.df <= max_df))
        out = []
        for size in unique(self.df[groups]):
            starts = self.first[groups[self.df[groups] == size]]
            members = self.doc_ids[starts[:, None] + np.arange(size)[None, :]].astype(np.int64)  # (groups, size)
            i, j = np.triu_indices(size, 1)
            out.append(np.stack([members[:, i].ravel(), members[:, j].ravel()], axis=1))
        return np.concatenate(out) if out else np.empty((0, 2), dtype=np.int64)

    def common(self, threshold: int) -> np.ndarray:
        """The keys of fingerprints held by at least `threshold` reports, sorted."""
        if threshold not in self._common:
            self._common[threshold] = self.unique[self.df >= threshold]
        return self._common[threshold]


def band_pairs(docs: list[ReuseDoc], params: ReuseParams) -> np.ndarray:
    """Pairs of reports that fall into one MinHash bucket in some band (likely near-duplicates)."""
    if len(docs) < 2:
        return np.empty((0, 2), dtype=np.int64)
    keys = np.stack([d.signature.band_keys(params.signatures) for d in docs])  # (docs, bands)
    minhashes = np.stack([d.signature.minhash for d in docs])
    row_of = {d.id: i for i, d in enumerate(docs)}
    ids = np.array([d.id for d in docs], dtype=np.int64)
    out = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        k, members = keys[order, band], ids[order]
        breaks = np.flatnonzero(np.diff(k)) + 1
        for group in np.split(members, breaks):
            if len(group) < 2:
                continue
            if len(group) <= params.bucket_cap:
                i, j = np.triu_indices(len(group), 1)
                out.append(np.stack([group[i], group[j]], axis=1))
            else:  # a big template family: each member against the first is enough to cluster it
                out.append(np.stack([np.full(len(group) - 1, group[0]), group[1:]], axis=1))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    pairs = unique_rows(np.sort(np.concatenate(out), axis=1))
    # A bucket shared by chance: the signatures as a whole must agree too.
    rows_a = np.array([row_of[int(a)] for a in pairs[:, 0]])
    rows_b = np.array([row_of[int(b)] for b in pairs[:, 1]])
    agree = (minhashes[rows_a] == minhashes[rows_b]).mean(axis=1)
    return pairs[agree >= params.lsh_min_jaccard]


def self_pairs(docs: list[ReuseDoc]) -> list[tuple[int, int]]:
    """(last year's report, this year's report) of the same unit."""
    by_unit: dict[str, dict[int, int]] = defaultdict(dict)
    for d in docs:
        if d.organization and d.year:
            by_unit[d.organization][d.year] = d.id
    out = []
    for years in by_unit.values():
        for year, doc_id in years.items():
            if year - 1 in years:
                out.append((years[year - 1], doc_id))
    return out


def common_threshold(n_docs: int, params: ReuseParams) -> int:
    return max(params.common_min_docs, math.ceil(params.common_share * n_docs))


def corpus_common_mask(d: ReuseDoc, h: np.ndarray, table: FingerprintTable, sample: KgramSample, threshold: int, k: int) -> np.ndarray:
    """Positions of the normalized text held by many reports of the corpus: common phrasing."""
    mask = np.zeros(len(d.norm), dtype=bool)
    sig = d.signature
    common_fps = np.isin(table.key_of(sig.fingerprints), table.common(threshold))
    starts = np.concatenate([sig.positions[common_fps], sample.common_positions(h)])
    for p in unique(starts).tolist():
        mask[p : p + k] = True
    return mask


def common_mask(d: ReuseDoc, k: int, corpus_mask: np.ndarray | None = None) -> np.ndarray:
    """Common phrasing of a report: official formulations, and what the corpus shows many reports share."""
    mask = mask_of(d.signature.boilerplate, len(d.norm)) if d.signature is not None else formulation_mask(d.norm.text)
    if corpus_mask is not None:
        mask |= corpus_mask
    return mask


def align_pair(a: ReuseDoc, b: ReuseDoc, params: ReuseParams, mask_a: np.ndarray, mask_b: np.ndarray,
               table: FingerprintTable | None = None, ha: np.ndarray | None = None, hb: np.ndarray | None = None) -> PairResult | None:
    k = params.signatures.min_run
    passages = shared_passages(a.norm.text, b.norm.text, k, ha, hb)
    if not passages:
        return None
    kept, scores = [], []
    cov_a = np.zeros(len(a.norm), dtype=bool)
    cov_b = np.zeros(len(b.norm), dtype=bool)
    for p in passages:
        own_a = ~mask_a[p.a_start : p.a_end]
        # A passage that is all common phrasing (or nearly) is not copying.
        if own_a.sum() < k:
            continue
        kept.append(p)
        cov_a[p.a_start : p.a_end] |= own_a
        cov_b[p.b_start : p.b_end] |= ~mask_b[p.b_start : p.b_end]
        scores.append(_rarity(a, p, table))
    shared_a, shared_b = int(cov_a.sum()), int(cov_b.sum())
    if not kept or max(shared_a, shared_b) < params.min_shared:
        return None
    return PairResult(a.id, b.id, shared_a, shared_b, shared_a / max(len(a.norm), 1), shared_b / max(len(b.norm), 1), kept, scores,
                      identical=a.norm.text == b.norm.text)


def _rarity(d: ReuseDoc, p: Passage, table: FingerprintTable | None) -> float:
    """Mean inverse document frequency of the passage's fingerprints: higher is rarer, more telling."""
    if table is None:
        return 0.0
    sig = d.signature
    inside = (sig.positions >= p.a_start) & (sig.positions + 1 <= p.a_end)
    df = table.df_of(sig.fingerprints[inside])
    return float(np.mean(np.log((1 + table.n_docs) / np.maximum(df, 1)))) if len(df) else 0.0


class Corpus:
    """What alignment needs to know about the corpus, with each report's hashes and masks made on demand."""

    def __init__(self, docs: list[ReuseDoc], params: ReuseParams, table: FingerprintTable | None = None,
                 sample: KgramSample | None = None, threshold: int = 0):
        self.by_id = {d.id: d for d in docs}
        self.params = params
        self.table = table
        self.sample = sample
        self.threshold = threshold
        self._hashes: dict[int, np.ndarray] = {}
        self._masks: dict[int, np.ndarray] = {}

    def hashes(self, doc_id: int) -> np.ndarray:
        if doc_id not in self._hashes:
            if len(self._hashes) > 256:
                self._hashes.clear()  # pairs come grouped by report; a small cache is enough
            self._hashes[doc_id] = kgram_hashes(self.by_id[doc_id].norm.text, self.params.signatures.min_run)
        return self._hashes[doc_id]

    def corpus_mask(self, doc_id: int) -> np.ndarray | None:
        if self.table is None:
            return None
        return corpus_common_mask(self.by_id[doc_id], self.hashes(doc_id), self.table, self.sample, self.threshold,
                                  self.params.signatures.min_run)

    def mask(self, doc_id: int) -> np.ndarray:
        if doc_id not in self._masks:
            if len(self._masks) > 256:
                self._masks.clear()
            self._masks[doc_id] = common_mask(self.by_id[doc_id], self.params.signatures.min_run, self.corpus_mask(doc_id))
        return self._masks[doc_id]

    def align(self, a: int, b: int) -> PairResult | None:
        return align_pair(self.by_id[a], self.by_id[b], self.params, self.mask(a), self.mask(b), self.table,
                          self.hashes(a), self.hashes(b))


def prepare(docs: list[ReuseDoc], params: ReuseParams, jobs: int = 1) -> Corpus:
    """Signatures, the fingerprint table and the k-gram sample: everything before alignment."""
    signatures_of(docs, params.signatures, sample_rate_for(docs, params), jobs)
    return index_corpus(docs, params)


def index_corpus(docs: list[ReuseDoc], params: ReuseParams) -> Corpus:
    """The corpus tables, from reports whose signatures are already computed."""
    table = FingerprintTable(docs)
    threshold = common_threshold(len(docs), params)
    sample = KgramSample.count(docs, sample_rate_for(docs, params), threshold, release=True)
    return Corpus(docs, params, table, sample, threshold)


def detect(docs: list[ReuseDoc], params: ReuseParams = ReuseParams(), align=None, prepared: Corpus | None = None,
           candidates: set[tuple[int, int]] | None = None, jobs: int = 1) -> ReuseResult:
    """The whole pipeline on one machine (signatures on `jobs` processes); a cluster may supply the prepared
    corpus, the candidate pairs and an `align` that runs them elsewhere (reuse/distributed.py)."""
    corpus = prepared or prepare(docs, params, jobs)
    if candidates is None:
        candidates = candidate_pairs(docs, corpus.table, params, corpus.threshold)
    selves = set(self_pairs(docs))
    work = sorted(candidates | selves)
    results = align(corpus, work) if align else (corpus.align(a, b) for a, b in work)
    pairs = [r for r in results if r is not None]
    for r in pairs:
        r.self_reuse = (r.a, r.b) in selves or (r.b, r.a) in selves
    by_id = corpus.by_id
    return ReuseResult(
        docs=docs,
        pairs=sorted(pairs, key=lambda r: -max(r.ratio_a, r.ratio_b)),
        clusters=clusters_of(pairs, params.cluster_ratio),
        common_phrases=common_phrases(docs, corpus),
        self_reuse=[self_report(by_id[r.a], by_id[r.b], r) for r in pairs if r.self_reuse],
        candidates=len(candidates),
    )


def candidate_pairs(docs: list[ReuseDoc], table: FingerprintTable, params: ReuseParams, threshold: int) -> set[tuple[int, int]]:
    pairs = np.concatenate([table.pairs(min(params.pair_df_cap, threshold - 1)), band_pairs(docs, params)])
    if len(pairs) == 0:
        return set()
    pairs = np.sort(pairs, axis=1)
    pairs = unique_rows(pairs[pairs[:, 0] != pairs[:, 1]])
    return {(int(a), int(b)) for a, b in pairs}


def clusters_of(pairs: list[PairResult], ratio: float) -> list[list[int]]:
    """Connected groups of reports linked by pairs whose larger copy ratio reaches `ratio`."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in pairs:
        if max(r.ratio_a, r.ratio_b) >= ratio:
            parent[find(r.a)] = find(r.b)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        groups[find(x)].append(x)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


def common_phrases(docs: list[ReuseDoc], corpus: Corpus, limit: int = 50, sample: int = 2000) -> list[tuple[str, int]]:
    """The stretches of common phrasing, with how many reports use each, most used first.

    Common phrasing is common: a sample of up to `sample` reports shows it. One phrase may be cut a little
    differently in different reports; cuts that contain one another are counted together.
    """
    if corpus.table is None or not docs:
        return []
    step = max(1, len(docs) // sample)
    docs_of: dict[str, set[int]] = defaultdict(set)
    for d in docs[::step]:
        mask = corpus.corpus_mask(d.id)
        if mask is None or not mask.any():
            continue
        edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
        for s, e in zip(edges[::2].tolist(), edges[1::2].tolist()):
            docs_of[d.norm.text[s:e]].add(d.id)
    groups: list[tuple[str, set[int]]] = []
    for text in sorted(docs_of, key=lambda t: -len(docs_of[t])):
        for name, members in groups:
            if text in name or name in text:
                members |= docs_of[text]
                break
        else:
            groups.append((text, set(docs_of[text])))
        if len(groups) >= limit * 4:
            break
    return sorted(((name, len(members) * step) for name, members in groups), key=lambda x: (-x[1], x[0]))[:limit]


def self_report(earlier: ReuseDoc, later: ReuseDoc, r: PairResult) -> dict:
    """How much of this year's report repeats last year's, part by part (问题 and 打算 copied are the classic case)."""
    later_is_b = r.b == later.id
    covered = np.zeros(len(later.norm), dtype=bool)
    for p in r.passages:
        s, e = (p.b_start, p.b_end) if later_is_b else (p.a_start, p.a_end)
        covered[s:e] = True
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for start, end, kind in later.sections:
        s_norm, e_norm = _norm_index(later.norm, start), _norm_index(later.norm, end)
        if e_norm > s_norm:
            by_kind[kind][0] += int(covered[s_norm:e_norm].sum())
            by_kind[kind][1] += e_norm - s_norm
    ratio = r.ratio_b if later_is_b else r.ratio_a
    parts = {kind: round(c / t, 2) for kind, (c, t) in by_kind.items() if t}
    flagged = [kind for kind in (K.PROBLEMS, K.CAUSES, K.PLANS) if parts.get(kind, 0) >= 0.5]
    return {
        "organization": later.organization,
        "earlier": earlier.id,
        "later": later.id,
        "years": [earlier.year, later.year],
        "ratio": round(ratio, 3),
        "by_part": parts,
        "copied_parts": flagged,
    }


def _norm_index(norm: NormText, orig: int) -> int:
    """The normalized offset of the first character at or after source offset `orig`."""
    k = int(np.searchsorted(norm.seg_orig, orig, side="right")) - 1
    if k < 0:
        return 0
    seg_len = (norm.seg_norm[k + 1] - norm.seg_norm[k]) if k + 1 < len(norm.seg_norm) else len(norm) - norm.seg_norm[k]
    inside = orig - int(norm.seg_orig[k])
    return int(norm.seg_norm[k]) + min(inside, int(seg_len))
