"""A report's text as HTML with every finding marked, built from the stored offsets; text is always escaped.

Overlapping findings split the text into pieces; each piece is marked once, coloured by the innermost
(shortest) finding covering it, and lists every finding that covers it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from shuzhi.document import CATEGORY_LABELS


@dataclass(frozen=True, slots=True)
class Span:
    id: int
    start: int
    end: int
    category: str
    severity: str
    dismissed: bool = False


def pieces(start: int, end: int, spans: list[Span]) -> list[tuple[int, int, list[Span], list[Span]]]:
    """(piece start, piece end, findings covering it, findings beginning at it) over [start, end)."""
    clipped = []
    for s in spans:
        if s.start > end or s.end <= start and s.end > s.start or s.start < start and s.end == s.start:
            continue  # another report's finding (a compilation's parts share one text)
        a = min(max(s.start, start), end)
        b = min(max(s.end, a + 1), end)  # a point finding marks one character, as in the annotated docx
        clipped.append((a, b, s))
    cuts = sorted({start, end, *(a for a, _, _ in clipped), *(b for _, b, _ in clipped)})
    by_start: dict[int, list] = {}
    for a, b, s in clipped:
        by_start.setdefault(a, []).append((b, s))
    out, active = [], []
    for a, b in zip(cuts, cuts[1:]):
        active = [(e, s) for e, s in active if e > a]
        beginning = by_start.get(a, [])
        active += [(e, s) for e, s in beginning if e > a]
        out.append((a, b, [s for _, s in active], [s for _, s in beginning]))
    tail = [s for e, s in by_start.get(end, [])]
    if tail:
        out.append((end, end, [], tail))
    return out


def highlighted(text: str, start: int, end: int, spans: list[Span]) -> SafeString:
    html = []
    for a, b, covering, beginning in pieces(start, end, spans):
        html += [f'<span class="anchor" id="f-{s.id}"></span>' for s in beginning]
        chunk = escape(text[a:b])
        if not covering:
            html.append(chunk)
            continue
        inner = min(covering, key=lambda s: (s.end - s.start, s.id))
        classes = f"hl c-{inner.category} s-{inner.severity}"
        if len(covering) > 1:
            classes += " multi"
        if all(s.dismissed for s in covering):
            classes += " dismissed"
        ids = " ".join(str(s.id) for s in covering)
        label = "、".join(dict.fromkeys(CATEGORY_LABELS.get(s.category, s.category) for s in covering))
        html.append(f'<mark class="{classes}" data-f="{ids}" title="{label}">{chunk}</mark>')
    return mark_safe("".join(html))
