"""Speed of a campaign of 1,000 reporters, in-process through Django's test client on a fresh database.

    python benchmarks/campaign_bench.py [--reporters 1000] [--runs 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shuzhi_bench python benchmarks/campaign_bench.py

Builds a campaign in its 整改 stage: `--reporters` branches, each with a submitted report, a reading grade, 30 online
ballots and paper totals, three problems fed back and their items in every state. Measures (targets of issue 16):
the overview and the rectification board (median of `--runs`; ≤ 300 ms each), every 反馈函 as a zip of .docx
(≤ 60 s), and tallying 300 ballots × 50 reporters (≤ 1 s) — in the engine, and from the database's rows.
SQLite in a temporary folder by default; set DATABASE_URL for PostgreSQL (a test database is created and dropped).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import zipfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TMP = Path(tempfile.mkdtemp(prefix="shuzhi-campaign-bench-"))
os.environ["SHUZHI_DATA"] = str(TMP)
os.environ["DJANGO_SETTINGS_MODULE"] = "shuzhi.web.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from shuzhi.campaign.tally import GRADES, count  # noqa: E402
from shuzhi.web.campaigns import models as c  # noqa: E402
from shuzhi.web.campaigns.voting import online_results  # noqa: E402
from shuzhi.web.orgs.models import Organization, Role  # noqa: E402
from shuzhi.web.reviews.models import Report, SourceFile  # noqa: E402

YEAR = 2025
STATES = ["drafting", "working", "applied", "closed", "ongoing"]


def populate(n: int, rng: random.Random):
    top = Organization.objects.create(name="测试市委", kind=Organization.COMMITTEE)
    branches = [Organization.objects.create(name=f"第{i + 1}党支部", kind=Organization.BRANCH, parent=top) for i in range(n)]
    reviewer = get_user_model().objects.create_user("bench_reviewer", password="bench-password-1")
    Role.objects.create(user=reviewer, organization=top, kind=Role.REVIEWER)
    campaign = c.Campaign.objects.create(name=f"{YEAR}年度述职评议", year=YEAR, scope=top, deadline=datetime.date(YEAR + 1, 1, 20),
                                         state="rectifying", voting="closed", created_by=reviewer)
    c.Membership.objects.create(campaign=campaign, user=reviewer, role=c.Membership.REVIEWER)
    reporters = c.Reporter.objects.bulk_create([
        c.Reporter(campaign=campaign, organization=o, seq=i + 1, secretary=f"书记{i + 1}", state="rectifying",
                   reading=rng.choice(GRADES[:3]), suggested=rng.choice(GRADES[:3]), comment="组织生活较规范", routine=85)
        for i, o in enumerate(branches)])
    files = SourceFile.objects.bulk_create([
        SourceFile(organization=r.organization, year=YEAR, sha256=f"{r.pk:064d}", name=f"{r.organization.name}.txt", data=b"x",
                   format="txt", text="报告") for r in reporters])
    reports = Report.objects.bulk_create([
        Report(source_file=f, index=0, organization=f.organization, year=YEAR, title=f.name, kind="党建述职", start=0, end=2,
               result={}, score=rng.randint(60, 95), rating=rng.choice(GRADES[:3])) for f in files])
    c.Submission.objects.bulk_create([c.Submission(reporter=r, version=1, source_file=f, report=rep, submitted_by=reviewer)
                                      for r, f, rep in zip(reporters, files, reports)])
    ballots = c.Ballot.objects.bulk_create([c.Ballot(id=uuid.uuid4(), campaign=campaign) for _ in range(30)])
    c.Vote.objects.bulk_create([c.Vote(ballot=b, reporter=r, grade=rng.choice(GRADES)) for b in ballots for r in reporters],
                               batch_size=5000)
    c.PaperTally.objects.bulk_create([c.PaperTally(reporter=r, issued=20, recovered=20, valid=19, good=10, fair=6, average=3)
                                      for r in reporters])
    problems = c.Problem.objects.bulk_create([
        c.Problem(reporter=r, number=f"{YEAR}-{r.seq:04d}-{k:02d}", category=rng.choice(("组织生活", "报告质量", "党费", "发展党员")),
                  text=f"问题{k}：组织生活会召开不规范", source="手工", requirement="严格落实", deadline=datetime.date(YEAR + 1, 6, 30))
        for r in reporters for k in (1, 2, 3)], batch_size=5000)
    c.Item.objects.bulk_create([c.Item(problem=p, state=rng.choice(STATES), measures="逐条整改", owner="张三",
                                       due=datetime.date(YEAR + 1, rng.randint(1, 12), 1)) for p in problems], batch_size=5000)
    return campaign, reviewer


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reporters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    created = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"数据库：{connection.vendor}；Django {django.get_version()}")
        rng = random.Random(16)
        started = time.perf_counter()
        campaign, reviewer = populate(args.reporters, rng)
        print(f"建立 {args.reporters} 名述职人的述职评议（每人1份报告、30张在线票、纸质票、3个问题及整改事项），"
              f"用时 {time.perf_counter() - started:.0f} 秒")
        client = Client()
        client.force_login(reviewer)
        base = f"/campaigns/{campaign.pk}"
        for name, url in (("总览", base + "/overview/"), ("总览 JSON", base + "/overview/?format=json"),
                          ("整改台账", base + "/rectification/"), ("整改台账 JSON", base + "/rectification/?format=json"),
                          ("述职人列表", base + "/")):
            assert client.get(url).status_code == 200
            runs = [timed(lambda: client.get(url)) for _ in range(args.runs)]
            print(f"  {name}：中位数 {statistics.median(runs):.0f} ms（{args.runs} 次，{min(runs):.0f}–{max(runs):.0f}）")
        box = {}
        letters = timed(lambda: box.setdefault("zip", client.get(base + "/letters.zip").content))
        n = len(zipfile.ZipFile(BytesIO(box["zip"])).namelist())
        print(f"  全部反馈函（{n} 份 .docx 打包）：{letters / 1000:.1f} 秒（目标 ≤ 60 秒），{len(box['zip']) / 1e6:.1f} MB")
        lists = timed(lambda: client.get(base + "/lists.xlsx"))
        print(f"  三张清单（{3 * args.reporters} 个问题）：{lists / 1000:.1f} 秒")
        # Tallying 300 ballots × 50 reporters: in the engine, and from the rows of a campaign that size.
        ballots = [{r: rng.choice(GRADES) for r in range(50)} for _ in range(300)]
        engine = [timed(lambda: count(ballots)) for _ in range(args.runs)]
        small = c.Campaign.objects.create(name="计票", year=YEAR, scope=campaign.scope, deadline=campaign.deadline, voting="closed")
        reps = c.Reporter.objects.bulk_create([c.Reporter(campaign=small, organization=o, seq=i + 1)
                                               for i, o in enumerate(Organization.objects.filter(kind="branch")[:50])])
        rows = c.Ballot.objects.bulk_create([c.Ballot(id=uuid.uuid4(), campaign=small) for _ in range(300)])
        c.Vote.objects.bulk_create([c.Vote(ballot=b, reporter=r, grade=rng.choice(GRADES)) for b in rows for r in reps], batch_size=5000)
        db = [timed(lambda: online_results(small)) for _ in range(args.runs)]
        print(f"  计票 300 张 × 50 名述职人：引擎中位数 {statistics.median(engine):.1f} ms；从数据库读出并计票中位数 "
              f"{statistics.median(db):.0f} ms（目标 ≤ 1 秒）")
    finally:
        teardown_databases(created, verbosity=0)
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
