"""Benchmarks of the hub: throughput ratio, latency, duplicate-search scaling, recovery (`python -m bench`)."""
