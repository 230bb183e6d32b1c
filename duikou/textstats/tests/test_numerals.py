"""Numeral parsing and character folding."""

from decimal import Decimal

import pytest

from duikou.textstats.chars import FOLD, TRADITIONAL_TO_SIMPLIFIED, fold
from duikou.textstats.counted import vocabulary_words as counted_vocabulary
from duikou.textstats.numerals import (
    MAX_DIGITS,
    multiplier_value,
    parse_arabic,
    parse_chinese,
    to_number,
)
from duikou.textstats.units import vocabulary_words as unit_vocabulary


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("二十八", 28),
        ("一百二十", 120),
        ("一百零五", 105),
        ("一千零十", 1010),
        ("两万", 20000),
        ("二十三万", 230000),
        ("两万三千", 23000),
        ("两万零三", 20003),
        ("一亿二千万", 120000000),
        ("三万亿", 3 * 10**12),
        ("百", 100),
        ("千", 1000),
        ("万", 10000),
        ("三点五亿", 350000000),
        ("十二点五万", 125000),
    ],
)
def test_chinese_numerals_are_parsed_exactly(numeral: str, value: int) -> None:
    parsed = parse_chinese(numeral)
    assert parsed is not None
    assert parsed.value == value


@pytest.mark.parametrize(
    ("numeral", "value"), [("一百五", 150), ("一千二", 1200), ("两万三", 23000)]
)
def test_colloquial_trailing_digits_take_the_next_lower_place(numeral: str, value: int) -> None:
    parsed = parse_chinese(numeral)
    assert parsed is not None and parsed.value == value


@pytest.mark.parametrize("numeral", ["百千万", "十四五", "一二", "万万", "一万千", "三万点五"])
def test_ill_formed_chinese_numerals_are_rejected(numeral: str) -> None:
    assert parse_chinese(numeral) is None


def test_a_numeral_opening_with_a_magnitude_is_flagged_as_bare() -> None:
    assert parse_chinese("千").leading_magnitude == "千"
    assert parse_chinese("万").leading_magnitude == "万"
    assert parse_chinese("十").leading_magnitude is None  # 十 is an ordinary "ten"
    assert parse_chinese("一千").leading_magnitude is None


def test_big_magnitudes_are_reported() -> None:
    assert parse_chinese("二十三万").has_big
    assert not parse_chinese("一百二十").has_big


def test_arabic_numbers_keep_decimal_exactness() -> None:
    value = parse_arabic("10.49") * multiplier_value("亿")
    assert to_number(value) == 1049000000
    assert isinstance(to_number(value), int)


def test_thousands_separators_are_dropped() -> None:
    assert parse_arabic("1,000,000") == Decimal(1000000)


def test_overlong_digit_strings_are_not_numbers() -> None:
    assert parse_arabic("9" * (MAX_DIGITS + 1)) is None
    assert parse_chinese("一" * (MAX_DIGITS + 1)) is None


def test_integral_values_become_int_and_others_float() -> None:
    assert to_number(Decimal("76800.00")) == 76800
    assert isinstance(to_number(Decimal("76800.00")), int)
    assert to_number(Decimal("549.63")) == 549.63
    assert isinstance(to_number(Decimal("549.63")), float)


def test_multipliers_multiply_in_order() -> None:
    assert multiplier_value("百万") == 10**6
    assert multiplier_value("万亿") == 10**12


def test_folding_keeps_the_length_of_the_text() -> None:
    text = "千余臺次，２．４６萬人次，８０％"
    assert len(fold(text)) == len(text)
    assert fold(text) == "千余台次，2.46万人次，80%"


def test_traditional_units_are_simplified() -> None:
    assert fold("臺次 縣 萬 億 餘 兩 幾 數 個 場 項 戶 種 節 對") == (
        "台次 县 万 亿 余 两 几 数 个 场 项 户 种 节 对"
    )


def test_the_fold_table_maps_one_character_to_one_character() -> None:
    for source, target in FOLD.items():
        assert len(chr(source)) == 1 and len(chr(target)) == 1


def test_the_fold_table_only_lands_on_vocabulary_characters() -> None:
    vocabulary = {ch for word in unit_vocabulary() | counted_vocabulary() for ch in word}
    assert set(TRADITIONAL_TO_SIMPLIFIED.values()) <= vocabulary


def test_folding_leaves_simplified_vocabulary_unchanged() -> None:
    for word in unit_vocabulary() | counted_vocabulary():
        assert fold(word) == word


def test_folding_never_creates_numerals() -> None:
    numeral_chars = set("零〇一二两三四五六七八九十百千万亿")
    created = {t for t, s in TRADITIONAL_TO_SIMPLIFIED.items() if s in numeral_chars}
    assert created == {"兩", "萬", "億"}
