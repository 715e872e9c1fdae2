"""Fixtures of the web tests: an organization tree with its people, report files, and uploading through the app."""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass

import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
PASSWORD = "correct-horse-42"

# A report of our own with two placeholders (PH001 on XX, PH002 on *), text that must be escaped, and a
# 存在问题 part of slogans (SY002).
REPORT = """2023年度测试街道{unit}书记抓基层党建工作述职报告

2023年以来，我支部坚持以习近平新时代中国特色社会主义思想为指导，认真落实党建工作责任制。现将有关情况报告如下：
一、履职情况
（一）加强政治建设。全年召开支部委员会12次，开展主题党日活动*次，组织党员学习XX次，发展党员2名。
（二）强化组织建设。严格落实“三会一课”制度，召开组织生活会1次，民主评议党员{members}名。<script>alert("x")</script>
二、存在问题
一是理论学习不够深入。二是组织生活质量不高。
三、原因分析
主要是思想认识不到位。
四、下一步打算
下一步，我们将持续加强支部建设，确保各项工作落到实处。
"""


def report_text(unit: str = "第二党支部", members: int = 23) -> str:
    return REPORT.format(unit=unit, members=members)


def report_bytes(unit: str = "第二党支部", members: int = 23) -> bytes:
    return report_text(unit, members).encode("utf-8")


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@dataclass
class Tree:
    """党委 → 党总支 → 支部A, 支部B; another 党委 with its own reviewer; and an administrator."""

    committee: object
    general: object
    branch_a: object
    branch_b: object
    other: object
    reviewer: object
    secretary_a: object
    secretary_b: object
    other_reviewer: object
    admin: object


@pytest.fixture(autouse=True)
def empty_cache():
    """The board's cache lives in memory for the life of the process; each test starts without it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Unit tests run a task as it is enqueued; test_worker.py proves the database worker separately."""
    settings.TASKS = IMMEDIATE
    settings.SHUZHI_JOBS = 1


@functools.cache
def _password_hash() -> str:
    """Django's real hasher, run once: hashing per user would cost a second per test."""
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


@pytest.fixture
def tree(db, django_user_model):
    from shuzhi.web.orgs.models import Organization, Role

    committee = Organization.objects.create(name="测试街道党工委", kind=Organization.COMMITTEE)
    general = Organization.objects.create(name="测试机关党总支", kind=Organization.GENERAL_BRANCH, parent=committee)
    branch_a = Organization.objects.create(name="第一党支部", kind=Organization.BRANCH, parent=general)
    branch_b = Organization.objects.create(name="第二党支部", kind=Organization.BRANCH, parent=general)
    other = Organization.objects.create(name="另一镇党委", kind=Organization.COMMITTEE)

    def person(username, role=None, org=None, **extra):
        user = django_user_model.objects.create(username=username, password=_password_hash(), **extra)
        if role:
            Role.objects.create(user=user, organization=org, kind=role)
        return user

    return Tree(
        committee, general, branch_a, branch_b, other,
        reviewer=person("reviewer", Role.REVIEWER, committee),
        secretary_a=person("sec_a", Role.SECRETARY, branch_a),
        secretary_b=person("sec_b", Role.SECRETARY, branch_b),
        other_reviewer=person("other_reviewer", Role.REVIEWER, other),
        admin=person("admin", is_staff=True, is_superuser=True),
    )


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def upload(client, org, files: list[tuple[str, bytes]], year: int = 2023, json: bool = True):
    """POST files to the upload page; returns the response (the upload has run: tasks are immediate)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"organization": org.pk, "year": year, "files": [SimpleUploadedFile(name, body) for name, body in files]}
    return client.post("/upload/" + ("?format=json" if json else ""), data)


@pytest.fixture
def uploaded(tree):
    """One report uploaded by each secretary; returns (report of A, report of B)."""
    from shuzhi.web.reviews.models import Report

    upload(client_for(tree.secretary_a), tree.branch_a, [("a.txt", report_bytes("第一党支部", 30))])
    upload(client_for(tree.secretary_b), tree.branch_b, [("b.txt", report_bytes("第二党支部", 23))])
    return Report.objects.get(organization=tree.branch_a), Report.objects.get(organization=tree.branch_b)
