"""Closed word lists used by the extractor: units, time words, qualifiers.

Every word here is written in Simplified Chinese.  The extractor matches them
against *folded* text (see :mod:`duikou.textstats.chars`), in which Traditional
characters of these words have already been replaced by their Simplified form,
so ``臺次`` is found as ``台次`` and reported as such.
"""

from __future__ import annotations

from collections.abc import Iterable


def word_set(text: str) -> frozenset[str]:
    """Words of a whitespace-separated list (keeps long lists readable)."""
    return frozenset(text.split())


# Classifiers and measure words that may follow a number.  Compound
# classifiers are listed whole so that the longest match keeps them intact
# (spec: "人次, 台次 stay whole").
CLASSIFIERS: frozenset[str] = word_set("""
    个 项 所 家 座 栋 幢 间 套 台 辆 架 艘 条 根 张 本 册 份 件 批 次 期 班 场
    届 轮 节 堂 门 种 类 只 头 匹 棵 株 对 副 双 箱 袋 瓶 盒 支 把 顶 处 片 篇
    部 首 幅 封 卷 组 队 笔 宗 枚 粒 颗 层 床 例 桩 趟 口 名 位 人 户 羽 尾
    人次 台次 批次 架次 车次 户次 家次 场次 班次 项次 课时 学时 个百分点 百分点
    """)

# Money.  "万元"/"亿元" are not listed: the multiplier is folded into the value
# and the unit that remains is "元".
MONEY_UNITS: frozenset[str] = word_set("元 美元 欧元 日元 港元 英镑 韩元 卢布")

# Physical measures.
MEASURE_UNITS: frozenset[str] = word_set("""
    亩 公顷 平方米 平米 平方公里 平方千米 立方米 吨 公斤 千克 克 斤 米 公里 千米
    里 厘米 毫米 千瓦 兆瓦 千瓦时 千伏 度 摄氏度 升 毫升 标箱
    """)

# Shares and multiples.
RATIO_UNITS: frozenset[str] = word_set("% ‰ 倍")

# Nouns that, directly after a number, are what is counted and so serve as the
# unit (spec: "对口4县" -> 县).  Kept short: only nouns that commonly follow a
# bare number in report prose.
NOUN_UNITS: frozenset[str] = word_set("县 市 省 区 州 乡 镇 村 校 国 人口 部门 省市 县市 乡镇")

# ASCII unit abbreviations; matched only when no ASCII letter follows, so that
# "5G" or "3D" never look like a unit.
ASCII_UNITS: frozenset[str] = word_set("km kg cm mm m MW kW kWh GW GWh ㎡ ㎞ ㎏ ℃")

# A unit character followed by one of these starts another word, so it is
# not the number's unit: "2024元旦", "2017对口援疆", "3所有", "3次日",
# "十一期间" (期间 "during": 十一 is the National Day holiday, a date),
# "314国道" / "217省道" / "县道" (road names, OUT as names).
UNIT_BLOCKERS: dict[str, frozenset[str]] = {
    "期": word_set("间"),
    "国": word_set("道"),
    "省": word_set("道"),
    "县": word_set("道"),
    "乡": word_set("道"),
    "元": word_set("旦 宵"),
    "对": word_set("口"),
    "所": word_set("有 以 属 谓"),
    "次": word_set("日"),
    "门": word_set("诊 户 槛"),
    "部": word_set("分 署"),
    "名": word_set("单 义"),
    "位": word_set("于 置"),
}

# Classifiers that, after a Chinese numeral, name a body or a session rather
# than count: "十九届四中全会", "十四届全国人大".
SESSION_UNITS: frozenset[str] = word_set("届")

# Idioms that begin with a well-formed Chinese numeral and would otherwise
# read as an amount (a bare one with 万/亿, or one with a unit such as 里).
# 十 opens ordinary numerals (十五, 十余个), so unlike 百/千/万 it is not
# treated as an idiom marker by itself; idioms built on it are listed here.
NUMERAL_IDIOMS: tuple[str, ...] = ("十万火急", "十万八千里", "十里八乡", "十里八村")

ALL_UNITS: frozenset[str] = (
    CLASSIFIERS | MONEY_UNITS | MEASURE_UNITS | RATIO_UNITS | NOUN_UNITS | ASCII_UNITS
)

# Classifiers that are themselves the counted noun, used as the fallback of
# the `counted` heuristic ("惠及3000多户" -> 户).
SELF_COUNTING_UNITS: frozenset[str] = NOUN_UNITS | word_set("人 户")

# Words that make a number a point or span of time (spec: OUT).  A leading
# "个" covers "3个月"; an optional 多/半/余 covers "3个多月", "10多年" is handled
# because 多 is consumed as a qualifier before the unit is looked at.
TIME_WORDS: frozenset[str] = word_set("""
    年 年度 年代 年级 月 月份 日 号 天 时 小时 钟头 分钟 秒 秒钟 周 周年 周岁 星期 礼拜
    岁 载 旬 世纪 季度 工作日 学期 学年 夜 晚
    """)
TIME_PREFIXES: tuple[str, ...] = ("个多", "个半", "个余", "个")

# Qualifiers (spec table).  Order matters only within one position: the
# longest word is tried first.
PRE_QUALIFIERS: dict[str, str] = {
    "不超过": "under",  # negation of a listed word; "no more than" is an upper bound
    "将近": "under",
    "接近": "under",
    "不足": "under",
    "超过": "over",
    "突破": "over",
    "大约": "about",
    "近": "under",
    "超": "over",
    "逾": "over",
    "约": "about",
}
# Between the number and the multiplier/unit ("30余万人", "20多种").
INNER_QUALIFIERS: dict[str, str] = {"余": "over", "多": "over"}
# After the unit ("80%以上", "240人左右").
POST_QUALIFIERS: dict[str, str] = {"以上": "over", "以下": "under", "左右": "about"}

# Words that end in a one-character qualifier without being one: in
# "附近3个村" the 近 belongs to 附近, in "签约3个项目" the 约 belongs to 签约.
QUALIFIER_BLOCKERS: dict[str, frozenset[str]] = {
    "近": word_set("附 最 邻 靠 亲 贴 临 逼 就 新 晚 浅 远 走 拉 相 挨 迫"),
    "约": word_set(
        "签 合 预 节 制 邀 履 违 特 公 条 契 相 婚 赴 立 缔 守 失 践 解 要 盟 租 爽 集 简 隐 誓"
    ),
    "超": word_set("赶 高"),  # not 出超/入超: "收入超5万元" is far more common
}

# Characters that make a following Chinese magnitude vague: 数百, 几千, 数以万计.
VAGUE_BEFORE: frozenset[str] = word_set("数 几")
# ... unless 数 ends a noun such as 人数 ("参与人数百余人").
VAGUE_BLOCKERS: frozenset[str] = word_set(
    "人 户 次 总 个 件 家 所 名 位 项 岁 少 多 无 半 分 指 参 系 函"
)
# Characters right after a Chinese numeral that make it vague: 十几, 二十数.
VAGUE_AFTER: frozenset[str] = word_set("几 数")

# Range separators ("3至5万元", "2—3万人").
RANGE_SEPARATORS: tuple[str, ...] = ("至", "到", "~", "-", "–", "—", "〜")

# Chinese numeral characters.
CN_DIGIT_CHARS = "零〇一二两三四五六七八九"
CN_MAGNITUDE_CHARS = "十百千万亿"


def longest_first(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Index words by first character, longest first, for prefix matching."""
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(word[0], []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


UNITS_BY_FIRST: dict[str, tuple[str, ...]] = longest_first(ALL_UNITS)
TIME_BY_FIRST: dict[str, tuple[str, ...]] = longest_first(TIME_WORDS)


def vocabulary_words() -> set[str]:
    """All Chinese words the extractor matches; used to build the fold table."""
    words: set[str] = set(ALL_UNITS) | set(TIME_WORDS) | set(TIME_PREFIXES)
    words |= set(PRE_QUALIFIERS) | set(INNER_QUALIFIERS) | set(POST_QUALIFIERS)
    for chars in QUALIFIER_BLOCKERS.values():
        words |= set(chars)
    words |= set(VAGUE_BEFORE) | set(VAGUE_BLOCKERS) | set(VAGUE_AFTER)
    words |= set(RANGE_SEPARATORS) | set(CN_DIGIT_CHARS) | set(CN_MAGNITUDE_CHARS)
    for chars in UNIT_BLOCKERS.values():
        words |= set(chars)
    words |= set(NUMERAL_IDIOMS)
    words |= {"第", "分之", "点", "从", "由", "以"}
    return words
