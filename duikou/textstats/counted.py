"""Guess the noun a quantity counts (``counted``; beyond the spec, not scored).

Chinese puts the counted noun either right after the classifier
("实施109个基础设施建设项目") or right before the number
("投入资金10.49亿元", "新建改建中小学82所").  Without a word segmenter we
recognise nouns from a small domain lexicon of report vocabulary:

1. **After the mention**: read the noun compound that starts right after the
   span (a leading 的 is skipped: "80%以上的资金").  Lexicon words are matched
   longest first; modifiers (援疆, 贫困, 建设 ...) continue the compound
   without being nouns of their own; up to three unknown characters are
   tolerated until the first noun ("31位江苏游客"), none after it.  The last
   noun of the compound is its head ("基础设施建设项目" -> 项目).
2. **Before the mention**: otherwise, after skipping linking words such as
   达到/为/累计/有, the longest lexicon noun of two or more characters that
   ends right there ("投入资金10.49亿元" -> 资金).
3. **The classifier itself** when it is a noun ("惠及3000多户" -> 户).

Some classifiers select their nouns: 名/位/人 count persons, 所/家
institutions, 户 households, 元 money.  For those, only nouns of the right
class are taken ("28所中小学学生" -> 中小学, not 学生; "价值13万元的药品" -> None).
Shares and money take no unknown characters after the span, so that
"80%用于县" does not count 县.

Anything else gives ``None``: the heuristic prefers saying nothing to guessing.
All matching runs on folded (Simplified) text, so the result is Simplified.
"""

from __future__ import annotations

from .units import MONEY_UNITS, RATIO_UNITS, SELF_COUNTING_UNITS, longest_first, word_set

PERSON_NOUNS = word_set(
    """
    教师 老师 校长 学生 师生 大学生 研究生 毕业生 干部 党员 人才 专家 医生 护士 医护人员
    医疗专家 卫生人员 医疗卫生人员 技术人员 人员 志愿者 群众 居民 村民 农民 牧民 病人 患者
    儿童 少年 青少年 妇女 老人 游客 人士 爱心人士 骨干 业务骨干 职工 工人 员工 劳动力
    人口 贫困人口
    """
)
ORGANISATION_NOUNS = word_set(
    """
    企业 公司 工厂 合作社 商户 商家 学校 院校 高校 大学 中小学 小学 中学 初中 高中 幼儿园
    学院 职业学校 医院 卫生院 卫生室 诊所 媒体 机构 医疗机构 协会 商会 单位 书屋 书院 车间
    基地 园区 网点 科室
    """
)
HOUSEHOLD_NOUNS = word_set("家庭 贫困户 困难户 农户 牧户 用户 商户 居民 村民")
MONEY_NOUNS = word_set(
    """
    资金 援疆资金 帮扶资金 扶贫资金 专项资金 投资 总投资 投资总额 总额 资金总量 销售额 营业额
    产值 工业产值 收入 年收入 人均收入 工资 款物 款项 帮扶款 善款 捐款 助学金 奖学金 帮困金
    补贴 贷款 税收 利润
    """
)
OTHER_NOUNS = word_set(
    """
    药品 物资 设备 器材 图书 书籍 书信 校服 眼镜 衣物 被褥 项目 工程 班级 课堂 岗位 就业岗位
    村 乡镇 行政村 村居 社区 连队 团场 县 县市 省市 省区 城市 区镇 乡镇场 示范村 村庄 讲座
    课程 公开课 观摩课 推介会 会议 活动 比赛 手术 土地 耕地 农田 大棚 温室 小麦 瓜菜 蔬菜
    玉米 棉花 果树 牛羊 牲畜 产品 农产品 农副产品 特产 商品 奖项 一等奖 二等奖 三等奖 安居房
    住房 房屋 道路 公路 桥梁 床位 车辆 部门 品牌 专利 订单 病例
    """
)
# Nouns that can be the head of what is counted.
HEAD_NOUNS: frozenset[str] = (
    PERSON_NOUNS | ORGANISATION_NOUNS | HOUSEHOLD_NOUNS | MONEY_NOUNS | OTHER_NOUNS
)

# Words that modify a following noun without being the head.
MODIFIERS: frozenset[str] = word_set(
    """
    援疆 受援 受援地 当地 各类 各种 各族 贫困 困难 特色 重点 优秀 优质 先进 薄弱 爱心 结对
    基础设施 建设 乡村振兴 示范 现代 产业 农业 民生 公益 新建 改建 职业 医疗 卫生 专业 技术
    重大 大型 小型 就业 青贮 纺织 服装 业务 助学
    """
)

# Classifiers that only count one class of noun.
_SELECTED: dict[str, frozenset[str]] = {
    **dict.fromkeys(("名", "位", "人", "人次", "口"), PERSON_NOUNS),
    **dict.fromkeys(("所", "家"), ORGANISATION_NOUNS),
    **dict.fromkeys(("户", "户次"), HOUSEHOLD_NOUNS),
    **dict.fromkeys(MONEY_UNITS, MONEY_NOUNS),
}

# Words between a noun and the number that do not change what is counted.
LINKING_WORDS: tuple[str, ...] = tuple(
    sorted(
        word_set("达到 达 为 共计 共 累计 合计 总计 已达 已 多达 高达 有 计 约"),
        key=len,
        reverse=True,
    )
)

_LEXICON_BY_FIRST = longest_first(HEAD_NOUNS | MODIFIERS)
_HEADS_BY_LAST: dict[str, tuple[str, ...]] = {}
for _word in HEAD_NOUNS:
    _HEADS_BY_LAST[_word[-1]] = (*_HEADS_BY_LAST.get(_word[-1], ()), _word)
_HEADS_BY_LAST = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in _HEADS_BY_LAST.items()}

# Characters that end a noun phrase: punctuation and digits.
_BREAKS = frozenset("，。、；：！？,.;:!?（）()“”\"'‘’《》「」【】[]—…·/\n\r0123456789%‰")
_INLINE_SPACE = frozenset(" \t\u00a0\u3000")
_WINDOW = 16  # characters looked at after the span
_MAX_UNKNOWN = 3  # unknown characters tolerated before the first noun


def _match_lexicon(text: str, pos: int) -> str | None:
    """Return the longest lexicon word starting at ``pos``."""
    if pos >= len(text):
        return None
    for word in _LEXICON_BY_FIRST.get(text[pos], ()):
        if text.startswith(word, pos):
            return word
    return None


def nouns_after(text: str, pos: int, max_unknown: int = _MAX_UNKNOWN) -> list[str]:
    """Nouns of the compound starting at ``pos``, in text order (see module docstring)."""
    end = min(len(text), pos + _WINDOW)
    if pos < end and text[pos] == "的":
        pos += 1
    nouns: list[str] = []
    unknown = 0
    i = pos
    while i < end:
        ch = text[i]
        if ch in _INLINE_SPACE:  # PDF copies break words with spaces
            i += 1
            continue
        if ch in _BREAKS:
            break
        word = _match_lexicon(text, i)
        if word is not None:
            if word in HEAD_NOUNS:
                nouns.append(word)
            i += len(word)
            continue
        unknown += 1
        if nouns or unknown > max_unknown:
            break
        i += 1
    return nouns


def noun_before(
    text: str, pos: int, floor: int = 0, allowed: frozenset[str] = HEAD_NOUNS
) -> str | None:
    """Longest allowed noun (two characters or more) ending at ``pos``.

    Linking words (达到, 累计, 有 ...) between the noun and ``pos`` are skipped.
    """
    i = pos
    while i > floor and text[i - 1] in _INLINE_SPACE:
        i -= 1
    for link in LINKING_WORDS:
        if i - len(link) >= floor and text.startswith(link, i - len(link)):
            i -= len(link)
            break
    if i <= floor:
        return None
    for word in _HEADS_BY_LAST.get(text[i - 1], ()):
        if (
            len(word) >= 2
            and word in allowed
            and i - len(word) >= floor
            and text.startswith(word, i - len(word))
        ):
            return word
    return None


def guess_counted(folded: str, start: int, end: int, unit: str, floor: int = 0) -> str | None:
    """Return the counted noun for the mention ``folded[start:end]``, or None."""
    allowed = _SELECTED.get(unit, HEAD_NOUNS)
    strict = unit in RATIO_UNITS or unit in MONEY_UNITS or unit == ""
    after = [
        noun for noun in nouns_after(folded, end, 0 if strict else _MAX_UNKNOWN) if noun in allowed
    ]
    if after:
        return after[-1]
    return noun_before(folded, start, floor, allowed) or (
        unit if unit in SELF_COUNTING_UNITS else None
    )


def vocabulary_words() -> set[str]:
    """Words matched here; their characters must be covered by the fold table."""
    return set(HEAD_NOUNS) | set(MODIFIERS) | set(LINKING_WORDS) | {"的"}
