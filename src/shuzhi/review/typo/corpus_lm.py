"""A character trigram model learned from the user's own reports (an archive of past 述职报告 is exactly the
domain text that makes a model good), added to the word model when TY003 rescores a candidate.

`shuzhi.toml`: `typo_corpus = ["历年述职报告/"]` (folders or files, any format shuzhi reads). The counts are
kept in a cache file under ~/.cache/shuzhi (or $SHUZHI_CACHE), rebuilt when a file changes; nothing is sent
or downloaded. Smoothing is interpolated absolute discounting (Kneser-Ney without its continuation counts).
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text import HAN

_RUN = re.compile(f"[{HAN}]+")
_DISCOUNT = 0.75
_VERSION = 1


@dataclass
class CharModel:
    uni: dict[str, int]
    bi: dict[str, int]
    tri: dict[str, int]
    ctx1: dict[str, tuple[int, int]]  # a -> (count of a·, distinct followers)
    ctx2: dict[str, tuple[int, int]]  # ab -> (count of ab·, distinct followers)
    total: int
    chars: int  # characters read

    @classmethod
    def from_texts(cls, texts) -> CharModel:
        uni, bi, tri = Counter(), Counter(), Counter()
        chars = 0
        for text in texts:
            for m in _RUN.finditer(text):
                s = m.group()
                chars += len(s)
                uni.update(s)
                bi.update(s[i : i + 2] for i in range(len(s) - 1))
                tri.update(s[i : i + 3] for i in range(len(s) - 2))
        return cls.from_counts(uni, bi, tri, chars)

    @classmethod
    def from_words(cls, freq: dict[str, int]) -> CharModel:
        """The characters inside dictionary words, each word counted as often as the dictionary says."""
        uni, bi, tri = Counter(), Counter(), Counter()
        for w, n in freq.items():
            for i, c in enumerate(w):
                uni[c] += n
                if i + 2 <= len(w):
                    bi[w[i : i + 2]] += n
                if i + 3 <= len(w):
                    tri[w[i : i + 3]] += n
        return cls.from_counts(uni, bi, tri, sum(uni.values()))

    @classmethod
    def from_counts(cls, uni: Counter, bi: Counter, tri: Counter, chars: int) -> CharModel:
        ctx1: dict[str, list[int]] = {}
        for k, n in bi.items():
            c = ctx1.setdefault(k[0], [0, 0])
            c[0] += n
            c[1] += 1
        ctx2: dict[str, list[int]] = {}
        for k, n in tri.items():
            c = ctx2.setdefault(k[:2], [0, 0])
            c[0] += n
            c[1] += 1
        return cls(dict(uni), dict(bi), dict(tri), {k: tuple(v) for k, v in ctx1.items()},
                   {k: tuple(v) for k, v in ctx2.items()}, sum(uni.values()), chars)

    def logp(self, history: str, ch: str) -> float:
        p = (self.uni.get(ch, 0) + 0.5) / (self.total + 0.5 * 8000)  # add-half over about 8,000 characters
        if history:
            a = history[-1]
            n, kinds = self.ctx1.get(a, (0, 0))
            if n:
                p = max(self.bi.get(a + ch, 0) - _DISCOUNT, 0) / n + _DISCOUNT * kinds / n * p
            if len(history) >= 2:
                ab = history[-2:]
                n, kinds = self.ctx2.get(ab, (0, 0))
                if n:
                    p = max(self.tri.get(ab + ch, 0) - _DISCOUNT, 0) / n + _DISCOUNT * kinds / n * p
        return math.log(p)

    def score(self, text: str) -> float:
        return sum(self.logp(text[max(0, i - 2) : i], c) for i, c in enumerate(text))


def corpus_texts(paths: tuple[str, ...]):
    """The text of every report under the given folders and files (read as shuzhi check reads them)."""
    from ...ingest import collect, load
    from ...ingest.sources import Limits

    collected = collect(list(paths), Limits())
    for item in collected.items:
        try:
            data = item.data if item.data is not None else item.path.read_bytes()
            yield load(item.source, data).text
        except Exception:  # noqa: BLE001 (an unreadable file only makes the model smaller)
            continue


def _fingerprint(paths: tuple[str, ...]) -> str:
    h = hashlib.sha256(f"v{_VERSION}".encode())
    for p in sorted(paths):
        root = Path(p)
        files = [root] if root.is_file() else sorted(q for q in root.rglob("*") if q.is_file())
        for f in files:
            st = f.stat()
            h.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:24]


def _cache_dir() -> Path:
    return Path(os.environ.get("SHUZHI_CACHE") or Path.home() / ".cache" / "shuzhi")


@lru_cache(maxsize=4)
def corpus_model(paths: tuple[str, ...]) -> CharModel:
    """The model of the given corpus, from the cache file when the files have not changed."""
    cache = _cache_dir() / f"typo-corpus-{_fingerprint(paths)}.pickle"
    try:
        with cache.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    model = CharModel.from_texts(corpus_texts(paths))
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home: the model is rebuilt next time
    return model
