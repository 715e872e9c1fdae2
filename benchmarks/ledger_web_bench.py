"""Speed of the ledger's compliance board, in-process through Django's test client on a fresh database.

    python benchmarks/ledger_web_bench.py [--orgs 1000] [--runs 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shuzhi_bench python benchmarks/ledger_web_bench.py

Stores a made-up year of records for `--orgs` organizations (a 党委 for every 20, 20 members a branch), then
measures the board for all of them: cold (nothing cached: every organization's obligations computed), warm (the
median of `--runs` requests; target ≤ 300 ms), and after one branch's record changed (one organization recomputed).
SQLite in a temporary folder by default; set DATABASE_URL for PostgreSQL (a test database is created and dropped).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TMP = Path(tempfile.mkdtemp(prefix="shuzhi-ledger-bench-"))
os.environ["SHUZHI_DATA"] = str(TMP)
os.environ["DJANGO_SETTINGS_MODULE"] = "shuzhi.web.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from ledger_bench import tree  # noqa: E402
from shuzhi.ledger.demo import synthetic  # noqa: E402
from shuzhi.web.ledger import models as m  # noqa: E402
from shuzhi.web.ledger.importer import store  # noqa: E402
from shuzhi.web.orgs.models import Organization, Role  # noqa: E402

YEAR = datetime.date.today().year - 1


def populate(n: int) -> Organization:
    top = Organization.objects.create(name="测试市委", kind=Organization.COMMITTEE, sector="organ")
    engine = tree(n)
    orgs: dict[str, Organization] = {}
    for o in engine:
        kind = {"党委": Organization.COMMITTEE, "党支部": Organization.BRANCH}[o.type]
        orgs[o.name] = Organization.objects.create(name=o.name, kind=kind, sector={"机关": "organ", "村": "village"}[o.sector],
                                                   parent=orgs.get(o.parent) or top)
    ledger = synthetic(engine, YEAR, datetime.date(YEAR, 12, 31), seed=11, weak={o.name for o in engine[::37]}, members=(17, 22))
    started = time.perf_counter()
    store(ledger, orgs, None, reason="基准测试")
    print(f"存入 {n} 个党组织的一年记录：{len(ledger.members)} 名党员、{len(ledger.meetings)} 次会议、{len(ledger.payments)} 笔党费、"
          f"{len(ledger.talks)} 次谈话，用时 {time.perf_counter() - started:.0f} 秒")
    return top


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    created = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"数据库：{connection.vendor}；Django {django.get_version()}")
        top = populate(args.orgs)
        reviewer = get_user_model().objects.create_user("bench_reviewer", password="bench-password-1")
        Role.objects.create(user=reviewer, organization=top, kind=Role.REVIEWER)
        client = Client()
        client.force_login(reviewer)
        url = f"/ledger/board/?year={YEAR}"
        cache.clear()
        cold = timed(lambda: client.get(url))
        rows = len(client.get(url + "&format=json").json()["organizations"])
        warm = [timed(lambda: client.get(url)) for _ in range(args.runs)]
        branch = Organization.objects.filter(kind=Organization.BRANCH).order_by("pk")[5]
        changes = []
        for i in range(5):
            m.Meeting.objects.create(organization=branch, date=datetime.date(YEAR, 6, 1 + i), kinds=["党课"], topic=f"基准{i}")
            changes.append(timed(lambda: client.get(url)))
        print(f"总览（{rows} 个党组织 × 11 项）：冷启动 {cold:.0f} ms（全部重算）；"
              f"缓存后中位数 {statistics.median(warm):.0f} ms（{args.runs} 次，{min(warm):.0f}–{max(warm):.0f}；目标 ≤ 300 ms）；"
              f"改动一个支部的记录后中位数 {statistics.median(changes):.0f} ms（重算它和它的上级）")
        json_warm = [timed(lambda: client.get(url + "&format=json")) for _ in range(args.runs)]
        org_page = [timed(lambda: client.get(f"/ledger/org/{branch.pk}/?year={YEAR}")) for _ in range(args.runs)]
        print(f"  总览的 JSON：中位数 {statistics.median(json_warm):.0f} ms；一个支部的页面（现算）：中位数 {statistics.median(org_page):.0f} ms")
    finally:
        teardown_databases(created, verbosity=0)
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
