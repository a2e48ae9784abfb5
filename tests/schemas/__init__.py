"""Tests of the shared schema package and its generated contract files."""
