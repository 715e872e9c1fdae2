"""Checks a worker on this machine started and never finished (it was killed, or the machine lost power).

The task framework marks a claimed task as running and leaves it so when its worker dies: the upload would show
检查中 for ever. Each `shuzhi worker` names itself by host and process id (`worker_id`); at start-up it puts back
in the queue the running tasks whose worker, on this host, is no longer alive (its process is gone, is another
program's, or dates from before the machine restarted). The upload's files are still in the
database (they are deleted only once it is done), and its reports already stored are not checked twice.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from django.db import transaction
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
    """Put back the tasks of dead workers of this host; the number put back."""
    here = host()
    count = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        last = result.worker_ids[-1] if result.worker_ids else ""
        name, pid, started_boot = (last.split(":") + ["", "", ""])[:3]
        if name != here or not pid.isdigit() or _alive(int(pid), started_boot):
            continue  # another machine's worker, one started otherwise, or one still at work
        with transaction.atomic():
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            Upload.objects.filter(task_id=str(result.id)[:64], status=Upload.RUNNING).update(status=Upload.QUEUED)
        count += 1
    return count
