"""Reports, their findings and reviewers' decisions, scoped by the organization tree."""
