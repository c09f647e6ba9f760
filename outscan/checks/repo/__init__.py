"""Checks of a repository's files as artifacts: weights, extracts, secrets, AI services (OS4xx)."""
