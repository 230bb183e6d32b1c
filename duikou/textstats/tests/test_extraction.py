"""Extraction rules of spec v1.2, one test per rule (spec examples first)."""

from __future__ import annotations

import pytest

from duikou.textstats import Quantity, extract


def only(text: str) -> Quantity:
    """The single mention of ``text``."""
    mentions = extract(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


def summary(text: str) -> list[tuple[str, int | float, str, str | None]]:
    return [(q.surface, q.value, q.unit, q.qualifier) for q in extract(text)]


# --- IN -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "qualifier"),
    [
        ("3.5亿元", "3.5亿元", 350000000, "元", None),
        ("7600万元", "7600万元", 76000000, "元", None),
        ("3500元左右", "3500元左右", 3500, "元", "about"),
        ("300余亿元", "300余亿元", 30000000000, "元", "over"),
        ("30多亿元", "30多亿元", 3000000000, "元", "over"),
        ("累计投入资金10.49亿元", "10.49亿元", 1049000000, "元", None),
    ],
)
def test_money_is_extracted_with_multipliers_folded(
    text: str, surface: str, value: int, unit: str, qualifier: str | None
) -> None:
    assert summary(text) == [(surface, value, unit, qualifier)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3000余个", 3000, "个"),
        ("82所", 82, "所"),
        ("2.78万套", 27800, "套"),
        ("593家", 593, "家"),
        ("285对", 285, "对"),
        ("136场", 136, "场"),
        ("150份", 150, "份"),
        ("19个援疆省市", 19, "个"),
        ("3087名", 3087, "名"),
        ("7.68万人次", 76800, "人次"),
        ("3.7万余人", 37000, "人"),
        ("近万人", 10000, "人"),
        ("324.5万亩", 3245000, "亩"),
        ("1.4万吨", 14000, "吨"),
        ("549.63公斤", 549.63, "公斤"),
        ("5171公里", 5171, "公里"),
    ],
)
def test_counts_and_measures_keep_their_classifier_as_unit(
    text: str, value: float, unit: str
) -> None:
    mention = only(text)
    assert (mention.value, mention.unit) == (value, unit)


def test_classifiers_are_not_merged() -> None:
    assert [q.unit for q in extract("3名、4人、5位、6人次、7台次")] == [
        "名",
        "人",
        "位",
        "人次",
        "台次",
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("80%", 80, "%"),
        ("95%", 95, "%"),
        ("百分之八十", 80, "%"),
        ("1‰", 1, "‰"),
        ("15倍", 15, "倍"),
    ],
)
def test_percentages_per_mille_and_multiples_are_quantities(
    text: str, value: int, unit: str
) -> None:
    mention = only(text)
    assert (mention.surface, mention.value, mention.unit) == (text, value, unit)


def test_a_digit_fraction_is_its_quotient_without_unit() -> None:
    mention = only("占总数的1/5")
    assert (mention.surface, mention.value, mention.unit) == ("1/5", 0.2, "")


def test_chinese_fractions_with_a_magnitude_are_read() -> None:
    assert summary("千分之三") == [("千分之三", 3, "‰", None)]
    assert summary("百分之三点五") == [("百分之三点五", 3.5, "%", None)]
    assert summary("十分之一") == [("十分之一", 0.1, "", None)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("脱贫人口10.3万，", "10.3万", 103000),
        ("8000万贫困人口", "8000万", 80000000),
        ("总额110亿", "110亿", 11000000000),
        ("二十三万", "二十三万", 230000),
    ],
)
def test_a_number_with_wan_or_yi_needs_no_unit(text: str, surface: str, value: int) -> None:
    assert summary(text) == [(surface, value, "", None)]


def test_a_plain_number_without_unit_is_not_a_quantity() -> None:
    assert extract("编号3500，共计8000") == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("千余臺次", 1000, "台次", "over"),
        ("百余人次", 100, "人次", "over"),
        ("十余个", 10, "个", "over"),
        ("近万人", 10000, "人", "under"),
        ("两万余人", 20000, "人", "over"),
        ("一百二十人", 120, "人", None),
        ("二十三万元", 230000, "元", None),
        ("三十余万人", 300000, "人", "over"),
        ("三点五亿元", 350000000, "元", None),
        ("逾千人", 1000, "人", "over"),
    ],
)
def test_chinese_numerals_with_a_magnitude_are_quantities(
    text: str, value: int, unit: str, qualifier: str | None
) -> None:
    assert summary(text) == [(text, value, unit, qualifier)]


def test_a_noun_directly_after_the_number_serves_as_unit() -> None:
    assert summary("支持对口4县2000户贫困户") == [
        ("4县", 4, "县", None),
        ("2000户", 2000, "户", None),
    ]


@pytest.mark.parametrize("text", ["4期", "9批", "3次", "3种", "20余批次"])
def test_counters_count_like_any_classifier(text: str) -> None:
    assert only(text).surface == text


def test_targets_plans_and_per_unit_amounts_are_ordinary_mentions() -> None:
    assert summary("力争突破10亿元，计划引进615人，亩产549.63公斤，户均增收2000元以上") == [
        ("突破10亿元", 1000000000, "元", "over"),
        ("615人", 615, "人", None),
        ("549.63公斤", 549.63, "公斤", None),
        ("2000元以上", 2000, "元", "over"),
    ]


# --- OUT ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2019年",
        "4月23日",
        "3年服务期",
        "近10年来",
        "二十八载",
        "二十八載",
        "95后",
        "2019年至2020年",
        "7日至9日",
        "2—3年",
        "2025 年 6 月27日",
        "12 月份",
        "3个月",
        "3个多月",
        "10多年",
        "80岁",
        "2019届毕业生",
    ],
)
def test_time_is_not_a_quantity(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    ["第七次", "第十批", "第21期", "总第21期", "第 21 期", "第十七中学", "第3至5名", "第十一批"],
)
def test_ordinals_are_not_quantities(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "十八大",
        "3D成像",
        "3D 成像",
        "120医疗急救",
        "“三个特别”",
        "六个一工程",
        "百千万工程",
        "万人帮万户",
        "助力百村万户脱贫",
        "“十四五”规划",
        "G219国道",
        "5G基站",
        "纱纤亿产业",
    ],
)
def test_numbers_inside_names_slogans_and_codes_are_not_quantities(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "数以万计",
        "一批",
        "多种",
        "数百公里",
        "几百公斤",
        "幾百公斤",
        "数千元",
        "十几个",
        "几十个",
        "上万人",
    ],
)
def test_vague_amounts_are_not_quantities(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize("text", ["五口人", "两省", "三级", "七一", "一个"])
def test_lone_chinese_digits_are_not_quantities(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text", ["万里", "萬里同心", "千年", "百姓", "万众", "万一发生", "千万不要"]
)
def test_idioms_that_look_numeric_are_not_quantities(text: str) -> None:
    assert extract(text) == []


def test_a_counted_amount_next_to_a_vague_one_is_still_found() -> None:
    assert summary("参与人数百余人") == [("百余人", 100, "人", "over")]


# --- qualifiers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("近10万人次", "近10万人次", "under"),
        ("将近200人", "将近200人", "under"),
        ("接近200人", "接近200人", "under"),
        ("不足10%", "不足10%", "under"),
        ("50人以下", "50人以下", "under"),
        ("3000余个", "3000余个", "over"),
        ("20多种", "20多种", "over"),
        ("超95%", "超95%", "over"),
        ("超过100亿元", "超过100亿元", "over"),
        ("逾300人", "逾300人", "over"),
        ("80%以上", "80%以上", "over"),
        ("突破10亿元", "突破10亿元", "over"),
        ("约300人", "约300人", "about"),
        ("大约300人", "大约300人", "about"),
        ("240人左右", "240人左右", "about"),
    ],
)
def test_qualifiers_before_and_after_the_number_are_inside_the_span(
    text: str, surface: str, qualifier: str
) -> None:
    mention = only(text)
    assert (mention.surface, mention.qualifier) == (surface, qualifier)


def test_yu_between_number_and_multiplier_keeps_the_multiplier() -> None:
    assert summary("带动30余万人") == [("30余万人", 300000, "人", "over")]
    assert summary("培训教师4.5万余人次") == [("4.5万余人次", 45000, "人次", "over")]


def test_duoda_carries_no_qualifier() -> None:
    assert summary("多达300人") == [("300人", 300, "人", None)]


def test_a_qualifier_belonging_to_another_word_is_not_the_numbers() -> None:
    assert summary("将80%用于县及县以下") == [("80%", 80, "%", None)]
    assert summary("附近3个村") == [("3个", 3, "个", None)]
    assert summary("签约3个项目") == [("3个", 3, "个", None)]


def test_income_above_a_threshold_is_over() -> None:
    assert summary("年收入超5万元") == [("超5万元", 50000, "元", "over")]


# --- ranges ---------------------------------------------------------------


def test_a_range_is_one_mention_with_lower_value_and_upper_value_max() -> None:
    mention = only("投入3至5万元")
    assert (mention.surface, mention.value, mention.value_max, mention.unit) == (
        "3至5万元",
        30000,
        50000,
        "元",
    )


def test_a_dash_range_applies_the_multiplier_to_both_ends() -> None:
    mention = only("2—3万人")
    assert (mention.value, mention.value_max, mention.unit) == (20000, 30000, "人")


def test_a_range_with_units_on_both_ends_is_one_mention() -> None:
    mention = only("3万元至5万元")
    assert (mention.surface, mention.value, mention.value_max) == ("3万元至5万元", 30000, 50000)


def test_a_chinese_range_is_read() -> None:
    mention = only("三至五万元")
    assert (mention.value, mention.value_max) == (30000, 50000)


def test_a_change_from_one_amount_to_another_is_two_mentions() -> None:
    assert [q.value for q in extract("从3万人到5万人")] == [30000, 50000]


def test_only_ranges_carry_value_max() -> None:
    assert only("3万元").value_max is None
    assert "value_max" not in only("3万元").to_dict()
    assert only("3—5个").to_dict()["value_max"] == 5


def test_a_phone_number_is_not_a_range() -> None:
    assert extract("电话0991-1234567") == []


# --- script variants and PDF artefacts -----------------------------------


def test_traditional_text_gives_simplified_units() -> None:
    assert summary("完成手術千余臺次，接診患者2.46萬人次，對口4縣") == [
        ("千余臺次", 1000, "台次", "over"),
        ("2.46萬人次", 24600, "人次", None),
        ("4縣", 4, "县", None),
    ]


def test_traditional_qualifiers_are_recognised() -> None:
    assert summary("兩萬餘人") == [("兩萬餘人", 20000, "人", "over")]
    assert summary("超過100億元") == [("超過100億元", 10000000000, "元", "over")]
    assert summary("將近200人") == [("將近200人", 200, "人", "under")]
    assert summary("約300人") == [("約300人", 300, "人", "about")]


def test_full_width_digits_and_signs_are_read() -> None:
    assert summary("１２个，８０％，１０．４９亿元") == [
        ("１２个", 12, "个", None),
        ("８０％", 80, "%", None),
        ("１０．４９亿元", 1049000000, "元", None),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "qualifier"),
    [
        ("投入 10.49 亿元", "10.49 亿元", 1049000000, "元", None),
        ("募集资金 600 余万元", "600 余万元", 6000000, "元", "over"),
        ("七师 145 个薄弱村", "145 个", 145, "个", None),
        ("换岗学习 30 多人次", "30 多人次", 30, "人次", "over"),
        ("共印 150 份", "150 份", 150, "份", None),
        ("投入10.49\n亿元", "10.49\n亿元", 1049000000, "元", None),
    ],
)
def test_spaces_and_a_line_break_from_pdf_copies_stay_inside_one_mention(
    text: str, surface: str, value: int, unit: str, qualifier: str | None
) -> None:
    assert summary(text) == [(surface, value, unit, qualifier)]


def test_spaced_out_digits_are_not_one_number() -> None:
    assert all(q.value != 109 for q in extract("1 0 9个"))
    assert extract("1 0 9个") == []


def test_a_blank_line_separates_a_number_from_what_follows() -> None:
    assert extract("第12页\n\n个人简介") == []


def test_offsets_refer_to_the_text_as_given() -> None:
    text = "\ufeff\u3000\u3000实施109个項目，投入１０．４９億元"
    for mention in extract(text):
        assert text[mention.start : mention.end] == mention.surface


# --- other number shapes --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3万5千人", 35000, "人"),
        ("1亿2000万元", 120000000, "元"),
        ("5千米", 5, "千米"),
        ("5万千瓦", 50000, "千瓦"),
        ("3百万元", 3000000, "元"),
        ("1,000,000元", 1000000, "元"),
        ("100日元", 100, "日元"),
        ("提高3.5个百分点", 3.5, "个百分点"),
        ("100km", 100, "km"),
    ],
)
def test_compound_numbers_and_unusual_units_are_read(text: str, value: float, unit: str) -> None:
    mention = only(text)
    assert (mention.value, mention.unit) == (value, unit)


def test_mentions_are_sorted_and_do_not_overlap() -> None:
    mentions = extract("近10万人次，手术1.2万台次，3至5万元，80%以上")
    assert [q.start for q in mentions] == sorted(q.start for q in mentions)
    for left, right in zip(mentions, mentions[1:], strict=False):
        assert left.end <= right.start


def test_quantity_is_frozen_and_serialisable() -> None:
    mention = only("近10万人次")
    with pytest.raises(AttributeError):
        mention.value = 1  # type: ignore[misc]
    assert mention.to_dict() == {
        "start": 0,
        "end": 6,
        "surface": "近10万人次",
        "value": 100000,
        "unit": "人次",
        "qualifier": "under",
        "counted": None,
    }


# --- counted (heuristic, not scored) -------------------------------------


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("累计投入资金10.49亿元，", "资金"),
        ("实施109个基础设施建设项目，", "项目"),
        ("培训教师4.5万余人次。", "教师"),
        ("新建改建中小学82所、幼儿园143所", "中小学"),
        ("惠及3000多户", "户"),
        ("组织16所院校帮扶", "院校"),
        ("28所中小学学生直接受益", "中小学"),
        ("发动31位江苏游客爱心募捐", "游客"),
        ("其中80%以上的资金投入到基层", "资金"),
        ("接诊病人近10万人次", "病人"),
        ("销售额达到4.4亿元", "销售额"),
    ],
)
def test_the_counted_noun_is_found_when_the_sentence_makes_it_clear(
    text: str, counted: str
) -> None:
    assert extract(text)[0].counted == counted


@pytest.mark.parametrize("text", ["将80%用于县及县以下", "价值13万元的各类药品", "共5171公里"])
def test_the_counted_noun_is_none_when_unclear(text: str) -> None:
    assert extract(text)[0].counted is None


def test_counted_nouns_of_traditional_text_are_simplified() -> None:
    assert extract("培訓教師4.5萬餘人次")[0].counted == "教师"


# --- words that only begin like a unit ------------------------------------


@pytest.mark.parametrize(
    "text", ["2024元旦", "2017对口援疆", "十九届四中全会", "十万火急", "相差十万八千里"]
)
def test_a_unit_character_starting_another_word_is_not_a_unit(text: str) -> None:
    assert extract(text) == []


def test_sessions_count_only_with_arabic_digits() -> None:
    assert summary("连续举办3届") == [("3届", 3, "届", None)]
    assert extract("2019届毕业生") == []


def test_numbers_in_table_columns_are_not_taken_for_spaced_digits() -> None:
    assert summary("2019 350万元") == [("350万元", 3500000, "元", None)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [("19省市", "省市"), ("15乡镇", "乡镇"), ("零下20摄氏度", "摄氏度"), ("100余家次", "家次")],
)
def test_compound_nouns_and_units_are_kept_whole(text: str, unit: str) -> None:
    assert only(text).unit == unit


def test_a_quantity_next_to_a_date_after_a_dash_is_kept() -> None:
    assert summary("5万元—2019年") == [("5万元", 50000, "元", None)]
