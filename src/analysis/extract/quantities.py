"""Amounts, counts, shares and labels with their units (§4-§7): the reading every Arabic
or Chinese quantity handler of :mod:`analysis.extract.numbers` ends in
(:func:`_quantity_from_parts`), numbers without a unit (:func:`_unitless`: codes, names,
years in brackets, page numbers, footnotes) and the small text helpers they share.
"""

from __future__ import annotations

import re

from analysis.extract.rows import _number, _row
from analysis.numerals import SCALES

# Context word lists ---------------------------------------------------------------------
#: Verbs and comparisons left outside the surface, kept in the note (§4, §12).
#: Longest first, so that 超过 is found before 超.
_BOUND_WORDS = ("不低于", "不少于", "突破", "超过", "超出", "接近", "将近", "至少", "超", "逾", "约")
_BOUND_AFTER = re.compile(r"^[\*”]*(以上|以下|左右|以内|上下(?!游)|之多)")
_BOUND_NOTES = {
    "突破": "lower bound (突破)", "超过": "lower bound (超过)", "超出": "lower bound (超出)",
    "超": "lower bound (超)", "不低于": "lower bound (不低于)", "不少于": "lower bound (不少于)",
    "至少": "lower bound (至少)", "逾": "lower bound (逾)", "以上": "lower bound (以上)",
    "以下": "upper bound (以下)", "以内": "upper bound (以内)", "接近": "approximate (接近)",
    "将近": "approximate (将近)",
    "约": "approximate (约)", "左右": "approximate (左右)", "上下": "approximate (上下)",
}  # fmt: skip
#: Nouns after a bare scale (600多万游客) that give the base unit (§6).
_SCALE_NOUN_BASE = (
    ("游客", "人次"), ("人次", "人次"), ("农民", "人"), ("工人", "人"), ("人才", "人"), ("老人", "人"),
    ("居民", "人"), ("人口", "人"), ("群众", "人"), ("职工", "人"), ("学生", "人"),
    ("人", "人"), ("户", "户"), ("元", "元"),
)  # fmt: skip
#: Unit → base unit (§6), after the scale is removed.
_BASE_UNIT = {
    "名": "人", "位": "人", "人": "人", "人次": "人次", "个月": "月", "周岁": "岁", "岁": "岁",
    "周年": "年", "载": "年", "年度": "年", "年": "年", "大": "个", "方面": "个", "夺": "次",
    "连冠": "次", "亿元": "元", "万元": "元", "元": "元", "％": "%", "个百分点": "百分点",
    "倍": "ratio", "次": "次", "赴": "次", "个位次": "rank", "位次": "rank", "个工作日": "工作日",
    "个季度": "季度",
}  # fmt: skip
#: 较上年前移3位, 比2018年进2位 (not 比上年多引进3位): a move in a ranking (round 16).
_RANK_MOVE_BEFORE = re.compile(r"(?:前移|后移|上升|下降|提升|前进|后退|下滑|跃升|攀升"
                               r"|(?:比|较)[^,，;；。]{0,10}?(?<![引推促新先增跟演改])(?:进|退))了?$")
#: 大丰列82位, 排名82位: a place in a list written without 第, not a count of people (round 16).
_RANK_PLACE_BEFORE = re.compile(r"(?:(?<![系陈并罗])列|排名|排在|名列|位列|位居|跃居|稳居)$")
_RHETORICAL_AFTER = re.compile(r"^[”\*]*(?:半径|的距离|距离|范围|产业园|圈|内|以内|之内)")
#: Measure words of discrete things: a count when no 万/亿 is written (§7).
_COUNT_UNITS = frozenset(
    "家 个 项 座 所 户 名 位 条 件 套 辆 台 处 张 份 篇 场 支 栋 间 床 艘 架 只 头 株 棵 例 人 次 "
    "批 期 届 号 部 大 方面 人次 家次 件次 起 宗".split()
)
#: A count of days (优良天数为312天, 重污染天数1天), not a duration.
_DAY_COUNT_BEFORE = re.compile(r"天数(?:为|达|达到|是|有|共|仅)?[\*“”]*$")
_DURATION_UNITS = {"年", "个月", "个季度", "天", "小时", "分钟", "秒", "周年", "载", "周岁", "岁", "个工作日",
                   "工作日"}
#: What follows a bare magnitude (超千亿元…) that makes it a size-class label (§2).
_SIZE_CLASS_AFTER = re.compile(r"^(?:的(?:县|市|城|企业|项目|产业|园区|镇|村)|级|以上|企业|项目|县|村|城|产业)")
#: A count right after a class named by its size (40亿元企业1家, 10亿元项目5个; round 24).
_CLASS_COUNT_AFTER = re.compile(r"^(?:企业|项目)[0-9０-９]+(?:家|个)")
#: Meetings hosted by the county (35次市级以上现场会在我县召开): like visits (round 26).
_MEETING_HOSTED_AFTER = re.compile(r"^[^,，;；。0-9]{0,10}?(?:现场会|会议|推进会|观摩会|交流会)在")
#: The lower bound of an age group (0-17岁, 18—34周岁): a threshold, no figure (§11).
_AGE_RANGE_AFTER = re.compile(r"^[-–—－~～至到][0-9０-９]{1,3}周?岁")
#: A sample survey named by its sampling rate (5‰人口变动抽样调查, 1%人口抽样调查): a name.
_SURVEY_NAME_AFTER = re.compile(r"^(?:人口)?(?:变动)?抽样")
_DOC_ITEM_BEFORE = re.compile(r"(中央|省委|市委|国务院|省政府|市政府|国家|县委|区委)$")
#: The items of a policy document (若干政策20条, 支持措施30条): no indicator (§11).
_POLICY_ITEMS_BEFORE = re.compile(r"(?:政策|措施|举措|意见|办法|条例|细则|规定)[”\*]*(?:共|等)?$")
#: A policy named in quotes by its item count (“68条”, “纾困解难54条”, round 12): the quote
#: opens at most eight characters before the number, with no word of its own closed.
_QUOTED_NAME_BEFORE = re.compile(r"[“「][^“”「」,，。;；]{0,8}$")
#: 台阶 (a step, 臺階 in a mirror): 台 before it is no unit (round 15).
_STEP_CHARS = ("阶", "階")
#: A policy or programme named by a duration (十年禁渔, 10年禁捕): a name (§2).
_DURATION_NAME_AFTER = re.compile(r"^[”\*]*(?:禁渔|禁捕|退捕)")
#: A money total written with its scale only (突破100亿, 达12.5万亿): base unit 元 (§6).
_MONEY_BEFORE = re.compile(
    r"(?:收入|总值|产值|投资|金额|总额|销售额|零售额|营收|税收|增加值|存款|贷款|余额|资金|支出|"
    r"总量|进出口|出口|进口|营业额|成交额|交易额|GDP)"  # GDP达475亿 (round 20)
    r"(?:总额|总量)?(?:达到|达|突破|超过|超|为|实现|完成|近|约|逾|首次)*[\*“]*$"
)
#: Life expectancy in 岁 is a measurement, not an age threshold (§7).
_LIFE_EXPECTANCY_BEFORE = re.compile(r"寿命(?:达到|达|为|提高到|提高至|增至|提升至|提升到)?[\*]*$")
#: A footnote marker [3], a table or figure number (表2, 图3) and a price-index base
#: (以上年为100): no figures (§2, §11).
_FOOTNOTE_AROUND = (("[", "]"), ("［", "］"), ("〔", "〕"))
_TABLE_NUMBER_BEFORE = re.compile(r"(?:^|[\s(（见附#*>])[表图]$")
_INDEX_BASE_BEFORE = re.compile(r"以[^,，;；。()（）]{0,8}为$")
#: “世界500强”企业, 全球工程机械50强4家: a list named by its size, not a rank (§2 names).
_TOP_LIST_NAME_AFTER = re.compile(r"强(?:”|企业|[0-9０-９一二两三四五六七八九十]+家)")
_ROAD_AFTER = re.compile(r"^(?:省道|国道|县道|高速|号线|路|线|公路)")
#: 7、8号机组: numbers in names sharing the 号 written after the last (round 18).
_SHARED_NAME_UNIT = re.compile(r"^(?:、[0-9０-９]{1,3})+号(?!线)")
_POLLUTANT_BEFORE = re.compile(r"(?:PM|pm|PM<sub>|pm<sub>|O|SO|NO|CO)$")
_LATIN_AFTER = re.compile(r"^[A-Za-z]")
_HOTLINE_AFTER = re.compile(r"^[”\"]?(?:热线|服务热线|平台|专线)")
_NAME_BEFORE = re.compile(r"(?:PM<sub>|[A-Za-z][-_]?)$")
_THRESHOLD_AFTER = re.compile(
    r"^[\*”]*(?:以上|以下|及以上|及以下)(?![,，;；。!！?？\s]|的(?!(?:行政)?村|社区|企业|项目|乡镇|镇|家庭|户)|$"
    # 项目60个以上、完成投资100亿元以上: a bound ending a list item (round 13); 10亿元
    # 以上、5亿元以上项目 stays a list of size classes
    r"|、(?![0-9０-９一二三四五六七八九十百千万亿]))"
)
#: A clause of consequence right after a figure (低于500亿元,那就…): the figure is a condition.
_THEN_AFTER = frozenset({",那", "，那"})


def _quantity_from_parts(
    text: str,
    start: int,
    end: int,
    prefix: str,
    numeral: str,
    approx: str,
    scale: str,
    unit: str,
    script: str,
    value: float | None = None,
) -> list[dict]:
    """An amount, count, share or label with its unit (§5-§7); the measure is provisional."""
    if value is None:
        value = _number(numeral)
    if value is None:
        if script == "arabic":  # digits that are no finite number: still one row (§2)
            return [_row(start, end, None, "", None, "", "other", "code",
                         note="number too large to read as a value")]
        return []
    before = text[start - 12 if start > 12 else 0 : start]
    after = text[end : end + 8]
    notes = []
    if prefix == "近":
        notes.append("approximate (近)")
    elif prefix in {"上", "数"}:
        notes.append(f"approximate ({prefix})")
    if approx:
        notes.append(f"approximate lower bound ({approx})")
    clean_unit = unit.replace("\n", "").strip()
    if clean_unit == "台" and after[:1] in _STEP_CHARS:
        # 迈上千亿台阶: a milestone named by a size class, no row (§2, round 15); 迈上500亿
        # 台阶: 台 opens 台阶, the amount has its scale only
        if script == "chinese" or not scale:
            return []
        return _quantity_from_parts(text, start, end - len(unit), prefix, numeral, approx,
                                    scale, "", script, value)
    written_unit = scale + clean_unit
    multiplier = SCALES.get(scale, 1.0)
    if clean_unit == "字" or clean_unit == "年" and before.endswith(_AGE_ENDINGS) and (
        _AGE_BEFORE.search(before)
    ):
        return [_length_or_age(start, end, value, written_unit, value * multiplier, clean_unit,
                               notes)]
    # numbers that only name something (§5 "number used as a name or label")
    if script == "arabic" and not scale:
        stripped_before = before.replace("**", "")
        if clean_unit == "年" and not prefix and _POLLUTANT_BEFORE.search(stripped_before):
            # PM2.5年均浓度: 年 opens 年均, the number is part of the pollutant name
            return [_row(start, start + len(numeral), value, "", None, "", "other", "name",
                         note="part of a pollutant name (PM2.5)")]
        if not clean_unit and _NAME_BEFORE.search(stripped_before):
            if _POLLUTANT_BEFORE.search(stripped_before):
                return [_row(start, end, value, "", None, "", "other", "name",
                             note="part of a pollutant name (PM2.5)")]
            return [_row(start, end, None, "", None, "", "other", "code",
                         note="code or id (e.g. C2, G60)")]
        if clean_unit == "号" or not clean_unit and _ROAD_AFTER.match(after):
            return [_row(start, end, value, clean_unit, None, "", "other", "name",
                         note="number in a name")]
        if not clean_unit and after[:1] == "、" and _SHARED_NAME_UNIT.match(after):
            # 核电7、8号机组: 号 written once after the last number names both (round 18)
            return [_row(start, end, value, "号", None, "", "other", "name",
                         note="number in a name; 号 written once after the last")]
        if clean_unit == "部":
            return [_row(start, end, value, "部", None, "", "other", "name",
                         note="regulation number")]
        if clean_unit == "条" and (
            _DOC_ITEM_BEFORE.search(before) or _POLICY_ITEMS_BEFORE.search(before)
            or (after[:1] in {"”", "」"} and _QUOTED_NAME_BEFORE.search(before))
        ):
            return [_row(start, end, value, "条", None, "", "other", "doc_items",
                         note="document item count")]
        if not clean_unit and after[:1] == "强" and (
            _TOP_LIST_NAME_AFTER.match(after) or stripped_before.endswith("“")
        ):
            return [_row(start, end + 1, value, "强", None, "", "other", "name",
                         note="number in a name (世界500强)")]
        if not clean_unit and (age_range := _AGE_RANGE_AFTER.match(after)):
            # 0-17岁: 岁 written after the upper bound is both bounds' (round 16)
            age_unit = "周岁" if "周" in age_range.group(0) else "岁"
            return [_row(start, end, value, age_unit, value, "岁", "other", "threshold",
                         note="age bound (0-17岁)")]
        if clean_unit in {"‰", "%", "％"} and _SURVEY_NAME_AFTER.match(after):
            return [_row(start, end, value, clean_unit, None, "", "other", "name",
                         note="number in a name (5‰人口变动抽样调查)")]
        if not clean_unit and not prefix and not approx:
            return _unitless(text, start, end, value, numeral, before, after)
    if clean_unit == "年" and _DURATION_NAME_AFTER.match(after):
        return [_row(start, end, value, "年", None, "", "other", "name",
                     note="number in a policy name (十年禁渔)")]
    # the base unit (§6)
    base_unit = _BASE_UNIT.get(clean_unit, clean_unit)
    if not clean_unit and scale:
        base_unit = ""
        head = after.lstrip("*")
        for noun, noun_base in _SCALE_NOUN_BASE:
            # 600多万游客; 30多万产业工人: a two-character noun after a short qualifier
            if head.startswith(noun) or (len(noun) > 1 and noun in head[:4]):
                base_unit = noun_base
                break
        if not base_unit and _MONEY_BEFORE.search(before):
            base_unit = "元"  # 一般公共预算收入突破100亿: a money total (§6)
        if not base_unit and _PEOPLE_BEFORE.search(before):
            base_unit = "人"  # 户籍人口194万: people counted before the scale (§6, round 11)
    # 2311.8 × 1e8 without float noise
    value_base = float(f"{value * multiplier:.15g}") if multiplier != 1.0 else value
    if base_unit in {"%", "百分点", "ratio"}:
        value_base = value
    # (the call only when a bound word ends the text before: most numbers have none)
    bound = _bound_before(before) if before.rstrip("*“").endswith(_BOUND_WORDS) else ""
    if bound:
        notes.append(_BOUND_NOTES[bound])
    # 超过500万元的村, 超10亿元项目: a size threshold naming a class, as 10亿元以上项目 (§7)
    threshold = bound in {"超", "超过", "超出", "逾"} and bool(
        _SIZE_CLASS_AFTER.match(after.lstrip("*"))) and not after.lstrip("*").startswith("以上")
    if not threshold and after[:2] in {"企业", "项目"} and base_unit == "元" and _CLASS_COUNT_AFTER.match(after):
        threshold = True  # 新增40亿元企业1家: the size class of the firms counted (round 24)
    bound_after = _BOUND_AFTER.match(after)
    if bound_after:
        if _THRESHOLD_AFTER.match(after) or clean_unit in {"周岁", "岁"} and not (
            _LIFE_EXPECTANCY_BEFORE.search(before)
        ):
            threshold = True
        else:
            notes.append(_BOUND_NOTES.get(bound_after.group(1), f"bound ({bound_after.group(1)})"))
    elif after[:2] in _THEN_AFTER and before.endswith(("低于", "高于")):
        threshold = True  # GDP总量低于500亿元,那就…倒数: the condition of a clause (round 22)
        notes.append(f"threshold ({before[-2:]})")
    kind = "quantity"
    if clean_unit == "成":
        # 六成: tenths, a share in percent (§6 percentages stay percent numbers)
        return [_row(start, end, value, "成", value * 10, "%", "share_pct", "percent",
                     note="; ".join(notes))]
    if clean_unit in {"%", "％", "‰"}:
        measure = "share_pct"
        kind = "percent"
    elif clean_unit in {"个百分点", "百分点"}:
        measure, base_unit = "change_abs", "百分点"
    elif clean_unit == "倍":
        measure = "ratio"
    elif clean_unit in {"周岁", "岁"} and not _LIFE_EXPECTANCY_BEFORE.search(before):
        measure, kind = "other", "threshold"
    elif clean_unit in {"周岁", "岁"}:
        measure = "level"  # 人均预期寿命达到80.5岁: a measurement in years of age
    elif clean_unit == "天" and _DAY_COUNT_BEFORE.search(before):
        measure = "count"  # 优良天数为312天: days counted, an indicator, not a duration (§7)
    elif clean_unit in _DURATION_UNITS:
        measure, kind = "other", "duration"
    elif clean_unit == "大" and script == "arabic" and (
            before.endswith("等") or after.startswith(("工业行业", "行业"))):
        # 电池、电驱、电控等6大核心部件: the list just given counted (round 14); 7大工业行业
        #中…均实现增长: the industries a bulletin lists, counted (round 19)
        measure = "count"
    elif clean_unit in {"大", "方面"}:
        measure, kind = "count", "framework"
    elif clean_unit in {"夺", "连冠"}:
        measure, kind = "other", "visits"
    elif clean_unit == "次" and (script == "chinese" or "会在" in after[:14] and _MEETING_HOSTED_AFTER.match(after)):
        measure, kind = "other", "visits"  # (35次市级以上现场会在我县召开: meetings hosted, round 26)
    elif clean_unit in {"批", "期", "届"} and not _sessions(clean_unit, before) and not (
            clean_unit == "届" and before.endswith("连续")):  # 连续5届: a streak (round 13)
        return [_row(start, end, value, clean_unit, None, "", "other", "ordinal")]
    elif clean_unit in {"A", "级", "星"}:
        return [_row(start, end, value, clean_unit, None, "", "other", "label",
                     note="grade label (4A级, 五星级)")]
    elif scale or clean_unit not in _COUNT_UNITS:
        measure = "level"
    else:
        measure = "count"
    if threshold:
        measure, kind = "other", "threshold"
    if clean_unit in {"公里", "千米", "米"} and (
        before.endswith(("“", "是")) or _RHETORICAL_AFTER.match(after)
        or before.rstrip("*")[-1:] in {"", "\n", "。", ",", "，"}
    ):
        measure, kind = "other", "distance"
        notes.append("rhetorical distance")
    if clean_unit == "位" and not scale and _RANK_PLACE_BEFORE.search(before):
        measure, base_unit, kind = "rank", "rank", "rank"  # 大丰列82位 (round 16)
    if clean_unit in {"位", "名", "个位次", "位次"} and _RANK_MOVE_BEFORE.search(before):
        # 较上年前移3位: a change of rank, not a count of people (§6 ranks → rank)
        measure, base_unit = "change_abs", "rank"
        if _RANK_MOVE_BEFORE.search(before).group(0).endswith(("后移", "下降", "退", "下滑")):
            value_base = -value_base
            notes.append("decline")
    if before.endswith("连续") and clean_unit in {"年", "个月", "个季度", "届", "次", "天"}:
        measure, kind = "other", "streak"
        notes.append("streak length")
    row = _row(start, end, value, written_unit, value_base, base_unit, measure, kind,
               note="; ".join(notes))
    return [row]


#: 距今6000年: the age of a site or find, no period (round 11).
_AGE_BEFORE = re.compile(r"距今(?:约|已有|已|有|近|超过|逾)?$")
_AGE_ENDINGS = ("距今", "约", "有", "近", "过", "逾")
#: 户籍人口194万, 常住人口达到144万: a bare scale after a count of people (§6).
_PEOPLE_BEFORE = re.compile(r"(?:人口|人数)(?:总数)?(?:为|达到|达|约|近|超过|超|突破)?[\*“]*$")
#: 培训班36期, 举办研修班3期: classes held, counted by 期, not an ordinal (round 11).
_SESSIONS_BEFORE = re.compile(r"(?:班|讲座|培训)(?:共|累计|合计)?$")


def _sessions(unit: str, before: str) -> bool:
    """Whether 期 counts sessions held (培训班36期: a count, §7), not a phase (一期工程)."""
    return unit == "期" and _SESSIONS_BEFORE.search(before) is not None


def _length_or_age(start: int, end: int, value: float, unit: str, value_base: float,
                   base_unit: str, notes: list[str]) -> dict:
    """全文14076字 (a text's length) and 距今6000年 (an age): other, no period, no
    indicator; value and base kept (round 11)."""
    note = "length of a text (字数)" if base_unit == "字" else "age (距今)"
    row = _row(start, end, value, unit, value_base, base_unit, "other", "label", note=note)
    row["note"] = "; ".join([note, *notes])
    return row


def _in_quoted_list(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quoted list of slogans (an open “ before it, with a
    、 between the “ and the position): 一城引领、两业支撑、…五个振兴 (§2)."""
    before = text[max(0, start - 80) : start]
    opening = before.rfind("“")
    return opening >= 0 and opening > before.rfind("”") and "、" in before[opening:]


def _bound_before(before: str) -> str:
    """The bound or approximation word right before a number (突破800家 → 突破), or ""."""
    stripped = before.rstrip("*“")
    if stripped.endswith(_BOUND_WORDS):
        for word in _BOUND_WORDS:
            if stripped.endswith(word):
                return word
    return ""


def _line_before(text: str, start: int, limit: int = 80) -> str:
    """The text from the start of the line to ``start`` (at most ``limit`` characters back).

    Bounded so that a text without line breaks costs no more than one with them.
    """
    window_start = max(0, start - limit)
    return text[text.rfind("\n", window_start, start) + 1 or window_start : start]


def _line_after(text: str, end: int, limit: int = 80) -> str:
    """The text from ``end`` to the end of the line (at most ``limit`` characters on)."""
    line_end = text.find("\n", end, end + limit)
    return text[end : line_end if line_end >= 0 else min(len(text), end + limit)]


#: A page number of a PDF copy stands between two word characters of one sentence.
_PAGE_BREAK_AROUND = re.compile(r"[\u4e00-\u9fff]{2}").fullmatch
#: Words of a betting or gaming ad after a bare number (365体育, 188彩票) in a mirror's page.
_BETTING_AD_AFTER = frozenset({"体育", "彩票", "娱乐", "棋牌", "投注", "博彩", "bet", "BET",
                               "极速", "浏览"})  # 360极速模式, 360浏览器: a browser (round 24)


def _unitless(
    text: str, start: int, end: int, value: float, numeral: str, before: str, after: str
) -> list[dict]:
    """A bare Arabic number: a year, a code, a section number or a plain figure (§5)."""
    if (before[-1:], after[:1]) in _FOOTNOTE_AROUND:
        return [_row(start, end, value, "", None, "", "other", "label", note="footnote marker")]
    if before[-1:] in {"表", "图"} and _TABLE_NUMBER_BEFORE.search(before):
        return [_row(start, end, value, "", None, "", "other", "label",
                     note="table or figure number")]
    if value == 100 and _INDEX_BASE_BEFORE.search(before):
        return [_row(start, end, value, "", None, "", "other", "label",
                     note="price-index base (以上年为100)")]
    if _LATIN_AFTER.match(after):
        return [_row(start, end, value, "", None, "", "other", "name",
                     note="number in a name (e.g. 5G)")]
    if len(numeral) == 4 and 1900 <= value <= 2100 and before.endswith(("(", "（")) and after.startswith((")", "）")):
        # 政府工作报告(2024): a year in brackets after a title, not a list label (round 20)
        return [_row(start, end, value, "", value, "年", "other", "year", str(int(value)))]
    if after[:1] == "强" and "《" in before and "》" not in before[before.rindex("《") :]:
        # 《全国县域经济综合竞争力100强》: a list named by its size, a name (round 22)
        return [_row(start, end + 1, value, "强", None, "", "other", "name",
                     note="a list named by its size (name)")]
    if after[:2] in _BETTING_AD_AFTER:
        # 365体育手机投注: a betting ad in a mirror's page, a name (round 22)
        return [_row(start, end, value, "", None, "", "other", "name",
                     note="page furniture: a number inside a name")]
    if (before.endswith(("(", "（")) and after.startswith((")", "）"))) or (
        _line_before(text, start).strip(" \t\u3000*#") == ""
        or before.endswith(("注:", "注：", ";", "；"))  # 注：1.本公报…；2.地区…
        or before.endswith("。") and _line_before(text, start, 300).lstrip(" \t\u3000*").startswith(
            ("注", "说明"))  # 注：1.…计算。2.部分数据…
    ) and after[:1] in {".", "、", "．", ")", "）"}:
        return [_row(start, end, value, "", None, "", "other", "label", note="list label")]
    quoted = before.endswith(("“", "‘", "'", '"', "「")) and after.startswith(("”", "’", "'", '"', "」"))
    if (after[:1] == " " and len(numeral) <= 3 and text[max(0, start - 2) : start] == "\n\n"
            and _PAGE_BREAK_AROUND(text[max(0, start - 3) : start - 2] + after[1:2])):
        # 激发各类市场主⏎⏎2 体活力: a PDF's page number inside a broken sentence (§14)
        return [_row(start, end, value, "", None, "", "other", "label", note="page number")]
    if _line_before(text, start).strip() == "" and _line_after(text, end).strip() == "":
        return [_row(start, end, value, "", None, "", "other", "label", note="section number")]
    integer = "." not in numeral and "．" not in numeral
    if integer and 1900 <= value <= 2100 and len(numeral) == 4:
        return [_row(start, end, value, "", value, "年", "other", "year", str(int(value)))]
    if (before.endswith(">") and after.startswith("</t")) or (
        before.rstrip(" \t*").endswith("|") and after.lstrip(" \t*").startswith("|")
    ):
        return [_row(start, end, value, "", value, "", "level", "quantity")]  # a table cell
    if quoted or _HOTLINE_AFTER.match(after) or (integer and len(numeral) >= 4):
        return [_row(start, end, None, "", None, "", "other", "code", note="slogan or code")]
    return [_row(start, end, value, "", value, "", "level", "quantity")]
