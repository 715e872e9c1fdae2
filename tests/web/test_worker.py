"""The database-backed task queue really carries an upload: queued by the page, done by the worker."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from shuzhi.web.reviews.models import Report, Upload

from .conftest import client_for, report_bytes, upload

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _queued(settings, tree):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE
    client = client_for(tree.secretary_a)
    response = upload(client, tree.branch_a, [("queued.txt", report_bytes())])
    assert response.status_code == 202
    queued = Upload.objects.get()
    assert queued.status == Upload.QUEUED and not Report.objects.exists()  # nothing ran in the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    progress = client.get(f"/uploads/{queued.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "排队中" in progress and 'hx-trigger="every 1s"' in progress  # the page keeps polling
    return client, queued


@pytest.mark.django_db
def test_the_worker_run_loop_processes_a_queued_upload(settings, tree, monkeypatch):
    from django_tasks_db.management.commands import db_worker

    # The loop closes connections between tasks; inside a test's transaction that would close the test's own.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client, queued = _queued(settings, tree)
    Upload.objects.filter(pk=queued.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "shuzhi worker" in client.get(f"/uploads/{queued.pk}/", HTTP_HX_REQUEST="true").content.decode()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    queued.refresh_from_db()
    assert queued.status == Upload.DONE and queued.done == 1 and Report.objects.count() == 1
    progress = client.get(f"/uploads/{queued.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "已完成" in progress and "hx-trigger" not in progress and "检查完成的报告（1）" in progress


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_shuzhi_worker_in_a_subprocess_processes_a_queued_upload(settings, tree, tmp_path):
    _, queued = _queued(settings, tree)
    env = dict(os.environ, DATABASE_URL=_database_url(), SHUZHI_DATA=str(tmp_path), SHUZHI_JOBS="1")
    done = subprocess.run([sys.executable, "-m", "shuzhi", "worker", "--batch", "--interval", "0"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "后台检查进程已启动" in done.stdout
    # The task framework's own lines, in Chinese: no English reaches the console.
    assert "（上传的报告）：开始检查" in done.stdout and "（上传的报告）：检查完成" in done.stdout
    assert "排队的任务已全部处理" in done.stdout
    assert not re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", done.stdout + done.stderr), done.stdout + done.stderr
    queued.refresh_from_db()
    assert queued.status == Upload.DONE and Report.objects.get().findings.filter(rule="PH001").exists()


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


@pytest.mark.django_db
def test_a_check_whose_worker_died_is_queued_again_and_finished_without_repeats(settings, tree, monkeypatch):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    from shuzhi.web.reviews.models import SourceFile, UploadedFile
    from shuzhi.web.reviews.recovery import boot, host, requeue_interrupted

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client = client_for(tree.secretary_a)
    settings.TASKS = DATABASE
    files = [("first.txt", report_bytes()), ("second.txt", report_bytes().replace("党建".encode(), "党的建设".encode()))]
    assert upload(client, tree.branch_a, files).status_code == 202
    queued = Upload.objects.get()
    kept = [(f.name, bytes(f.data)) for f in queued.files.order_by("pk")]
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    assert SourceFile.objects.count() == 2 and Report.objects.count() == 2
    # As if the worker died after storing both reports, before the upload was marked done.
    for name, data in kept:
        UploadedFile.objects.create(upload=queued, name=name, data=data)
    Upload.objects.filter(pk=queued.pk).update(status=Upload.RUNNING)
    task = DBTaskResult.objects.get()
    task.status, task.worker_ids = "RUNNING", [f"{host()}:{_dead_pid()}:{boot()}:abcd"]
    task.save()
    # A live worker process (its command line names it a worker).
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "worker"])
    alive = DBTaskResult.objects.create(task_path=task.task_path, args_kwargs=task.args_kwargs, status="RUNNING",
                                        backend_name=task.backend_name, queue_name=task.queue_name, run_after=task.run_after,
                                        worker_ids=[f"{host()}:{worker.pid}:{boot()}:abcd"], exception_class_path="", traceback="")
    other = subprocess.Popen(["sleep", "60"])  # a worker's old number, now another program's

    def running(worker_id: str):
        return DBTaskResult.objects.create(task_path=task.task_path, args_kwargs=task.args_kwargs, status="RUNNING",
                                           backend_name=task.backend_name, queue_name=task.queue_name,
                                           run_after=task.run_after, worker_ids=[worker_id], exception_class_path="",
                                           traceback="")

    elsewhere = running("another-host:1:abcd:abcd")
    reused = running(f"{host()}:{other.pid}:{boot()}:abcd")
    before_restart = running(f"{host()}:{worker.pid}:0000ffff:abcd")
    try:
        assert requeue_interrupted() == 3
    finally:
        for process in (worker, other):
            process.kill()
            process.wait()
    assert Upload.objects.get().status == Upload.QUEUED
    assert {r.pk: r.status for r in DBTaskResult.objects.all()} == {
        task.pk: "READY", alive.pk: "RUNNING", elsewhere.pk: "RUNNING", reused.pk: "READY", before_restart.pk: "READY"}
    DBTaskResult.objects.exclude(pk=task.pk).delete()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    queued.refresh_from_db()
    assert queued.status == Upload.DONE and (queued.total, queued.done) == (2, 2)
    assert queued.duplicates == [] and queued.errors == [] and Report.objects.count() == 2


@pytest.mark.django_db
def test_an_upload_whose_task_ended_unfinished_is_queued_again_and_a_finished_one_is_left_alone(settings, tree, monkeypatch):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    from shuzhi.web.reviews.processing import process_upload
    from shuzhi.web.reviews.recovery import requeue_interrupted

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    _, queued = _queued(settings, tree)
    # A second Ctrl+C: the task framework marks the task failed; the check had put the upload back in the queue.
    DBTaskResult.objects.update(status="FAILED")
    old_task = Upload.objects.get().task_id
    Upload.objects.update(task_id="")
    assert requeue_interrupted() == 0  # no task id yet and just made: the page may be queueing it at this moment
    Upload.objects.update(task_id=old_task)
    assert requeue_interrupted() == 1
    again = Upload.objects.get()
    assert again.status == Upload.QUEUED and again.task_id != old_task
    assert DBTaskResult.objects.get(pk=again.task_id).status == "READY"
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    done = Upload.objects.get()
    assert done.status == Upload.DONE and (done.total, done.done) == (1, 1)
    process_upload(done.pk)  # run once more (its worker died before marking the task done): nothing changes
    assert (Upload.objects.get().total, Upload.objects.get().done) == (1, 1)
    assert requeue_interrupted() == 0


def test_the_worker_log_filter_speaks_chinese_and_hides_the_interruption_traceback():
    import logging

    from shuzhi.web.server import ChineseWorkerLog

    def through(msg, args, exc=False):
        record = logging.LogRecord("django_tasks", logging.INFO, __file__, 1, msg, args, None)
        if exc:
            record.exc_info = (SystemExit, SystemExit(1), None)
        kept = ChineseWorkerLog().filter(record)
        return kept and (record.getMessage(), record.exc_info)

    assert through("Starting worker worker_id=%s queues=%s", ("x", "default")) is False
    assert through("Received %s - shutting down gracefully... (press Ctrl+C again to force)", ("Interrupt",))[0] == (
        "收到 Ctrl+C，处理完当前任务后退出（再按 Ctrl+C 立即退出）")
    message, exc = through("Task id=%s path=%s state=%s", ("t1", "shuzhi.web.reviews.tasks.check_upload", "FAILED"), exc=True)
    assert message.startswith("任务 t1（上传的报告）：未完成") and exc is None
