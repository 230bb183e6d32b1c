"""Character folding: Traditional -> Simplified and full-width -> ASCII.

The extractor never rewrites the text it reports on.  It matches its word
lists against a *folded copy* made with :data:`FOLD`, a one-character to
one-character table, so every offset in the folded copy is also an offset in
the original text and ``surface == text[start:end]`` holds by construction.

Why a focused table rather than a converter from PyPI: OpenCC-style
converters (``opencc``, ``opencc-python-reimplemented``, ``zhconv``) work on
phrases and may change the length of the text, which would break offsets, and
they would add a dependency (a C++ wheel, or a package last released in 2023)
to simplify a few hundred characters.  The table below was derived once from
OpenCC's ``TSCharacters.txt`` (Apache-2.0) by keeping every Traditional
character whose first Simplified reading occurs in one of the extractor's
word lists (units, time words, qualifiers, the ``counted`` lexicon).  A few
rare variants whose Simplified form is a numeral or a unit (韆 -> 千, 剋 -> 克,
昇/陞 -> 升) and two ambiguous ones (乾, 齣) were left out so that folding
can never create a number or a unit that the writer did not write.
``tests/test_numerals.py`` checks that the table is one-to-one in length and
only lands on vocabulary characters.
"""

from __future__ import annotations

_TRADITIONAL = (
    "佈係個備傢億優兒兩冊動務勞區協參員單噸噹國園圖團場奬婦學將專對屆層屬崗嵗師幫幹幾"
    "廠張從愛戶捱捲攝敎數於時書會朮條棟業榦構樁樑標樹橋機檯檻歐歲淺溫潤為無營爲牀獎現"
    "產産畝畢當療盧眾睏礎禮稅種筆箇節範簡簽籤糰紀約級紡組結網締縣總織繫纍纔羣義職臨臺"
    "興莊萬葯蔘藥處號衆術衛裏補裝裡製親觀訂計設診誌課謂講議護貧貯貸貼資質賽趕踐踰車載"
    "輛輪農連週進遊過達違遠鄉鄰醫釐鈡銷鍾鎊鎭鎮鏡鐘長門開間閤隊隱隻雙難韓頂頃項預頭顆"
    "額願類颱餘體麥點黨𡻕"
)
_SIMPLIFIED = (
    "布系个备家亿优儿两册动务劳区协参员单吨当国园图团场奖妇学将专对届层属岗岁师帮干几"
    "厂张从爱户挨卷摄教数于时书会术条栋业干构桩梁标树桥机台槛欧岁浅温润为无营为床奖现"
    "产产亩毕当疗卢众困础礼税种笔个节范简签签团纪约级纺组结网缔县总织系累才群义职临台"
    "兴庄万药参药处号众术卫里补装里制亲观订计设诊志课谓讲议护贫贮贷贴资质赛赶践逾车载"
    "辆轮农连周进游过达违远乡邻医厘钟销钟镑镇镇镜钟长门开间合队隐只双难韩顶顷项预头颗"
    "额愿类台余体麦点党岁"
)

# Full-width digits, letters and the punctuation that can be part of a number
# or a unit.  The full-width comma "，" is deliberately absent: in Chinese
# text it is clause punctuation, never a thousands separator.
_FULL_WIDTH = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    ord("．"): ord("."),
    ord("％"): ord("%"),
    ord("﹪"): ord("%"),
    ord("／"): ord("/"),
    ord("～"): ord("~"),
    ord("－"): ord("-"),
}

TRADITIONAL_TO_SIMPLIFIED: dict[str, str] = dict(zip(_TRADITIONAL, _SIMPLIFIED, strict=True))

FOLD: dict[int, int] = {
    **{ord(t): ord(s) for t, s in TRADITIONAL_TO_SIMPLIFIED.items()},
    **_FULL_WIDTH,
}


def fold(text: str) -> str:
    """Return ``text`` with Traditional and full-width characters folded.

    The result has exactly the same length as ``text``.
    """
    return text.translate(FOLD)
