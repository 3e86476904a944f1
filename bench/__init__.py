"""Benchmarks: run ``python -m bench.<name>``; each writes ``bench/results/<name>.json``."""
