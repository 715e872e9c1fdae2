"""The countable claims a report makes about its ledger (meetings held by kind, 党课, talks, members developed and
converted, dues, members in total) found in its text, and each compared with the year's facts.

A claim is a thing counted (a kind of meeting, of record), a number in Arabic or Chinese numerals with its
qualifier (余, 多, 近, 以上, 约), and the characters of that number, exactly where they stand in the text.
Plans (计划、将、力争), rules quoted (每月召开), other years and the parts on problems and next steps are not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

from ..document import Document, SectionKind

# (fact key, what is counted, the words that name it, units it is counted in)
KINDS: tuple[tuple[str, str, str, str], ...] = (
    ("meetings.支部党员大会", "支部党员大会", r"(?:支部)?党员大会", "次"),
    ("meetings.支部委员会", "支部委员会会议", r"支委会议?|支部委员会(?:会议)?", "次"),
    ("meetings.党小组会", "党小组会", r"党小组会议?", "次"),
    ("meetings.党课.secretary", "书记讲党课", r"(?:我本人|本人|我|书记本人|书记)(?:亲自|带头)?讲(?:授|了)?(?:专题)?党课", "次"),
    ("meetings.党课", "党课", r"(?:上|讲授|讲|开展|组织|举办)?(?:专题)?党课", "次|堂|场"),
    ("meetings.主题党日", "主题党日", r"主题党日(?:活动)?", "次|场"),
    ("meetings.组织生活会", "组织生活会", r"(?:专题)?组织生活会", "次|场"),
    ("appraisal.total", "参加民主评议的党员", r"民主评议(?:党员)?", "名|人"),
    ("appraisal.优秀", "评为优秀的党员", r"评为优秀(?:等次)?|优秀等次", "名|人"),
    ("talks.total", "谈心谈话", r"谈心谈话|谈心", "人次|次"),
    ("development.admitted", "发展党员（接收预备党员）", r"发展(?:新)?党员|接收(?:新的?)?预备党员|吸收(?:新)?党员", "名|人"),
    ("development.confirmed", "预备党员转正", r"(?:预备党员)?按期转正|预备党员转正|转为正式党员|转正", "名|人"),
    ("development.targets", "确定发展对象", r"(?:确定|列为)?发展对象", "名|人"),
    ("development.activists", "确定入党积极分子", r"(?:确定|培养)?(?:入党)?积极分子", "名|人"),
    ("development.applied", "递交入党申请书", r"(?:递交|提交|收到)?入党申请书?", "人|名|份"),
    ("members.end", "党员总数", r"(?:共有|现有|拥有)(?:正式)?(?:党员)?|党员总数(?:为|达)?", "名|人"),
    ("dues.rate", "党费收缴率", r"党费(?:按时足额)?(?:收缴|交纳|缴纳)率", "%"),
    ("dues.paid", "收缴党费", r"(?:按时足额)?(?:收缴|交纳|缴纳|上缴)党费", "万元|元"),
    ("members.probationary", "预备党员人数", r"其中(?:有)?预备党员", "名|人"),
    ("members.full", "正式党员人数", r"其中(?:有)?正式党员", "名|人"),
    ("members.转入", "转入党员", r"(?:接收)?转入(?:的)?党员", "名|人"),
    # Organizations only where the report counts what it has (下设党支部6个), not an award or a kind (最强党支部8个).
    ("organizations.branches", "下属党支部", r"(?:下设|下辖|所属|共有|现有)(?:基层)?党支部", "个"),
    ("organizations.total", "下属党组织", r"(?:下设|下辖|所属|共有|现有)(?:基层)?党组织", "个"),
)
_NUMBER = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+"
_PREFIX = r"(?P<pre>共|累计|合计|达到?|为|近|将近|接近|约|超过|逾)?"
_SUFFIX = r"(?P<suf>余|多)?"
_AFTER = r"(?P<after>以上|左右)?"
# Between the thing counted and its number: a few characters of filler (活动, 共, 累计 …), no clause break.
_GAP = r"[^，。；！？、\n\d一二两三四五六七八九十]{0,4}?"
# Words that make a count a plan, a norm quoted or a target, not a report of what was done.
_NOT_DONE = re.compile(r"计划|拟|将要|将|力争|争取|确保|要求|应当|应|要|每月|每季度|每半年|每年|每周|不少于|至少|目标|预计")
_YEAR = re.compile(r"(20\d{2})年")
_OTHER_YEAR = re.compile(r"上一?年度?|去年|前年|往年|同比|上届")
_CLAUSE = re.compile(r"[，。；！？\n]")
# Parts of a report whose numbers are not the year's work.
_SKIP_PARTS = {SectionKind.PROBLEMS, SectionKind.CAUSES, SectionKind.PLANS}


@dataclass(frozen=True)
class Claim:
    key: str  # the fact it is compared with
    label: str
    value: float
    unit: str
    qualifier: str  # "", 余, 多, 以上, 近, 约, 超过
    start: int  # the number's characters in the document's text
    end: int
    clause_start: int
    clause_end: int
    precision: float = 1  # the step of the number as written: 2.3万元 is to the nearest 1000元, 8600元 to 100元

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "value": self.value, "unit": self.unit, "qualifier": self.qualifier,
                "start": self.start, "end": self.end}


def _number(text: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    try:
        return float(cn2an.cn2an(text.replace("两", "二").replace("〇", "零"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _patterns():
    out = []
    for key, label, words, units in KINDS:
        # 召开支委会12次 / 支委会召开12次 / 共有党员37名 / 党费收缴率100%
        a = re.compile(rf"(?P<thing>{words}){_GAP}{_PREFIX}(?P<num>{_NUMBER}){_SUFFIX}\s*(?P<unit>{units}){_AFTER}")
        # 召开12次支委会 / 37名党员 (for meetings and people the number may come first)
        b = re.compile(rf"{_PREFIX}(?P<num>{_NUMBER}){_SUFFIX}\s*(?P<unit>{units}){_AFTER}[^，。；、\n\d]{{0,3}}?(?P<thing>{words})")
        out.append((key, label, a, b))
    return out


_PATTERNS = _patterns()


def _parts(doc: Document) -> list[tuple[int, int]]:
    """The stretches of the document whose numbers tell the year's work: all of it but the parts on problems,
    causes and next steps."""
    skip = []

    def walk(sections):
        for s in sections:
            if s.kind in _SKIP_PARTS:
                skip.append((s.start, s.end))
            else:
                walk(s.children)

    walk(doc.sections)
    keep, pos = [], doc.start
    for a, b in sorted(skip):
        if a > pos:
            keep.append((pos, a))
        pos = max(pos, b)
    if pos < doc.end:
        keep.append((pos, doc.end))
    return keep


def extract(doc: Document) -> list[Claim]:
    """Every countable claim of the document, once each (the longest reading where two overlap)."""
    text = doc.text
    found: dict[tuple[int, int], Claim] = {}
    for lo, hi in _parts(doc):
        for key, label, a, b in _PATTERNS:
            for pattern in (a, b):
                for m in pattern.finditer(text, lo, hi):
                    claim = _claim(doc, key, label, m)
                    if claim is None:
                        continue
                    span = (claim.start, claim.end)
                    # One number, one claim: 讲党课 is the secretary's (more specific kinds come first in KINDS).
                    if span not in found:
                        found[span] = claim
    return sorted(found.values(), key=lambda c: c.start)


def _claim(doc: Document, key: str, label: str, m: re.Match) -> Claim | None:
    text = doc.text
    value = _number(m["num"])
    if value is None or value < 0:
        return None
    clause_start = max((x.end() for x in _CLAUSE.finditer(text, doc.start, m.start())), default=doc.start)
    close = _CLAUSE.search(text, m.end(), doc.end)
    clause_end = close.start() if close else doc.end
    before = text[clause_start:m.start("num")]
    if _NOT_DONE.search(before):
        return None
    years = [int(y) for y in _YEAR.findall(text[clause_start:clause_end])]
    if doc.year and any(y != doc.year for y in years) or _OTHER_YEAR.search(text[clause_start:clause_end]):
        return None  # another year's figure (上年、2022年同期)
    if key == "members.end" and "党员" not in text[m.start("thing"):m.end() + 2]:
        return None  # 共有37名群众: not the members
    if key.startswith("organizations.") and re.search(r"[党团]员|青年|人次", text[m.end("thing"):m.end("thing") + 3]):
        return None  # 20个党组织党员: the members of the organizations, not the organizations
    unit = m["unit"]
    precision = _precision(m["num"], 10000 if unit == "万元" else 1)
    if key == "dues.paid" and unit == "万元":
        value, unit = value * 10000, "元"
    qualifier = m["pre"] if m["pre"] in ("近", "将近", "接近", "约", "超过", "逾") else ""
    qualifier = m["suf"] or m["after"] or qualifier
    return Claim(key, label, value, unit, qualifier, m.start("num"), m.end("num"), clause_start, clause_end, precision)


def _precision(written: str, scale: float) -> float:
    """The step of a number as written, in the unit it is compared in: 2.3 (万) is 1000, 8600 is 100, 12 is 1."""
    if "." in written:
        return scale / 10 ** len(written.split(".")[1])
    if written.isdigit():
        zeros = len(written) - len(written.rstrip("0"))
        return scale * 10 ** zeros if written.strip("0") else scale
    return scale


# -- comparing with the facts -------------------------------------------------------------------------------------

AGREES, HIGHER, LOWER, UNKNOWN = "一致", "偏高", "偏低", "无法核对"
# The records a claim's fact is counted from: with none of them in the year, the claim cannot be checked.
_RECORDS = {"meetings": "records.meetings", "talks": "records.talks", "development": "records.candidates",
            "dues": "records.payments", "members": "records.members", "appraisal": "records.appraisals"}


def compare(claim: Claim, facts: dict) -> tuple[str, float | None]:
    """(一致 / 偏高 / 偏低 / 无法核对, the ledger's figure) for a claim, given the facts by key (value or Fact)."""
    fact = facts.get(claim.key)
    value = getattr(fact, "value", fact)
    if value is None:
        return UNKNOWN, None
    if isinstance(value, str):
        return UNKNOWN, None
    value = float(value * 100 if claim.key == "dues.rate" else value) if not isinstance(value, Decimal) else float(value)
    records = _RECORDS.get(claim.key.split(".")[0])
    if records and records in facts:
        count = getattr(facts[records], "value", facts[records])
        if not count and claim.key != "development.confirmed":
            return UNKNOWN, value
    c, q = claim.value, claim.qualifier
    if claim.key == "dues.rate":
        return (AGREES if abs(value - c) <= 0.5 else HIGHER if c > value else LOWER), round(value, 1)
    if claim.key == "dues.paid":
        tolerance = max(claim.precision / 2, 0.5)  # 2.3万元 agrees with anything from 22,500 to 23,500元
        return (AGREES if abs(value - c) <= tolerance else HIGHER if c > value else LOWER), value
    if q in ("余", "多", "超过", "逾"):
        step = 10 ** max(0, len(str(int(c))) - 1) if c >= 10 else 1
        if value <= c:
            return HIGHER, value
        return (AGREES if value < c + step else LOWER), value
    if q == "以上":
        return (AGREES if value >= c else HIGHER), value
    if q in ("近", "将近", "接近"):
        if value > c:
            return LOWER, value
        return (AGREES if value >= c * 0.8 else HIGHER), value
    if q in ("约", "左右"):
        return (AGREES if abs(value - c) <= max(1, c * 0.1) else HIGHER if c > value else LOWER), value
    return (AGREES if value == c else HIGHER if c > value else LOWER), value
