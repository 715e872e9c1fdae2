"""shuzhi.toml: parsing, validation, discovery, and how select / ignore / severity combine."""

from __future__ import annotations

import pytest

from shuzhi.config import Config, config_from_dict, find_config, load_config
from shuzhi.errors import UsageError


def test_selection_by_longest_prefix():
    assert Config().selects("PH001")
    config = Config(select=("PH",), ignore=("PH004",))
    assert config.selects("PH001") and not config.selects("PH004") and not config.selects("AR001")
    config = Config(select=("PH004",), ignore=("PH",))
    assert config.selects("PH004") and not config.selects("PH001")
    config = Config(select=("ALL",), ignore=("PU",))
    assert config.selects("AR001") and not config.selects("PU003")


def test_severity_override_by_prefix_and_code():
    config = Config(severity=(("DU", "info"), ("DU001", "error")))
    assert config.severity_of("DU001", "warning") == "error"
    assert config.severity_of("DU002", "warning") == "info"
    assert config.severity_of("PH001", "error") == "error"


def test_load_and_find(tmp_path):
    (tmp_path / "shuzhi.toml").write_text(
        'select = ["PH", "AR"]\nignore = "PH004"\nyear = 2023\nwords = ["X光机房"]\nmax_file_mb = 5\n[severity]\nAR003 = "info"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    path = find_config(sub)
    assert path == tmp_path / "shuzhi.toml"
    config = load_config(path)
    assert config.select == ("PH", "AR") and config.ignore == ("PH004",) and config.year == 2023
    assert config.words == ("X光机房",) and config.max_file_mb == 5 and config.severity == (("AR003", "info"),)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"colour": 1}, "未知设置：colour"),
        ({"select": 3}, "select 应为字符串列表"),
        ({"severity": {"PH001": "fatal"}}, "severity"),
        ({"year": "2023"}, "year 应为四位年份"),
        ({"max_file_mb": -1}, "max_file_mb 应为正数"),
        ({"jobs": 0}, "jobs 应为正整数"),
    ],
)
def test_invalid_settings_are_refused(data, message):
    with pytest.raises(UsageError, match=message):
        config_from_dict(data)


def test_broken_toml_names_the_file(tmp_path):
    path = tmp_path / "shuzhi.toml"
    path.write_text("select = [", encoding="utf-8")
    with pytest.raises(UsageError, match="格式错误"):
        load_config(path)
