"""Renderers: text, JSON, annotated .docx."""
