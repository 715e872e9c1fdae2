"""Speed and memory of the ledger engine at the scale of a large 组织部.

    python benchmarks/ledger_bench.py [--orgs 5000] [--members 100000] [--meetings 300000] [--rows 50000] [--runs 3]

Builds a made-up ledger (shuzhi.ledger.demo.synthetic, one year), then measures on one core:
  - obligations for every organization for the year (target ≤ 10 s), and the process's peak memory (≤ 2 GB);
  - reading a workbook of about `--rows` data rows (target ≤ 30 s).
Quotes the median of `--runs` runs.
"""

from __future__ import annotations

import argparse
import datetime
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from shuzhi.ledger.demo import synthetic  # noqa: E402
from shuzhi.ledger.export import ledger_bytes  # noqa: E402
from shuzhi.ledger.obligations import evaluate  # noqa: E402
from shuzhi.ledger.records import Meeting, Organization  # noqa: E402
from shuzhi.ledger.workbook import read_workbook  # noqa: E402


def tree(n: int) -> list[Organization]:
    """n organizations: a 党委 for every 20, the rest 党支部 under them, a fifth of them in villages."""
    orgs, top = [], None
    for i in range(n):
        if i % 20 == 0:
            top = Organization(f"第{i // 20 + 1}党委", "党委", "机关")
            orgs.append(top)
        else:
            orgs.append(Organization(f"{top.name}第{i % 20}党支部", "党支部", "村" if i % 5 == 0 else "机关", top.name))
    return orgs


def build(n_orgs: int, n_members: int, n_meetings: int, year: int):
    orgs = tree(n_orgs)
    branches = sum(1 for o in orgs if o.type == "党支部")
    per = max(3, round(n_members / branches))
    ledger = synthetic(orgs, year, datetime.date(year, 12, 31), seed=11, weak={o.name for o in orgs[::37]}, members=(per - 3, per + 2))
    # Top the meetings up to the size asked for with more 党小组会 and 主题党日, spread over the year.
    rng = random.Random(5)
    names = [o.name for o in orgs if o.type == "党支部"]
    while len(ledger.meetings) < n_meetings:
        day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        ledger.meetings.append(Meeting(day, rng.choice(names), frozenset({rng.choice(("党小组会", "主题党日", "党课"))}), "学习",
                                       key=f"X{len(ledger.meetings)}"))
    ledger._by_org = None
    return ledger


def _rows(ledger) -> int:
    return sum(len(getattr(ledger, k)) for k in ("organizations", "members", "meetings", "payments", "talks", "candidates", "appraisals", "elections"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orgs", type=int, default=5000)
    ap.add_argument("--members", type=int, default=100_000)
    ap.add_argument("--meetings", type=int, default=300_000)
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()

    started = time.perf_counter()
    ledger = build(args.orgs, args.members, args.meetings, args.year)
    print(f"台账：{len(ledger.organizations)} 个党组织，{len(ledger.members)} 名党员，{len(ledger.meetings)} 次会议，"
          f"{len(ledger.talks)} 次谈话，{len(ledger.payments)} 笔党费，{len(ledger.candidates)} 名发展对象"
          f"（生成用时 {time.perf_counter() - started:.1f} 秒）")
    times, items = [], 0
    for _ in range(args.runs):
        ledger._by_org = None  # the index is part of the work
        t = time.perf_counter()
        results = evaluate(ledger, args.year)
        times.append(time.perf_counter() - t)
        items = sum(len(r.items) for r in results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"义务计算：中位数 {statistics.median(times):.2f} 秒（{', '.join(f'{x:.2f}' for x in times)}；目标 ≤ 10 秒），"
          f"{items} 项；进程峰值内存 {peak:.0f} MB（目标 ≤ 2048 MB）")

    # A workbook of about --rows data rows: a smaller ledger of the same shape, written in the template's layout.
    total = _rows(ledger)
    share = min(1.0, args.rows / total)
    sub = build(max(20, round(args.orgs * share)), round(args.members * share), round(args.meetings * share), args.year)
    data = ledger_bytes(sub)
    rows = _rows(sub)
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        imported = read_workbook(data)
        times.append(time.perf_counter() - t)
    print(f"读入工作簿：{rows} 行（{len(data) / 1e6:.1f} MB），中位数 {statistics.median(times):.2f} 秒（{', '.join(f'{x:.2f}' for x in times)}；"
          f"目标 ≤ 30 秒），错误 {len(imported.errors)} 处")


if __name__ == "__main__":
    main()
