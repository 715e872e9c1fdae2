"""Checks a worker on this machine started and never finished (it was killed, or the machine lost power).

The task framework marks a claimed task as running and leaves it so when its worker dies: the upload would show
检查中 for ever. Each `shuzhi worker` names itself by host and process id (`worker_id`); at start-up it puts back
in the queue the running tasks whose worker, on this host, is no longer alive (its process is gone, is another
program's, or dates from before the machine restarted). The upload's files are still in the
database (they are deleted only once it is done), and its reports already stored are not checked twice. An upload
whose task ended without finishing it (the worker was stopped by a second Ctrl+C) is queued again too.

Host names must differ between the machines or containers that run workers on one database: a worker takes a
running task of another live worker with its own host name and process number for its predecessor's.
"""

from __future__ import annotations

import datetime
import os
import socket
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Upload


def host() -> str:
    return socket.gethostname()[:40] or "localhost"


def boot() -> str:
    """This boot of the machine (Linux), so that a process id from before a restart is known to be gone."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip().replace("-", "")[:8] or "-"
    except OSError:
        return "-"


def worker_id() -> str:
    """host:pid:boot:random, at most 64 characters (the framework's limit)."""
    return f"{host()}:{os.getpid()}:{boot()}:{os.urandom(3).hex()}"


def _alive(pid: int, started_boot: str) -> bool:
    if started_boot != boot():
        return False  # the machine restarted since: the number may now be another process's
    if pid == os.getpid():
        return False  # this worker, started again with the same number (process 1 of a container): its predecessor
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    try:  # the number reused by another program (Linux)
        return b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True


def requeue_interrupted() -> int:
    """Put back the tasks of dead workers of this host, and queue again the uploads left unfinished by a task that
    ended without finishing them (a worker stopped by a second Ctrl+C); the number of uploads put back."""
    from .tasks import check_upload

    here = host()
    count = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        last = result.worker_ids[-1] if result.worker_ids else ""
        name, pid, started_boot = (last.split(":") + ["", "", ""])[:3]
        if name != here or not pid.isdigit() or _alive(int(pid), started_boot):
            continue  # another machine's worker, one started otherwise, or one still at work
        with transaction.atomic():
            # Only if no other worker starting at the same moment has claimed it again meanwhile.
            claimed = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at)
            if claimed.update(status=TaskResultStatus.READY, started_at=None):
                Upload.objects.filter(task_id=str(result.id)[:64], status=Upload.RUNNING).update(status=Upload.QUEUED)
                count += 1
    waiting = {str(pk) for pk in DBTaskResult.objects.filter(
        status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING)).values_list("pk", flat=True)}
    settled = timezone.now() - datetime.timedelta(minutes=1)
    for upload in Upload.objects.filter(status__in=(Upload.QUEUED, Upload.RUNNING)):
        if not upload.task_id and upload.created_at > settled:
            continue  # the page is queueing it right now: its task id is being written
        if upload.task_id not in waiting:  # its task failed or finished, or there is none
            result = check_upload.enqueue(upload.pk)
            Upload.objects.filter(pk=upload.pk).update(status=Upload.QUEUED, task_id=str(result.id)[:64])
            count += 1
    return count
