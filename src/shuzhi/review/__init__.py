"""The rules: registry, YAML packs, Python implementations, the checker."""
