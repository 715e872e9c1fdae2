"""Built tables kept on disk between runs: the lexicon, confusion sets and hole index take seconds to build
from jieba's, wordfreq's and pypinyin's data and a fraction of a second to read back.

The file lives under $SHUZHI_CACHE or ~/.cache/shuzhi, named by a hash of everything the table is built from;
when the folder cannot be written the table is simply built each time. The hash covers the data, not the
code that builds from it: change a builder, bump CACHE_VERSION.

Each new version of the inputs (an upgraded package, a changed corpus) gives a new file. A file read is marked
used (its modification time, at most once a day); when a table is written, the files of the same table unused
for STALE_DAYS are removed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

CACHE_VERSION = 2
STALE_DAYS = 30
_DAY = 86400


def cache_dir() -> Path:
    return Path(os.environ.get("SHUZHI_CACHE") or Path.home() / ".cache" / "shuzhi")


def cached(name: str, inputs: list, build):
    """build(), or the value a previous run stored for the same inputs (plain data only: dicts, sets, strings)."""
    h = hashlib.sha256(repr((CACHE_VERSION, name, inputs)).encode())
    path = cache_dir() / f"typo-{name}-{h.hexdigest()[:20]}.pickle"
    try:
        with path.open("rb") as f:
            value = pickle.load(f)
        _mark_used(path)
        return value
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except (OSError, ValueError, pickle.PicklingError):
        pass
    _remove_stale(path.parent, f"typo-{name}-", keep=path)
    return value


def _mark_used(path: Path) -> None:
    try:
        if time.time() - path.stat().st_mtime > _DAY:
            os.utime(path)
    except OSError:
        pass


def _remove_stale(folder: Path, prefix: str, keep: Path) -> None:
    """The files of one table (and leftover temporary files) unused for STALE_DAYS."""
    limit = time.time() - STALE_DAYS * _DAY
    try:
        for old in folder.glob(f"{prefix}*"):
            if old != keep and old.stat().st_mtime < limit:
                old.unlink()
    except OSError:
        pass


def file_stamp(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path), st.st_size, st.st_mtime_ns


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def make_room(memo: dict, most: int = 200_000) -> None:
    """An in-memory memo past `most` entries is emptied before the next is added: reports repeat their phrasing
    within a batch, and a process checking thousands of them stays within bounds."""
    if len(memo) > most:
        memo.clear()
