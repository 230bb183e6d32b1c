"""Find statistical quantities in Chinese report text (spec v1.2).

The scan is linear: one precompiled regular expression finds the next number
token (Arabic digits, a Chinese numeral with a magnitude character, or a digit
fraction), and a few anchored ``match`` calls read what stands around it:

    [qualifier] NUMBER [余|多] [multiplier] [余|多] [range] [unit] [qualifier]

Decisions that are not in the spec's own words are marked *why* in comments.
Matching runs on a folded copy of the text (Traditional -> Simplified,
full-width -> ASCII, one character for one character), so offsets found in the
copy are offsets in the caller's text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from .chars import fold
from .counted import guess_counted
from .numerals import (
    BIG_MAGNITUDES,
    CN_DIGITS,
    CONTEXT,
    MAX_DIGITS,
    multiplier_value,
    parse_arabic,
    parse_chinese,
    to_number,
)
from .units import (
    CN_DIGIT_CHARS,
    INNER_QUALIFIERS,
    NUMERAL_IDIOMS,
    POST_QUALIFIERS,
    PRE_QUALIFIERS,
    QUALIFIER_BLOCKERS,
    RANGE_SEPARATORS,
    SESSION_UNITS,
    TIME_PREFIXES,
    TIME_WORDS,
    UNIT_BLOCKERS,
    UNITS_BY_FIRST,
    VAGUE_AFTER,
    VAGUE_BEFORE,
    VAGUE_BLOCKERS,
)

__all__ = ["Quantity", "extract"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention, tied to the characters it came from.

    ``start``/``end`` are Python ``str`` indices into the text given to
    :func:`extract` (end exclusive) and ``surface == text[start:end]``.
    ``value`` has every multiplier folded in (``int`` when integral);
    ``value_max`` is set only for ranges; ``unit`` is Simplified, ``""`` for a
    bare number with 万/亿 or a fraction; ``qualifier`` is ``"over"``,
    ``"under"``, ``"about"`` or None; ``counted`` is the noun counted when the
    sentence makes it clear (heuristic, see :mod:`duikou.textstats.counted`).
    """

    start: int
    end: int
    surface: str
    value: int | float
    unit: str
    qualifier: str | None = None
    value_max: int | float | None = None
    counted: str | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict; ``value_max`` only appears for ranges."""
        data = asdict(self)
        if self.value_max is None:
            del data["value_max"]
        return data


# --------------------------------------------------------------------------
# Regular expressions (compiled once).

_CNDIG = CN_DIGIT_CHARS
_CNALL = CN_DIGIT_CHARS + "十百千万亿"

# Possessive quantifiers and "not preceded by the same class" lookbehinds keep
# every token attempt from rescanning a long run: the scan stays linear even
# on 10**6 repeated digits.
_TOKEN = re.compile(
    rf"""
    (?P<frac>(?<![0-9./])[0-9]{{1,{MAX_DIGITS}}}/[0-9]{{1,{MAX_DIGITS}}}(?![0-9./]))
    |(?P<ar>(?<![0-9])(?<![0-9]\.)
        (?:[0-9]{{1,3}}(?:,[0-9]{{3}})++(?![0-9])|[0-9]++)(?:\.[0-9]++)?)
    |(?P<cn>(?<![{_CNALL}])
        (?:[{_CNDIG}]*+[十百千万亿][{_CNALL}]*+(?:点[{_CNDIG}]++(?![十百千]))?[万亿]?
          |[{_CNDIG}]++点[{_CNDIG}]++[万亿]))
    |(?P<lone>(?<![{_CNALL}])[一二两三四五六七八九](?=(?:至|到|—|~|-|〜)[{_CNALL}]))
    """,
    re.VERBOSE,
)

_INLINE = frozenset(" \t\u00a0\u3000")
_DASHES = frozenset("-–—")
# PDF copies put spaces and line breaks inside numbers and between number and
# unit.  Why at most one line break: a blank line is a paragraph boundary, and
# allowing it would glue page numbers to the next paragraph's first word.
_GAP = re.compile(r"[ \t\u00a0\u3000]{0,4}(?:\r?\n[ \t\u00a0\u3000]{0,4})?")

_TIME = re.compile(
    "(?:"
    + "|".join(re.escape(p) for p in TIME_PREFIXES)
    + ")?(?:"
    + "|".join(re.escape(w) for w in sorted(TIME_WORDS, key=len, reverse=True))
    + ")"
)
_NUMERATOR = re.compile(
    r"[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
)
_ARABIC_TAIL = re.compile(r"[0-9]+")

_PRE_QUALIFIERS = sorted(PRE_QUALIFIERS.items(), key=lambda kv: len(kv[0]), reverse=True)
_POST_QUALIFIERS = sorted(POST_QUALIFIERS.items(), key=lambda kv: len(kv[0]), reverse=True)
# Multipliers come in this order after a number: 百万 is 100 * 10000, 万亿 is
# 10000 * 10**8; a smaller one after a larger one ("万百") is not a multiplier.
_MULTIPLIER_RANK = {"十": 0, "百": 0, "千": 0, "万": 1, "亿": 2}
_MAX_MULTIPLIERS = 3


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _at_line_end(t: str, pos: int) -> bool:
    """Whether only inline spaces stand between ``pos`` and a line break or the end."""
    while pos < len(t) and t[pos] in _INLINE:
        pos += 1
    return pos == len(t) or t[pos] in "\r\n"


def _gap_end(t: str, pos: int) -> int:
    return _GAP.match(t, pos).end()  # type: ignore[union-attr]  # always matches


def _gap_start(t: str, pos: int, floor: int) -> int:
    """Mirror of :func:`_gap_end`: first index of the gap that ends at ``pos``."""
    i = pos
    count = 0
    while i > floor and count < 4 and t[i - 1] in _INLINE:
        i -= 1
        count += 1
    if i > floor and t[i - 1] == "\n":
        j = i - 1
        if j > floor and t[j - 1] == "\r":
            j -= 1
        count = 0
        while j > floor and count < 4 and t[j - 1] in _INLINE:
            j -= 1
            count += 1
        i = j
    return i


def _unit_at(t: str, pos: int) -> str | None:
    """Longest unit starting at ``pos``."""
    if pos >= len(t):
        return None
    for unit in UNITS_BY_FIRST.get(t[pos], ()):
        if t.startswith(unit, pos):
            after = pos + len(unit)
            if _is_ascii_letter(unit[-1]) and after < len(t) and _is_ascii_letter(t[after]):
                continue  # "m" in "mg", "km" in "kms": not this unit
            blockers = UNIT_BLOCKERS.get(unit)
            if blockers and after < len(t) and t[after] in blockers:
                continue  # "2024元旦", "2017对口": the character starts another word
            return unit
    return None


def _time_end(t: str, pos: int) -> int | None:
    match = _TIME.match(t, pos)
    return match.end() if match else None


def _unit_or_time(t: str, pos: int) -> tuple[str | None, int | None]:
    """Return (unit, None) or (None, end of time word) or (None, None).

    Why the longer one wins: "日元" is money although 日 is a time word, and
    "个月" is time although 个 is a classifier.
    """
    unit = _unit_at(t, pos)
    time_end = _time_end(t, pos)
    if time_end is not None and (unit is None or time_end - pos >= len(unit)):
        return None, time_end
    return unit, None


@dataclass(slots=True)
class _Group:
    """A number with its multipliers: the part before the unit."""

    kind: str  # "ar", "cn" or "lone"
    start: int
    end: int
    base: Decimal  # the number as written, before trailing multipliers
    # Trailing multipliers ("万" in 3.5万 and in 五万); a range's lower end borrows them.
    scale: Decimal
    own_scale: bool  # whether a trailing multiplier is written on this side
    has_big: bool  # 万 or 亿 somewhere in the number
    leading: str | None  # 百/千/万/亿 opening a Chinese numeral with no digit
    qualifier: str | None  # from 余/多

    @property
    def value(self) -> Decimal:
        """The number with every multiplier folded in."""
        if self.kind == "cn":
            return self.base  # Chinese numerals carry their magnitudes inside
        return CONTEXT.multiply(self.base, self.scale)


def _read_multipliers(t: str, pos: int) -> tuple[str, int]:
    """Read multiplier characters at ``pos``; stop where a unit begins (千米)."""
    chars = ""
    rank = -1
    i = pos
    while i < len(t) and len(chars) < _MAX_MULTIPLIERS:
        ch = t[i]
        if ch not in _MULTIPLIER_RANK or _MULTIPLIER_RANK[ch] <= rank:
            break
        if _unit_at(t, i) is not None:
            break
        chars += ch
        rank = _MULTIPLIER_RANK[ch]
        i += 1
    return chars, i


def _read_group(t: str, m: re.Match[str]) -> _Group | None:
    """Read the number token ``m`` with its 余/多 and multipliers."""
    kind = m.lastgroup or ""
    token = m.group()
    if kind == "ar":
        base = parse_arabic(token)
        if base is None:
            return None
        leading = None
        has_big = False
        scale = Decimal(1)
    elif kind == "cn":
        number = parse_chinese(token)
        if number is None:
            return None
        base = number.value
        leading = number.leading_magnitude
        has_big = number.has_big
        # The trailing 万/亿 is what a range's lower end borrows: 三至五万.
        scale = multiplier_value(token[len(token.rstrip("万亿")) :])
    else:  # a lone digit, only ever the lower end of a range ("三至五万")
        base = Decimal(CN_DIGITS[token])
        leading = None
        has_big = False
        scale = Decimal(1)

    end = m.end()
    qualifier = None
    gap = _gap_end(t, end)
    if kind != "lone" and gap < len(t) and t[gap] in INNER_QUALIFIERS:
        qualifier = INNER_QUALIFIERS[t[gap]]  # "3000余个", "两万余人", "30余万人"
        end = gap + 1

    own_scale = kind == "cn" and scale != 1
    if kind == "ar" or (kind == "cn" and qualifier is not None):
        # Chinese numerals absorb their own multipliers; only after 余/多
        # ("三十余万") does one stand apart.
        chars, after = _read_multipliers(t, _gap_end(t, end))
        if chars:
            multiplier = multiplier_value(chars)
            if kind == "cn":
                base = CONTEXT.multiply(base, multiplier)
            scale = multiplier
            own_scale = True
            has_big = has_big or any(ch in BIG_MAGNITUDES for ch in chars)
            end = after
            if kind == "ar" and qualifier is None:
                if chars[-1] in BIG_MAGNITUDES:
                    end, base, scale = _read_compound(t, end, base, chars)
                gap = _gap_end(t, end)
                if gap < len(t) and t[gap] in INNER_QUALIFIERS:
                    qualifier = INNER_QUALIFIERS[t[gap]]  # "4.5万余人次"
                    end = gap + 1
    return _Group(kind, m.start(), end, base, scale, own_scale, has_big, leading, qualifier)


def _read_compound(t: str, pos: int, base: Decimal, chars: str) -> tuple[int, Decimal, Decimal]:
    """Read "2万5千" / "1亿2000万": a lower-order part right after 万/亿.

    Returns the new end, base and scale (scale 1: the value is in ``base``).
    """
    match = _ARABIC_TAIL.match(t, pos)
    if not match or len(match.group()) > 4:
        return pos, base, multiplier_value(chars)
    tail_chars, after = _read_multipliers(t, match.end())
    high = CONTEXT.multiply(base, multiplier_value(chars))
    tail = CONTEXT.multiply(Decimal(match.group()), multiplier_value(tail_chars))
    if not tail_chars or tail >= multiplier_value(chars[-1]):
        return pos, base, multiplier_value(chars)
    return after, CONTEXT.add(high, tail), Decimal(1)


def _pre_qualifier(t: str, pos: int, floor: int) -> tuple[str | None, int]:
    """Qualifier word ending at ``pos`` (before the number) and its start."""
    for word, qualifier in _PRE_QUALIFIERS:
        begin = pos - len(word)
        if begin < floor or not t.startswith(word, begin):
            continue
        blockers = QUALIFIER_BLOCKERS.get(word)
        if blockers and begin > 0 and t[begin - 1] in blockers:
            return None, pos  # 附近, 签约: the character belongs to another word
        return qualifier, begin
    return None, pos


def _range_separator(t: str, pos: int) -> str | None:
    for sep in RANGE_SEPARATORS:
        if t.startswith(sep, pos):
            if sep == "—" and t.startswith("——", pos):
                return None  # a Chinese dash (破折号), not a range
            return sep
    return None


@dataclass(slots=True)
class _Outcome:
    """Where to resume scanning, and the mention found (if any)."""

    resume: int
    mention: Quantity | None = None


def _skip_ordinal(t: str, group: _Group) -> int:
    """End of an ordinal such as 第3至5名 / 第 21 期, to skip it whole."""
    end = group.end
    sep_pos = _gap_end(t, end)
    sep = _range_separator(t, sep_pos)
    if sep:
        right = _TOKEN.match(t, _gap_end(t, sep_pos + len(sep)))
        if right and right.lastgroup in ("ar", "cn"):
            end = right.end()
    gap = _gap_end(t, end)
    unit, time_end = _unit_or_time(t, gap)
    if unit:
        return gap + len(unit)
    return time_end or end


_LIST_NUMBER_CHARS = frozenset("0123456789." + _CNALL)
_MAX_LIST_ITEMS = 8


def _in_ordinal_list(t: str, comma: int, floor: int) -> bool:
    """Whether the 、 at ``comma`` continues a list opened by 第 (第九、十批).

    Why: 第 distributes over an enumeration, so every item is an ordinal
    (spec: "anything with 第 + number is an ordinal").  Walks back over
    number、number、... and looks for 第 before the first item.  The walk is
    bounded (``_MAX_LIST_ITEMS`` items of at most ``MAX_DIGITS`` characters) so
    that long runs such as "1、1、1、..." keep the scan linear.
    """
    i = comma
    for _ in range(_MAX_LIST_ITEMS):
        i = _gap_start(t, i, floor)
        j = i
        while j > max(floor, i - MAX_DIGITS) and t[j - 1] in _LIST_NUMBER_CHARS:
            j -= 1
        if j == i:
            return False  # no number before this 、
        j = _gap_start(t, j, floor)
        if j <= floor:
            return False
        if t[j - 1] == "第":
            return True
        if t[j - 1] != "、":
            return False
        i = j - 1
    return False


def _fraction_of(t: str, group: _Group, floor: int) -> _Outcome | None:
    """百分之八十 -> 80 %, 千分之三 -> 3 ‰, 十分之一 -> 0.1."""
    numerator_match = _NUMERATOR.match(t, group.end + 2)
    if not numerator_match:
        return None
    text = numerator_match.group()
    if text[0].isdigit():
        numerator = parse_arabic(text)
    else:
        parsed = parse_chinese(text)
        numerator = parsed.value if parsed else None
    denominator = group.value
    if numerator is None or denominator == 0:
        return None
    if denominator == 100:
        value, unit = numerator, "%"
    elif denominator == 1000:
        value, unit = numerator, "‰"
    else:
        value, unit = CONTEXT.divide(numerator, denominator), ""
    return _finish(t, group.start, numerator_match.end(), value, None, unit, [], floor)


def _finish(
    t: str,
    number_start: int,
    end: int,
    value: Decimal,
    value_max: Decimal | None,
    unit: str,
    qualifiers: list[str | None],
    floor: int,
) -> _Outcome:
    """Attach the qualifiers around a complete number+unit and build the mention."""
    pre, start = _pre_qualifier(t, _gap_start(t, number_start, floor), floor)
    if pre is None:
        start = number_start
    post = None
    gap = _gap_end(t, end)
    for word, qualifier in _POST_QUALIFIERS:
        if t.startswith(word, gap):
            post, end = qualifier, gap + len(word)
            break
    qualifier = next((q for q in (pre, *qualifiers, post) if q), None)
    return _Outcome(
        end,
        Quantity(
            start=start,
            end=end,
            surface="",  # filled in by extract() from the original text
            value=to_number(value),
            unit=unit,
            qualifier=qualifier,
            value_max=to_number(value_max) if value_max is not None else None,
            counted=guess_counted(t, start, end, unit, floor),
        ),
    )


def _has_qualifier_around(t: str, group: _Group, end: int, floor: int) -> bool:
    if group.qualifier:
        return True
    pre, _ = _pre_qualifier(t, _gap_start(t, group.start, floor), floor)
    if pre:
        return True
    gap = _gap_end(t, end)
    return any(t.startswith(word, gap) for word in POST_QUALIFIERS)


def _fraction_token(t: str, m: re.Match[str], floor: int) -> _Outcome:
    """A fraction written in digits: 1/5 -> 0.2, unit ""."""
    numerator, _, denominator = m.group().partition("/")
    start = m.start()
    if (start > 0 and _is_ascii_letter(t[start - 1])) or int(denominator) == 0:
        return _Outcome(m.end())
    before = _gap_start(t, start, floor)
    if before > floor and t[before - 1] == "第":
        return _Outcome(m.end())
    value = CONTEXT.divide(Decimal(numerator), Decimal(denominator))
    return _finish(t, start, m.end(), value, None, "", [], floor)


def _at_token(t: str, m: re.Match[str], floor: int) -> _Outcome:
    """Decide what the number token ``m`` is; ``floor`` is the last mention's end."""
    if m.lastgroup == "frac":
        return _fraction_token(t, m, floor)
    start = m.start()
    group = _read_group(t, m)
    if group is None:
        return _Outcome(m.end())

    # --- what stands before the number ---------------------------------
    before = _gap_start(t, start, floor)
    prev = t[before - 1] if before > floor else ""
    if prev == "第" or (prev == "、" and _in_ordinal_list(t, before - 1, floor)):
        # ordinal, also inside names (第十七中学) and in lists (第九、十批, 第1、2期)
        return _Outcome(max(m.end(), _skip_ordinal(t, group)))
    if start > 0 and _is_ascii_letter(t[start - 1]):
        return _Outcome(m.end())  # codes and names: G219, COVID-19
    if group.kind in ("cn", "lone"):
        if prev in VAGUE_BEFORE and not (before - 2 >= 0 and t[before - 2] in VAGUE_BLOCKERS):
            return _Outcome(group.end)  # 数百公里, 几百公斤
        if prev == "以" and before >= 2 and t[before - 2] == "数":
            return _Outcome(group.end)  # 数以万计
        if m.end() < len(t) and t[m.end()] in VAGUE_AFTER:
            return _Outcome(m.end())  # 十几个, 二十数人
    if group.kind == "ar" and before < start and prev.isdigit() and len(m.group()) == 1:
        # "1 0 9个": spaces between digits never join them, and a single digit
        # cut off from the rest of its number has no trustworthy value.  Longer
        # numbers after a spaced number are table columns ("2019 350万元").
        return _Outcome(m.end())

    if t.startswith("分之", m.end()) and group.kind in ("ar", "cn"):
        outcome = _fraction_of(t, group, floor)
        if outcome is not None:
            return outcome

    # --- unit, time word or range after the number ----------------------
    gap = _gap_end(t, group.end)
    unit, time_end = _unit_or_time(t, gap)
    if time_end is not None:
        return _Outcome(time_end)  # 2019年, 3个月, 二十八载, 近10年来
    end = gap + len(unit) if unit else group.end
    value = group.value
    value_max: Decimal | None = None
    qualifiers = [group.qualifier]

    sep_pos = _gap_end(t, end)
    sep = _range_separator(t, sep_pos)
    if (
        sep
        and unit is None
        and prev == sep
        and sep in _DASHES
        and not (before - 2 >= floor and t[before - 2] in _LIST_NUMBER_CHARS)
        and _at_line_end(t, sep_pos + len(sep))
    ):
        # "- 5 -", "—5—" ending a line: a page number between dashes (PDF
        # footer), not the lower end of a range reaching into the next line
        # ("- 5 -\n12所").
        return _Outcome(sep_pos + len(sep))
    right = _TOKEN.match(t, _gap_end(t, sep_pos + len(sep))) if sep else None
    if right and right.lastgroup in ("ar", "cn"):
        if sep == "-" and (group.kind != "ar" or right.lastgroup != "ar"):
            right = None
    else:
        right = None
    if right is not None:
        right_group = _read_group(t, right)
        if right_group is not None:
            right_gap = _gap_end(t, right_group.end)
            right_unit, right_time = _unit_or_time(t, right_gap)
            if right_time is not None and unit is None:
                return _Outcome(right_time)  # 2—3年: the range is a span of time
            from_to = unit is not None and prev in ("从", "由")
            if (unit is None or unit == right_unit) and not from_to:
                lower = group.value
                if not group.own_scale:
                    lower = CONTEXT.multiply(group.base, right_group.scale)
                upper = right_group.value
                if lower < upper:
                    value, value_max = lower, upper
                    unit = right_unit
                    end = right_gap + len(right_unit) if right_unit else right_group.end
                    qualifiers.append(right_group.qualifier)
                    group.has_big = group.has_big or right_group.has_big
    if group.kind == "lone" and value_max is None:
        return _Outcome(m.end())  # lone Chinese digits are OUT (五口人, 两省)

    # --- is it a quantity? ------------------------------------------------
    if unit is None:
        if not group.has_big:
            return _Outcome(m.end())  # a bare number with no unit and no 万/亿
        unit = ""
    if group.kind == "cn" and (unit in SESSION_UNITS or t.startswith(NUMERAL_IDIOMS, start)):
        return _Outcome(end)  # 十九届四中全会, 十万火急
    if group.leading and not _has_qualifier_around(t, group, end, floor):
        # 百姓, 千年, 万里, 万人帮万户, 百村万户: a magnitude with no digit is
        # an idiom or a slogan unless a qualifier makes it an amount (近万人,
        # 千余台次, 百余人次).
        return _Outcome(group.end)
    if (
        unit == "届"
        and group.kind == "ar"
        and value_max is None
        and len(m.group()) == 4
        and 1900 <= value <= 2100
    ):
        return _Outcome(end)  # 2019届: a cohort, i.e. a time
    return _finish(t, start, end, value, value_max, unit, qualifiers, floor)


def extract(text: str) -> list[Quantity]:
    """Return the quantity mentions of ``text``, sorted by start, non-overlapping."""
    if not isinstance(text, str) or not text:
        return []
    folded = fold(text)
    mentions: list[Quantity] = []
    floor = 0
    pos = 0
    search = _TOKEN.search
    while True:
        match = search(folded, pos)
        if match is None:
            break
        outcome = _at_token(folded, match, floor)
        found = outcome.mention
        if found is not None and found.start >= floor:
            mentions.append(
                Quantity(
                    start=found.start,
                    end=found.end,
                    surface=text[found.start : found.end],
                    value=found.value,
                    unit=found.unit,
                    qualifier=found.qualifier,
                    value_max=found.value_max,
                    counted=found.counted,
                )
            )
            floor = found.end
        pos = max(outcome.resume, match.end())
    return mentions
