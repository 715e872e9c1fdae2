"""Whole-report snapshots of every renderer: an unintended change in output fails here (update with --snapshot-update)."""

from __future__ import annotations

import json

import pytest

from shuzhi.cli import main
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _in_project_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")


def run(capsys, *args) -> str:
    main(list(args))
    return capsys.readouterr().out


def test_text_output_of_the_examples(capsys, snapshot):
    assert run(capsys, "check", "--jobs", "1", "examples/reports") == snapshot


def test_json_output_of_the_examples(capsys, snapshot):
    assert json.loads(run(capsys, "check", "--jobs", "1", "--format", "json", "examples/reports")) == snapshot


def test_split_output_of_the_compilation(capsys, snapshot):
    assert run(capsys, "split", "examples/reports/2023年度区直机关党支部书记述职报告汇编.txt") == snapshot


def test_rules_listing(capsys, snapshot):
    assert run(capsys, "rules") == snapshot
