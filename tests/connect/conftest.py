"""Fixtures of the connect tests: `topics` lives in tests/conftest.py, shared with the sink tests."""
