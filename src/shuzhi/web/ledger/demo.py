"""The demo ledger: records for every demo 党支部 from January 2023 up to today, some obligations left unmet (so a
newcomer sees the board filled), stored through the same import path a workbook takes."""

from __future__ import annotations

from shuzhi.ledger.demo import demo_ledger

from ..orgs.models import Organization
from .engine import key
from .importer import store
from .models import Member


def load_ledger(orgs: dict[str, Organization]) -> str:
    if Member.objects.filter(organization__in=orgs.values()).exists():
        return ""
    ledger = demo_ledger(key=lambda name: key(orgs[name].pk))
    result = store(ledger, {key(o.pk): o for o in orgs.values()}, None, reason="演示数据（虚构）")
    return f"演示台账：{result.summary}"
