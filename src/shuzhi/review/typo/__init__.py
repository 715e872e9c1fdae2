"""Statistical typo detection (同音、形近错字): word lexicon, confusion sets, segmentation scoring.

The rules in review/rules/typo.py use this package; nothing here knows about Documents or Findings.
"""
