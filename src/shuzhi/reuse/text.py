"""Text as the reuse detector sees it: full-width forms folded, white space gone, offsets kept.

Every position of the normalized text maps back to a character offset in the document's source text, so a
shared passage can be shown and annotated where it really is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..document import Document

# Full-width ASCII (！ to ～) folds to half-width, one for one; white space (what the regex \s matches,
# and U+3000, U+FEFF, U+200B) goes. Both are done on code-point arrays: str.translate with a dict costs
# more than the rest of reading a report.
_FULL_FIRST, _FULL_LAST, _FULL_SHIFT = 0xFF01, 0xFF5E, 0xFEE0
_IS_SPACE = np.zeros(0x10000, dtype=bool)
_IS_SPACE[[ord(c) for c in re.findall(r"[\s\u3000\ufeff\u200b]", "".join(map(chr, range(0x10000))))]] = True


@dataclass
class NormText:
    """The normalized body of one document and the way back to the source text."""

    text: str
    seg_norm: np.ndarray  # normalized offset where each unbroken piece starts
    seg_orig: np.ndarray  # source offset where the same piece starts

    @classmethod
    def of(cls, doc: Document) -> NormText:
        return cls.of_text(doc.text, doc.start, doc.end)

    @classmethod
    def of_text(cls, text: str, start: int = 0, end: int | None = None) -> NormText:
        end = len(text) if end is None else end
        cp = codepoints32(text[start:end])
        full = (cp >= _FULL_FIRST) & (cp <= _FULL_LAST)
        cp[full] -= _FULL_SHIFT
        keep = ~_IS_SPACE[np.minimum(cp, 0xFFFF)] | (cp > 0xFFFF)
        # Each unbroken piece of kept characters starts where a kept character follows a dropped one.
        piece = np.flatnonzero(keep & ~np.concatenate(([False], keep[:-1])))
        seg_norm = np.cumsum(keep)[piece] - 1 if len(piece) else piece
        kept = cp[keep]
        return cls(kept.tobytes().decode("utf-32-le", "surrogatepass"), seg_norm.astype(np.int64), (piece + start).astype(np.int64))

    def __len__(self) -> int:
        return len(self.text)

    def orig(self, i):
        """Source offsets of normalized offsets (an int or an array)."""
        k = np.searchsorted(self.seg_norm, i, side="right") - 1
        return self.seg_orig[k] + (i - self.seg_norm[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the normalized span [start, end)."""
        return int(self.orig(start)), int(self.orig(end - 1)) + 1


# 64-bit multiplicative hashing of character k-grams: a polynomial in the code points, mixed once more
# so that the low and high bits are equally random (numpy's uint64 arithmetic wraps, as intended).
_BASE = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def codepoints32(text: str) -> np.ndarray:
    """The code points of text, a writable uint32 array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()


def codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def kgram_hashes(text: str, k: int) -> np.ndarray:
    """The hash of every k-gram of text: element i is the hash of text[i:i+k]."""
    if len(text) < k:
        return np.empty(0, dtype=np.uint64)
    cp = codepoints(text)
    powers = _BASE ** np.arange(k - 1, -1, -1, dtype=np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(cp, k)
    with np.errstate(over="ignore"):
        h = windows @ powers
        h ^= h >> np.uint64(29)
        h *= _MIX
        h ^= h >> np.uint64(32)
    return h
