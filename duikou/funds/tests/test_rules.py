"""The two-80 percent rule, pure: no database, plain rows in, figures out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duikou.funds.rules import FundRow, RuleConfig, evaluate

CONFIG = RuleConfig(county_levels=frozenset({"county", "township", "village"}))


def row(level: str, livelihood: bool, amount: str, party: str = "A", year: int = 2024) -> FundRow:
    return FundRow(party, year, level, livelihood, Decimal(amount))


def test_exactly_eighty_percent_at_county_level_passes():
    (result,) = evaluate([row("county", True, "80"), row("prefecture", True, "20")], CONFIG)
    assert result.county_share == Decimal("0.8")
    assert result.county_ok is True
    assert result.ok is True


def test_just_below_eighty_percent_fails():
    rows = [row("county", True, "79.99"), row("prefecture", True, "20.01")]
    (result,) = evaluate(rows, CONFIG)
    assert result.county_ok is False
    assert result.livelihood_ok is True
    assert result.ok is False


def test_exactly_eighty_percent_for_livelihood_passes_and_less_fails():
    (at,) = evaluate([row("county", True, "4"), row("county", False, "1")], CONFIG)
    (below,) = evaluate(
        [row("county", True, "3999999.99"), row("county", False, "1000000.01")], CONFIG
    )
    assert (at.livelihood_ok, below.livelihood_ok) == (True, False)


def test_eighty_percent_of_an_awkward_total_is_compared_exactly():
    # 1/3 shares would round; 80 percent of 0.03 is 0.024 exactly.
    (result,) = evaluate([row("county", True, "0.024"), row("region", False, "0.006")], CONFIG)
    assert result.county_ok is True and result.livelihood_ok is True


def test_which_levels_count_is_configuration():
    rows = [row("prefecture", True, "100")]
    assert evaluate(rows, CONFIG)[0].county_ok is False
    wider = RuleConfig(county_levels=frozenset({"prefecture", "county"}))
    assert evaluate(rows, wider)[0].county_ok is True


def test_each_party_and_year_is_judged_separately():
    rows = [
        row("county", True, "100", party="A", year=2023),
        row("region", True, "100", party="A", year=2024),
        row("county", False, "100", party="B", year=2024),
    ]
    results = {(r.party, r.year): r for r in evaluate(rows, CONFIG)}
    assert results["A", 2023].ok is True
    assert (results["A", 2024].county_ok, results["A", 2024].livelihood_ok) == (False, True)
    assert (results["B", 2024].county_ok, results["B", 2024].livelihood_ok) == (True, False)
    assert list(results) == [("A", 2023), ("A", 2024), ("B", 2024)]


def test_a_year_without_funds_is_neither_pass_nor_fail():
    (result,) = evaluate([row("county", True, "0")], CONFIG)
    assert result.county_share is None and result.ok is None


def test_negative_amounts_are_rejected():
    with pytest.raises(ValueError):
        evaluate([row("county", True, "-1")], CONFIG)


def test_the_rule_module_imports_nothing_from_django():
    import ast
    from pathlib import Path

    import duikou.funds.rules as rules

    tree = ast.parse(Path(rules.__file__).read_text())
    names = [
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in (n.names if isinstance(n, ast.Import) else [n])
    ]
    assert not [n for n in names if n and n.startswith("django")]
