"""A synthetic corpus of reports with copies planted at known places, so recall and precision are exact.

Each report is written from words of jieba's dictionary (shipped in the jieba package), put into sentences
with the numbers, headings, stock phrases and official formulations real reports have, so that two
reports share nothing long by chance except what every report shares. Then passages of 13 to 2,000
characters are copied from donor reports into recipient reports: most verbatim, some split and reordered,
some with a few characters changed. Donor regions are never reused, so every shared passage is either
planted or common phrasing.
"""

from __future__ import annotations

import importlib.util
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sys

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.review.knowledge import load_knowledge  # noqa: E402

PLACES = list("东南西北中") + ["青山", "红旗", "幸福", "阳光", "和平", "新华", "建设", "光明", "长江", "黄河", "春风", "胜利", "团结", "振兴"]
UNITS = ["镇党委", "街道党工委", "社区党委", "村党支部", "局机关党支部", "中学党总支", "医院党委", "公司党支部", "中心党支部"]
HEADINGS = ["一、履职情况", "二、存在问题", "三、原因分析", "四、下一步打算"]
OPENINGS = [
    "一年来，在上级党委的坚强领导下，我认真履行抓党建第一责任人职责，现将有关情况报告如下。",
    "今年以来，我坚持以习近平新时代中国特色社会主义思想为指导，认真履行抓党建第一责任人职责，现将履职情况报告如下。",
    "根据上级要求，现将本人抓基层党建工作情况报告如下。",
]
UNIT_WORDS = ["次", "名", "个", "项", "场", "篇", "人次", "户", "件", "万元"]


@lru_cache(maxsize=1)
def vocabulary() -> list[str]:
    spec = importlib.util.find_spec("jieba")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    words = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            word, freq, tag = (line.split() + ["", ""])[:3]
            if 2 <= len(word) <= 4 and int(freq) >= 200 and tag in ("n", "v", "vn", "a", "ad", "d", "an"):
                words.append(word)
    return words


def sentence(rng: random.Random, formulations: list[str]) -> str:
    words = vocabulary()
    parts = []
    for _ in range(rng.randint(2, 4)):
        clause = "".join(rng.choice(words) for _ in range(rng.randint(3, 6)))
        if rng.random() < 0.3:
            clause += f"{rng.randint(1, 999)}{rng.choice(UNIT_WORDS)}"
        if rng.random() < 0.1:
            clause = rng.choice(formulations) + clause
        parts.append(clause)
    return "，".join(parts) + rng.choice("。。。；")


@dataclass
class Plant:
    donor: int
    recipient: int
    donor_span: tuple[int, int]
    recipient_spans: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "exact"  # exact | reordered | changed

    @property
    def length(self) -> int:
        return self.donor_span[1] - self.donor_span[0]


@dataclass
class SyntheticCorpus:
    texts: list[str]
    titles: list[str]
    plants: list[Plant]


def _report(rng: random.Random, k: int, chars: int, formulations: list[str]) -> tuple[str, list[str]]:
    # A unit name of its own: two reports share a title prefix only where a copy was planted.
    words = vocabulary()
    title = f"{rng.choice([2022, 2023, 2024])}年度{rng.choice(PLACES)}{rng.choice(words)}{rng.choice(words)}{rng.choice(UNITS)}第{k}书记抓基层党建工作述职报告"
    paragraphs: list[list[str]] = [[rng.choice(OPENINGS)]]
    size = len(title) + len(paragraphs[0][0])
    heading = 0
    while size < chars:
        if heading < len(HEADINGS) and (size > chars * heading / len(HEADINGS)):
            paragraphs.append([HEADINGS[heading]])
            heading += 1
        paragraph = [sentence(rng, formulations) for _ in range(rng.randint(2, 5))]
        paragraphs.append(paragraph)
        size += sum(map(len, paragraph))
    return title, ["".join(p) for p in paragraphs]


def build(n_docs: int, chars: int = 5000, plants_per_doc: float = 0.5, seed: int = 11, max_plant: int = 2000) -> SyntheticCorpus:
    rng = random.Random(seed)
    formulations = [f.term for f in load_knowledge().formulations if len(f.term) >= 4]
    reports = [_report(rng, k, chars, formulations) for k in range(n_docs)]
    titles = [t for t, _ in reports]
    base = [t + "\n" + "\n".join(ps) + "\n" for t, ps in reports]
    donors = list(range(n_docs // 2))
    recipients = list(range(n_docs // 2, n_docs))
    used: dict[int, list[tuple[int, int]]] = {}
    inserts: dict[int, list[tuple[int, str, int, int]]] = {}  # recipient -> (position, text, plant, chunk)
    plants: list[Plant] = []
    for _ in range(int(n_docs * plants_per_doc)):
        donor, recipient = rng.choice(donors), rng.choice(recipients)
        length = int(round(13 * (max_plant / 13) ** rng.random()))  # log-uniform in [13, max_plant]
        text = base[donor]
        start = rng.randint(len(titles[donor]) + 1, max(len(titles[donor]) + 1, len(text) - length - 1))
        end = min(len(text) - 1, start + length)
        if any(s < end and start < e for s, e in used.get(donor, [])) or end - start < 13:
            continue
        used.setdefault(donor, []).append((start, end))
        copied = text[start:end].replace("\n", "")
        kind = rng.choices(["exact", "reordered", "changed"], [0.7, 0.15, 0.15])[0]
        if kind == "changed" and len(copied) >= 26:
            chars_ = list(copied)
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(chars_))
                chars_[i] = rng.choice("党政群团工青妇")
            copied = "".join(chars_)
        else:
            kind = "exact" if kind == "changed" else kind
        chunks = [copied]
        if kind == "reordered" and len(copied) >= 40:
            cut = sorted(rng.sample(range(13, len(copied) - 13), 1))
            chunks = [copied[cut[0]:], copied[: cut[0]]]  # second half first
        else:
            kind = "exact" if kind == "reordered" else kind
        plant = Plant(donor, recipient, (start, end), kind=kind)
        plants.append(plant)
        body_start = len(titles[recipient]) + 1
        for c, chunk in enumerate(chunks):
            # Insert at a paragraph start, so the copy does not fuse with the text around it.
            breaks = [i + 1 for i, ch in enumerate(base[recipient]) if ch == "\n" and i + 1 >= body_start]
            inserts.setdefault(recipient, []).append((rng.choice(breaks), chunk + "\n", len(plants) - 1, c))
    texts = list(base)
    for recipient, items in inserts.items():
        text = base[recipient]
        out, pos, shift = [], 0, 0
        for at, chunk, p, _ in sorted(items, key=lambda x: (x[0], x[2], x[3])):
            out.append(text[pos:at])
            shift_at = at + shift
            plants[p].recipient_spans.append((shift_at, shift_at + len(chunk) - 1))
            out.append(chunk)
            shift += len(chunk)
            pos = at
        out.append(text[pos:])
        texts[recipient] = "".join(out)
    return SyntheticCorpus(texts, titles, plants)
