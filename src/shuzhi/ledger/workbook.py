"""Excel in: a ledger workbook read into records, every bad cell reported with its sheet, row and column.

Reading never stops at the first problem: every cell is looked at and every problem listed, so that one pass tells
the secretary all there is to mend. A file that cannot be read at all raises LedgerFileError.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from . import development as dev
from .dates import DateError, parse_date, parse_months
from .records import (
    MEETING_ALIASES,
    MEETING_KINDS,
    Appraisal,
    Attendance,
    Candidate,
    Change,
    Election,
    Ledger,
    Meeting,
    Member,
    Organization,
    Payment,
    Resolution,
    Talk,
)
from .sheets import BY_NAME, EXAMPLE, SHEETS, Column, Sheet

MAX_BYTES = 100 * 1024 * 1024
_SPLIT = re.compile(r"[、，,;；/／\s]+")
_REASON = re.compile(r"^(.+?)[（(](.*?)[)）]$")
_CHOICE_ALIASES = {
    "类型": {"支部": "党支部", "总支": "党总支", "党总支部": "党总支", "基层党委": "党委", "党的基层委员会": "党委", "委员会": "党委"},
    "领域": {"机关单位": "机关", "党政机关": "机关", "事业单位": "机关", "农村": "村", "行政村": "村", "城市社区": "社区",
             "国有企业": "国企", "国有": "国企", "高校": "学校", "中小学": "学校", "公立医院": "医院", "非公企业": "非公",
             "两新": "非公", "两新组织": "非公", "社会组织": "非公", "民营企业": "非公"},
    "类别": {"正式": "正式党员", "预备": "预备党员"},
    "人员类别": {"在职党员": "在职", "离退休党员": "离退休", "离休": "离退休", "退休": "离退休", "农民党员": "农民", "学生党员": "学生",
                 "下岗": "下岗失业", "失业": "下岗失业", "低保": "生活困难", "困难": "生活困难", "个体经营": "个体"},
}
_TRUE, _FALSE = {"是", "Y", "y", "yes", "TRUE", "true", "√", "1", "流动"}, {"否", "N", "n", "no", "FALSE", "false", "×", "0", ""}


class LedgerFileError(Exception):
    """A workbook that cannot be read at all (not an .xlsx, damaged, too large): the message is Chinese."""

    def __init__(self, source: str, message: str):
        super().__init__(source, message)
        self.source, self.message = source, message

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str  # the column letter, "" for a whole row or sheet
    message: str
    header: str = ""

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "header": self.header or None, "message": self.message}

    def __str__(self) -> str:
        where = f"“{self.sheet}”表" + (f"第{self.row}行" if self.row else "") + (f" {self.column}列" if self.column else "")
        return f"{where}{f'（{self.header}）' if self.header else ''}：{self.message}"


@dataclass
class Imported:
    ledger: Ledger
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # records read per sheet


class _Bad(Exception):
    """A cell that cannot be converted; its message goes into the list of errors."""


@dataclass
class _Row:
    sheet: Sheet
    number: int
    values: dict[str, object]  # header -> converted value, for the columns present and readable
    letters: dict[str, str]  # header -> column letter
    extra: dict[str, object]  # cells under headers the sheet does not define (a step's name, for 发展党员)

    def key(self) -> str:
        return f"{self.sheet.name}!{self.number}"


def read_workbook(source: str | Path | bytes, name: str | None = None) -> Imported:
    """The records of a ledger workbook (a path or its bytes), with every problem found in it."""
    label = name or (str(source) if not isinstance(source, bytes) else "台账.xlsx")
    data = _bytes(source, label)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LedgerFileError(label, f"无法读取：不是有效的 Excel 工作簿（.xlsx），或文件已损坏（{type(exc).__name__}） / not a readable .xlsx") from None
    reader = _Reader()
    try:
        for ws in book.worksheets:
            spec = BY_NAME.get(str(ws.title).strip())
            if spec is None:
                if str(ws.title).strip() not in ("说明", "填写说明"):
                    reader.warn(CellError(ws.title, None, "", "不是台账的表，未读取（可用的表：" + "、".join(s.name for s in SHEETS) + "）"))
                continue
            reader.sheet(spec, ws.title, ws.iter_rows(values_only=True))
    except zipfile.BadZipFile as exc:
        raise LedgerFileError(label, f"无法读取：文件已损坏（{exc}） / damaged .xlsx") from None
    finally:
        book.close()
    return reader.finish()


def _bytes(source, label: str) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        if not path.is_file():
            raise LedgerFileError(label, "文件不存在 / no such file")
        if path.stat().st_size > MAX_BYTES:
            raise LedgerFileError(label, f"文件过大（超过 {MAX_BYTES // 1024 // 1024} MB） / file too large")
        data = path.read_bytes()
    if not data:
        raise LedgerFileError(label, "文件是空的 / empty file")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise LedgerFileError(label, "这是旧版 Excel（.xls）或加密的工作簿：请在 Excel 或 WPS 中另存为 .xlsx（不设密码）后再导入 / .xls or encrypted workbook")
    if data[:2] != b"PK":
        raise LedgerFileError(label, "不是 Excel 工作簿（.xlsx） / not an .xlsx file")
    return data


class _Reader:
    def __init__(self):
        self.errors: list[CellError] = []
        self.warnings: list[CellError] = []
        self.rows: dict[str, list[_Row]] = defaultdict(list)
        self.counts: dict[str, int] = {}
        self.seen: set[str] = set()

    def warn(self, e: CellError) -> None:
        self.warnings.append(e)

    def error(self, sheet: str, row: int | None, column: str, message: str, header: str = "") -> None:
        self.errors.append(CellError(sheet, row, column, message, header))

    # -- reading one sheet ------------------------------------------------------------------------------------
    def sheet(self, spec: Sheet, title: str, rows) -> None:
        self.seen.add(spec.name)
        rows = iter(rows)
        head: list = []
        skipped = 0
        # The header row: the first of the first ten rows that names a mandatory column (a title row may sit above).
        mandatory = {n for c in spec.columns if c.mandatory for n in c.names}
        for _ in range(10):
            try:
                candidate = next(rows)
            except StopIteration:
                break
            skipped += 1
            if any(_header(v) in mandatory for v in candidate):
                head = list(candidate)
                break
        if not head:
            self.error(title, None, "", "找不到表头：第一行应为列名（" + "、".join(c.header for c in spec.columns if c.mandatory) + "等）")
            return
        positions: dict[str, int] = {}
        extra: dict[str, int] = {}
        for i, v in enumerate(head):
            h = _header(v)
            if not h:
                continue
            col = next((c for c in spec.columns if h in c.names), None)
            if col is not None:
                if col.header in positions:
                    self.error(title, skipped, get_column_letter(i + 1), f"列“{h}”重复", h)
                positions[col.header] = i
            else:
                extra[h] = i
        for c in spec.columns:
            if c.header not in positions:
                if c.mandatory:
                    self.error(title, skipped, "", f"缺少列“{c.header}”", c.header)
                elif c.required:
                    self.warn(CellError(title, skipped, "", f"没有“{c.header}”列，按空白处理", c.header))
        if any(e.sheet == title and e.row == skipped and e.message.startswith("缺少列") for e in self.errors):
            return
        letters = {h: get_column_letter(i + 1) for h, i in positions.items()}
        columns = [(spec.column(h), i) for h, i in positions.items()]
        n = 0
        for number, raw in enumerate(rows, start=skipped + 1):
            if not any(v not in (None, "") for v in raw):
                continue
            first = next((v for v in raw if v not in (None, "")), "")
            if isinstance(first, str) and first.strip().startswith(EXAMPLE):
                continue  # the template's example row
            values: dict[str, object] = {}
            ok = True
            for col, i in columns:
                cell = raw[i] if i < len(raw) else None
                try:
                    value = _convert(col, cell)
                except _Bad as exc:
                    self.error(title, number, letters[col.header], str(exc), col.header)
                    ok = False
                    continue
                if value in (None, "", ()) and col.mandatory:
                    self.error(title, number, letters[col.header], f"“{col.header}”不能空着", col.header)
                    ok = False
                    continue
                values[col.header] = value
            if ok:
                self.rows[spec.name].append(_Row(spec, number, values, letters,
                                                 {h: raw[i] for h, i in extra.items() if i < len(raw) and raw[i] not in (None, "")}))
                n += 1
        self.counts[spec.name] = self.counts.get(spec.name, 0) + n

    # -- records ----------------------------------------------------------------------------------------------
    def finish(self) -> Imported:
        ledger = Ledger()
        orgs = self._organizations(ledger)
        members = self._members(ledger, orgs)
        self._meetings(ledger, orgs)
        self._votes(ledger, orgs)
        self._payments(ledger, orgs, members)
        self._candidates(ledger, orgs)
        self._talks(ledger, orgs)
        self._appraisals(ledger, orgs, members)
        self._elections(ledger, orgs)
        if "党组织" not in self.seen:
            self.error("党组织", None, "", "工作簿中没有“党组织”表：先列出各党组织（名称、上级、类型、领域、本届选举日期）")
        return Imported(ledger, self.errors, self.warnings, dict(self.counts))

    def _ref(self, row: _Row, header: str, orgs: dict[str, Organization]) -> str | None:
        """The organization a row names, or None (with an error) when it is not in the 党组织 sheet."""
        name = row.values.get(header)
        if name in orgs:
            return name
        self.error(row.sheet.name, row.number, row.letters[header], f"党组织“{name}”不在“党组织”表中", header)
        return None

    def _organizations(self, ledger: Ledger) -> dict[str, Organization]:
        orgs: dict[str, Organization] = {}
        rows = self.rows.get("党组织", [])
        for row in rows:
            v = row.values
            if v["名称"] in orgs:
                self.error("党组织", row.number, row.letters["名称"], f"党组织“{v['名称']}”重复", "名称")
                continue
            org = Organization(v["名称"], v["类型"], v.get("领域") or "其他", v.get("上级") or None, key=row.key())
            orgs[org.name] = org
            ledger.organizations.append(org)
            if v.get("本届选举日期"):
                ledger.elections.append(Election(org.name, v["本届选举日期"], v.get("届期（年）"), tuple(v.get("委员") or ()),
                                                 v.get("书记") or "", key=row.key()))
        for row in rows:
            parent = row.values.get("上级")
            if parent and parent not in orgs:
                self.error("党组织", row.number, row.letters["上级"], f"上级“{parent}”不在本表中（最上一级的上级空着）", "上级")
            elif parent == row.values["名称"]:
                self.error("党组织", row.number, row.letters["上级"], "上级不能是本组织", "上级")
        # A loop in the tree (甲 under 乙 under 甲) would hang every walk of it.
        for org in ledger.organizations:
            seen, up = {org.name}, org.parent
            while up in orgs:
                if up in seen:
                    row = next(r for r in rows if r.values["名称"] == org.name)
                    self.error("党组织", row.number, row.letters.get("上级", ""), "上下级关系形成了循环", "上级")
                    org.parent = None
                    break
                seen.add(up)
                up = orgs[up].parent
        return orgs

    def _members(self, ledger: Ledger, orgs) -> dict[tuple[str, str], Member]:
        out: dict[tuple[str, str], Member] = {}
        for row in self.rows.get("党员", []):
            v = row.values
            org = self._ref(row, "所在党组织", orgs)
            if org is None:
                continue
            if (org, v["姓名"]) in out:
                self.error("党员", row.number, row.letters["姓名"], f"“{org}”已有党员“{v['姓名']}”：同名的请加以区分（如“张伟（大）”）", "姓名")
                continue
            changes = [Change(kind, v[f"{kind}日期"]) for kind in ("转入", "转出", "出党", "去世", "停止党籍", "恢复党籍") if v.get(f"{kind}日期")]
            m = Member(v["姓名"], org, v["类别"], v.get("入党日期"), v.get("转正日期"), v.get("出生日期"), v.get("党小组") or "",
                       bool(v.get("流动党员")), v.get("人员类别") or "在职", v.get("党费基数"), changes, key=row.key())
            if m.category == "预备党员" and m.confirmed is not None:
                self.error("党员", row.number, row.letters["转正日期"], "类别为预备党员，却填了转正日期：已转正的请把类别改为正式党员", "转正日期")
            if m.joined and m.confirmed and m.confirmed < m.joined:
                self.error("党员", row.number, row.letters["转正日期"], "转正日期早于入党日期", "转正日期")
            out[(org, m.name)] = m
            ledger.members.append(m)
        return out

    def _meetings(self, ledger: Ledger, orgs) -> None:
        seen: dict[tuple, int] = {}
        for row in self.rows.get("会议", []):
            v = row.values
            org = self._ref(row, "党组织", orgs)
            if org is None:
                continue
            attendance = [Attendance(n) for n in v.get("出席人") or ()]
            for entry in v.get("请假人") or ():
                m = _REASON.match(entry)
                attendance.append(Attendance(m[1], "请假", m[2]) if m else Attendance(entry, "请假"))
            present = v.get("实到")
            named = len(v.get("出席人") or ())
            if present is not None and named and present != named:
                self.error("会议", row.number, row.letters["实到"], f"实到{present}人，与出席人名单的{named}人不一致", "实到")
                continue
            expected = v.get("应到")
            if expected is not None and (present if present is not None else named) > expected:
                self.error("会议", row.number, row.letters.get("实到") or row.letters["出席人"], "实到人数多于应到人数", "实到")
                continue
            votes = [v.get(h) for h in ("赞成", "反对", "弃权")]
            resolutions = [Resolution(v.get("表决事项") or "", *votes)] if any(x is not None for x in votes) else []
            meeting = Meeting(v["日期"], org, frozenset(v["类型"]), v.get("主题") or "", v.get("主持人") or "", v.get("记录人") or "",
                              v.get("主讲人") or "", v.get("党小组") or "", expected, present, attendance, resolutions, key=row.key())
            same = (meeting.date, org, meeting.kinds, meeting.topic, meeting.group)
            if same in seen:
                self.warn(CellError("会议", row.number, "", f"与第{seen[same]}行是同一天、同一类型、同一主题的会议，是否重复登记？"))
            seen[same] = row.number
            ledger.meetings.append(meeting)

    def _votes(self, ledger: Ledger, orgs) -> None:
        """Further resolutions of a meeting (the 表决 sheet), attached to the meeting of that day."""
        by_day: dict[tuple, list[Meeting]] = defaultdict(list)
        for mt in ledger.meetings:
            by_day[(mt.organization, mt.date)].append(mt)
        for row in self.rows.get("表决", []):
            v = row.values
            org = self._ref(row, "党组织", orgs)
            if org is None:
                continue
            found = by_day.get((org, v["日期"]), [])
            if v.get("主题"):
                found = [mt for mt in found if mt.topic == v["主题"]]
            if len(found) != 1:
                why = "“会议”表中这一天没有这个党组织的会议" if not found else "这一天有几次会议，请在“主题”列写明是哪一次"
                self.error("表决", row.number, row.letters["日期"], why, "日期")
                continue
            found[0].resolutions.append(Resolution(v["表决事项"], v.get("赞成"), v.get("反对"), v.get("弃权")))

    def _payments(self, ledger: Ledger, orgs, members) -> None:
        by_name: dict[str, list[str]] = defaultdict(list)
        for org, name in members:
            by_name[name].append(org)
        for row in self.rows.get("党费", []):
            v = row.values
            name = v["姓名"]
            if v.get("党组织"):
                org = self._ref(row, "党组织", orgs)
                if org is None:
                    continue
                if (org, name) not in members:
                    self.error("党费", row.number, row.letters["姓名"], f"“{org}”的党员名册中没有“{name}”", "姓名")
                    continue
            else:
                places = by_name.get(name, [])
                if not places:
                    self.error("党费", row.number, row.letters["姓名"], f"党员名册中没有“{name}”", "姓名")
                    continue
                if len(places) > 1:
                    self.error("党费", row.number, row.letters["姓名"], f"“{name}”在{'、'.join(places)}都有，请填写“党组织”列", "姓名")
                    continue
                org = places[0]
            first, last = v["月份"]
            ledger.payments.append(Payment(name, org, first, last, v["金额"], key=row.key()))

    def _candidates(self, ledger: Ledger, orgs) -> None:
        for row in self.rows.get("发展党员", []):
            v = row.values
            org = self._ref(row, "党组织", orgs)
            if org is None:
                continue
            steps: dict[str, datetime.date] = {}
            for header, step in dev.COLUMNS.items():
                if v.get(header):
                    steps[step] = v[header]
            for header, raw in row.extra.items():  # a column named as one of the 25 steps
                if header in dev.STEP_NAMES or header.removesuffix("日期") in dev.STEP_NAMES:
                    try:
                        day = parse_date(raw)
                    except DateError as exc:
                        self.error("发展党员", row.number, "", str(exc), header)
                        continue
                    steps[header.removesuffix("日期") if header not in dev.STEP_NAMES else header] = day
            bad = _out_of_order(steps)
            if bad:
                later, earlier = bad
                header = next((h for h, s in dev.COLUMNS.items() if s == later and h in row.letters), later)
                self.error("发展党员", row.number, row.letters.get(header, ""), f"“{later}”的日期早于“{earlier}”", header)
                continue
            ledger.candidates.append(Candidate(v["姓名"], org, v.get("出生日期"), steps, v.get("培训学时"),
                                               tuple(v.get("入党介绍人") or ()), tuple(v.get("延长预备期（月）") or ()), key=row.key()))

    def _talks(self, ledger: Ledger, orgs) -> None:
        for row in self.rows.get("谈心谈话", []):
            v = row.values
            org = self._ref(row, "党组织", orgs)
            if org is None:
                continue
            for talker in v["谈话人"]:
                for talkee in v["谈话对象"]:
                    if talker != talkee:
                        ledger.talks.append(Talk(v["日期"], org, talker, talkee, key=row.key()))

    def _appraisals(self, ledger: Ledger, orgs, members) -> None:
        for row in self.rows.get("民主评议", []):
            v = row.values
            org = self._ref(row, "所在党组织", orgs)
            if org is None:
                continue
            if (org, v["姓名"]) not in members and members:
                self.warn(CellError("民主评议", row.number, row.letters["姓名"], f"“{org}”的党员名册中没有“{v['姓名']}”", "姓名"))
            ledger.appraisals.append(Appraisal(v["姓名"], org, int(v["年度"]), v["等次"], key=row.key()))


    def _elections(self, ledger: Ledger, orgs) -> None:
        known = {(e.organization, e.date) for e in ledger.elections}
        for row in self.rows.get("换届选举", []):
            v = row.values
            org = self._ref(row, "党组织", orgs)
            if org is None or (org, v["选举日期"]) in known:
                continue
            known.add((org, v["选举日期"]))
            ledger.elections.append(Election(org, v["选举日期"], v.get("届期（年）"), tuple(v.get("委员") or ()), v.get("书记") or "",
                                             key=row.key()))


def _out_of_order(steps: dict[str, datetime.date]) -> tuple[str, str] | None:
    """The first key step dated before the key step that must come before it."""
    done = [(s, steps[s]) for s in dev.KEY_STEPS if s in steps]
    for (a, da), (b, db) in zip(done, done[1:]):
        if db < da:
            return b, a
    return None


def _header(value) -> str:
    return re.sub(r"\s+", "", str(value)).replace("(", "（").replace(")", "）") if value is not None else ""


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    return re.sub(r"\s+", " ", str(value)).strip()


def _convert(col: Column, value):
    """A cell's value as the column's kind; _Bad (with a Chinese reason) when it cannot be."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return () if col.kind in ("names", "kinds", "ints") else None
    kind = col.kind
    if kind == "text":
        return _text(value)
    if kind == "date":
        try:
            return parse_date(value)
        except DateError as exc:
            raise _Bad(str(exc)) from None
    if kind == "months":
        try:
            return parse_months(value)
        except DateError as exc:
            raise _Bad(str(exc)) from None
    if kind == "int":
        return _int(value)
    if kind == "ints":
        return tuple(_int(p) for p in _SPLIT.split(_text(value)) if p)
    if kind == "money":
        return _money(value)
    if kind == "hours":
        text = _text(value)
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(天|日)", text, re.ASCII)
        if m:
            return float(m[1]) * 8
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(学时|小时|课时|个学时)?", text, re.ASCII)
        if not m:
            raise _Bad(f"“{value}”不是学时数（写 24 或 24学时，或 3天）")
        if float(m[1]) >= 1000:
            raise _Bad(f"培训学时“{value}”太大了（是不是填成了日期？）")
        return float(m[1])
    if kind == "choice":
        text = _text(value)
        text = _CHOICE_ALIASES.get(col.header, {}).get(text, text)
        if text not in col.choices:
            raise _Bad(f"“{value}”不是可选的值（可填：{'、'.join(col.choices)}）")
        return text
    if kind == "names":
        return tuple(p for p in _SPLIT.split(_text(value)) if p)
    if kind == "kinds":
        kinds = []
        for p in re.split(r"[、，,;；/／+＋\s]+", _text(value)):
            if not p:
                continue
            k = MEETING_ALIASES.get(p, p)
            if k not in MEETING_KINDS:
                raise _Bad(f"“{p}”不是会议类型（可填：{'、'.join(MEETING_KINDS)}，几种用顿号分开）")
            kinds.append(k)
        return tuple(kinds)
    if kind == "bool":
        text = _text(value)
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise _Bad(f"“{value}”应为“是”或“否”")
    raise AssertionError(kind)


def _int(value) -> int:
    if isinstance(value, bool):
        raise _Bad(f"“{value}”不是人数")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and value >= 0:
            return int(value)
        raise _Bad(f"“{value}”应为不小于0的整数")
    text = re.sub(r"\s*(人|名|次|票|个|年|个月|月)$", "", _text(value))
    if not (text.isascii() and text.isdigit()):
        raise _Bad(f"“{value}”应为整数")
    if len(text) > 9:
        raise _Bad(f"“{value}”太大了")
    return int(text)


def _money(value) -> Decimal:
    if isinstance(value, bool):
        raise _Bad(f"“{value}”不是金额")
    text = _text(value) if not isinstance(value, (int, float)) else repr(value)
    text = re.sub(r"\s*元$", "", text.replace(",", "").replace("，", "").replace("¥", "").replace("￥", ""))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise _Bad(f"“{value}”不是金额（写数字，单位为元）") from None
    if not amount.is_finite():
        raise _Bad(f"“{value}”不是金额（写数字，单位为元）")
    if amount < 0:
        raise _Bad(f"金额“{value}”不能是负数")
    if amount >= 10 ** 8:
        raise _Bad(f"金额“{value}”太大了")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if amount.as_tuple().exponent < -2 else amount
