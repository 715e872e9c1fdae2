"""The reporters' table of the campaign page and the overview, written in Python: a thousand rows through the
template engine took longer than every query of the page together."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _pct(x) -> str:
    return "" if x is None else f"{x:.0%}"


def _cell(value, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{escape('' if value is None else value)}</td>"


def header(results_visible: bool) -> SafeString:
    cols = ["编号", "党组织", "书记", "状态", "版本", "报告得分", "系统建议", "审读等次"]
    if results_visible:
        cols += ["好评率", "综合得分", "综合等次"]
    cols += ["问题", "整改（销号/总数）"]
    return mark_safe("".join(f"<th>{c}</th>" for c in cols))


def rows_html(rows: list[dict], reporter_url: str, results_visible: bool) -> SafeString:
    """`reporter_url` ends where the reporter's id goes (…/r/)."""
    out = []
    for r in rows:
        state = f'<span class="st st-{escape(r["state_value"])}">{escape(r["state"])}</span>' + (
            ' <span class="bad">逾期提交</span>' if r["late"] else "")
        cells = [_cell(r["seq"], "num"), f'<td><a href="{reporter_url}{r["id"]}/">{escape(r["organization"])}</a></td>',
                 _cell(r["secretary"]), f"<td>{state}</td>", _cell(r["versions"] or "", "num"), _cell(r["score"], "num"),
                 _cell(r["suggested"]), _cell(r.get("reading", ""))]
        if results_visible:
            ballots, combined = r.get("ballots") or {}, r.get("combined") or {}
            cells += [_cell(_pct(ballots.get("good_rate")), "num"), _cell(combined.get("score"), "num"), _cell(combined.get("grade", ""))]
        items = r.get("items") or {}
        progress = ""
        if items.get("total"):
            progress = f"{items['closed']}/{items['total']}" + (f' <span class="bad">逾期{items["overdue"]}</span>' if items["overdue"] else "")
        cells += [_cell(r.get("problems") or "", "num"), f'<td class="num">{progress}</td>']
        out.append("<tr>" + "".join(cells) + "</tr>")
    return mark_safe("\n".join(out))


def context(rows: list[dict], campaign) -> dict:
    from django.urls import reverse

    url = reverse("campaigns:reporter", args=[campaign.pk, 0])[:-2]
    return {"table_head": header(campaign.results_visible), "table_rows": rows_html(rows, url, campaign.results_visible)}
