"""Speed of the web workbench, measured in-process through Django's test client on a fresh database.

    python benchmarks/web_speed.py [--runs 15] [--upload-runs 3]

Prints the median time to render the report page with 300 findings (target < 300 ms), the overview with
1,000 reports (target < 500 ms), and how long 200 uploaded reports take from the POST to the worker's end,
against `shuzhi check` on the same files (the ratio; target about 1). SQLite in a temporary folder by
default; set DATABASE_URL to measure PostgreSQL (a database of that name is created and dropped).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TMP = Path(tempfile.mkdtemp(prefix="shuzhi-web-bench-"))
os.environ["SHUZHI_DATA"] = str(TMP)
os.environ["DJANGO_SETTINGS_MODULE"] = "shuzhi.web.settings"
os.environ.setdefault("SHUZHI_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from check_speed import build_corpus  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from shuzhi.web.orgs.models import Organization, Role  # noqa: E402
from shuzhi.web.reviews.models import Finding, Report, SourceFile, Upload, UploadedFile  # noqa: E402
from shuzhi.web.reviews.processing import process_upload  # noqa: E402


def median_ms(fn, runs: int) -> tuple[float, list[float]]:
    fn()  # warm-up: templates compiled, caches filled
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


def many_findings_report(n: int) -> bytes:
    """A report whose 履职 part has n sentences, each with an unfilled placeholder."""
    rng = random.Random(3)
    lines = ["2023年度测试党支部书记抓基层党建工作述职报告", "", "一、履职情况"]
    things = ["主题党日活动", "支部委员会", "党员大会", "党小组会", "专题党课", "志愿服务", "谈心谈话", "走访慰问"]
    for i in range(n):
        lines.append(f"（{i + 1}）第{i + 1}季度开展{rng.choice(things)}XX次，参加党员{rng.randint(10, 90)}人，形成调研报告{i % 7 + 1}篇。")
    lines += ["二、存在问题", "一是学习不够深入。", "三、原因分析", "认识不到位。", "四、下一步打算", "持续加强支部建设。"]
    return "\n".join(lines).encode()


def report_with_findings(target: int) -> bytes:
    """The shortest such report on which the engine finds at least `target` problems."""
    from shuzhi.ingest import SourceFile, documents_of
    from shuzhi.review.checker import Checker

    checker = Checker()
    n = int(target * 0.7)
    while True:
        data = many_findings_report(n)
        (doc,) = documents_of(SourceFile("bench.txt", data.decode(), "txt"))
        if len(checker.check(doc)) >= target:
            return data
        n += 1


def setup_people():
    root = Organization.objects.create(name="测试区委", kind=Organization.COMMITTEE)
    reviewer = get_user_model().objects.create_user("bench_reviewer", password="bench-password-1")
    Role.objects.create(user=reviewer, organization=root, kind=Role.REVIEWER)
    client = Client()
    client.force_login(reviewer)
    return root, reviewer, client


def bench_report_page(root, reviewer, client, runs: int) -> None:
    upload = Upload.objects.create(organization=root, year=2023, uploaded_by=reviewer)
    UploadedFile.objects.create(upload=upload, name="many.txt", data=report_with_findings(300))
    process_upload(upload.pk)
    report = Report.objects.get(source_file__upload=upload)
    n = report.findings.count()
    url = f"/reports/{report.pk}/"
    assert client.get(url).status_code == 200
    med, times = median_ms(lambda: client.get(url), runs)
    size = len(client.get(url).content)
    print(f"报告页（{n} 处问题，HTML {size / 1024:.0f} KB）：中位数 {med:.0f} ms（{runs} 次，最快 {min(times):.0f}，最慢 {max(times):.0f}；目标 < 300 ms）")
    med_json, _ = median_ms(lambda: client.get(url + "?format=json"), runs)
    print(f"  其 JSON：中位数 {med_json:.0f} ms")


def bench_overview(root, reviewer, client, runs: int) -> None:
    """1,000 reports over 50 branches, each a copy of a checked report with its findings."""
    units = [Organization.objects.create(name=f"第{i + 1}党支部", kind=Organization.BRANCH, parent=root) for i in range(50)]
    seed_upload = Upload.objects.create(organization=units[0], year=2024, uploaded_by=reviewer)
    UploadedFile.objects.create(upload=seed_upload, name="seed.txt", data=many_findings_report(30))
    process_upload(seed_upload.pk)
    seed = Report.objects.get(source_file__upload=seed_upload)
    seed_findings = list(seed.findings.all())
    sf0 = seed.source_file
    rng = random.Random(5)
    files = SourceFile.objects.bulk_create([
        SourceFile(organization=units[i % 50], year=2024, sha256=f"{i:064x}", name=f"r{i}.txt", data=b"", format="txt",
                   text=sf0.text, upload=seed_upload) for i in range(1, 1000)])
    reports = Report.objects.bulk_create([
        Report(source_file=f, index=0, organization=f.organization, year=2024, title=f"第{i}份报告", kind=seed.kind, start=seed.start,
               end=seed.end, result=seed.result, errors=rng.randint(0, 40), warnings=rng.randint(0, 20), placeholders=rng.randint(0, 30),
               stale=rng.randint(0, 3), concreteness=rng.random(), score=rng.randint(40, 100), rating=rng.choice(["好", "较好", "一般", "差"]))
        for i, f in enumerate(files, 1)])
    Finding.objects.bulk_create([
        Finding(report=r, rule=f.rule, category=f.category, severity=f.severity, start=f.start, end=f.end, line=f.line, column=f.column,
                text=f.text, message=f.message, suggestions=f.suggestions, key=f.key) for r in reports for f in seed_findings], batch_size=5000)
    count = Report.objects.filter(year=2024).count()
    findings = Finding.objects.filter(report__year=2024).count()
    url = "/overview/?year=2024"
    assert client.get(url).status_code == 200
    med, times = median_ms(lambda: client.get(url), runs)
    print(f"审读总览（{count} 份报告，{findings} 处问题）：中位数 {med:.0f} ms（{runs} 次，最快 {min(times):.0f}，最慢 {max(times):.0f}；目标 < 500 ms）")
    med_sorted, _ = median_ms(lambda: client.get(url + "&sort=-errors"), runs)
    med_json, _ = median_ms(lambda: client.get(url + "&format=json"), runs)
    med_xlsx, _ = median_ms(lambda: client.get("/overview/export.xlsx?year=2024"), max(3, runs // 3))
    print(f"  按错误数排序：{med_sorted:.0f} ms；JSON：{med_json:.0f} ms；导出 Excel：{med_xlsx:.0f} ms")


def bench_upload(root, reviewer, client, runs: int) -> None:
    corpus = TMP / "corpus"
    corpus.mkdir()
    build_corpus(corpus, 3_000_000)
    files = sorted(corpus.iterdir())
    for extra in files[200:]:
        extra.unlink()
    files = files[:200]
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in files:
            zf.write(p, p.name)
    archive = buf.getvalue()
    shuzhi = shutil.which("shuzhi", path=str(Path(sys.executable).parent)) or "shuzhi"

    def cli():
        subprocess.run([shuzhi, "check", str(corpus), "--format", "json"], stdout=subprocess.DEVNULL, check=False)

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    # Each run times the command line and then the web, so that load from elsewhere on the machine falls on both.
    cli_times, web_times = [], []
    for run in range(runs):
        t = time.perf_counter()
        cli()
        cli_times.append(time.perf_counter() - t)
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
            t = time.perf_counter()
            response = client.post("/upload/?format=json", {"organization": root.pk, "year": 2030 + run,
                                                             "files": [SimpleUploadedFile("batch.zip", archive)]})
            assert response.status_code == 202, response.content
            call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
            web_times.append(time.perf_counter() - t)
        upload = Upload.objects.get(pk=response.json()["upload"])
        assert upload.status == Upload.DONE and upload.done == 200 and not upload.errors, (upload.status, upload.errors[:3])
    cli_med, web_med = statistics.median(cli_times), statistics.median(web_times)
    print(f"上传 200 份报告（{chars / 1e6:.2f} 百万字，zip {len(archive) / 1024:.0f} KB）：")
    print(f"  shuzhi check（命令行，{runs} 次中位数）：{cli_med:.2f} s")
    print(f"  网页上传 + 后台检查入库（{runs} 次中位数）：{web_med:.2f} s")
    ratios = sorted(w / c for w, c in zip(web_times, cli_times))
    print(f"  比值（网页 / 命令行）：中位数之比 {web_med / cli_med:.2f}；逐次比值 {'、'.join(f'{r:.2f}' for r in ratios)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--upload-runs", type=int, default=3)
    args = parser.parse_args()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    created = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"数据库：{connection.vendor}；Django {django.get_version()}")
        root, reviewer, client = setup_people()
        bench_report_page(root, reviewer, client, args.runs)
        bench_overview(root, reviewer, client, args.runs)
        bench_upload(root, reviewer, client, args.upload_runs)
    finally:
        teardown_databases(created, verbosity=0)
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
