"""Score predicted mentions against gold mentions (spec v1.2, "Scoring").

A predicted mention matches a gold mention when their spans overlap, their
values are equal within a relative tolerance of 1e-9 and their units are
equal; each gold mention matches at most once.  Precision, recall and F1 are
counted over all mentions of all documents together (micro-averaged);
qualifier accuracy is counted over the matched pairs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VALUE_REL_TOL = 1e-9


@dataclass(frozen=True)
class Mention:
    """The fields of a mention that scoring looks at."""

    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None = None
    surface: str = ""

    @classmethod
    def of(cls, item: Any) -> Mention:
        """Build from a gold/prediction dict or any object with these attributes."""
        if isinstance(item, Mapping):
            get = item.get
        else:

            def get(key: str, default: Any = None) -> Any:
                return getattr(item, key, default)

        return cls(
            start=int(get("start")),
            end=int(get("end")),
            value=get("value"),
            unit=get("unit") or "",
            qualifier=get("qualifier"),
            surface=get("surface", "") or "",
        )


def overlaps(a: Mention, b: Mention) -> bool:
    """True when the half-open spans [start, end) share at least one character."""
    return a.start < b.end and b.start < a.end


def matches(predicted: Mention, gold: Mention) -> bool:
    """The spec's match rule: overlapping spans, equal value and unit."""
    return (
        overlaps(predicted, gold)
        and math.isclose(float(predicted.value), float(gold.value), rel_tol=VALUE_REL_TOL)
        and predicted.unit == gold.unit
    )


@dataclass
class Score:
    """Counts and ratios of one scoring run; ratios are 0.0 when undefined."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    qualifier_correct: int = 0
    unmatched_predicted: list[tuple[str, Mention]] = field(default_factory=list)
    unmatched_gold: list[tuple[str, Mention]] = field(default_factory=list)
    wrong_qualifier: list[tuple[str, Mention, Mention]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def qualifier_accuracy(self) -> float:
        return self.qualifier_correct / self.true_positives if self.true_positives else 0.0

    def summary(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "qualifier_accuracy": self.qualifier_accuracy,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


def score_document(
    predicted: Iterable[Any], gold: Iterable[Any], score: Score, name: str = ""
) -> Score:
    """Add one document's matches to ``score``.

    Predictions are taken in order and each is paired with the first gold
    mention that matches it and is still free.
    """
    gold_mentions = [Mention.of(g) for g in gold]
    used = [False] * len(gold_mentions)
    for item in predicted:
        p = Mention.of(item)
        for i, g in enumerate(gold_mentions):
            if not used[i] and matches(p, g):
                used[i] = True
                score.true_positives += 1
                if p.qualifier == g.qualifier:
                    score.qualifier_correct += 1
                else:
                    score.wrong_qualifier.append((name, p, g))
                break
        else:
            score.false_positives += 1
            score.unmatched_predicted.append((name, p))
    for i, g in enumerate(gold_mentions):
        if not used[i]:
            score.false_negatives += 1
            score.unmatched_gold.append((name, g))
    return score


def score_documents(pairs: Iterable[tuple[str, Sequence[Any], Sequence[Any]]]) -> Score:
    """Score ``(name, predicted, gold)`` triples together (micro-averaged)."""
    score = Score()
    for name, predicted, gold in pairs:
        score_document(predicted, gold, score, name)
    return score


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read the ``mentions`` list of a gold JSON file."""
    with open(path, encoding="utf-8") as handle:
        return list(json.load(handle)["mentions"])
