"""LD: the numbers a report claims, compared with the organization's ledger for the year (given as facts)."""

from __future__ import annotations

from ..claims import HIGHER, LOWER, compare, extract
from ..registry import Rule, implements


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def verdicts(doc, ctx) -> list:
    """(claim, verdict, the ledger's figure) for each claim of the document, worked out once for both rules."""
    return ctx.cached("ledger-verdicts", lambda: [(c, *compare(c, ctx.facts)) for c in extract(doc)])


class _LedgerClaim(Rule):
    direction = ""

    def check(self, doc, ctx):
        if not ctx.facts:
            return
        for claim, verdict, figure in verdicts(doc, ctx):
            if verdict != self.direction:
                continue
            said = doc.text[claim.start:claim.end]
            unit = "%" if claim.key == "dues.rate" else claim.unit
            before = claim.qualifier if claim.qualifier in ("近", "将近", "接近", "约", "超过", "逾") else ""
            after = claim.qualifier if claim.qualifier in ("余", "多", "以上", "左右") else ""
            shown = _fmt(figure) if claim.key != "dues.paid" else f"{figure:.2f}".rstrip("0").rstrip(".")
            more = "多" if verdict == HIGHER else "少"
            message = (f"报告写{claim.label}{before}{said}{after}{unit}，台账记录是{shown}{unit}，报告的数字偏{more}；"
                       f"请核对原始记录，改报告或补台账")
            suggestions = (shown,) if not claim.qualifier and claim.key not in ("dues.paid",) else ()
            yield self.finding(doc, claim.start, claim.end, message=message, suggestions=suggestions, safety="review")


@implements("ledger-claim-higher")
class ClaimHigher(_LedgerClaim):
    direction = HIGHER


@implements("ledger-claim-lower")
class ClaimLower(_LedgerClaim):
    direction = LOWER
