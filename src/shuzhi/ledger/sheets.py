"""The ledger workbook's sheets and columns as data: what the template writes and what the importer reads.

Headers are matched by name (order free, extra columns allowed); a column may be known by several names. The
example row of each sheet begins with “示例” and is never read as data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .development import COLUMNS as STEP_COLUMNS
from .records import APPRAISAL_GRADES, DUES_CATEGORIES, MEETING_KINDS, MEMBER_CATEGORIES, ORG_TYPES, SECTORS

EXAMPLE = "示例"
D = datetime.date


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, date, int, number, money, choice, names, months, kinds, bool, hours, ints
    required: bool = False  # the header must be there
    mandatory: bool = False  # every row must fill it
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    width: int = 12
    example: object = None
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    note: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)


ORG = "所在党组织"
# The 发展党员 sheet's date columns in the order of the steps; 审批日期 is another name for 预备党员日期.
_STEP_HEADERS = ("申请日期", "谈话日期", "积极分子日期", "发展对象日期", "培训日期", "政审日期", "预审日期", "支部大会日期",
                 "预备党员日期", "入党宣誓日期", "转正讨论日期", "转正审批日期", "转正日期")
_STEP_ALIASES = {"预备党员日期": ("审批日期",)}
_REQUIRED_STEPS = ("申请日期", "谈话日期", "积极分子日期", "发展对象日期", "支部大会日期", "预备党员日期", "转正日期")
SHEETS: tuple[Sheet, ...] = (
    Sheet("党组织", (
        Column("名称", required=True, mandatory=True, width=24, example="第一党支部"),
        Column("上级", required=True, width=24, example="机关党委", note="上级党组织的名称（也要在本表中列出）；最上一级空着"),
        Column("类型", "choice", required=True, mandatory=True, choices=ORG_TYPES, example="党支部"),
        Column("领域", "choice", required=True, choices=SECTORS, example="机关", note="决定任期：村、社区5年，其他支部3年"),
        Column("本届选举日期", "date", required=True, width=14, example=D(2022, 3, 15)),
        Column("届期（年）", "int", aliases=("届期", "任期（年）", "任期"), example=3, note="选举时另定的任期；空着按规定（村、社区5年，党委5年，总支、支部3年）"),
        Column("书记", width=10, example="王建国"),
        Column("委员", "names", aliases=("支部委员", "委员会成员"), width=28, example="王建国、李红梅、张伟", note="本届委员（含书记），用顿号分开"),
    ), "每个党组织一行。下面各表的“党组织”都要与这里的名称一致。", aliases=("组织",), required=True),
    Sheet("党员", (
        Column("姓名", required=True, mandatory=True, width=10, example="李红梅"),
        Column(ORG, required=True, mandatory=True, aliases=("党组织",), width=24, example="第一党支部"),
        Column("类别", "choice", required=True, mandatory=True, choices=MEMBER_CATEGORIES, example="正式党员"),
        Column("入党日期", "date", required=True, width=14, example=D(2015, 6, 30), note="支部大会通过其为预备党员的日期"),
        Column("转正日期", "date", required=True, width=14, example=D(2016, 6, 30)),
        Column("人员类别", "choice", required=True, choices=DUES_CATEGORIES, example="在职", note="决定党费的算法；空着按在职"),
        Column("党费基数", "money", required=True, example=6200, note="每月工资收入中相对固定的、经常性的部分（税后），元"),
        Column("出生日期", "date", width=14, example=D(1988, 4, 12)),
        Column("党小组", example="第一党小组"),
        Column("流动党员", "bool", example="否"),
        Column("转入日期", "date", width=14, note="从别的党组织转入本组织的日期"),
        Column("转出日期", "date", width=14),
        Column("出党日期", "date", width=14),
        Column("去世日期", "date", width=14),
        Column("停止党籍日期", "date", width=14),
        Column("恢复党籍日期", "date", width=14),
    ), "每名党员一行。离开的党员不要删除，填转出、出党或去世日期：他们的记录要保留。", aliases=("党员名册",)),
    Sheet("会议", (
        Column("日期", "date", required=True, mandatory=True, width=14, example=D(2023, 3, 8)),
        Column("党组织", required=True, mandatory=True, width=24, example="第一党支部"),
        Column("类型", "kinds", required=True, mandatory=True, width=30, example="支部委员会、党课、主题党日",
               note="一次会议可以同时是几种，用顿号分开：" + "、".join(MEETING_KINDS)),
        Column("主题", required=True, width=30, example="学习贯彻党的二十大精神"),
        Column("应到", "int", required=True, example=5),
        Column("实到", "int", required=True, example=5, note="填了出席人时可以不填，按名单计"),
        Column("出席人", "names", required=True, width=30, example="王建国、李红梅、张伟、赵敏、刘洋"),
        Column("赞成", "int", required=True),
        Column("反对", "int", required=True),
        Column("弃权", "int", required=True),
        Column("表决事项", width=24, note="有表决时填写，如“接收张三为预备党员”"),
        Column("主持人", width=10, example="王建国"),
        Column("记录人", width=10, example="张伟"),
        Column("主讲人", width=10, aliases=("讲课人", "党课主讲人"), example="王建国", note="党课由谁讲"),
        Column("党小组", note="党小组会是哪个小组的"),
        Column("请假人", "names", width=24, note="可写请假事由：张三（出差）、李四（病假）"),
    ), "每次会议或活动一行。一次会议同时是支委会、党课和主题党日的，只登记一次，类型写全即可。", aliases=("三会一课", "会议记录")),
    Sheet("表决", (
        Column("日期", "date", required=True, mandatory=True, width=14, example=D(2023, 5, 20)),
        Column("党组织", required=True, mandatory=True, width=24, example="第一党支部"),
        Column("主题", width=30, note="会议的主题：同一天有几次会议时用来区分"),
        Column("表决事项", required=True, mandatory=True, width=30, example="接收陈晨为预备党员"),
        Column("赞成", "int", required=True, example=11),
        Column("反对", "int", required=True, example=0),
        Column("弃权", "int", required=True, example=1),
    ), "一次会议表决几项的（如逐个讨论接收几名预备党员），第一项写在“会议”表，其余的每项一行写在这里（可选）。", aliases=("表决事项",)),
    Sheet("党费", (
        Column("姓名", required=True, mandatory=True, width=10, example="李红梅"),
        Column("月份", "months", required=True, mandatory=True, width=18, example="2023年1-3月",
               note="一个月（2023-05、2023年5月）或几个月（2023年1-3月、2023年1月至6月、2023年全年）"),
        Column("金额", "money", required=True, mandatory=True, example=93, note="这几个月一共交了多少元"),
        Column("党组织", width=24, aliases=(ORG,), note="同名党员在几个党组织时必填"),
        Column("交纳日期", "date", width=14),
    ), "每笔交纳一行；一次交几个月的，月份写起止，金额写合计。", aliases=("党费收缴", "党费交纳")),
    Sheet("发展党员", (
        Column("姓名", required=True, mandatory=True, width=10, example="陈晨"),
        Column("党组织", required=True, mandatory=True, width=24, aliases=(ORG,), example="第一党支部"),
        Column("出生日期", "date", required=True, width=14, example=D(1996, 9, 1)),
        *(Column(header, "date", required=header in _REQUIRED_STEPS, width=14, aliases=_STEP_ALIASES.get(header, ()),
                 note={"预备党员日期": "上级党委批准其为预备党员的日期（预备期仍从支部大会日期算起）",
                       "转正日期": "转为正式党员之日（预备期满之日）"}.get(header, f"“{STEP_COLUMNS[header]}”的日期"),
                 example={"申请日期": D(2021, 3, 1), "谈话日期": D(2021, 3, 20), "积极分子日期": D(2021, 6, 1),
                          "发展对象日期": D(2022, 7, 1), "支部大会日期": D(2022, 11, 10), "预备党员日期": D(2022, 12, 20)}.get(header))
          for header in _STEP_HEADERS),
        Column("培训学时", "hours", required=True, example=24, note="发展对象集中培训的学时；写“3天”也可以（按每天8学时）"),
        Column("入党介绍人", "names", required=True, width=18, example="王建国、李红梅"),
        Column("延长预备期（月）", "ints", aliases=("延长预备期",), note="延长了几个月；没有延长空着"),
    ), "每名入党申请人一行，办到哪一步就填到哪一步。表头也可以用25个步骤的名称（如“政治审查”“入党宣誓”）登记其他步骤的日期。",
        aliases=("发展党员工作", "入党积极分子")),
    Sheet("谈心谈话", (
        Column("日期", "date", required=True, mandatory=True, width=14, example=D(2023, 4, 12)),
        Column("党组织", required=True, mandatory=True, width=24, example="第一党支部"),
        Column("谈话人", "names", required=True, mandatory=True, width=12, example="王建国"),
        Column("谈话对象", "names", required=True, mandatory=True, width=20, example="李红梅", note="一次与几人谈的，用顿号分开"),
        Column("内容", width=30),
    ), "每次谈话一行。", aliases=("谈心谈话记录", "谈话")),
    Sheet("换届选举", (
        Column("党组织", required=True, mandatory=True, width=24, example="第一党支部"),
        Column("选举日期", "date", required=True, mandatory=True, width=14, example=D(2019, 3, 12)),
        Column("届期（年）", "int", aliases=("届期", "任期（年）", "任期"), example=3),
        Column("书记", width=10, example="王建国"),
        Column("委员", "names", aliases=("支部委员", "委员会成员"), width=28, example="王建国、李红梅、张伟"),
    ), "历次换届选举，一次一行（可选）：本届的写在“党组织”表即可，往届的写在这里，查往年的台账时用得上。", aliases=("换届", "选举")),
    Sheet("民主评议", (
        Column("姓名", required=True, mandatory=True, width=10, example="李红梅"),
        Column(ORG, required=True, mandatory=True, aliases=("党组织",), width=24, example="第一党支部"),
        Column("年度", "int", required=True, mandatory=True, example=2023),
        Column("等次", "choice", required=True, mandatory=True, choices=APPRAISAL_GRADES, example="优秀"),
    ), "每名党员每年一行：民主评议党员的结果。", aliases=("民主评议党员",)),
)
BY_NAME = {name: s for s in SHEETS for name in (s.name, *s.aliases)}
