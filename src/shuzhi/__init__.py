"""shuzhi: reads 抓基层党建工作述职报告 and finds what a careful reviewer would find.

    >>> import shuzhi
    >>> [f.rule for d in shuzhi.check("全年召开支委会XX次。") for f in d.findings]
    ['PH001']
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check", "check_file"]


def check(text: str, *, year: int | None = None, config=None, source: str = "<text>"):
    """Check a report given as text; return one CheckedDocument per report it contains."""
    from .config import Config
    from .ingest import SourceFile
    from .pipeline import check_source_file
    from .review.checker import Checker

    config = config or Config()
    return check_source_file(SourceFile(source, text, "txt"), Checker(config), year if year is not None else config.year)


def check_file(path, *, year: int | None = None, config=None):
    """Check a file (txt, docx, pdf, ...); raises shuzhi.errors.InputError when it cannot be read."""
    from pathlib import Path

    from .config import Config
    from .ingest import load
    from .pipeline import check_source_file
    from .review.checker import Checker

    config = config or Config()
    sf = load(str(path), Path(path).read_bytes())
    return check_source_file(sf, Checker(config), year if year is not None else config.year)
