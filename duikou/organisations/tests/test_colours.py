"""The parties' map colours: one per party, far enough apart to tell on the map."""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import duikou.organisations

CSV = Path(duikou.organisations.__file__).parent / "data" / "aiding_parties.csv"


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour like #e6194b (D65)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_every_party_has_a_colour_clearly_apart_from_every_other():
    colours = [row["colour"] for row in csv.DictReader(CSV.open(encoding="utf-8"))]
    assert len(colours) == 19 and len(set(colours)) == 19
    closest = min(
        sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5
        for a, b in combinations(colours, 2)
    )
    # The old palette had 江苏 and 福建 in greys 8.8 apart; this one keeps every pair over 25.
    assert closest > 20
