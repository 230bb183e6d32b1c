"""Property tests: whatever the input, mentions are well-formed and extraction never fails."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duikou.textstats import extract

# Digits (ASCII and full-width), Chinese numerals in both scripts, units,
# qualifiers, separators, spaces, quotes and a few troublemakers.
RICH_ALPHABET = list(
    "0123456789０１２３４５６７８９.．,/%％‰"
    "零〇一二两兩三四五六七八九十百千万亿萬億"
    "余餘多近约約超过過逾以上下左右大将將接不足突破"
    "至到—-~～个個名人元所家户戶次年月日第数數几幾分之点倍亩吨公斤里县縣臺台"
    " \u3000\n\r\t“”\"'（）、，。的和GDmk"
)
rich_text = st.lists(st.sampled_from(RICH_ALPHABET), max_size=60).map("".join)


def assert_well_formed(text: str) -> None:
    mentions = extract(text)
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.start >= previous_end  # sorted and non-overlapping
        assert mention.surface == text[mention.start : mention.end]
        assert mention.qualifier in (None, "over", "under", "about")
        assert isinstance(mention.unit, str)
        if mention.value_max is not None:
            assert mention.value_max > mention.value
        previous_end = mention.end


@settings(max_examples=300, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_mentions_of_any_text_are_well_formed(text: str) -> None:
    assert_well_formed(text)


@settings(max_examples=1000, database=None)
@given(rich_text)
def test_mentions_of_number_rich_text_are_well_formed(text: str) -> None:
    assert_well_formed(text)


@settings(max_examples=200, database=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(["\ud800", "\udfff"])))
def test_lone_surrogates_do_not_break_extraction(text: str) -> None:
    assert_well_formed(text)


def test_empty_and_blank_texts_have_no_mentions() -> None:
    assert extract("") == []
    assert extract(" \n\u3000") == []


def test_a_non_string_gives_no_mentions() -> None:
    assert extract(None) == []  # type: ignore[arg-type]


def test_binary_garbage_does_not_crash() -> None:
    garbage = bytes(range(256)).decode("latin-1") * 50
    assert_well_formed(garbage)


def test_unbalanced_quotes_do_not_crash() -> None:
    assert_well_formed("“百校牵手”285对，“万师援教”“3个“特别")


# These guard against super-linear (backtracking) rules, not speed: a quadratic rule on these
# inputs would take hours, so the bounds are far above any honest time on a loaded machine
# (speed itself is measured by `make bench BENCH=textstats`).
BACKTRACKING_BOUND_S = 30.0


def test_enormous_numbers_are_handled_quickly() -> None:
    huge = "9" * 400 + "亿元，" + "1" * 10**5 + "个，" + "一千" * 1000 + "万元"
    begin = time.perf_counter()
    assert_well_formed(huge)
    assert time.perf_counter() - begin < BACKTRACKING_BOUND_S


def test_long_runs_of_numeral_characters_stay_linear() -> None:
    for text in ("一" * 200_000, "1 " * 100_000, "1/" * 100_000, "1余" * 100_000, "十一" * 100_000):
        begin = time.perf_counter()
        assert_well_formed(text)
        assert time.perf_counter() - begin < BACKTRACKING_BOUND_S, text[:10]
