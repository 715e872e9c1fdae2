"""Background work, run by `shuzhi worker` (the database-backed worker of Django's tasks framework)."""

from __future__ import annotations

from django_tasks import task

from .processing import process_upload


@task()
def check_upload(upload_id: int) -> None:
    process_upload(upload_id)
