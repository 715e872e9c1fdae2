"""Two reports side by side with the passages they share (the engine's reuse alignment)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from shuzhi.document import Document
from shuzhi.outputs.reuse import passage_spans
from shuzhi.reuse.corpus import ReuseDoc, ReuseParams, align_pair, common_mask

from .. import access
from ..highlight import Span, highlighted
from ..models import Report
from ...orgs.responses import page


def _document(r: Report) -> Document:
    sf = r.source_file
    return Document(source=sf.name, text=sf.text, start=r.start, end=r.end, title=r.title, year=r.year, kind=r.kind)


def shared(a: Report, b: Report, params: ReuseParams = ReuseParams()) -> dict | None:
    """Ratios and passages (source offsets into each file's text), or None when nothing is shared."""
    da, db = ReuseDoc.of(0, _document(a)), ReuseDoc.of(1, _document(b))
    k = params.signatures.min_run
    pair = align_pair(da, db, params, common_mask(da, k), common_mask(db, k))
    if pair is None:
        return None
    return {"ratio_a": round(pair.ratio_a, 3), "ratio_b": round(pair.ratio_b, 3), "shared_a": pair.shared_a,
            "shared_b": pair.shared_b, "identical": pair.identical, "passages": passage_spans(pair, da, db)}


def compare(request):
    reports = access.reports(request.user)
    chosen = {}
    for side in ("a", "b"):
        value = request.GET.get(side, "")
        if value.isdigit():
            chosen[side] = get_object_or_404(reports.select_related("source_file", "organization").defer("source_file__data"), pk=value)
    year = chosen["a"].year if "a" in chosen else None
    choices = reports.filter(front_matter=False, **({"year": year} if year else {})).select_related("organization").only(
        "id", "title", "year", "organization__name").order_by("-year", "organization__path", "index")[:2000]
    result = None
    if len(chosen) == 2:
        result = shared(chosen["a"], chosen["b"])
    context = {"choices": choices, "a": chosen.get("a"), "b": chosen.get("b"), "result": result}
    if result is not None:
        a, b = chosen["a"], chosen["b"]
        ps = result["passages"]
        context["a_html"] = highlighted(a.source_file.text, a.start, a.end, [Span(n, p["a_start"], p["a_end"], "reuse", "warning") for n, p in enumerate(ps, 1)])
        context["b_html"] = highlighted(b.source_file.text, b.start, b.end, [Span(n, p["b_start"], p["b_end"], "reuse", "warning") for n, p in enumerate(ps, 1)])
    elif len(chosen) == 2:
        context["a_html"], context["b_html"] = chosen["a"].text, chosen["b"].text

    def data():
        def brief(r):
            return {"id": r.pk, "title": r.title, "organization": r.organization.name, "url": reverse("report", args=[r.pk])} if r else None
        out = {"a": brief(chosen.get("a")), "b": brief(chosen.get("b")), "result": result}
        if result:
            for p in result["passages"]:
                p["text_a"] = chosen["a"].source_file.text[p["a_start"]:p["a_end"]]
                p["text_b"] = chosen["b"].source_file.text[p["b_start"]:p["b_end"]]
        return out

    return page(request, "reviews/compare.html", context, data)
