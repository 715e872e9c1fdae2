"""How long checking reports' numbers against their ledgers takes (LD rules), one core.

    python benchmarks/claims_speed.py [--reports 1000] [--runs 3]

A made-up ledger of `--reports` 党支部 (one year), and for each branch a report written the way secretaries write
them (counts of meetings, talks, members developed, dues; some right, some not). Measured: for every report, the
facts of its branch from the ledger, the claims found in it and compared (target: 1,000 reports ≤ 60 s).
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_bench import tree  # noqa: E402
from shuzhi.config import Config  # noqa: E402
from shuzhi.ingest import SourceFile, documents_of  # noqa: E402
from shuzhi.ledger.demo import synthetic  # noqa: E402
from shuzhi.ledger.facts import LedgerCheck  # noqa: E402
from shuzhi.review.checker import Checker  # noqa: E402

YEAR = 2023
TEMPLATE = """{year}年度{name}书记抓基层党建工作述职报告

一、履职情况
（一）加强组织建设。支部共有党员{members}名，其中预备党员{probationers}名。全年召开支部党员大会{general}次、支委会{committee}次、党小组会{groups}次，开展主题党日活动{days}次，上党课{lessons}次。
（二）加强党员教育管理。开展谈心谈话{talks}人次，民主评议党员{appraised}名。全年发展党员{admitted}名，确定入党积极分子{activists}名。党费收缴率{rate}%。
（三）推进党建与业务融合。组建党员先锋岗2个，开展志愿服务30余次，服务群众500余人次。
二、存在问题
一是理论学习不够深入；二是组织生活质量有待提高。
三、原因分析
主要是思想认识不到位，制度执行不严格。
四、下一步打算
计划每月召开1次支委会，全年开展主题党日12次。
"""


def report(name: str, facts: dict, rng: random.Random, exact: bool) -> str:
    def v(key, scale=1):
        value = facts[key].value or 0
        off = 0 if exact or scale != 1 else rng.choice((0, 0, 0, 1, 2))  # a few numbers off, unless --exact
        return int(round(value * scale)) + off

    return TEMPLATE.format(year=YEAR, name=name, members=v("members.end"), probationers=v("members.probationary"),
                           general=v("meetings.支部党员大会"), committee=v("meetings.支部委员会"), groups=v("meetings.党小组会"),
                           days=v("meetings.主题党日"), lessons=v("meetings.党课"), talks=v("talks.total"), appraised=v("appraisal.total"),
                           admitted=v("development.admitted"), activists=v("development.activists"), rate=v("dues.rate", 100) if facts["dues.rate"].value else 100)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--exact", action="store_true", help="报告的数字都与台账一致（此时 LD 应为 0 处）")
    args = ap.parse_args()
    orgs = tree(args.reports + args.reports // 19 + 1)
    ledger = synthetic(orgs, YEAR, datetime.date(YEAR, 12, 31), seed=3, members=(12, 30))
    branches = [o for o in orgs if o.type == "党支部"][: args.reports]
    check = LedgerCheck(ledger)
    rng = random.Random(1)
    texts = []
    for o in branches:
        facts, _, _ = check.facts_for(f"{YEAR}年度{o.name}书记抓基层党建工作述职报告", YEAR)
        texts.append(report(o.name, facts, rng, args.exact))
    docs = [d for i, t in enumerate(texts) for d in documents_of(SourceFile(f"r{i}.txt", t, "txt"))]
    checker = Checker(Config(select=("LD",)))
    times, found = [], 0
    for _ in range(args.runs):
        started = time.perf_counter()
        found = 0
        for doc in docs:
            facts, _, _ = check.facts_for(doc.title, doc.year)
            found += len(checker.check(doc, facts=facts))
        times.append(time.perf_counter() - started)
    print(f"{len(docs)} 份报告对照台账（{len(ledger.organizations)} 个党组织、{len(ledger.members)} 名党员、{len(ledger.meetings)} 次会议）："
          f"中位数 {statistics.median(times):.1f} 秒（{', '.join(f'{t:.1f}' for t in times)}；目标 ≤ 60 秒），LD 发现 {found} 处")


if __name__ == "__main__":
    main()
