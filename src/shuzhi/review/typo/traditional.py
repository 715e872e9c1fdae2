"""Traditional characters (繁体字) and their simplified forms, from OpenCC's character table.

The PyPI package opencc-python-reimplemented (Apache-2.0) ships OpenCC's dictionaries; only its
`dictionary/TSCharacters.txt` is read (the package is located, not imported). A character counts as traditional
when the table maps it and it is not one of its own simplified forms: 學 -> 学 and 發 -> 发 are, 乾 (乾坤), 於,
夥, 瞭 and 藉, which the table keeps as they are in some words, are not.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def table_path() -> Path | None:
    """OpenCC's traditional-to-simplified character table, where the package is installed."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("opencc")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "dictionary" / "TSCharacters.txt"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def simplified_forms() -> dict[str, str]:
    """Traditional character -> its usual simplified form; empty when the table is not installed."""
    path = table_path()
    if path is None:
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, forms = line.partition("\t")
        forms = forms.split()
        if len(trad) == 1 and forms and trad not in forms:
            out[trad] = forms[0]
    return out
