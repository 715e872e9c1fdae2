"""A report submitted inside a campaign: read and checked at once (the 预审), stored as a new version; nothing is
saved when the file cannot be read."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shuzhi.errors import InputError
from shuzhi.ingest import load
from shuzhi.ingest.sources import MB
from shuzhi.pipeline import check_source_file

from ..reviews.models import SourceFile
from ..reviews.processing import checker_for, save_documents, sha256
from .models import Campaign, Reporter, Submission
from .workflow import NotAllowed, move

OPEN_FOR_REPORTS = ("collecting", "reading", "rating")


def may_submit(reporter: Reporter, manager: bool, today: datetime.date | None = None) -> str | None:
    """Why the reporter cannot submit now (None: they can). A returned report may come back after the deadline."""
    campaign: Campaign = reporter.campaign
    today = today or timezone.localdate()
    if campaign.state not in OPEN_FOR_REPORTS:
        return f"述职评议处于“{campaign.get_state_display()}”阶段，不再收报告"
    if reporter.state not in ("pending", "submitted", "returned"):
        return f"报告已{reporter.get_state_display().lstrip('已')}，不能再提交新版本" if reporter.state == "read" else \
            f"当前状态“{reporter.get_state_display()}”下不能提交"
    if reporter.state != "returned" and today > campaign.deadline and not manager:
        return f"已过报告截止日期（{campaign.deadline:%Y年%m月%d日}），请联系组织部"
    return None


def submit(reporter: Reporter, name: str, data: bytes, user, manager: bool = False) -> Submission:
    """Check the file and keep it as the reporter's next version; NotAllowed (Chinese) when it cannot be taken."""
    why = may_submit(reporter, manager)
    if why:
        raise NotAllowed(why)
    if len(data) > settings.SHUZHI_MAX_FILE_MB * MB:
        raise NotAllowed(f"{name}：文件过大（{len(data) / MB:.1f} MB，上限 {settings.SHUZHI_MAX_FILE_MB:g} MB）")
    campaign = reporter.campaign
    try:
        loaded = load(name, data)
    except InputError as exc:
        raise NotAllowed(f"{exc.source}：{exc.message}") from None
    digest = sha256(data)
    latest = reporter.latest
    if latest is not None and latest.source_file.sha256 == digest:
        raise NotAllowed(f"{name}：与上一版（第{latest.version}版）完全相同，没有作为新版本提交")
    with transaction.atomic():
        sf = SourceFile.objects.filter(organization=reporter.organization, year=campaign.year, sha256=digest).first()
        if sf is None:
            checked = check_source_file(loaded, checker_for(campaign.year), campaign.year)
            sf = SourceFile.objects.create(
                organization=reporter.organization, year=campaign.year, sha256=digest, name=name, data=data,
                format=loaded.format, encoding=loaded.encoding or "", text=loaded.text, warnings=list(loaded.warnings),
                uploaded_by=user, checked_at=timezone.now())
            save_documents(sf, checked)
        reports = [r for r in sf.reports.order_by("index") if not r.front_matter]
        report = reports[0] if reports else None
        version = (latest.version if latest else 0) + 1
        sub = Submission.objects.create(reporter=reporter, version=version, source_file=sf, report=report, submitted_by=user,
                                        flags=flags(campaign, reports), late=timezone.localdate() > campaign.deadline)
        move(reporter, "submit", user, note=f"第{version}版：{name}")
    return sub


def flags(campaign: Campaign, reports) -> list[str]:
    """What the 预审 tells the secretary at once."""
    from ..campaigns.models import REPORT_KINDS

    if not reports:
        return ["文件中没有读出报告正文"]
    out = []
    if len(reports) > 1:
        out.append(f"文件中有{len(reports)}篇报告，请只提交本组织的一篇")
    report = reports[0]
    if report.kind != campaign.report_kind:
        wanted = dict(REPORT_KINDS)[campaign.report_kind]
        out.append(f"本次要求提交{wanted}，这份报告看起来是“{report.kind}”类报告" if report.kind != "其他"
                   else f"本次要求提交{wanted}，这份文件看起来不是这类报告")
    if report.placeholders:
        out.append(f"有{report.placeholders}处模板内容未填写，请补全后再提交（见检查结果）")
    if report.errors:
        out.append(f"检查发现{report.errors}处错误，请修改")
    return out
