"""Held-out check: hand-labelled sentences the extractor was not developed on.

The five gold files are the texts the extractor was tuned against, so their
F1 = 1.0 is optimistic.  These sentences were written afresh in the style of
对口援疆 briefings, news and summaries, and labelled by hand *before* running
the extractor, strictly after spec v1.2 (``shared/spec/quantities.md``) and the
labelling decisions of ``shared/gold/NOTES.md``:

* ``M(surface, value, unit, qualifier, vmax)`` is one expected mention;
  offsets are found by sequential search in the sentence, like the gold
  builder does.  ``vmax`` is set only for ranges (NOTES rule 14).
* Sentences whose only numbers are OUT (time, ordinals, names, vague amounts,
  lone Chinese digits) have an empty list; the comment says why.

The aggregate is scored with :mod:`duikou.textstats.scoring` (the spec's
rule) and must reach F1 >= 0.95; each sentence is also a parametrized case
that compares surfaces, values, units, qualifiers and range ends exactly, so a
failure names the sentence.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from duikou.textstats import extract
from duikou.textstats.scoring import score_documents

REQUIRED_F1 = 0.95


def M(
    surface: str,
    value: float,
    unit: str,
    qualifier: str | None = None,
    vmax: float | None = None,
) -> tuple[str, float, str, str | None, float | None]:
    return (surface, value, unit, qualifier, vmax)


# (id, text, expected mentions in text order)
CASES: list[tuple[str, str, list[tuple[str, float, str, str | None, float | None]]]] = [
    # --- money, counts, person-times ------------------------------------
    (
        "money_yi_and_count",
        "2023年，江苏省安排援疆资金12.6亿元，实施援疆项目156个。",
        [M("12.6亿元", 1_260_000_000, "元"), M("156个", 156, "个")],
    ),
    (
        "cadres_over_and_person_times",
        "全年共选派援疆干部人才1200余名，柔性引进各类人才3500人次。",
        [M("1200余名", 1200, "名", "over"), M("3500人次", 3500, "人次")],
    ),
    (
        "mentor_pairs",
        "深化“师徒结对”，结成师徒对子286对，带出本地骨干教师400多名。",
        [M("286对", 286, "对"), M("400多名", 400, "名", "over")],
    ),
    (
        "consumption_aid_sales",
        "消费援疆成效明显，全年销售新疆农副产品8.3亿元，同比增长15.6%。",
        [M("8.3亿元", 830_000_000, "元"), M("15.6%", 15.6, "%")],
    ),
    (
        "money_per_unit_wan",
        "新疆特色农产品在内地销售额达1.87亿元，带动1.2万户农户增收。",
        [M("1.87亿元", 187_000_000, "元"), M("1.2万户", 12000, "户")],
    ),
    (
        "gift_parcels",
        "活动共发放“爱心包裹”1.5万个，价值600余万元。",
        [M("1.5万个", 15000, "个"), M("600余万元", 6_000_000, "元", "over")],
    ),
    (
        "medical_projects",
        "援疆医生开展新技术新项目120项，填补当地医疗技术空白45项。",
        [M("120项", 120, "项"), M("45项", 45, "项")],
    ),
    (
        "training_sessions_counter",
        "举办各类培训班86期，培训干部群众1.3万人次。",
        [M("86期", 86, "期"), M("1.3万人次", 13000, "人次")],
    ),
    (
        "villages",
        "全县共有行政村142个，其中深度贫困村36个。",
        [M("142个", 142, "个"), M("36个", 36, "个")],
    ),
    (
        "duoda_has_no_qualifier",
        # spec: 多达 ("as many as") carries no qualifier.
        "文化润疆系列活动吸引多达5000人参加。",
        [M("5000人", 5000, "人")],
    ),
    (
        "area_about_and_wan",
        # 一期 (phase one) is a lone Chinese digit: OUT.
        "产业园规划占地约120亩，一期建筑面积2.4万平方米。",
        [M("约120亩", 120, "亩", "about"), M("2.4万平方米", 24000, "平方米")],
    ),
    (
        "several_classifiers",
        "已建成学校12所、医院4家、村级文化活动中心30个。",
        [M("12所", 12, "所"), M("4家", 4, "家"), M("30个", 30, "个")],
    ),
    (
        "compound_yi_wan",
        "该项目总投资1亿2000万元，由援疆资金全额保障。",
        [M("1亿2000万元", 120_000_000, "元")],
    ),
    (
        "plan_target",
        "今年计划引进高层次紧缺人才615人。",
        [M("615人", 615, "人")],
    ),
    (
        "per_mu_yield",
        "示范田小麦亩产达到549公斤。",
        [M("549公斤", 549, "公斤")],
    ),
    (
        "per_household_over",
        "通过发展庭院经济，户均增收2000元以上。",
        [M("2000元以上", 2000, "元", "over")],
    ),
    (
        "job_fairs_compound_classifier",
        "全年共举办招聘会36场次，提供就业岗位8000余个。",
        [M("36场次", 36, "场次"), M("8000余个", 8000, "个", "over")],
    ),
    (
        "counties_and_classifier_ge",
        # 四地州: lone Chinese digit, OUT (NOTES rule 10).
        "对口支援南疆四地州33个县市。",
        [M("33个", 33, "个")],
    ),
    (
        "ordinal_school_name",
        "喀什第十七中学新增标准化教室24间。",
        [M("24间", 24, "间")],
    ),
    (
        "us_dollars",
        "引进外资企业投资额达到3500万美元。",
        [M("3500万美元", 35_000_000, "美元")],
    ),
    (
        "noun_as_unit",
        "新建通村公路全长12.5公里，惠及5县28乡。",
        [M("12.5公里", 12.5, "公里"), M("5县", 5, "县"), M("28乡", 28, "乡")],
    ),
    (
        "person_times_over_duo",
        "累计培训本地医护人员5600多人次。",
        [M("5600多人次", 5600, "人次", "over")],
    ),
    (
        "code_5g",
        "新建5G基站320座，实现行政村全覆盖。",
        [M("320座", 320, "座")],
    ),
    (
        "households_and_sessions",
        "累计结对认亲2.3万户，开展“民族团结一家亲”活动1200余场次。",
        [M("2.3万户", 23000, "户"), M("1200余场次", 1200, "场次", "over")],
    ),
    (
        "donation_over_wan",
        "捐款捐物合计折合人民币860余万元。",
        [M("860余万元", 8_600_000, "元", "over")],
    ),
    (
        "cohort_is_time",
        # 2019届: a cohort (generation), OUT as time.
        "2019届毕业生中有3200人实现就业。",
        [M("3200人", 3200, "人")],
    ),
    (
        "yi_duo_and_wan_duo",
        "全年到位援疆资金5亿多元，实施项目1万多个。",
        [M("5亿多元", 500_000_000, "元", "over"), M("1万多个", 10000, "个", "over")],
    ),
    (
        "thousands_comma",
        # “十三五”: a programme title, OUT.
        "“十三五”以来，援建项目累计达1,286个。",
        [M("1,286个", 1286, "个")],
    ),
    (
        "households_and_visits",
        # 每名: lone Chinese digit, OUT.
        "每名援疆干部结对帮扶困难家庭2户，全年走访慰问1800余次。",
        [M("2户", 2, "户"), M("1800余次", 1800, "次", "over")],
    ),
    (
        "from_to_is_two_mentions",
        # NOTES rule 14: from -> to changes are two mentions, not a range.
        "人均住房面积由18平方米提高到32平方米。",
        [M("18平方米", 18, "平方米"), M("32平方米", 32, "平方米")],
    ),
    (
        "afforestation",
        "完成植树造林4.6万亩，新增林地面积1200公顷。",
        [M("4.6万亩", 46000, "亩"), M("1200公顷", 1200, "公顷")],
    ),
    (
        "batches_and_person_times",
        "累计组织12批次、3600余人次赴内地参加培训。",
        [M("12批次", 12, "批次"), M("3600余人次", 3600, "人次", "over")],
    ),
    (
        "cold_storage",
        "新建冷库3座，库容达到1.5万吨。",
        [M("3座", 3, "座"), M("1.5万吨", 15000, "吨")],
    ),
    (
        "zero_count_and_years",
        "该县贫困人口由2014年的3.2万人减少到2019年底的0人。",
        [M("3.2万人", 32000, "人"), M("0人", 0, "人")],
    ),
    (
        "multiple_and_yi",
        "援疆以来，全市生产总值增长了1.8倍，达到386.5亿元。",
        [M("1.8倍", 1.8, "倍"), M("386.5亿元", 38_650_000_000, "元")],
    ),
    (
        "bare_wan_no_unit",
        # 三年: lone digit + time word, OUT.
        "三年来帮助当地脱贫人口10.3万实现稳定增收。",
        [M("10.3万", 103000, "")],
    ),
    # --- qualifiers -------------------------------------------------------
    (
        "over_before_number",
        "全年接待内地游客超过300万人次，实现旅游收入突破20亿元。",
        [
            M("超过300万人次", 3_000_000, "人次", "over"),
            M("突破20亿元", 2_000_000_000, "元", "over"),
        ],
    ),
    (
        "percent_over_not_county",
        "80%以上的援疆资金用于县及县以下基层和民生领域。",
        [M("80%以上", 80, "%", "over")],
    ),
    (
        "under_near_and_insufficient",
        # 高一级: lone digit, OUT.
        "接近90%的受助学生考入了高一级学校，辍学率不足3%。",
        [M("接近90%", 90, "%", "under"), M("不足3%", 3, "%", "under")],
    ),
    (
        "not_less_than_is_not_a_listed_qualifier",
        # 不低于 is not among the spec's qualifier words: qualifier null.
        "援疆资金用于民生的比例不低于80%。",
        [M("80%", 80, "%")],
    ),
    (
        "yu_and_jin_before_magnitude",
        "本次招聘会吸引逾千人参加，近百家企业提供岗位。",
        [M("逾千人", 1000, "人", "over"), M("近百家", 100, "家", "under")],
    ),
    (
        "chao_bai_yi",
        # 近10年来: time (NOTES rule 6).
        "近10年来，累计投入援疆资金超百亿元。",
        [M("超百亿元", 10_000_000_000, "元", "over")],
    ),
    (
        "per_mille_under",
        "全县孕产妇死亡率降至0.3‰以下。",
        [M("0.3‰以下", 0.3, "‰", "under")],
    ),
    (
        "about_distance_idiom_in_title",
        # 万里 in a quoted title: idiom/name, OUT.
        "“万里援疆路”采访团全程行驶约1500公里。",
        [M("约1500公里", 1500, "公里", "about")],
    ),
    (
        "chao_ten_wan",
        # 三分之一 has no magnitude character: OUT by the spec's numeral rule.
        "受援地约三分之一的村实现了集体经济收入超10万元。",
        [M("超10万元", 100_000, "元", "over")],
    ),
    # --- percentages, fractions, multiples -----------------------------------
    (
        "percent_in_words",
        "全年受援地一般公共预算收入增长百分之十二点五。",
        [M("百分之十二点五", 12.5, "%")],
    ),
    (
        "percent_hundred_in_words",
        "全县适龄儿童入学率达到百分之百。",
        [M("百分之百", 100, "%")],
    ),
    (
        "from_to_percent",
        "全县贫困发生率由12.3%下降到0.5%。",
        [M("12.3%", 12.3, "%"), M("0.5%", 0.5, "%")],
    ),
    (
        "from_to_money",
        "农牧民人均可支配收入从3200元增长到1.2万元。",
        [M("3200元", 3200, "元"), M("1.2万元", 12000, "元")],
    ),
    (
        "percent_of_plan",
        "截至11月底，年度援疆项目已完成投资计划的95%。",
        [M("95%", 95, "%")],
    ),
    (
        "fraction_about",
        "受援县专任教师中约1/3参加了跟岗培训。",
        [M("约1/3", 1 / 3, "", "about")],
    ),
    (
        "multiple",
        # 五年: lone digit + time word, OUT.
        "园区工业产值五年增长了3倍。",
        [M("3倍", 3, "倍")],
    ),
    (
        "two_percentages",
        "项目完成率为85%，资金支付率为78.5%。",
        [M("85%", 85, "%"), M("78.5%", 78.5, "%")],
    ),
    (
        "age_group_is_time",
        # 95后: a generation, OUT as time (NOTES rule 6).
        "援疆教师中“95后”占比达到40%。",
        [M("40%", 40, "%")],
    ),
    (
        "age_with_over",
        # 60岁以上: an age (time), and its 以上 goes with it.
        "帮扶对象中60岁以上老人320名，残疾人45名。",
        [M("320名", 320, "名"), M("45名", 45, "名")],
    ),
    # --- ranges -----------------------------------------------------------
    (
        "range_zhi_wan_yuan",
        "对新建标准化棚圈的农户，每户补助3至5万元。",
        [M("3至5万元", 30000, "元", None, 50000)],
    ),
    (
        "range_dash_wan_ren",
        "项目建成后预计可带动2—3万人实现稳定就业。",
        [M("2—3万人", 20000, "人", None, 30000)],
    ),
    (
        "range_salary",
        "招聘的护理员每月工资3000至4500元，另缴纳社会保险。",
        [M("3000至4500元", 3000, "元", None, 4500)],
    ),
    (
        "range_yi_both_ends",
        "项目达产后年产值可达1.5亿—2亿元。",
        [M("1.5亿—2亿元", 150_000_000, "元", None, 200_000_000)],
    ),
    (
        "range_chinese_lone_lower",
        "对新录用的高校毕业生，每人每年补贴二至三万元。",
        [M("二至三万元", 20000, "元", None, 30000)],
    ),
    (
        "range_tilde_and_hyphen",
        "当地农产品单价在20~30元之间，每亩增收300-500元。",
        [M("20~30元", 20, "元", None, 30), M("300-500元", 300, "元", None, 500)],
    ),
    (
        "range_wan_both_ends",
        "投资3万至5万元不等的小微项目共计46个。",
        [M("3万至5万元", 30000, "元", None, 50000), M("46个", 46, "个")],
    ),
    (
        "range_chinese_shi",
        "每个工作队由十至十五名干部组成。",
        [M("十至十五名", 10, "名", None, 15)],
    ),
    (
        "range_percent_both_units",
        "预计全年增速保持在12%—15%之间。",
        [M("12%—15%", 12, "%", None, 15)],
    ),
    (
        "range_lone_digits_out",
        # 三至五名: no magnitude character on either end, OUT; 一个 lone.
        "三至五名援疆专家组成一个医疗团队。",
        [],
    ),
    (
        "range_of_months_is_time",
        "参训学员的培训周期为2至3个月。",
        [],
    ),
    (
        "range_of_ages_is_time",
        "招聘对象年龄在18至45岁之间。",
        [],
    ),
    (
        "range_of_months_in_year_is_time",
        "每年6至8月为旅游旺季。",
        [],
    ),
    (
        "month_range_then_money",
        "今年1至10月，累计销售新疆农产品4.2亿元。",
        [M("4.2亿元", 420_000_000, "元")],
    ),
    # --- Traditional characters and full-width digits ------------------------
    (
        "traditional_medical",
        "援疆醫療隊累計接診患者12.5萬人次，開展各類手術2300餘臺。",
        [M("12.5萬人次", 125000, "人次"), M("2300餘臺", 2300, "台", "over")],
    ),
    (
        "traditional_money_households",
        "對口支援資金共計3.2億元，惠及農牧民群眾5萬餘戶。",
        [M("3.2億元", 320_000_000, "元"), M("5萬餘戶", 50000, "户", "over")],
    ),
    (
        "traditional_chinese_numeral",
        "新增高標準農田三千餘畝，推廣節水灌溉技術。",
        [M("三千餘畝", 3000, "亩", "over")],
    ),
    (
        "traditional_liang_wan",
        "兩萬餘名群眾參加了“民族團結一家親”活動。",
        [M("兩萬餘名", 20000, "名", "over")],
    ),
    (
        "traditional_near_thousand_machine_times",
        "援疆醫生累計開展遠程會診近千臺次。",
        [M("近千臺次", 1000, "台次", "under")],
    ),
    (
        "traditional_pdf_spaces",
        "全年共舉辦培訓班 45 期，培訓各族幹部 3600 餘人次。",
        [M("45 期", 45, "期"), M("3600 餘人次", 3600, "人次", "over")],
    ),
    (
        "full_width_digits",
        "全年新增城镇就业１２００人，农村富余劳动力转移就业３．５万人次。",
        [M("１２００人", 1200, "人"), M("３．５万人次", 35000, "人次")],
    ),
    (
        "traditional_full_width",
        "援疆資金１２億元，佔全年投入的６０％。",
        [M("１２億元", 1_200_000_000, "元"), M("６０％", 60, "%")],
    ),
    # --- PDF spaces and line breaks -----------------------------------------
    (
        "pdf_spaces_number_unit",
        "累计完成投资 15.8 亿元，建成安居富民房 3200 套。",
        [M("15.8 亿元", 1_580_000_000, "元"), M("3200 套", 3200, "套")],
    ),
    (
        "pdf_line_breaks",
        "全年共培训农牧民\n2.6 万人次，发放培训补贴\n480 万元。",
        [M("2.6 万人次", 26000, "人次"), M("480 万元", 4_800_000, "元")],
    ),
    (
        "pdf_line_break_before_number",
        "全年累计销售农产品\n3.6亿元，同比增长\n28%。",
        [M("3.6亿元", 360_000_000, "元"), M("28%", 28, "%")],
    ),
    (
        "pdf_ideographic_spaces",
        "援建幼儿园\u300012\u3000所，配套建设教师周转房\u300080\u3000套。",
        [M("12\u3000所", 12, "所"), M("80\u3000套", 80, "套")],
    ),
    (
        "pdf_line_break_inside_mention",
        "累计培训各类人才\n1.2 万余人次，其中少数民族干部占比\n超过 60%。",
        [M("1.2 万余人次", 12000, "人次", "over"), M("超过 60%", 60, "%", "over")],
    ),
    (
        "pdf_page_marker",
        # "- 5 -" is a page number on its own line, not the lower end of a range.
        "校舍改造工程已全部完工。\n- 5 -\n12所学校将于秋季开学投入使用。",
        [M("12所", 12, "所")],
    ),
    (
        "pdf_unit_on_next_line",
        "累计投入援疆资金10.49\n亿元。",
        [M("10.49\n亿元", 1_049_000_000, "元")],
    ),
    # --- Chinese numerals -------------------------------------------------
    (
        "liang_wan_and_jin_qian",
        "两万余名各族群众参加活动，近千名志愿者参与服务保障。",
        [M("两万余名", 20000, "名", "over"), M("近千名", 1000, "名", "under")],
    ),
    (
        "one_hundred_twenty",
        "本次培训共有一百二十名中小学教师参加。",
        [M("一百二十名", 120, "名")],
    ),
    (
        "shi_yu_and_duo_jia",
        "十余个援疆省市的200多家企业携产品参展。",
        [M("十余个", 10, "个", "over"), M("200多家", 200, "家", "over")],
    ),
    (
        "liang_qian_duo",
        "暑期组织两千多名学生赴内地开展研学旅行。",
        [M("两千多名", 2000, "名", "over")],
    ),
    (
        "seventeen_schools",
        "援建的十七所学校已全部投入使用。",
        [M("十七所", 17, "所")],
    ),
    (
        "chinese_money",
        "落实援疆资金一千二百万元，完成投资三点五亿元。",
        [M("一千二百万元", 12_000_000, "元"), M("三点五亿元", 350_000_000, "元")],
    ),
    (
        "chinese_wan_yuan",
        "实现销售收入二十三万元。",
        [M("二十三万元", 230_000, "元")],
    ),
    (
        "bai_yu_after_renshu",
        "本次义诊参与人数百余人次，发放药品价值2万元。",
        [M("百余人次", 100, "人次", "over"), M("2万元", 20000, "元")],
    ),
    # --- time, ordinals, names, vague amounts (OUT) ---------------------------
    (
        "ordinal_batch_and_duration",
        "第十批援疆干部于2020年2月抵达，开展为期3年的援疆工作。",
        [],
    ),
    (
        "ordinal_session_and_counts",
        "在第七届中国—亚欧博览会上，签约项目28个，签约金额46亿元。",
        [M("28个", 28, "个"), M("46亿元", 4_600_000_000, "元")],
    ),
    (
        "programme_titles",
        "“十四五”期间，援疆省市围绕“百村千户”工程推进乡村振兴。",
        [],
    ),
    (
        "vague_shu_ji",
        "数百名专家学者和几千名群众参加了开幕式。",
        [],
    ),
    (
        "dates_and_duration",
        "4月23日至25日，两地举办为期三天的教育交流活动。",
        [],
    ),
    (
        "issue_numbers",
        "阿克苏援疆工作简报 第21期（总第135期）",
        [],
    ),
    (
        "slogan_titles",
        "深入开展“万名干部下基层”活动，实施“千村示范”工程。",
        [],
    ),
    (
        "names_with_digits",
        "为县医院配备120急救车辆6辆，引进3D打印设备2台。",
        [M("6辆", 6, "辆"), M("2台", 2, "台")],
    ),
    (
        "slogan_idiom_and_count",
        "“万人帮万户”活动让千年古城的百姓受益，惠及群众3万余人。",
        [M("3万余人", 30000, "人", "over")],
    ),
    (
        "vague_words",
        "数以万计的游客慕名而来，一批特色民宿和多种文创产品走俏。",
        [],
    ),
    (
        "ordinal_ranking_range",
        "在全疆职业技能大赛中，该校学生获得第3至5名。",
        [],
    ),
    (
        "near_two_years_is_time",
        "近两年来，援疆投资年均增长12%。",
        [M("12%", 12, "%")],
    ),
    (
        "holiday_shiyi_is_time",
        # 十一 (National Day, 1 October) is a date, not eleven 期.
        "喀什古城十一期间接待游客15.6万人次。",
        [M("15.6万人次", 156_000, "人次")],
    ),
    (
        "phone_number",
        "联系电话：0998-2824567。",
        [],
    ),
    (
        "twenty_eight_years",
        "二十八载春秋，一批批援疆干部接力奋斗。",
        [],
    ),
    (
        "age_and_service_period",
        "援疆干部平均年龄38岁，平均服务期3年。",
        [],
    ),
    # --- second batch: harder cases ----------------------------------------
    (
        "near_wan_and_about_wan",
        "全市共有援疆干部人才近3万名，其中专业技术人才约2.5万人。",
        [M("近3万名", 30000, "名", "under"), M("约2.5万人", 25000, "人", "about")],
    ),
    (
        "times_per_week_and_chinese_over",
        "援疆工作队每周开展2次入户走访，全年累计走访一千多次。",
        [M("2次", 2, "次"), M("一千多次", 1000, "次", "over")],
    ),
    (
        "square_metres_over_and_chinese_twenty",
        "新建标准化厂房4000余平方米，吸纳就业二十余人。",
        [M("4000余平方米", 4000, "平方米", "over"), M("二十余人", 20, "人", "over")],
    ),
    (
        "chinese_yu_before_wan",
        # 三年来: lone digit + time, OUT.
        "三年来累计投入援疆资金千余万元，受益群众十多万人。",
        [M("千余万元", 10_000_000, "元", "over"), M("十多万人", 100_000, "人", "over")],
    ),
    (
        "yu_between_number_and_wan",
        "全县推广种植高产棉花20余万亩，带动三十余万人增收。",
        [M("20余万亩", 200_000, "亩", "over"), M("三十余万人", 300_000, "人", "over")],
    ),
    (
        "duo_wan_yuan",
        "设立助学基金100多万元，资助家庭困难学生2000名。",
        [M("100多万元", 1_000_000, "元", "over"), M("2000名", 2000, "名")],
    ),
    (
        "noun_unit_provinces",
        # NOTES rule 1: a noun right after the number is the unit.
        "援疆19省市共选派干部人才1.5万余名。",
        [M("19省市", 19, "省市"), M("1.5万余名", 15000, "名", "over")],
    ),
    (
        "road_numbers_are_names",
        # 314国道 / 217省道: road names, OUT (spec: numbers inside names).
        "沿314国道和217省道新建服务站12个。",
        [M("12个", 12, "个")],
    ),
    (
        "idiom_shi_li_ba_xiang",
        # 十里八乡 ("the whole neighbourhood"): an idiom, OUT.
        "他已成为十里八乡有名的致富带头人，带动周边200余户增收。",
        [M("200余户", 200, "户", "over")],
    ),
    (
        "ordinal_list_chinese",
        # 第九、十批: 第 distributes over the list, both are ordinals (spec: 第 + number).
        "第九、十批援疆干部在喀什顺利完成交接。",
        [],
    ),
    (
        "ordinal_list_arabic",
        "第1、2期培训班共培训学员300人。",
        [M("300人", 300, "人")],
    ),
    (
        "range_of_batches",
        "全部学员分1—2批赴江苏跟岗学习。",
        [M("1—2批", 1, "批", None, 2)],
    ),
    (
        "altitude_over_and_months",
        "项目所在地海拔4000米以上，施工期仅有5个月。",
        [M("4000米以上", 4000, "米", "over")],
    ),
    (
        "unlisted_bounds_have_no_qualifier",
        # 不少于 / 最高 / 至少 are not among the spec's qualifier words.
        "每年安排援疆资金不少于1亿元，最高补贴5000元，至少配备3人。",
        [M("1亿元", 100_000_000, "元"), M("5000元", 5000, "元"), M("3人", 3, "人")],
    ),
    (
        "tupo_qian_yi_and_chao_wan",
        "全区对外贸易额突破千亿元，超万人实现家门口就业。",
        [
            M("突破千亿元", 100_000_000_000, "元", "over"),
            M("超万人", 10000, "人", "over"),
        ],
    ),
    (
        "wan_yuan_over_and_wan_yu",
        "全年完成投资3000万元以上，惠及群众万余人。",
        [M("3000万元以上", 30_000_000, "元", "over"), M("万余人", 10000, "人", "over")],
    ),
    (
        "bare_yi_and_wan_with_qualifiers",
        # 十年: time; 四地州: lone digit.
        "十年间全国农村贫困人口减少近1亿，其中南疆四地州减少200万以上。",
        [M("近1亿", 100_000_000, "", "under"), M("200万以上", 2_000_000, "", "over")],
    ),
    (
        "range_wan_to_yi",
        # 两年: lone digit + time, OUT.
        "项目总投资5000万至1亿元，建设期两年。",
        [M("5000万至1亿元", 50_000_000, "元", None, 100_000_000)],
    ),
    (
        "range_with_about",
        "每户可获得3至5万元左右的产业扶持资金。",
        [M("3至5万元左右", 30000, "元", "about", 50000)],
    ),
    (
        "chinese_numerals_with_zero",
        "组织两千零五十名学生参加夏令营，发放慰问金一千零八十元。",
        [M("两千零五十名", 2050, "名"), M("一千零八十元", 1080, "元")],
    ),
    (
        "percent_words_with_qualifier",
        "全县适龄儿童入学率达百分之九十九以上，巩固率达百分之九十五。",
        [M("百分之九十九以上", 99, "%", "over"), M("百分之九十五", 95, "%")],
    ),
    (
        "per_mille_words",
        # 以内 is not among the spec's qualifier words.
        "人口自然增长率控制在千分之五以内。",
        [M("千分之五", 5, "‰")],
    ),
    (
        "fraction_words",
        "设施农业面积约占全县耕地面积的十分之一。",
        [M("十分之一", 0.1, "")],
    ),
    (
        "fraction_digits",
        "受援地有2/3的乡镇卫生院完成标准化改造。",
        [M("2/3", 2 / 3, "")],
    ),
    (
        "qualifier_blockers",
        # 附近 / 预约 / 签约: the 近 and 约 belong to other words.
        "附近3个村的群众通过线上预约120人次，签约3个项目。",
        [M("3个", 3, "个"), M("120人次", 120, "人次"), M("3个", 3, "个")],
    ),
    (
        "jiangjin",
        "将近5000名群众观看了文艺演出。",
        [M("将近5000名", 5000, "名", "under")],
    ),
    (
        "traditional_corps_ordinal_about",
        "新疆生產建設兵團第十四師昆玉市接收援疆資金約2.3億元。",
        [M("約2.3億元", 230_000_000, "元", "about")],
    ),
    (
        "traditional_chaoguo",
        "全年共接待遊客超過300萬人次，旅遊收入達25.6億元。",
        [M("超過300萬人次", 3_000_000, "人次", "over"), M("25.6億元", 2_560_000_000, "元")],
    ),
    (
        "traditional_yu_bai_yi",
        "對口援疆以來累計投入資金逾百億元，實施項目2000餘個。",
        [M("逾百億元", 10_000_000_000, "元", "over"), M("2000餘個", 2000, "个", "over")],
    ),
    (
        "traditional_vague",
        "數千名志願者和幾百家企業參與其中。",
        [],
    ),
    (
        "traditional_ordinal_and_date",
        "第十一批援疆幹部人才於2023年2月抵達和田。",
        [],
    ),
    (
        "traditional_full_width_households",
        "結對幫扶困難家庭１２００戶，發放慰問金３６萬元。",
        [M("１２００戶", 1200, "户"), M("３６萬元", 360_000, "元")],
    ),
    (
        "full_width_percent",
        "覆盖率达到１００％，满意度达９８．５％。",
        [M("１００％", 100, "%"), M("９８．５％", 98.5, "%")],
    ),
    (
        "full_width_fraction",
        "约１／５的学员来自偏远牧区。",
        [M("约１／５", 0.2, "", "about")],
    ),
    (
        "pdf_spaces_everywhere",
        "2023 年，累计 投入 资金 10.49 亿元，其中\n中央资金 3.5 亿 元。",
        [M("10.49 亿元", 1_049_000_000, "元"), M("3.5 亿 元", 350_000_000, "元")],
    ),
    (
        "pdf_breaks_after_number_and_multiplier",
        "援建项目\n109 个，总投资\n480万\n元。",
        [M("109 个", 109, "个"), M("480万\n元", 4_800_000, "元")],
    ),
    (
        "pdf_space_before_percent",
        "完成率达到 98.6 %。",
        [M("98.6 %", 98.6, "%")],
    ),
    (
        "near_percent_in_words",
        "近百分之八十的援疆资金投向民生领域。",
        [M("近百分之八十", 80, "%", "under")],
    ),
    (
        "dotted_date",
        "项目于2023.10开工，计划投资5000万元。",
        [M("5000万元", 50_000_000, "元")],
    ),
    (
        "idioms_only",
        "成千上万的群众走进千家万户，万众一心、千方百计推动发展。",
        [],
    ),
    (
        "yi_wan_ge_and_liang_qian_yu_ce",
        "发放书包一万个，捐赠图书两千余册。",
        [M("一万个", 10000, "个"), M("两千余册", 2000, "册", "over")],
    ),
    (
        "scenic_grades",
        "全州共有5A级景区3个、4A级景区12个。",
        [M("3个", 3, "个"), M("12个", 12, "个")],
    ),
    (
        "double_eleven",
        # 双十一 (11 November shopping day): a date, OUT.
        "双十一期间，线上销售新疆特色农产品500万元。",
        [M("500万元", 5_000_000, "元")],
    ),
    (
        "quoted_holiday",
        "“十一”黄金周期间接待游客12.3万人次。",
        [M("12.3万人次", 123_000, "人次")],
    ),
    (
        "party_congress_and_count",
        "党的十八大以来，援疆省市累计选派干部人才3.5万名。",
        [M("3.5万名", 35000, "名")],
    ),
    (
        "celsius_over",
        "夏季最高气温达40℃以上。",
        [M("40℃以上", 40, "℃", "over")],
    ),
    (
        "square_metre_sign",
        "新建校舍面积12.5万㎡。",
        [M("12.5万㎡", 125_000, "㎡")],
    ),
    (
        "ascii_km",
        "新建渠道3.5km，防渗渠8km。",
        [M("3.5km", 3.5, "km"), M("8km", 8, "km")],
    ),
    (
        "model_names_with_plus",
        "推行“1+1+N”帮扶模式和“3+2”分段培养。",
        [],
    ),
    (
        "hotline_number",
        "开通12345政务服务热线，全年受理诉求1.2万件。",
        [M("1.2万件", 12000, "件")],
    ),
    (
        "compound_wan_qian",
        "每户补贴2万5千元。",
        [M("2万5千元", 25000, "元")],
    ),
    (
        "range_units_both_ends",
        "月工资3000元至5000元不等。",
        [M("3000元至5000元", 3000, "元", None, 5000)],
    ),
    (
        "from_to_persons",
        "培训规模从1000人扩大到3000人。",
        [M("1000人", 1000, "人"), M("3000人", 3000, "人")],
    ),
    (
        "you_to_zhi",
        "合作社由2个增加至5个。",
        [M("2个", 2, "个"), M("5个", 5, "个")],
    ),
    (
        "ordinal_batch_arabic",
        "第3批次援疆医疗队共12人。",
        [M("12人", 12, "人")],
    ),
    (
        "lone_digit_pair",
        "七八个村的群众赶来参加。",
        [],
    ),
    (
        "chinese_date",
        "二〇二三年十二月三十一日",
        [],
    ),
    (
        "days_and_distance",
        "历时三十多天，行程两千余公里。",
        [M("两千余公里", 2000, "公里", "over")],
    ),
    (
        "years_and_vague_yi",
        "10余年来援助资金累计达数亿元。",
        [],
    ),
    (
        "building_number",
        "援建的1号教学楼建筑面积3600平方米。",
        [M("3600平方米", 3600, "平方米")],
    ),
    (
        "consumer_day",
        "在“3·15”国际消费者权益日活动中受理投诉26件。",
        [M("26件", 26, "件")],
    ),
    (
        "year_of_budget",
        "2024年度援疆资金已拨付86%。",
        [M("86%", 86, "%")],
    ),
    (
        "expo_with_hyphen",
        "在第十届中国-亚欧博览会上达成合作意向21项。",
        [M("21项", 21, "项")],
    ),
    (
        "range_wan_person_times",
        "预计接待游客2万—3万人次。",
        [M("2万—3万人次", 20000, "人次", None, 30000)],
    ),
    (
        "traditional_range",
        "每戶補助3至5萬元。",
        [M("3至5萬元", 30000, "元", None, 50000)],
    ),
    (
        "range_mu",
        "每户流转土地10至15亩。",
        [M("10至15亩", 10, "亩", None, 15)],
    ),
    (
        "range_chinese_yi_to_liang_wan",
        "预计带动一至两万人就业。",
        [M("一至两万人", 10000, "人", None, 20000)],
    ),
    (
        "pdf_page_marker_em_dash",
        "全县教育均衡发展通过国家验收。\n— 12 —\n8个县市已全部实现全覆盖。",
        [M("8个", 8, "个")],
    ),
    (
        "chinese_decimal_wan",
        "完成高标准农田建设三点五万亩。",
        [M("三点五万亩", 35000, "亩")],
    ),
    (
        "bai_yu_wan_yuan",
        "筹集善款百余万元。",
        [M("百余万元", 1_000_000, "元", "over")],
    ),
    (
        "vague_ji_shi_wan",
        "每年拿出几十万元资助学生。",
        [],
    ),
    (
        "month_range_dash",
        "1—9月，全县完成援疆投资7.8亿元。",
        [M("7.8亿元", 780_000_000, "元")],
    ),
    (
        "plan_title_years",
        "《2021—2025年援疆规划》安排项目156个。",
        [M("156个", 156, "个")],
    ),
    (
        "slogan_bai_ming",
        "开展“百名医生进百村”活动，义诊群众3.2万人次。",
        [M("3.2万人次", 32000, "人次")],
    ),
    (
        "programme_name_qianren",
        "引进“千人计划”专家12名。",
        [M("12名", 12, "名")],
    ),
    (
        "age_under",
        "35岁以下青年干部占比达到45%。",
        [M("45%", 45, "%")],
    ),
    (
        "party_congress_names",
        "深入学习贯彻党的二十大和二十届三中全会精神。",
        [],
    ),
]


def _spans(text: str, expected: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Gold dicts with offsets found by sequential search (like build_gold.py)."""
    out: list[dict[str, Any]] = []
    pos = 0
    for surface, value, unit, qualifier, vmax in expected:
        start = text.index(surface, pos)
        end = start + len(surface)
        out.append(
            {
                "start": start,
                "end": end,
                "surface": surface,
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "value_max": vmax,
            }
        )
        pos = end
    return out


def _same(predicted: Any, gold: dict[str, Any]) -> bool:
    def close(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=1e-9)

    return (
        predicted.surface == gold["surface"]
        and predicted.start == gold["start"]
        and close(predicted.value, gold["value"])
        and predicted.unit == gold["unit"]
        and predicted.qualifier == gold["qualifier"]
        and close(predicted.value_max, gold["value_max"])
    )


def test_heldout_cases_are_well_formed() -> None:
    ids = [case_id for case_id, _, _ in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 60
    for _, text, expected in CASES:
        _spans(text, expected)  # raises when a surface is not in the text


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_heldout_sentence(text: str, expected: list[tuple[Any, ...]]) -> None:
    gold = _spans(text, expected)
    found = extract(text)
    readable = [(q.surface, q.value, q.unit, q.qualifier, q.value_max) for q in found]
    assert len(found) == len(gold), readable
    for predicted, g in zip(found, gold, strict=True):
        assert _same(predicted, g), (readable, expected)


def heldout_score():  # noqa: ANN201 - returns scoring.Score
    return score_documents(
        (case_id, extract(text), _spans(text, expected)) for case_id, text, expected in CASES
    )


def test_heldout_f1_reaches_the_required_level() -> None:
    score = heldout_score()
    report = "\n".join(
        [f"FP {name} {m}" for name, m in score.unmatched_predicted]
        + [f"FN {name} {m}" for name, m in score.unmatched_gold]
    )
    print(score.summary())
    assert score.f1 >= REQUIRED_F1, report


def test_heldout_qualifiers_of_matched_mentions_are_right() -> None:
    score = heldout_score()
    assert score.qualifier_accuracy >= REQUIRED_F1, score.wrong_qualifier
