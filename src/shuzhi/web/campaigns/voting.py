"""民主测评: one-time codes printed on slips, one ballot per code, results only after the voting is closed.

Anonymity lives in the rows: a code is kept as its digest and deleted in the same transaction that stores the
ballot, and the ballot has a random key and no time, code or user. Nothing stored relates a code (or whoever held
it) to a ballot; even the order of use of the codes is not kept.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count

from shuzhi.campaign.scheme import Combined, combine
from shuzhi.campaign.tally import GRADES, Result, combined, from_counts, from_paper

from .models import Ballot, Campaign, PaperTally, Reporter, Vote, VotingCode, code_digest, new_code
from .workflow import NotAllowed, log_voting

MAX_CODES = 2000  # at one time
MAX_COMMENT = 500


def make_codes(campaign: Campaign, n: int) -> list[str]:
    """n new codes for printing; only their digests are kept, so they are shown this once."""
    if campaign.voting == "closed":
        raise NotAllowed("民主测评已结束，不能再发票码")
    if not 1 <= n <= MAX_CODES:
        raise NotAllowed(f"一次可生成1至{MAX_CODES}个票码")
    codes = []
    with transaction.atomic():
        while len(codes) < n:
            code = new_code()
            try:
                with transaction.atomic():
                    VotingCode.objects.create(campaign=campaign, digest=code_digest(code))
            except IntegrityError:  # 31^10 codes: a repeat is all but impossible, but never two rows for one code
                continue
            codes.append(code)
        Campaign.objects.filter(pk=campaign.pk).update(codes_issued=campaign.codes_issued + n)
        campaign.codes_issued += n
    return codes




def set_voting(campaign: Campaign, target: str, user) -> None:
    order = {"not_open": 0, "open": 1, "closed": 2}
    if order[target] != order[campaign.voting] + 1:
        raise NotAllowed({"open": "民主测评已开始或已结束", "closed": "民主测评尚未开始或已经结束"}.get(target, "不能这样操作"))
    if target == "open" and campaign.state != "rating":
        raise NotAllowed("请先进入“评议”阶段，再开始民主测评")
    if target == "open" and not campaign.reporters.exists():
        raise NotAllowed("还没有述职人")
    with transaction.atomic():
        source = campaign.voting
        campaign.voting = target
        campaign.save(update_fields=["voting"])
        if target == "closed":
            VotingCode.objects.filter(campaign=campaign).delete()  # what was not used can never be used
        log_voting(campaign, source, target, user, "open_voting" if target == "open" else "close_voting")


def check_code(campaign: Campaign, code: str) -> bool:
    return VotingCode.objects.filter(campaign=campaign, digest=code_digest(code)).exists()


def find_campaign(code: str) -> Campaign | None:
    """The campaign a code belongs to (the voter types only the code)."""
    row = VotingCode.objects.filter(digest=code_digest(code)).select_related("campaign").first()
    return row.campaign if row else None


def cast(campaign: Campaign, code: str, choices: dict[int, str], comments: dict[int, str]) -> None:
    """Store one ballot for the code and use the code up, in one transaction; refused if the code is not (or no
    longer) valid, or the voting is not open."""
    if campaign.voting != "open":
        raise NotAllowed("民主测评未开始或已结束")
    reporter_ids = set(campaign.reporters.values_list("pk", flat=True))
    if not choices or set(choices) - reporter_ids:
        raise NotAllowed("测评票不完整，请为每位述职人选择等次")
    if any(g not in GRADES for g in choices.values()):
        raise NotAllowed("等次只能是好、较好、一般、差")
    with transaction.atomic():
        # The delete both checks and uses the code: two submissions of one code race to it, one deletes a row.
        used, _ = VotingCode.objects.filter(campaign=campaign, digest=code_digest(code)).delete()
        if not used:
            raise NotAllowed("票码无效或已经使用过")
        ballot = Ballot.objects.create(campaign=campaign)
        Vote.objects.bulk_create([Vote(ballot=ballot, reporter_id=rid, grade=g, comment=(comments.get(rid) or "").strip()[:MAX_COMMENT])
                                  for rid, g in choices.items()])


def turnout(campaign: Campaign) -> dict:
    return {"issued": campaign.codes_issued, "cast": campaign.ballots.count()}


def online_results(campaign: Campaign) -> dict[int, Result]:
    """Each reporter's online votes, counted by the database (reporter × grade) and made Results by the engine."""
    rows = (Vote.objects.filter(ballot__campaign=campaign).values("reporter_id", "grade").annotate(n=Count("id"))
            .values_list("reporter_id", "grade", "n").order_by())
    return from_counts(rows)


def results(campaign: Campaign, reporters: list[Reporter]) -> dict[int, dict]:
    """For each reporter: paper, online and both together, and the 综合等次 with its rule. Empty until closed."""
    if not campaign.results_visible:
        return {}
    online = online_results(campaign)
    papers = {p.reporter_id: p for p in PaperTally.objects.filter(reporter__in=reporters)}
    scheme = campaign.scheme
    out = {}
    for r in reporters:
        paper = from_paper(papers[r.pk].totals()) if r.pk in papers else None
        both = combined(paper, online.get(r.pk))
        if r.reading:
            grade: Combined = combine(scheme, r.reading, both if both.valid else None,
                                      float(r.routine) if r.routine is not None else None)
        else:  # the reading is the part every 综合等次 rests on: without it the votes alone decide nothing
            grade = Combined(None, "", "尚未评定审读等次，不计算综合等次")
        out[r.pk] = {"paper": paper.as_dict() if paper else None, "online": online[r.pk].as_dict() if r.pk in online else None,
                     "ballots": both.as_dict(), "combined": {"score": grade.score, "grade": grade.grade, "rule": grade.rule}}
    return out
