"""Evaluation: precision and recall per rule family on the project's labelled set, false findings on clean
text, and the findings and scorecard of every real report in ../shared/corpus (skipped when absent).

    python benchmarks/eval.py          (make eval)

The labelled set is tests/data/labelled/: reports written for the project with defects planted and marked
{{FAMILY:text}}, and clean_sentences.txt, one correct sentence a line. A planted defect is found when a
finding of its family overlaps it; a finding is false when it overlaps no planted defect of its family.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import shuzhi  # noqa: E402
from shuzhi.document import CATEGORY_LABELS  # noqa: E402
from shuzhi.ingest import load  # noqa: E402
from shuzhi.pipeline import check_source_file  # noqa: E402
from shuzhi.review.checker import Checker  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "labelled"
# Written by a separate session that had not seen the rules: the more honest measure.
INDEPENDENT = ROOT / "tests" / "data" / "labelled_independent"
CLEAN_REPORT = ROOT / "tests" / "data" / "clean_report.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
MARK = re.compile(r"\{\{([A-Z]{2}):(.*?)\}\}", re.S)
TARGET_FAMILIES = ("FM", "ST", "CO", "SC")


@dataclass
class Planted:
    family: str
    start: int
    end: int


def unmark(marked: str) -> tuple[str, list[Planted]]:
    """The report as written, and where its planted defects are."""
    out, planted, pos, length = [], [], 0, 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        planted.append(Planted(m.group(1), length, length + len(m.group(2))))
        out.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), planted


@dataclass
class FamilyScore:
    planted: int = 0
    found: int = 0
    findings: int = 0
    true_findings: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.true_findings / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate_labelled(folder: Path = LABELLED) -> dict[str, FamilyScore]:
    scores: dict[str, FamilyScore] = {}
    for path in sorted(folder.glob("*.txt")):
        if path.name == "clean_sentences.txt":
            continue
        text, planted = unmark(path.read_text(encoding="utf-8"))
        findings = [f for d in shuzhi.check(text, source=path.name) for f in d.findings]
        for p in planted:
            s = scores.setdefault(p.family, FamilyScore())
            s.planted += 1
            if any(f.rule[:2] == p.family and _overlaps(f.start, f.end, p.start, p.end) for f in findings):
                s.found += 1
            else:
                s.misses.append(f"{path.name}: {text[p.start:p.end]}")
        for f in findings:
            s = scores.setdefault(f.rule[:2], FamilyScore())
            s.findings += 1
            if any(p.family == f.rule[:2] and _overlaps(f.start, f.end, p.start, p.end) for p in planted):
                s.true_findings += 1
            else:
                s.false.append(f"{path.name}: {f.rule} “{text[f.start:f.end][:30]}” {f.message[:60]}")
    return scores


def evaluate_clean(folders=(LABELLED, INDEPENDENT)) -> tuple[int, int, list[str]]:
    """(characters, findings, examples) over clean sentences (each its own text) and the clean report."""
    texts = []
    for folder in folders:
        sentences = folder / "clean_sentences.txt"
        if sentences.exists():
            texts += [line for line in sentences.read_text(encoding="utf-8").splitlines() if line.strip()]
    if CLEAN_REPORT.exists():
        texts.append(CLEAN_REPORT.read_text(encoding="utf-8"))
    chars, found, examples = 0, 0, []
    for text in texts:
        chars += len(text)
        for d in shuzhi.check(text):
            for f in d.findings:
                found += 1
                examples.append(f"{f.rule} “{text[f.start:f.end][:30]}” {f.message[:60]}")
    return chars, found, examples


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def report_set(name: str, folder: Path) -> list[str]:
    """Print the table for one labelled set; return the target families below 0.9 precision."""
    print(f"== {name}：各规则族的查准率和查全率（{folder.relative_to(ROOT)}）")
    if not folder.is_dir():
        print("  跳过：目录不存在")
        return []
    scores = evaluate_labelled(folder)
    print(f"{'族':<4}{'埋设':>6}{'查到':>6}{'查全率':>8}{'发现':>6}{'正确':>6}{'查准率':>8}")
    failing = []
    total = FamilyScore()
    for family in sorted(scores):
        s = scores[family]
        print(f"{family:<4}{s.planted:>6}{s.found:>6}{_pct(s.recall):>8}{s.findings:>6}{s.true_findings:>6}{_pct(s.precision):>8}")
        for attr in ("planted", "found", "findings", "true_findings"):
            setattr(total, attr, getattr(total, attr) + getattr(s, attr))
        if family in TARGET_FAMILIES and s.precision is not None and s.precision < 0.9:
            failing.append(family)
    print(f"{'合计':<3}{total.planted:>6}{total.found:>6}{_pct(total.recall):>8}{total.findings:>6}{total.true_findings:>6}{_pct(total.precision):>8}")
    for family in sorted(scores):
        for line in scores[family].misses:
            print(f"  漏报 {family}  {line}")
        for line in scores[family].false:
            print(f"  误报 {family}  {line}")
    print()
    return failing


def main() -> int:
    failing = report_set("自编标注集", LABELLED) + report_set("独立标注集（由未看过规则的会话编写）", INDEPENDENT)

    chars, found, examples = evaluate_clean()
    per_5000 = found / chars * 5000 if chars else 0
    print(f"\n== 正确文本上的误报：{chars}字，{found}处，每5000字 {per_5000:.2f} 处（目标不超过1处）")
    for line in examples:
        print(f"  {line}")

    print("\n== 真实报告（../shared/corpus）")
    if not CORPUS.is_dir():
        print("  跳过：../shared/corpus 不存在")
    else:
        checker = Checker()
        for path in sorted(CORPUS.glob("*.txt")):
            sf = load(str(path), path.read_bytes())
            for checked in check_source_file(sf, checker):
                by_category = Counter(CATEGORY_LABELS[f.category] for f in checked.findings)
                counts = "、".join(f"{k}{v}" for k, v in by_category.most_common()) or "无"
                print(f"  {path.name}《{checked.document.title}》")
                print(f"    发现：{counts}")
                if checked.score:
                    print(f"    评分：{checked.score.summary}")
    if failing:
        print(f"\n查准率未达0.9的规则族：{', '.join(failing)}")
    return 1 if failing or per_5000 > 1 else 0


if __name__ == "__main__":
    sys.exit(main())
