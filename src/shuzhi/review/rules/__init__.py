"""Python implementations of the rules that need segmentation, context or the whole document.

Each class is bound by name to an entry of a YAML pack, which holds its code, messages and examples.
"""

from . import (  # noqa: F401
    artifact,
    consistency,
    duplication,
    formulation,
    numbers,
    outline,
    ledger,
    placeholder,
    punctuation,
    rectification,
    stale,
    structure,
    style,
    typo,
)
