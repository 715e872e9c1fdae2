"""What a section is about, from the words of its heading."""

from __future__ import annotations

import re

from ..document import SectionKind as K

# Checked in this order; the first pattern to match a heading wins when only one kind is wanted.
KIND_PATTERNS = (
    (K.RECTIFICATION, re.compile(r"(?:上|去)一?年度?.{0,12}(?:问题|整改)|整改(?:落实|完成)?情况|反馈问题|问题整改")),
    (K.COMMITMENTS, re.compile(r"承诺")),
    (K.PROBLEMS, re.compile(r"存在的?(?:主要|突出)?问题|问题(?:和|与|及|、)不足|不足(?:之处)?|差距|短板|薄弱环节|^问题")),
    (K.CAUSES, re.compile(r"原因|根源|症结")),
    (K.PLANS, re.compile(r"下一?步|今后|打算|工作思路|努力方向|改进(?:措施|方向)|工作计划|明年|\d{4}年.{0,4}工作(?:任务|安排|计划|思路|要点)")),
    (K.HIGHLIGHTS, re.compile(r"特色|亮点|创新做法|品牌")),
    (K.REFLECTIONS, re.compile(r"体会|启示|感悟|认识")),
    (K.PERFORMANCE, re.compile(r"履职|主要工作|工作(?:开展|完成|落实)?情况|主要做法|做法(?:和|及|与)成效|工作成效|取得的?成[效绩]|抓基层党建")),
)

# A short line that is a heading even though it carries no number.
PLAIN_HEADING = re.compile(
    r"^(?:存在的?(?:主要)?问题(?:(?:和|与|及)(?:不足|原因(?:分析)?))?|问题(?:和|与|及)不足|原因分析|"
    r"(?:下一步|今后)的?(?:工作)?(?:打算|思路|计划|措施|方向)|主要(?:工作|做法)(?:及成效)?|"
    r"(?:基本|工作|履职)情况|特色(?:亮点|做法)|(?:上|去)一?年度?.{0,8}整改.{0,6})[：:]?$"
)


def kinds_in(heading: str) -> list[str]:
    """Every kind a heading speaks of, in the order the heading names them."""
    hits = []
    for kind, pattern in KIND_PATTERNS:
        m = pattern.search(heading)
        if m and kind not in (k for _, k in hits):
            hits.append((m.start(), kind))
    return [kind for _, kind in sorted(hits)]


def kind_of(heading: str) -> str:
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(heading):
            return kind
    return K.OTHER
