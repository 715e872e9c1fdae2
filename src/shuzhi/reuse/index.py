"""A persistent reuse index in SQLite: build it once from past years' reports, add to it, and check a new
report against it in well under a second, without reading the corpus again."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import numpy as np

from ..errors import UsageError
from .corpus import (
    KgramSample,
    PairResult,
    ReuseDoc,
    ReuseParams,
    ReuseResult,
    align_pair,
    common_threshold,
    sample_rate_for,
    self_report,
    signatures_of,
)
from .boilerplate import mask_of
from .signatures import Signature, SignatureParams
from .text import NormText, kgram_hashes

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, title TEXT, organization TEXT, year INTEGER,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, digest TEXT NOT NULL UNIQUE,
    norm TEXT NOT NULL, seg_norm BLOB NOT NULL, seg_orig BLOB NOT NULL, boilerplate BLOB NOT NULL,
    minhash BLOB NOT NULL, sections TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fingerprints(hash INTEGER NOT NULL, doc INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS bands(band INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS common_kgrams(hash INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS fingerprints_hash ON fingerprints(hash);
CREATE INDEX IF NOT EXISTS bands_key ON bands(band, key);
CREATE INDEX IF NOT EXISTS documents_unit ON documents(organization, year);
"""


def _signed(values: np.ndarray) -> list[int]:
    """SQLite integers are signed 64-bit: store the same bits."""
    return values.astype(np.uint64).view(np.int64).tolist()


def _unsigned(values) -> np.ndarray:
    return np.array(list(values), dtype=np.int64).view(np.uint64)


def digest_of(d: ReuseDoc) -> str:
    return hashlib.sha256(d.norm.text.encode("utf-8")).hexdigest()


class ReuseIndex:
    def __init__(self, path: str | Path, params: ReuseParams | None = None, create: bool = False):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise UsageError(f"索引文件不存在：{path}（先用 shuzhi index build 建立）")
        self.db = sqlite3.connect(str(self.path))
        self.db.executescript(_SCHEMA)
        stored = dict(self.db.execute("SELECT key, value FROM meta"))
        if stored:
            if int(stored.get("schema", 0)) != SCHEMA_VERSION:
                raise UsageError(f"索引 {path} 的格式版本不符，请重新 build")
            self.params = ReuseParams(SignatureParams(**json.loads(stored["signatures"])),
                                      **{k: v for k, v in json.loads(stored["params"]).items() if k != "signatures"})
        else:
            self.params = params or ReuseParams()
            self._write_meta()

    def _write_meta(self) -> None:
        params = asdict(self.params)
        signatures = params.pop("signatures")
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
            ("schema", str(SCHEMA_VERSION)), ("signatures", json.dumps(signatures)), ("params", json.dumps(params)),
        ])
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    @property
    def size(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    # -- building ---------------------------------------------------------------------------------

    def add(self, docs: list[ReuseDoc]) -> tuple[int, int]:
        """Add reports (a report already in the index, by content, is skipped); (added, skipped).

        The common phrasing learnt when the index was built is kept; build again to relearn it.
        """
        signatures_of(docs, self.params.signatures)
        added = skipped = 0
        with self.db:
            for d in docs:
                digest = digest_of(d)
                if self.db.execute("SELECT 1 FROM documents WHERE digest = ?", (digest,)).fetchone():
                    skipped += 1
                    continue
                sig = d.signature
                cur = self.db.execute(
                    'INSERT INTO documents(source, title, organization, year, start, "end", digest, norm, seg_norm, '
                    "seg_orig, boilerplate, minhash, sections) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.source, d.title, d.organization, d.year, d.start, d.end, digest, d.norm.text,
                     d.norm.seg_norm.astype(np.int64).tobytes(), d.norm.seg_orig.astype(np.int64).tobytes(),
                     sig.boilerplate.astype(np.int32).tobytes(), sig.minhash.astype(np.uint32).tobytes(),
                     json.dumps(d.sections, ensure_ascii=False)),
                )
                doc_id = cur.lastrowid
                self.db.executemany("INSERT INTO fingerprints VALUES (?, ?)", ((h, doc_id) for h in _signed(sig.fingerprints)))
                keys = sig.band_keys(self.params.signatures)
                self.db.executemany("INSERT INTO bands VALUES (?, ?, ?)", ((b, k, doc_id) for b, k in enumerate(_signed(keys))))
                added += 1
        return added, skipped

    def learn_common(self, docs: list[ReuseDoc], rate: int) -> None:
        """Remember the k-grams many reports share (common phrasing), from signatures sampled at `rate`."""
        common = KgramSample.count(docs, rate, common_threshold(len(docs), self.params)).common
        with self.db:
            self.db.execute("DELETE FROM common_kgrams")
            self.db.executemany("INSERT OR IGNORE INTO common_kgrams VALUES (?)", ((h,) for h in _signed(common)))
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('common_rate', ?)", (str(rate),))

    # -- querying ---------------------------------------------------------------------------------

    def _fingerprint_df(self, fingerprints: np.ndarray) -> dict[int, int]:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS q(hash INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM q")
        self.db.executemany("INSERT OR IGNORE INTO q VALUES (?)", ((h,) for h in _signed(fingerprints)))
        rows = self.db.execute("SELECT f.hash, COUNT(*) FROM fingerprints f JOIN q ON q.hash = f.hash GROUP BY f.hash")
        return dict(rows)

    def candidates(self, d: ReuseDoc) -> set[int]:
        sig = d.signature
        threshold = common_threshold(self.size + 1, self.params)
        df = self._fingerprint_df(sig.fingerprints)
        rare = [h for h, n in df.items() if n < threshold]
        found: set[int] = set()
        for start in range(0, len(rare), 500):
            chunk = rare[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT DISTINCT doc FROM fingerprints WHERE hash IN ({marks})", chunk))
        keys = _signed(sig.band_keys(self.params.signatures))
        for band, key in enumerate(keys):
            for (doc,) in self.db.execute("SELECT doc FROM bands WHERE band = ? AND key = ?", (band, key)):
                row = self.db.execute("SELECT minhash FROM documents WHERE id = ?", (doc,)).fetchone()
                if np.mean(np.frombuffer(row[0], dtype=np.uint32) == sig.minhash) >= self.params.lsh_min_jaccard:
                    found.add(doc)
        if d.organization and d.year:
            found.update(r[0] for r in self.db.execute(
                "SELECT id FROM documents WHERE organization = ? AND year = ?", (d.organization, d.year - 1)))
        return found

    def load(self, doc_id: int, as_id: int) -> ReuseDoc:
        row = self.db.execute(
            'SELECT source, title, organization, year, start, "end", norm, seg_norm, seg_orig, boilerplate, minhash, sections '
            "FROM documents WHERE id = ?", (doc_id,)).fetchone()
        source, title, organization, year, start, end, norm, seg_norm, seg_orig, boilerplate, mh, sections = row
        norm_text = NormText(norm, np.frombuffer(seg_norm, dtype=np.int64), np.frombuffer(seg_orig, dtype=np.int64))
        d = ReuseDoc(as_id, source, title, start, end, year, organization, norm_text,
                     [tuple(s) for s in json.loads(sections)])
        d.signature = Signature(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int32),
                                np.frombuffer(mh, dtype=np.uint32), np.empty(0, dtype=np.uint64),
                                np.frombuffer(boilerplate, dtype=np.int32).reshape(-1, 2))
        return d

    def common_mask(self, d: ReuseDoc) -> np.ndarray:
        """Official formulations and stock phrases, and what the index knows many reports share."""
        k = self.params.signatures.min_run
        mask = mask_of(d.signature.boilerplate, len(d.norm))
        h = kgram_hashes(d.norm.text, k)
        if len(h) == 0:
            return mask
        rate = int(dict(self.db.execute("SELECT key, value FROM meta")).get("common_rate", 1))
        sampled = np.flatnonzero(h % np.uint64(rate) == 0)
        positions = []
        for start in range(0, len(sampled), 500):
            chunk = sampled[start : start + 500]
            values = _signed(h[chunk])
            marks = ",".join("?" * len(values))
            common = {r[0] for r in self.db.execute(f"SELECT hash FROM common_kgrams WHERE hash IN ({marks})", values)}
            positions += [int(p) for p, v in zip(chunk, values) if v in common]
        threshold = common_threshold(self.size + 1, self.params)
        df = self._fingerprint_df(d.signature.fingerprints)
        for h_fp, p in zip(_signed(d.signature.fingerprints), d.signature.positions.tolist()):
            if df.get(h_fp, 0) >= threshold:
                positions.append(p)
        for p in positions:
            mask[p : p + k] = True
        return mask

    def query(self, docs: list[ReuseDoc]) -> ReuseResult:
        """Each new report against the index: shared passages, and its unit's report of the year before."""
        signatures_of(docs, self.params.signatures)
        out_docs = list(docs)
        loaded: dict[int, ReuseDoc] = {}
        pairs: list[PairResult] = []
        selves = []
        for d in docs:
            mask_d = self.common_mask(d)
            for doc_id in sorted(self.candidates(d)):
                if doc_id not in loaded:
                    loaded[doc_id] = self.load(doc_id, len(docs) + len(loaded))
                    out_docs.append(loaded[doc_id])
                other = loaded[doc_id]
                r = align_pair(d, other, self.params, mask_d, mask_of(other.signature.boilerplate, len(other.norm)))
                if r is None:
                    continue
                r.self_reuse = bool(d.organization and d.organization == other.organization and other.year == (d.year or 0) - 1)
                pairs.append(r)
                if r.self_reuse:
                    selves.append(self_report(other, d, r))
        return ReuseResult(out_docs, sorted(pairs, key=lambda r: -max(r.ratio_a, r.ratio_b)), [], [], selves,
                           candidates=len(pairs))


def build(path: str | Path, docs: list[ReuseDoc], params: ReuseParams | None = None) -> ReuseIndex:
    """A new index holding `docs`, replacing any index at `path`."""
    path = Path(path)
    if path.exists():
        path.unlink()
    index = ReuseIndex(path, params, create=True)
    rate = sample_rate_for(docs, index.params)
    signatures_of(docs, index.params.signatures, rate)
    index.add(docs)
    index.learn_common(docs, rate)
    return index

