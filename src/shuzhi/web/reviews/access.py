"""What a user may read of the reviews app: every query of its views starts here, through the shared scope of orgs."""

from __future__ import annotations

from django.db.models import QuerySet

from ..orgs.access import organizations, tops, within  # noqa: F401  (organizations and tops: for the views)
from .models import Report, SourceFile, Upload


def reports(user) -> QuerySet[Report]:
    return within(Report.objects.all(), user)


def source_files(user) -> QuerySet[SourceFile]:
    return within(SourceFile.objects.all(), user)


def uploads(user) -> QuerySet[Upload]:
    return within(Upload.objects.all(), user)
