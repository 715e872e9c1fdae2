"""Last year's items carried into this year: what the report check (RC rules) and the next campaign's pages see."""

from __future__ import annotations

from shuzhi.campaign.rectification import RectItem

from .models import Item


def items_for(organization, year: int) -> list[Item]:
    """The rectification items of the organization's secretary from the campaign of the year before `year`."""
    return list(Item.objects.filter(problem__reporter__organization=organization, problem__reporter__campaign__year=year - 1)
                .select_related("problem__reporter__organization").order_by("problem__reporter__campaign_id", "problem_id"))


def rect_item(item: Item) -> RectItem:
    p = item.problem
    return RectItem(p.reporter.organization.name, p.text, item.get_state_display(), p.number, p.category, p.requirement,
                    item.measures, item.owner, item.due or p.deadline)


def rectification_for(organization, year: int) -> list[RectItem]:
    return [rect_item(i) for i in items_for(organization, year)]
