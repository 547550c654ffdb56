"""Relate claims and documents across articles."""
