"""Optional: the open-gram word trigram model that Debian's sunpinyin-data package installs (CC BY-SA 3.0).

Used only when the files are present (`apt-get install sunpinyin-data`); nothing is copied into the project
and nothing is downloaded. lm_sc.t3g is sunpinyin's threaded back-off model: a header, a table of 2^16
probabilities and one of 2^14 back-off weights, then the nodes of each level (12-byte bit-packed records for
unigrams and bigrams, 8-byte ones for trigrams), children of a node stored contiguously and sorted by word
id. pydict_sc.bin ends with the words themselves, NUL-terminated UTF-32 strings in word-id order; the three
integers at its head are the number of words, of trie nodes, and the byte offset of those strings.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

import numpy as np

from .cache import make_room

DATA_DIRS = (Path("/usr/lib/x86_64-linux-gnu/sunpinyin/data"), Path("/usr/lib/sunpinyin/data"), Path("/usr/share/sunpinyin"))
_WID_BITS = 18
_MAX_WORD = 8


def find_data() -> Path | None:
    for folder in DATA_DIRS:
        if (folder / "lm_sc.t3g").is_file() and (folder / "pydict_sc.bin").is_file():
            return folder
    return None


def _words(path: Path) -> list[str]:
    data = path.read_bytes()
    n_words, _, offset = struct.unpack("<3I", data[:12])
    text = data[offset : offset + (len(data) - offset) // 4 * 4].decode("utf-32-le", errors="replace")
    words = text.split("\0")[:n_words]
    if len(words) != n_words:
        raise ValueError(f"{path}: 词表长度不符")
    return words


class TrigramModel:
    """log P of a Han string: segmented into the model's words (unigram-best), then scored by the trigram."""

    def __init__(self, folder: Path):
        raw = (folder / "lm_sc.t3g").read_bytes()
        order, use_log = struct.unpack("<Ii", raw[:8])
        if order != 3 or use_log != 0:
            raise ValueError("lm_sc.t3g: 只支持三元、概率直存的模型")
        sizes = struct.unpack("<4I", raw[8:24])
        off = 24
        pr = np.frombuffer(raw, "<f4", 1 << 16, off).astype(np.float64)
        off += 4 << 16
        bow = np.frombuffer(raw, "<f4", 1 << 14, off).astype(np.float64)
        off += 4 << 14
        with np.errstate(divide="ignore"):
            lpr, lbow = np.log(pr), np.log(bow)
        levels = []
        for level in range(3):
            rec = np.frombuffer(raw, "<u4", 3 * sizes[level], off).reshape(-1, 3)
            off += 12 * sizes[level]
            wid = (rec[:, 0] & ((1 << _WID_BITS) - 1)).astype(np.int64)
            child = (rec[:, 1] >> 16).astype(np.int64) | ((rec[:, 2] >> 25).astype(np.int64) << 16)
            levels.append((wid, lpr[rec[:, 1] & 0xFFFF], lbow[rec[:, 0] >> _WID_BITS], child))
        leaf = np.frombuffer(raw, "<u4", 2 * sizes[3], off).reshape(-1, 2)
        words = _words(folder / "pydict_sc.bin")
        wid1, lp1, lb1, ch1 = levels[1]
        n1 = sizes[1] - 1  # the last node of each level is a sentinel closing its predecessor's children
        self.ids: dict[str, int] = {}
        self.uni: dict[int, tuple[float, float, int]] = {}  # wid -> (log p, log bow, node index)
        for k in range(n1):
            w = int(wid1[k])
            self.uni[w] = (float(lp1[k]), float(lb1[k]), k)
            if 0 < w < len(words) and words[w]:
                self.ids[words[w]] = w
        wid2, lp2, lb2, ch2 = levels[2]
        n2, n3 = sizes[2] - 1, sizes[3] - 1
        self.key2 = (_parents(ch1[:n1], n2) << _WID_BITS) | wid2[:n2]
        self.lp2, self.lb2 = lp2[:n2], lb2[:n2]
        wid3 = (leaf[:n3, 0] & ((1 << _WID_BITS) - 1)).astype(np.int64)
        self.key3 = (_parents(ch2[:n2], n3) << _WID_BITS) | wid3
        self.lp3 = lpr[leaf[:n3, 1] & 0xFFFF]
        self.unknown = min(v[0] for v in self.uni.values()) - 2.0
        self.max_word = _MAX_WORD
        self._cache: dict[str, float] = {}

    def _bigram(self, h: int, w: int) -> int:
        """Index of the bigram node (h, w), or -1."""
        node = self.uni.get(h)
        if node is None:
            return -1
        key = (node[2] << _WID_BITS) | w
        i = int(np.searchsorted(self.key2, key))
        return i if i < len(self.key2) and self.key2[i] == key else -1

    def _trigram(self, b: int, w: int) -> float | None:
        key = (b << _WID_BITS) | w
        i = int(np.searchsorted(self.key3, key))
        return float(self.lp3[i]) if i < len(self.key3) and self.key3[i] == key else None

    def logp_word(self, u: int | None, v: int | None, w: int) -> float:
        """Back-off log P(w | u v)."""
        backoff = 0.0
        if u is not None and v is not None:
            b = self._bigram(u, v)
            if b >= 0:
                p = self._trigram(b, w)
                if p is not None:
                    return p
                backoff = float(self.lb2[b])
        if v is not None:
            b = self._bigram(v, w)
            if b >= 0:
                return backoff + float(self.lp2[b])
            backoff += self.uni[v][1] if v in self.uni else 0.0
        uni = self.uni.get(w)
        return backoff + (uni[0] if uni else self.unknown)

    def segment(self, text: str) -> list[int | None]:
        """Word ids of the unigram-best segmentation; None for a character the model does not know."""
        n = len(text)
        ids, uni = self.ids, self.uni
        best = [0.0] + [-1e18] * n
        back: list[tuple[int, int | None]] = [(0, None)] * (n + 1)
        for j in range(1, n + 1):
            for k in range(max(0, j - self.max_word), j):
                w = ids.get(text[k:j])
                if w is None and k != j - 1:
                    continue
                s = best[k] + (uni[w][0] if w is not None else self.unknown)
                if s > best[j]:
                    best[j], back[j] = s, (k, w)
        out = []
        j = n
        while j > 0:
            k, w = back[j]
            out.append(w)
            j = k
        return out[::-1]

    def score(self, text: str) -> float:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        total = 0.0
        u = v = None
        for w in self.segment(text):
            if w is None:
                total += self.unknown
                u = v = None
                continue
            total += self.logp_word(u, v, w)
            u, v = v, w
        make_room(self._cache)
        self._cache[text] = total
        return total


def _parents(first_child, n_children: int):
    """For each node of the next level, the index of its parent (children are stored parent by parent)."""
    counts = np.diff(np.append(first_child, n_children))
    return np.repeat(np.arange(len(first_child), dtype=np.int64), counts)


@lru_cache(maxsize=1)
def trigram_model() -> TrigramModel | None:
    folder = find_data()
    return TrigramModel(folder) if folder else None

