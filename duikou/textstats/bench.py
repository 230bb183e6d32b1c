"""Benchmark: quality on the gold files and throughput of :func:`extract`.

``run()`` returns one entry per metric, each with its value, unit, a reference
and value/reference:

* ``textstats_f1`` / ``_precision`` / ``_recall`` / ``_qualifier_accuracy``:
  scored against the five hand-labelled gold files (spec v1.2 scoring), with
  0.95 — the F1 the test suite demands — as reference.
* ``textstats_throughput``: MB/s (UTF-8 bytes, 10**6 per MB) over the five
  seed texts concatenated and repeated to about 2 MB, median of 5 runs; the
  reference is the plainest possible approach on the same text, a single
  ``re.finditer`` over digits plus an optional unit character.

``python -m duikou.textstats.bench`` prints the table.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from .extract import extract
from .scoring import Score, load_gold, score_document

DATA = Path(__file__).resolve().parent / "tests" / "data"
REFERENCE_F1 = 0.95
CORPUS_BYTES = 2_000_000
RUNS = 5

# The baseline: digits with an optional decimal part and one unit character.
_PLAIN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[个名人元所家户种项次亩吨万亿%]?")


def seed_documents() -> list[tuple[str, str, Path]]:
    """``(name, text, gold path)`` for every seed that has a gold file."""
    documents = []
    for gold in sorted((DATA / "gold").glob("*.json")):
        text = (DATA / "seeds" / f"{gold.stem}.txt").read_text(encoding="utf-8")
        documents.append((gold.stem, text, gold))
    return documents


def gold_score() -> Score:
    """Score :func:`extract` on all gold files together."""
    score = Score()
    for name, text, gold in seed_documents():
        score_document(extract(text), load_gold(gold), score, name)
    return score


def corpus(target_bytes: int = CORPUS_BYTES) -> str:
    """The seeds concatenated and repeated to about ``target_bytes`` of UTF-8."""
    block = "\n".join(text for _, text, _ in seed_documents()) + "\n"
    repeats = max(1, round(target_bytes / len(block.encode("utf-8"))))
    return block * repeats


def _plain_baseline(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _PLAIN.finditer(text)]


def median_seconds(function: Callable[[str], object], text: str, runs: int = RUNS) -> float:
    """Median wall time of ``function(text)`` over ``runs`` runs."""
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        function(text)
        timings.append(time.perf_counter() - begin)
    return statistics.median(timings)


def _entry(value: float, unit: str, reference: float) -> dict[str, float | str]:
    return {
        "value": value,
        "unit": unit,
        "reference": reference,
        "ratio": value / reference if reference else 0.0,
    }


def run() -> dict[str, dict[str, float | str]]:
    """Measure quality and throughput (see module docstring)."""
    score = gold_score()
    text = corpus()
    megabytes = len(text.encode("utf-8")) / 1e6
    speed = megabytes / median_seconds(extract, text)
    baseline = megabytes / median_seconds(_plain_baseline, text)
    return {
        "textstats_f1": _entry(score.f1, "ratio", REFERENCE_F1),
        "textstats_precision": _entry(score.precision, "ratio", REFERENCE_F1),
        "textstats_recall": _entry(score.recall, "ratio", REFERENCE_F1),
        "textstats_qualifier_accuracy": _entry(score.qualifier_accuracy, "ratio", REFERENCE_F1),
        "textstats_throughput": _entry(speed, "MB/s", baseline),
    }


def format_table(results: dict[str, dict[str, float | str]]) -> str:
    """Plain-text table of :func:`run`'s result."""
    lines = [f"{'metric':<30} {'value':>10} {'unit':>6} {'reference':>10} {'ratio':>8}"]
    for name, entry in results.items():
        lines.append(
            f"{name:<30} {entry['value']:>10.4f} {entry['unit']:>6} "
            f"{entry['reference']:>10.4f} {entry['ratio']:>8.4f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_table(run()))
