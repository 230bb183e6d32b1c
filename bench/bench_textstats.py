"""Quantity extraction: quality on the gold set and throughput (see duikou/textstats/bench.py)."""

from duikou.textstats.bench import run

__all__ = ["run"]
