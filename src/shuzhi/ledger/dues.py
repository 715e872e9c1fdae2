"""Dues: the monthly amount a member owes by category and base (rates are the rule's data), and what was paid.

Money is Decimal throughout, never float. A payment may cover one month or a run of months (a quarter, a year paid
at once); its amount is spread evenly over them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .records import Member, Payment

CENT = Decimal("0.01")


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def monthly_due(member: Member, params: dict) -> Decimal | None:
    """What the member owes each month under the rule's `rates` and `fixed` amounts; None when it cannot be worked out
    (no base for a category paid by rate, or a category the rule does not price)."""
    fixed = params.get("fixed", {})
    if member.dues_category in fixed:
        return _decimal(fixed[member.dues_category]).quantize(CENT)
    brackets = params.get("rates", {}).get(member.dues_category)
    if brackets is None or member.dues_base is None:
        return None
    base = _decimal(member.dues_base)
    for ceiling, rate in brackets:
        if ceiling is None or base <= _decimal(ceiling):
            return (base * _decimal(rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return None


def paid_by_month(payments: list[Payment]) -> dict[int, Decimal]:
    """Each month's share of the payments that cover it, by Month.index."""
    out: dict[int, Decimal] = {}
    for p in payments:
        share = _decimal(p.amount) / p.months
        first = p.first.index
        for i in range(first, first + p.months):
            out[i] = out.get(i, Decimal(0)) + share
    return out


def yuan(amount: Decimal | None) -> str:
    return "—" if amount is None else f"{amount.quantize(CENT, rounding=ROUND_HALF_UP)}元"
