"""Each reporter's 反馈函 from its rows, and all of a campaign's in one zip."""

from __future__ import annotations

import io
import re
import zipfile

from shuzhi.campaign.letter import Letter, LetterProblem, letter_bytes as write_letter

from .models import Campaign, Reporter
from .voting import results


def letter_of(reporter: Reporter, voted: dict | None = None) -> Letter:
    campaign = reporter.campaign
    if voted is None:
        voted = results(campaign, [reporter]).get(reporter.pk)
    grade = (voted or {}).get("combined", {}).get("grade", "")
    good = (voted or {}).get("ballots", {}).get("good_rate")
    problems = tuple(LetterProblem(p.number, p.category, p.text, p.requirement, p.deadline) for p in reporter.problems.all())
    return Letter(campaign.scope.name, reporter.organization.name, reporter.secretary, campaign.year,
                  campaign.get_report_kind_display(), grade, good, reporter.comment, problems,
                  reply_by=min((p.deadline for p in problems if p.deadline), default=None))


def file_name(reporter: Reporter) -> str:
    name = re.sub(r'[\\/:*?"<>|]', "_", reporter.organization.name)
    return f"{reporter.seq:04d}_{name}_述职评议反馈函.docx"


def letter_bytes(reporter: Reporter) -> bytes:
    return write_letter(letter_of(reporter))


def letters_zip(campaign: Campaign, reporters: list[Reporter]) -> bytes:
    """Every reporter's letter (the votes counted once for all)."""
    voted = results(campaign, reporters)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for r in reporters:
            zf.writestr(file_name(r), write_letter(letter_of(r, voted.get(r.pk) or {})))
    return buf.getvalue()
