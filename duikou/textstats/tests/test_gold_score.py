"""Quality against the hand-labelled gold files, and the scoring rule itself."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from duikou.textstats import extract
from duikou.textstats.bench import format_table, gold_score, run
from duikou.textstats.scoring import Mention, Score, matches, score_document

DATA = Path(__file__).parent / "data"
REQUIRED_F1 = 0.95


def test_the_gold_copies_belong_to_the_seed_texts() -> None:
    gold_files = sorted((DATA / "gold").glob("*.json"))
    assert len(gold_files) == 5
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        raw = (DATA / "seeds" / f"{gold_file.stem}.txt").read_bytes()
        assert hashlib.sha256(raw).hexdigest() == gold["sha256"]


def test_extraction_reaches_the_required_f1_on_all_gold_files() -> None:
    score = gold_score()
    report = "\n".join(
        [f"FP {name} {m}" for name, m in score.unmatched_predicted]
        + [f"FN {name} {m}" for name, m in score.unmatched_gold]
    )
    print(score.summary())
    assert score.f1 >= REQUIRED_F1, report


def test_qualifiers_of_matched_gold_mentions_are_right() -> None:
    score = gold_score()
    assert score.qualifier_accuracy >= REQUIRED_F1, score.wrong_qualifier


def test_every_gold_mention_surface_is_reproduced() -> None:
    """Spans, not only values, agree with the gold (stricter than the scoring rule)."""
    for gold_file in sorted((DATA / "gold").glob("*.json")):
        text = (DATA / "seeds" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["mentions"]
        found = {(q.start, q.end) for q in extract(text)}
        missing = [g["surface"] for g in gold if (g["start"], g["end"]) not in found]
        assert len(missing) <= 0.05 * len(gold), missing


def mention(start: int, end: int, value: float, unit: str, qualifier: str | None = None) -> dict:
    return {"start": start, "end": end, "value": value, "unit": unit, "qualifier": qualifier}


def test_a_match_needs_overlapping_spans_equal_values_and_equal_units() -> None:
    gold = Mention.of(mention(10, 16, 1049000000, "元"))
    assert matches(Mention.of(mention(12, 14, 1049000000.0000001, "元")), gold)
    assert not matches(Mention.of(mention(16, 20, 1049000000, "元")), gold)  # touching only
    assert not matches(Mention.of(mention(10, 16, 1049002000, "元")), gold)  # 1.9e-6
    assert not matches(Mention.of(mention(10, 16, 1049000000, "万元")), gold)


def test_each_gold_mention_matches_at_most_once() -> None:
    gold = [mention(0, 4, 5, "个")]
    score = score_document([mention(0, 2, 5, "个"), mention(1, 4, 5, "个")], gold, Score())
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 1, 0)


def test_scores_are_counted_over_all_documents_together() -> None:
    score = Score()
    score_document([mention(0, 2, 1, "个")], [mention(0, 2, 1, "个")], score)
    score_document(
        [mention(0, 2, 1, "个")], [mention(0, 2, 1, "个"), mention(5, 7, 2, "个")], score
    )
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(0.8)


def test_qualifier_accuracy_is_counted_over_matched_pairs() -> None:
    score = score_document(
        [mention(0, 2, 1, "个", "over"), mention(3, 5, 2, "个"), mention(8, 9, 3, "个")],
        [mention(0, 2, 1, "个", "over"), mention(3, 5, 2, "个", "under")],
        Score(),
    )
    assert score.qualifier_accuracy == 0.5


def test_an_empty_score_is_zero_not_an_error() -> None:
    assert Score().f1 == 0.0
    assert Score().qualifier_accuracy == 0.0


def test_the_benchmark_reports_every_metric_in_the_agreed_shape() -> None:
    results = run()
    assert set(results) == {
        "textstats_f1",
        "textstats_precision",
        "textstats_recall",
        "textstats_qualifier_accuracy",
        "textstats_throughput",
    }
    for entry in results.values():
        assert set(entry) == {"value", "unit", "reference", "ratio"}
        assert entry["ratio"] == pytest.approx(entry["value"] / entry["reference"])
    assert results["textstats_f1"]["reference"] == 0.95
    assert results["textstats_throughput"]["unit"] == "MB/s"
    assert results["textstats_throughput"]["value"] >= 1.0  # MB/s
    assert "textstats_f1" in format_table(results)
