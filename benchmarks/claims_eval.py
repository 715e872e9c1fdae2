"""Precision and recall of the claim extractor (shuzhi.review.claims) on hand-labelled reports.

    python benchmarks/claims_eval.py [--show]

The labels (benchmarks/labels/claims.json) are character offsets into each file's decoded text, with the fact each
claim is compared with and its value; no text is copied there. A claim found is right when a label has the same
fact, the same value and overlapping characters. The real reports of ../shared/corpus are skipped when absent
(or when a file has changed since it was labelled).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.review.claims import extract  # noqa: E402
from shuzhi.ingest import documents_of, load  # noqa: E402


def evaluate(entry: dict, show: bool) -> tuple[int, int, int] | None:
    path = (ROOT / entry["path"]).resolve()
    if not path.is_file():
        print(f"  跳过（不存在）：{entry['path']}")
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        print(f"  跳过（文件已变，标注作废）：{entry['path']}")
        return None
    sf = load(path.name, data)
    found = [c for d in documents_of(sf) for c in extract(d)]
    labels = entry["claims"]
    matched_labels = set()
    right = 0
    for c in found:
        hit = next((i for i, g in enumerate(labels) if i not in matched_labels and g["key"] == c.key and float(g["value"]) == c.value
                    and g["start"] < c.end and c.start < g["end"]), None)
        if hit is None:
            if show:
                print(f"    多报：{c.key}={c.value:g}  {sf.text[c.clause_start:c.clause_end]!r}")
        else:
            matched_labels.add(hit)
            right += 1
    if show:
        for i, g in enumerate(labels):
            if i not in matched_labels:
                print(f"    漏报：{g['key']}={g['value']:g} 于 {g['start']}")
    print(f"  {entry['path']}：标注 {len(labels)}，找出 {len(found)}，正确 {right}" + (f"（{entry['note']}）" if entry.get("note") else ""))
    return len(labels), len(found), right


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="列出多报和漏报")
    args = ap.parse_args()
    labels = json.loads((ROOT / "benchmarks" / "labels" / "claims.json").read_text(encoding="utf-8"))
    groups: dict[str, list] = {}
    for entry in labels["files"]:
        group = "真实报告（../shared/corpus）" if entry["path"].startswith("../shared") else (
            "调试前手工标注（未调试.txt）" if entry.get("note") else "自编示例")
        print(group)
        result = evaluate(entry, args.show)
        if result:
            groups.setdefault(group, []).append(result)
    for group, rows in groups.items():
        g, f, r = (sum(x[i] for x in rows) for i in range(3))
        p = r / f if f else float("nan")
        rc = r / g if g else float("nan")
        print(f"{group}：标注 {g}，找出 {f}，正确 {r}；查准率 {p:.2f}，查全率 {rc:.2f}")


if __name__ == "__main__":
    main()
