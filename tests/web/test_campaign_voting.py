"""The 民主测评 is anonymous in the database itself: read the rows after a vote and find no way from a code (or from
whoever held it) to a ballot, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from .conftest import client_for, report_bytes
from .test_campaigns import advance, create_campaign, post, reporter, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def voted(tree):
    from django.test import Client

    from shuzhi.web.campaigns.models import Campaign, code_digest

    reviewer = client_for(tree.reviewer)
    campaign = Campaign.objects.get(pk=create_campaign(reviewer, tree).json()["id"])
    advance(reviewer, campaign)
    a, b = reporter(campaign, tree.branch_a), reporter(campaign, tree.branch_b)
    submit(client_for(tree.secretary_a), campaign, a, report_bytes("第一党支部"))
    advance(reviewer, campaign, 2)
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "open"})
    codes = post(reviewer, f"/campaigns/{campaign.pk}/voting/codes/", {"n": 4}).json()["codes"]
    used = codes[:2]
    # A voter signed in as a 评议 member votes too: the ballot must not know them either.
    voters = [Client(), client_for(tree.other_reviewer)]
    for client, code, grade in zip(voters, used, ("好", "差")):
        r = client.post("/vote/", {"code": code, "ballot": "1", f"g{a.pk}": grade, f"g{b.pk}": "较好", f"c{a.pk}": f"意见{grade}"})
        assert r.status_code == 200
    return {"campaign": campaign, "codes": codes, "used": used, "digests": [code_digest(c) for c in codes]}


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _relations(table: str) -> dict:
    with connection.cursor() as cursor:
        return {col: target for col, (_, target) in connection.introspection.get_relations(cursor, table).items()}


def _everything() -> str:
    """Every row of every table of the database, as text."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            out += [f"{table}:{row!r}" for row in cursor.fetchall()]
    return "\n".join(out)


def test_ballot_rows_hold_no_code_no_person_no_time(voted):
    from shuzhi.web.campaigns.models import Ballot, Vote

    assert _columns("campaigns_ballot") == {"id", "campaign_id"}
    assert _columns("campaigns_vote") == {"id", "ballot_id", "reporter_id", "grade", "comment"}
    assert _columns("campaigns_votingcode") == {"id", "campaign_id", "digest"}
    assert set(_relations("campaigns_ballot").values()) == {"campaigns_campaign"}
    assert set(_relations("campaigns_vote").values()) == {"campaigns_ballot", "campaigns_reporter"}
    assert set(_relations("campaigns_votingcode").values()) == {"campaigns_campaign"}
    # Nothing else points at a ballot or a code (no history table, no log).
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            targets = set(_relations(table).values())
            if table != "campaigns_vote":
                assert "campaigns_ballot" not in targets, table
            assert "campaigns_votingcode" not in targets, table
            assert not table.startswith(("campaigns_historicalballot", "campaigns_historicalvote", "campaigns_historicalvotingcode"))
    ballots = list(Ballot.objects.filter(campaign=voted["campaign"]))
    assert len(ballots) == 2 and all(isinstance(b.pk, uuid.UUID) and b.pk.version == 4 for b in ballots)
    assert Vote.objects.filter(ballot__in=ballots).count() == 4


def test_a_used_code_leaves_no_trace_and_the_others_wait(voted):
    from shuzhi.web.campaigns.models import VotingCode

    left = set(VotingCode.objects.filter(campaign=voted["campaign"]).values_list("digest", flat=True))
    assert left == set(voted["digests"][2:])
    text = _everything()
    for code, digest in zip(voted["codes"][:2], voted["digests"][:2]):
        assert code not in text and code.replace("-", "") not in text
        assert digest not in text
    # what the voters wrote is there, but beside nothing that names them
    assert "意见好" in text and "意见差" in text
    assert "other_reviewer" not in "\n".join(line for line in text.splitlines() if line.startswith(("campaigns_vote", "campaigns_ballot")))


def test_the_transition_log_records_the_voting_but_not_the_votes(voted):
    from shuzhi.web.campaigns.models import Transition

    log = list(Transition.objects.filter(campaign=voted["campaign"], flow="voting").values_list("action", "source", "target"))
    assert log == [("open_voting", "not_open", "open")]
    assert not Transition.objects.filter(campaign=voted["campaign"], action__icontains="vote").exclude(flow="voting").exists()
