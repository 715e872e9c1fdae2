"""The 综合等次: the reading, the 民主测评 and the 平时考核 combined by the campaign's weights, with the rule shown.

No national document fixes the weights (the 2019 述职评议考核办法 leaves them to each place), so they are the
campaign's to set; the default below is documented, not prescribed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tally import GRADES, Result

RATINGS = GRADES


@dataclass(frozen=True)
class Scheme:
    reading: float = 0.4  # 审读（评议人的等次）
    ballots: float = 0.4  # 民主测评
    routine: float = 0.2  # 平时考核
    # Points of each grade, to put a rating and a distribution of votes on one scale.
    points: tuple[tuple[str, float], ...] = (("好", 100), ("较好", 85), ("一般", 70), ("差", 50))
    # Lowest score of each grade, best first.
    bands: tuple[tuple[str, float], ...] = (("好", 90), ("较好", 80), ("一般", 65))
    # More than this share of 差 in the ballots: no better than 一般, whatever the score (a common local rule).
    poor_veto: float | None = 1 / 3

    def problems(self) -> list[str]:
        out = []
        if any(w < 0 for w in (self.reading, self.ballots, self.routine)):
            out.append("权重不能是负数")
        if abs(self.reading + self.ballots + self.routine - 1) > 1e-6:
            out.append(f"三项权重之和应为100%，现在是{(self.reading + self.ballots + self.routine) * 100:g}%")
        return out

    def grade_points(self, grade: str) -> float:
        return dict(self.points)[grade]

    def ballot_points(self, result: Result) -> float | None:
        if not result.valid:
            return None
        return sum(self.grade_points(g) * n for g, n in result.votes.items() if g in GRADES) / result.valid

    def band(self, score: float) -> str:
        return next((g for g, low in self.bands if score >= low), RATINGS[-1])


@dataclass(frozen=True)
class Combined:
    score: float | None
    grade: str
    rule: str  # how it was worked out, in words, to show beside it


def combine(scheme: Scheme, reading: str | None, ballots: Result | None, routine: float | None) -> Combined:
    """The 综合等次 of one reporter. A part that is missing (no ballots, no 平时考核) leaves the others' weights in
    proportion; with no part at all there is no grade."""
    parts = []
    if reading:
        parts.append(("审读", scheme.grade_points(reading), scheme.reading, f"审读{reading}"))
    points = scheme.ballot_points(ballots) if ballots is not None else None
    if points is not None:
        parts.append(("民主测评", points, scheme.ballots, f"民主测评{points:.1f}分（{ballots.valid}票）"))
    if routine is not None:
        parts.append(("平时考核", float(routine), scheme.routine, f"平时考核{routine:g}分"))
    weight = sum(w for _, _, w, _ in parts)
    if not parts or weight <= 0:
        return Combined(None, "", "还没有审读等次、测评票或平时考核分，无法评定")
    score = sum(p * w for _, p, w, _ in parts) / weight
    grade = scheme.band(score)
    terms = " + ".join(f"{what}×{w / weight:.0%}" for _, _, w, what in parts)
    rule = f"{terms} = {score:.1f}分，{grade}（" + "，".join(f"{g}{low:g}分及以上" for g, low in scheme.bands) + "）"
    if scheme.poor_veto is not None and ballots is not None and ballots.valid and ballots.votes["差"] / ballots.valid > scheme.poor_veto:
        if RATINGS.index(grade) < RATINGS.index("一般"):
            grade = "一般"
            rule += f"；“差”票占{ballots.votes['差'] / ballots.valid:.0%}，超过{scheme.poor_veto:.0%}，最高评为一般"
    return Combined(round(score, 1), grade, rule)
