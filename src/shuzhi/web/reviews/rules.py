"""The explanation of each rule, as the engine's registry documents it."""

from __future__ import annotations

from functools import lru_cache

from shuzhi.review.registry import default_registry


@lru_cache(maxsize=1)
def explanations() -> dict[str, dict]:
    return {r.code: {"title": r.title, "description": r.description, "basis": r.basis} for r in default_registry()}


def explain(code: str) -> dict:
    return explanations().get(code, {"title": code, "description": "", "basis": ""})
