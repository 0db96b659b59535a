"""Compact offline Stanza models: where they live and how they are trained."""
