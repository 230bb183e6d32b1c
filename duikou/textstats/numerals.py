"""Parsing of Arabic and Chinese numerals into exact :class:`~decimal.Decimal` values.

All arithmetic is done on ``Decimal`` so that ``10.49亿`` becomes exactly
1049000000 and not 1048999999.9999999; :func:`to_number` turns the result into
the ``int``/``float`` reported to callers.

Input is expected to be folded already (see :mod:`duikou.textstats.chars`):
ASCII digits, Simplified numeral characters (万 not 萬, 两 not 兩).
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal

# Enough precision for the longest number accepted (MAX_DIGITS digits times
# 10**16 for 万亿亿) with room to spare: values are never rounded.
CONTEXT = decimal.Context(prec=80, Emax=999, Emin=-999)

# Digit strings longer than this are identifiers or garbage, not statistics;
# refusing them also keeps huge inputs (10**400 digits) cheap and JSON-safe.
MAX_DIGITS = 24

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_MAGNITUDES: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_MAGNITUDES: dict[str, int] = {"万": 10**4, "亿": 10**8}
MAGNITUDES: dict[str, int] = {**SMALL_MAGNITUDES, **BIG_MAGNITUDES}


@dataclass(frozen=True, slots=True)
class ChineseNumber:
    """A parsed Chinese numeral.

    ``leading_magnitude`` is the magnitude character the numeral starts with
    when no digit stands before it (``百`` in 百余, ``万`` in 近万), else None.
    ``has_big`` tells whether 万 or 亿 occurs in it.
    """

    value: Decimal
    leading_magnitude: str | None
    has_big: bool


def to_number(value: Decimal) -> int | float:
    """Return ``value`` as an ``int`` when integral, else as a ``float``."""
    if value == value.to_integral_value(context=CONTEXT):
        return int(value)
    return float(value)


def parse_arabic(digits: str) -> Decimal | None:
    """Parse ``"1,234.5"``-style digits; None when too long to be a statistic."""
    plain = digits.replace(",", "")
    if len(plain.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        return Decimal(plain)
    except decimal.InvalidOperation:
        return None


def multiplier_value(chars: str) -> Decimal:
    """Product of magnitude characters: ``"百万"`` -> 1000000."""
    result = Decimal(1)
    for ch in chars:
        result = CONTEXT.multiply(result, MAGNITUDES[ch])
    return result


def _parse_section(text: str, allow_leading: bool, colloquial_unit: int) -> int | None:
    """Parse a numeral below 10000 (digits, 十/百/千, 零); None if ill-formed.

    ``colloquial_unit`` is the place value of a lone trailing digit that
    follows a higher magnitude without 零 ("两万三" -> 3 * 1000): callers pass
    the magnitude of the big unit before this section, divided by ten.
    """
    if not text:
        return 0
    total = 0
    digit: int | None = None
    last_magnitude = 10**5  # magnitudes must strictly decrease
    zero_seen = False
    for i, ch in enumerate(text):
        if ch in CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row: "一二", "十四五"
            value = CN_DIGITS[ch]
            if value == 0:
                zero_seen = True
                digit = None
                continue
            digit = value
        else:
            magnitude = SMALL_MAGNITUDES[ch]
            if magnitude >= last_magnitude:
                return None  # "百千", "十十"
            if digit is None:
                # A magnitude without a digit means one of it only where it
                # opens the numeral (十五, 百余, 千万) or, for 十, after 零 (一千零十).
                if (i == 0 and allow_leading) or (magnitude == 10 and zero_seen):
                    digit = 1
                else:
                    return None
            total += digit * magnitude
            last_magnitude = magnitude
            digit = None
            zero_seen = False
    if digit is not None:
        if last_magnitude <= 10**4 and not zero_seen and last_magnitude >= 100:
            # Colloquial "一百五" = 150: the digit takes the next lower place.
            total += digit * last_magnitude // 10
        elif last_magnitude == 10**5 and colloquial_unit > 1 and not zero_seen:
            total += digit * colloquial_unit
        else:
            total += digit
    return total


def _parse_integer(text: str, allow_leading: bool, colloquial_unit: int) -> int | None:
    """Parse a Chinese integer numeral with 万/亿 sections; None if ill-formed."""
    if not text:
        return 0
    if "亿" in text:
        high, low = text.split("亿", 1)
        if "亿" in low:
            return None
        high_value = _parse_integer(high, allow_leading, 1) if high else 1
        low_value = _parse_integer(low, False, 10**7)
        if high_value is None or low_value is None or low_value >= 10**8:
            return None
        return high_value * 10**8 + low_value
    if "万" in text:
        high, low = text.split("万", 1)
        if "万" in low:
            return None
        high_value = _parse_section(high, allow_leading, 1) if high else 1
        low_value = _parse_section(low, False, 1000)
        if high_value is None or low_value is None or low_value >= 10**4:
            return None
        return high_value * 10**4 + low_value
    return _parse_section(text, allow_leading, colloquial_unit)


def parse_chinese(text: str) -> ChineseNumber | None:
    """Parse a Chinese numeral such as ``二十三万``, ``一百二十``, ``三点五亿``.

    Returns None for ill-formed runs (``百千万``, ``十四五``), which in report
    text are names and slogans rather than amounts.
    """
    if not text or len(text) > MAX_DIGITS:
        return None
    leading = text[0] if text[0] in MAGNITUDES and text[0] != "十" else None
    has_big = "万" in text or "亿" in text
    if "点" in text:
        integer_part, _, rest = text.partition("点")
        trailing = ""
        if rest and rest[-1] in BIG_MAGNITUDES:
            rest, trailing = rest[:-1], rest[-1]
        if not rest or any(ch not in CN_DIGITS for ch in rest):
            return None
        if any(ch in BIG_MAGNITUDES for ch in integer_part):
            return None  # "三万点五" is not a number
        whole = _parse_integer(integer_part, True, 1) if integer_part else 0
        if whole is None:
            return None
        fraction = Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in rest))
        value = CONTEXT.add(Decimal(whole), fraction)
        if trailing:
            value = CONTEXT.multiply(value, BIG_MAGNITUDES[trailing])
        return ChineseNumber(value, leading, has_big)
    whole = _parse_integer(text, True, 1)
    if whole is None:
        return None
    return ChineseNumber(Decimal(whole), leading, has_big)
