"""Python implementations of the rules that need segmentation, context or the whole document.

Each class is bound by name to an entry of a YAML pack, which holds its code, messages and examples.
"""

from . import artifact, duplication, formulation, placeholder, punctuation, structure, typo  # noqa: F401
