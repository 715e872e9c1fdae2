"""Reuse detection: passages copied between reports, templates, and last year's report reused."""
