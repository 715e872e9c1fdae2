"""民主测评: paper totals checked (counted ≤ recovered ≤ issued), online ballots counted, and the rates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

GRADES = ("好", "较好", "一般", "差")


@dataclass(frozen=True)
class PaperTotals:
    """What the tellers typed in for one reporter from the paper ballots."""

    issued: int  # 发出
    recovered: int  # 收回
    valid: int  # 有效（计票）
    votes: tuple[tuple[str, int], ...] = ()  # (grade, count)

    def problems(self) -> list[str]:
        out = []
        counts = dict(self.votes)
        if any(n < 0 for n in (self.issued, self.recovered, self.valid, *counts.values())):
            out.append("票数不能是负数")
        if self.recovered > self.issued:
            out.append(f"收回{self.recovered}张，多于发出的{self.issued}张")
        if self.valid > self.recovered:
            out.append(f"有效票{self.valid}张，多于收回的{self.recovered}张")
        if sum(counts.values()) > self.valid:
            out.append(f"各等次合计{sum(counts.values())}票，多于有效票{self.valid}张")
        unknown = set(counts) - set(GRADES)
        if unknown:
            out.append(f"未知的等次：{'、'.join(sorted(unknown))}")
        return out


@dataclass
class Result:
    votes: Counter = field(default_factory=Counter)
    valid: int = 0

    @property
    def good_rate(self) -> float | None:
        """好评率: the share of valid ballots rating 好."""
        return self.votes["好"] / self.valid if self.valid else None

    @property
    def satisfied_rate(self) -> float | None:
        """满意率: the share rating 好 or 较好."""
        return (self.votes["好"] + self.votes["较好"]) / self.valid if self.valid else None

    def as_dict(self) -> dict:
        return {"votes": {g: self.votes.get(g, 0) for g in GRADES}, "valid": self.valid,
                "good_rate": _round(self.good_rate), "satisfied_rate": _round(self.satisfied_rate)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def from_paper(totals: PaperTotals) -> Result:
    return Result(Counter(dict(totals.votes)), totals.valid)


def count(ballots: Iterable[dict[object, str]]) -> dict[object, Result]:
    """Online ballots, each {reporter: grade} (a voter may leave a reporter out): a result per reporter."""
    out: dict[object, Result] = {}
    for ballot in ballots:
        for reporter, grade in ballot.items():
            if grade not in GRADES:
                continue
            r = out.setdefault(reporter, Result())
            r.votes[grade] += 1
            r.valid += 1
    return out


def from_counts(rows: Iterable[tuple[object, str, int]]) -> dict[object, Result]:
    """Results from votes already counted by (reporter, grade) — what a database's GROUP BY gives."""
    out: dict[object, Result] = {}
    for reporter, grade, n in rows:
        if grade not in GRADES:
            continue
        r = out.setdefault(reporter, Result())
        r.votes[grade] += n
        r.valid += n
    return out


def combined(*results: Result | None) -> Result:
    """Paper and online results of one reporter added together."""
    out = Result()
    for r in results:
        if r is not None:
            out.votes.update(r.votes)
            out.valid += r.valid
    return out
