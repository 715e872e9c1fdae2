"""YAML parsing for packs and knowledge files: libyaml's safe loader when PyYAML has it (ten times faster)."""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """Parse YAML as yaml.safe_load does; raises yaml.YAMLError."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)


def parse_yaml(text: str, origin: str, error: type[Exception]):
    """load_yaml(text), a syntax error raised as `error` naming the file: “{origin}: YAML 格式错误：…”."""
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        raise error(f"{origin}: YAML 格式错误：{exc}") from None
