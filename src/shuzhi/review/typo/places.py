"""China's administrative place names, from provinces down to villages, as the corrector's guard looks them up.

jionlp (Apache-2.0) ships the division tree in dictionary/china_location.zip: 34 provinces, their cities and
counties, 43,000 towns and street offices and 658,000 villages and communities, one name a line, indented by
level. Village names are the corrector's worst false alarms (义井镇 read as 已经镇, 鄠邑区 as 鄠疫区): their
characters form no word, so the model takes them for typos. A name of at least MIN_LEN characters that ends in
an administrative suffix is kept; the guard protects it where it stands whole in the text.

The 340,000 distinct names are kept as a sorted array of 64-bit hashes (2.7 MB, not the 45 MB a set of strings
takes in every worker), built once and cached on disk (cache.py). The package is located, never imported.
"""

from __future__ import annotations

import bisect
import hashlib
from array import array
from functools import lru_cache

from ..text import basic_han_word

MIN_LEN = 3  # 新村, 东村: two-character names are common words as often as names
MAX_LEN = 12
# The suffixes of administrative units (社区 and 开发区 end in 区, 街道 in 道, 嘎查 and 苏木 are Inner Mongolia's).
SUFFIXES = ("省", "市", "区", "县", "旗", "镇", "乡", "村", "街道", "嘎查", "苏木")
_LAST = frozenset(s[-1] for s in SUFFIXES)
_VERSION = 1  # of what _build makes from the file


def _key(name: str) -> int:
    # surrogatepass: a text given as a Python string may hold a lone surrogate, which names no place
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


class Gazetteer:
    def __init__(self, keys: array):
        self._keys = keys

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, name: str) -> bool:
        keys = self._keys
        if not keys:
            return False
        k = _key(name)
        i = bisect.bisect_left(keys, k)
        return i < len(keys) and keys[i] == k

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every (start, end) of a known place name in `text` that ends in an administrative suffix; where one
        ends, the longest such name only (峰峰矿区, not 矿区)."""
        if not self._keys:
            return []
        out = []
        for end in range(MIN_LEN, len(text) + 1):
            if text[end - 1] not in _LAST or not text.endswith(SUFFIXES, 0, end):
                continue
            for start in range(max(0, end - MAX_LEN), end - MIN_LEN + 1):
                if text[start:end] in self:
                    out.append((start, end))
                    break
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The place names of the installed jionlp, or none when it is missing or its file cannot be read (nothing
    is cached on disk then, so a file made readable later is used by the next process)."""
    from .cache import cached, file_stamp
    from .packaged import packaged_file

    path = packaged_file("jionlp", "dictionary", "china_location.zip")  # located, not imported
    if path is None:
        return Gazetteer(array("Q"))
    try:
        data = cached("places", [file_stamp(path), MIN_LEN, MAX_LEN, SUFFIXES, _VERSION], lambda: _build(path))
    except _Unreadable:
        return Gazetteer(array("Q"))
    keys = array("Q")
    keys.frombytes(data)
    return Gazetteer(keys)


class _Unreadable(Exception):
    pass


def _build(path) -> bytes:
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            text = "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".txt"))
    except Exception as e:  # a damaged archive raises zlib.error, EOFError, RuntimeError ... as well: no names
        raise _Unreadable(str(e)) from e
    names = set()
    for line in text.splitlines():
        # A line: the name, then for provinces, cities and counties their code and short name, tab-separated.
        name = line.strip().split("\t", 1)[0].strip()
        if MIN_LEN <= len(name) <= MAX_LEN and name.endswith(SUFFIXES) and basic_han_word(name):
            names.add(name)
    return array("Q", sorted({_key(n) for n in names})).tobytes()

