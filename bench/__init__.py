"""Benchmarks of TĐKT (see bench/README.md). Not part of the product package."""
