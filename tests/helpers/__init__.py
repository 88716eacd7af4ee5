"""Helpers shared by the core tests: library snapshots, sample articles, bad-input checks."""
