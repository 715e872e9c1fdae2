"""Every passage two texts share, in any order: k-gram seeds grown along their diagonals into maximal runs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .text import kgram_hashes

# A k-gram occurring more often than this in either text (一是…二是…, a repeated slogan) seeds no passage:
# the passages it belongs to are found from their other k-grams.
MAX_REPEATS = 16


@dataclass(frozen=True)
class Passage:
    """A run of identical normalized text: a[a_start:a_end] == b[b_start:b_end]."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    @property
    def length(self) -> int:
        return self.a_end - self.a_start


def shared_passages(a: str, b: str, min_run: int = 13, ha: np.ndarray | None = None, hb: np.ndarray | None = None) -> list[Passage]:
    """Maximal passages of at least min_run characters that occur in both texts, ordered by position in a."""
    if len(a) < min_run or len(b) < min_run:
        return []
    ha = kgram_hashes(a, min_run) if ha is None else ha
    hb = kgram_hashes(b, min_run) if hb is None else hb
    pos_a, pos_b = _matching_positions(ha, hb)
    if len(pos_a) == 0:
        return []
    # Seeds on one diagonal (b - a) at consecutive positions are one run of shared text.
    diag = pos_b - pos_a
    order = np.lexsort((pos_a, diag))
    pos_a, diag = pos_a[order], diag[order]
    breaks = np.flatnonzero((np.diff(pos_a) != 1) | (np.diff(diag) != 0)) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [len(pos_a)]))
    passages = []
    for s, e in zip(starts.tolist(), ends.tolist()):
        a_start = int(pos_a[s])
        a_end = int(pos_a[e - 1]) + min_run
        d = int(diag[s])
        if a[a_start:a_end] == b[a_start + d : a_end + d]:  # a 64-bit hash collision is never trusted
            passages.append(Passage(a_start, a_end, a_start + d, a_end + d))
    passages.sort(key=lambda p: (p.a_start, -p.length))
    return _drop_contained(passages)


def _matching_positions(ha: np.ndarray, hb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j) with ha[i] == hb[j], leaving out k-grams repeated too often in either text."""
    ua, inv_a, count_a = np.unique(ha, return_inverse=True, return_counts=True)
    ub, inv_b, count_b = np.unique(hb, return_inverse=True, return_counts=True)
    common, ia, ib = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    if len(common) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    keep = (count_a[ia] <= MAX_REPEATS) & (count_b[ib] <= MAX_REPEATS)
    ia, ib = ia[keep], ib[keep]
    # Positions of each kept k-gram in a and in b, then their cross product per k-gram.
    label_a = np.full(len(ua), -1, dtype=np.int64)
    label_a[ia] = np.arange(len(ia))
    label_b = np.full(len(ub), -1, dtype=np.int64)
    label_b[ib] = np.arange(len(ib))
    la, lb = label_a[inv_a], label_b[inv_b]
    pa = np.flatnonzero(la >= 0)
    pb = np.flatnonzero(lb >= 0)
    pa = pa[np.argsort(la[pa], kind="stable")]
    pb = pb[np.argsort(lb[pb], kind="stable")]
    ca = np.bincount(la[pa], minlength=len(ia))
    cb = np.bincount(lb[pb], minlength=len(ib))
    if (ca == 1).all() and (cb == 1).all():
        return pa, pb
    # Cross products for the k-grams that repeat (rare): expand both sides.
    reps = ca * cb
    group_a_start = np.concatenate(([0], np.cumsum(ca)[:-1]))
    group_b_start = np.concatenate(([0], np.cumsum(cb)[:-1]))
    g = np.repeat(np.arange(len(ia)), reps)
    within = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    out_a = pa[group_a_start[g] + within // cb[g]]
    out_b = pb[group_b_start[g] + within % cb[g]]
    return out_a, out_b


def _drop_contained(passages: list[Passage]) -> list[Passage]:
    """A run inside a longer run on both sides (a repeated phrase matched twice) is not a passage of its own."""
    kept: list[Passage] = []
    for p in passages:
        if any(q.a_start <= p.a_start and p.a_end <= q.a_end and q.b_start <= p.b_start and p.b_end <= q.b_end for q in kept[-8:]):
            continue
        kept.append(p)
    return kept


def coverage(intervals: list[tuple[int, int]], length: int) -> np.ndarray:
    """A boolean mask of the positions covered by any of the intervals."""
    mask = np.zeros(length, dtype=bool)
    for s, e in intervals:
        mask[s:e] = True
    return mask
