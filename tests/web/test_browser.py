"""End to end in a real browser: a secretary uploads a report, waits for the check, dismisses a finding,
and downloads the annotated .docx. Debian's Chromium driven by Playwright; never a downloaded browser."""

from __future__ import annotations

import io
import os
import shutil
import threading

import docx
import pytest

from .conftest import PASSWORD, report_bytes

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = pytest.mark.browser


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); the browser test runs in CI")
    playwright = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop on this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def worker(settings, transactional_db):
    """The database worker's loop on a thread, as `shuzhi worker` runs it."""
    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker

    settings.TASKS = DATABASE
    w = Worker(queue_names=["default"], interval=0.2, batch=False, backend_name="default", startup_delay=False,
               max_tasks=None, worker_id="browser-test", excluded_queue_names=[])

    def loop():
        try:
            w.run()
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield w
    w.running = False
    thread.join(timeout=10)


def test_secretary_uploads_reads_dismisses_and_downloads(browser, live_server, tree, worker, tmp_path):
    from shuzhi.web.reviews.models import Decision, Report

    source = tmp_path / "第一党支部述职报告.txt"
    source.write_bytes(report_bytes("第一党支部", 30))
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(live_server.url + "/login/")
    page.fill("input[name=username]", "sec_a")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/overview/**")

    page.goto(live_server.url + "/upload/")
    assert page.locator("select[name=organization] option").all_inner_texts() == ["第一党支部"]
    page.set_input_files("input[name=files]", str(source))
    assert "已选择" in page.inner_text("#chosen")
    page.screenshot(path=str(tmp_path / "upload.png"))
    page.click("button.primary")
    page.wait_for_url("**/uploads/*/")
    page.wait_for_selector("text=检查完成的报告（1）", timeout=30_000)  # the page polls until the worker is done
    page.screenshot(path=str(tmp_path / "upload-done.png"))
    page.click("#upload-status table a")
    page.wait_for_selector("#report-text mark.hl")

    report = Report.objects.get()
    total = report.findings.count()
    assert page.locator("#report-text mark.c-placeholder").count() >= 2
    assert "<script>" in page.inner_text("#report-text")  # shown as text, never run
    ph001 = report.findings.get(rule="PH001")
    item = page.locator(f"#item-{ph001.pk}")
    item.locator("button.dismiss").click()
    page.wait_for_selector(f"#item-{ph001.pk}.st-dismissed")
    assert page.locator(f"#report-text mark.dismissed[data-f='{ph001.pk}']").count() == 1
    decision = Decision.objects.get(key=ph001.key)
    assert decision.status == "dismissed" and decision.decided_by.username == "sec_a"
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)

    with page.expect_download() as download:
        page.click("text=下载带批注的 Word 文档")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".批注.docx")
    comments = docx.Document(io.BytesIO(saved.read_bytes())).comments
    assert len(comments) == total - 1 and not any("“XX”" in c.text for c in comments)
    if os.environ.get("SHUZHI_SCREENSHOTS"):  # a developer's copy to look at
        for name in ("upload.png", "upload-done.png", "report.png"):
            shutil.copy(tmp_path / name, os.environ["SHUZHI_SCREENSHOTS"])
