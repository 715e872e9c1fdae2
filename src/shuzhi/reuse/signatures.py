"""Per-report signatures: k-gram fingerprints for shared passages, MinHash for whole-report likeness.

Both are computed with numpy over the k-gram hashes of the normalized text, one report at a time, so they
can be produced in parallel (processes, or Dask partitions) and combined afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .arrays import unique, unique_first
from .text import kgram_hashes

_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class SignatureParams:
    min_run: int = 13  # shortest shared passage reported, in normalized characters (k of the k-grams)
    # Fingerprints are the k-grams whose hash is 0 modulo this: every report keeps the same k-grams of a
    # shared text, so a fingerprint's count of reports is its true one and common phrasing is recognised.
    # A shared run of 50 characters (38 k-grams) leaves none with probability (1 - 1/8)^38 ≈ 0.6%.
    modulus: int = 8
    num_perm: int = 96  # MinHash permutations
    bands: int = 32  # LSH bands of num_perm / bands rows each (3 rows: pairs above ~0.3 Jaccard meet)

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass
class Signature:
    fingerprints: np.ndarray  # unique fingerprint hashes (uint64)
    positions: np.ndarray  # where each fingerprint's k-gram starts in the normalized text (int32)
    minhash: np.ndarray  # num_perm uint32 values
    sampled: np.ndarray  # the distinct k-gram hashes that are 0 modulo the corpus sample rate (uint64)
    boilerplate: np.ndarray  # (start, end) rows of official formulations and stock phrases (int32)

    def band_keys(self, params: SignatureParams) -> np.ndarray:
        """One 64-bit key per band: the band's rows hashed together."""
        rows = self.minhash.reshape(params.bands, params.rows).astype(np.uint64)
        key = np.zeros(params.bands, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for r in range(params.rows):
                key = key * np.uint64(0x100000001B3) ^ rows[:, r]
        return key


def signature(text: str, params: SignatureParams, sample_rate: int = 1) -> Signature:
    """Fingerprints and MinHash of the report's own text: k-grams inside official formulations and stock
    phrases of the genre are left out, so that two reports do not meet over what every report says."""
    from .boilerplate import boilerplate_spans, mask_of

    k = params.min_run
    hashes = kgram_hashes(text, k)
    spans = boilerplate_spans(text)
    own = _own_kgrams(mask_of(spans, len(text)), len(hashes), k)
    positions = np.flatnonzero(own & (hashes % np.uint64(params.modulus) == 0))
    fps, first = unique_first(hashes[positions])  # each fingerprint once: its first place
    if sample_rate == 1:
        sampled = unique(hashes)
    else:
        sampled = unique(hashes[hashes % np.uint64(sample_rate) == 0])
    return Signature(fps, positions[first].astype(np.int32), minhash(hashes[own], params.num_perm), sampled, spans)


def _own_kgrams(mask: np.ndarray, n: int, k: int) -> np.ndarray:
    """True for each k-gram with a third or more of it outside formulations and stock phrases: a k-gram that
    only adds a character or two to 书记抓基层党建工作述职报告 says nothing about copying."""
    if n == 0:
        return np.zeros(0, dtype=bool)
    inside = np.convolve(mask.astype(np.int32), np.ones(k, dtype=np.int32), mode="valid")[:n]
    return k - inside >= max(1, k // 3)


_EMPTY = np.uint32(0xFFFFFFFF)


def minhash(shingles: np.ndarray, num_perm: int) -> np.ndarray:
    """One-permutation MinHash (Li, Owen and Zhang 2012), densified by rotation (Shrivastava and Li 2014).

    Each shingle's hash is mixed once; its top bits choose one of num_perm bins, the next 32 bits are its
    value, and each bin keeps its smallest value. Two reports agree on a bin with probability equal to
    the Jaccard similarity of their shingle sets, as with num_perm separate permutations, at the cost of
    one pass over the shingles instead of num_perm.
    """
    out = np.full(num_perm, _EMPTY, dtype=np.uint32)
    if len(shingles) == 0:
        return out
    with np.errstate(over="ignore"):
        h = shingles * np.uint64(0xD6E8FEB86659FD93)
        h ^= h >> np.uint64(32)
    bins = (h >> np.uint64(40)) % np.uint64(num_perm)
    values = (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    np.minimum.at(out, bins.astype(np.intp), values)
    empty = out == _EMPTY
    if empty.any() and not empty.all():
        # An empty bin takes the next non-empty bin's value, shifted so that it cannot pass for a real one.
        filled = np.flatnonzero(~empty)
        for i in np.flatnonzero(empty):
            j = filled[np.searchsorted(filled, i) % len(filled)]
            distance = (j - i) % num_perm
            out[i] = np.uint32((int(out[j]) + distance * 0x9E3779B1) & 0xFFFFFFFF)
    return out


def jaccard_estimate(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(x == y))


_YEAR = re.compile(r"^\s*(?:(?:19|20)\d{2}|二[〇零○][一二三四五六七八九〇零○]{2})\s*年度?")
_TAIL = re.compile(r"(?:个人)?(?:书记)?(?:抓(?:基层)?党建)?(?:工作)?(?:及?述责述廉)?(?:情况)?(?:的)?(?:述职)?(?:报告|材料)$")
_ORG_WORD = re.compile(r"党委|党总支|党支部|党组|党工委|委员会|局|镇|乡|村|社区|街道|公司|集团|中心|学校|中学|小学|大学|学院|医院|厅|办|院|所|站|部")


def organization_of(title: str) -> str | None:
    """The unit a report is about, from its title: 2023年度市税务局第一党支部书记抓基层党建工作述职报告 → 市税务局第一党支部."""
    name = _YEAR.sub("", title or "").strip()
    previous = None
    while previous != name:
        previous = name
        name = _TAIL.sub("", name).strip()
    if len(name) < 2 or not _ORG_WORD.search(name) or name.startswith("某"):
        return None
    return name
