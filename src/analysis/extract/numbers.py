"""Numbers: each kind of match of :data:`~analysis.extract.patterns.FIGURE_PATTERN`
becomes rows (value, unit, value_base, base_unit, a first measure; §4-§6) through its
handler in :data:`_HANDLERS`; bounds, thresholds, names and codes are told apart here.
"""

from __future__ import annotations

import re

from analysis.extract.dates import (
    _date_m_range,
    _date_md,
    _date_md_range,
    _date_month,
    _date_y_range,
    _date_ym,
    _date_ym_range,
    _date_ymd,
)
from analysis.extract.fractions import _SLASHES, _slash_fraction
from analysis.extract.patterns import _DIGIT_CHARS, _NUM
from analysis.extract.quantities import (
    _BASE_UNIT,
    _DURATION_NAME_AFTER,
    _SIZE_CLASS_AFTER,
    _bound_before,
    _in_quoted_list,
    _line_before,
    _quantity_from_parts,
    _sessions,
)
from analysis.extract.rows import _YEAR_BEFORE, _bare_numbers, _cn_value, _month_span, _number, _row
from analysis.numerals import ROMAN_VALUES, arabic_to_number, chinese_to_number

#: What may follow a Chinese-numeral count and turns it into a slogan or back-reference (§2).
_CN_FOLLOW_STOP = re.compile(
    r"^\s*(?:一|来|以来|行动|指标|阶段|压力|表率|使命|清单|工程|聚焦|环境|基地|大灶|攻坚|体|"
    r"融合|联动|响应|原则|任务|要求|战略|机制|体系|方针|结合|并举|齐下|管齐|轮驱动|化|级|产业|"
    r"维护|确立|意识|自信|全面|代表|规定|务必|毫不动摇|不愁|保障|服务|开发|元化"
    # 五个三年行动计划: the plans of a programme named by their span (round 19)
    r"|[一二三四五六七八九十]年行动)"
)
#: 〇一…九 in order (with 零 at 10 → 0), for years written digit by digit (二〇二三年).
_CHINESE_DIGIT_CHARS = "〇一二三四五六七八九零"
_CN_PRECEDE_STOP = re.compile(r"[“‘「『这那此该其]$")
#: 第N followed by these is a fixed phrase or a tier, not a rank (§2).
_LIST_MARKER_FOLLOW = re.compile(r"^[\s\*]*[,，、:：.．]")
#: What may follow a rank written 第N without a counter (全省第一, 第一的, 第一位次).
_RANK_FOLLOW = re.compile(r"^(?:$|[\s\*,，。;；、!！?？…)）”\"'<]|的|位次|名次|县|(?:和|与|及)第)")
#: What follows 第一/第二/第三 naming the economic sectors (第一、二、三产业, 第二和第三产业).
_SECTOR_FOLLOW = re.compile(r"(?:[、和及与]第?[一二三1-3])*(?:次)?(?:产业|产)")
#: 前N followed by these is a period (前三季度), not a rank.
_TOP_FOLLOW_STOP = re.compile(r"^(?:季度|个月|年|期|天|几|列|沿|端|所未|景)")
#: 五个“全国百强县”榜单 after the lists were named: a back-reference, no row (§2, round 12).
_NAMED_LISTS_AFTER = re.compile(r"[“「][^“”「」,，。;；]{1,12}(?:[”」](?:榜单|名单|排行榜)"
                                r"|(?:工程|行动|战略)[”」])")  # 实施三个“一号工程”: a programme's name (round 23)
#: What ends the clause a list before 等 stands in (A、B、C等三个部分).
_LIST_CLAUSE_START = re.compile(r"[,，。;；:：!！?？\n][^,，。;；:：!！?？\n]*$")


def _counts_the_list_before(text: str, list_end: int, numeral: str) -> bool:
    """Whether a Chinese-numeral count right after 等 (``分为…回顾、…安排、…建设等三个部分``)
    counts exactly the items listed with 、 before it in its clause: a back-reference to
    them, no figure (§2, round 15). ``学校、医院等30个项目`` (more than the items named)
    stays a count."""
    head = _LIST_CLAUSE_START.search(text, max(0, list_end - 80), list_end)
    items = text.count("、", head.start() if head else max(0, list_end - 80), list_end) + 1
    return items > 1 and chinese_to_number(numeral) == items


#: A period phrase before a duration: 极不平凡的三年, 不寻常的一年 (§2).
_PERIOD_PHRASE_BEFORE = re.compile(r"(?:平凡|寻常|难忘|奋斗|攻坚|非凡|意义|历程)的$")
#: 过去五年, 未来五年, 今后五年, 近五年来: period phrases, no rows (§2, §14).
_PERIOD_PHRASE_WORDS = ("过去", "过去的", "未来", "未来的", "今后", "今后的")
#: A clause ending right after a duration (…的五年。): the duration names a period.
_CLAUSE_END_CHARS = frozenset("。，,;；”\"!！、")


#: 结构为5:40:55, 比例调整为6:30:64, 性别比为105:100: a structure or ratio written like
#: a clock time (§4, §14).
_STRUCTURE_BEFORE = re.compile(
    r"(?:结构|比例|构成|之比|比重)[^,，;；。\d]{0,6}$|(?<![上同相对较])比值?(?:为|是|达到?)?$"
)


#: 二三产比例为13.7:86.3: two parts summing to 100 after a structure word are the shares of
#: a two-part structure, not a ratio (round 21).
_TWO_PART_STRUCTURE = re.compile(r"(?:结构|比例|构成)[^,，;；。\d]{0,6}$")


def _time_of_day(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """14:08, 9时: a time of day; value empty, unit 时间, no period (§5).

    After a structure or ratio word (三次产业结构为5:40:55) the colons separate the parts
    of a structure, not hours and minutes: :func:`_ratio` (§14)."""
    if match.lastgroup == "clock" and _STRUCTURE_BEFORE.search(text, max(0, start - 10), start):
        return _ratio(match, text, start, end, year)
    return [_row(start, end, None, "时间", None, "", "other", "time")]


def _ratio(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """1.75:1 is one row (value 1.75, unit :1); 5.1:52.3:42.6 is one row per part (§4, §5)."""
    written = text[start:end]
    parts = list(re.finditer(_NUM, written))
    values = [arabic_to_number(p.group(0)) for p in parts]
    if len(parts) == 2 and not (abs(values[0] + values[1] - 100) <= 0.2
                                and _TWO_PART_STRUCTURE.search(text, max(0, start - 10), start)):
        note = f"ratio {written}"
        row = _row(start, end, values[0], ":" + parts[1].group(0), values[0] / values[1]
                   if values[1] else values[0], "ratio", "ratio", "ratio", note="")
        if values[1] == 1:
            row["value_base"] = values[0]
        row["note"] = note if values[1] != 1 else ""
        return [row]
    rows = []
    for part, value in zip(parts, values, strict=True):
        s = start + part.start()
        rows.append(_row(s, s + len(part.group(0)), value, "", value, "%", "share_pct", "quantity",
                         note=f"part of the structure {written}"))
    return rows


def _code(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2+2+X, 1+29: a slogan or code; value empty (§5)."""
    return [_row(start, end, None, "", None, "", "other", "code", note="slogan or code")]


def _year(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """2023年, 2023年度: a year alone; value and period the year (§5, §8)."""
    value = float(arabic_to_number(match.group("year")))
    if not 1900 <= value <= 2100:
        return _quantity_from_parts(text, start, end, "", match.group("year"), "", "",
                                    match.group("year_unit"), "")
    unit = match.group("year_unit")
    return [_row(start, end, value, unit, value, "年", "other", "year", str(int(value)))]


def _ordinal(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """第N: a rank (第21位, 全省第一), a grade (第一等次) or an ordinal (第二批, 第一家) (§4, §5).

    Not rows: 第一 opening a list item (``:第一,聚力…``), tiers and fixed phrases
    (第一方阵, 第一书记), and 第N inside a name (省第二中医院, 第四实验小学) (§2).
    """
    numeral, unit = match.group("ord_num"), match.group("ord_unit") or ""
    is_arabic = numeral[0] in _DIGIT_CHARS
    value = _number(numeral)
    after = text[end : end + 6]
    if value is None:
        return _bare_numbers(text, start, end) if is_arabic else []
    if not unit and _SECTOR_FOLLOW.match(text, end):
        return []  # 第一、二、三产业, 第二和第三产业: ordinals naming the sectors (§2)
    if not unit and text.startswith("年", end) and text.endswith("连续", 0, start):
        # 连续第7年进入…: a streak like 连续7年 (§4, §14)
        return [_row(start, end + 1, value, "年", value, "年", "other", "streak",
                     note="streak length")]
    if not unit:
        opens_item = _LIST_MARKER_FOLLOW.match(after) and (
            text[max(0, start - 3) : start].replace("*", "").strip()[-1:] in {"", ":", "：", "。",
                                                                              ";", "；", "\n"})
        if opens_item or not _RANK_FOLLOW.match(after):
            if is_arabic:
                return [_row(start, end, value, "", None, "", "other", "label",
                             note="number in a name or list label")]
            return []
    if unit in {"站", "章", "条", "款"} and not is_arabic:
        return []
    if unit in {"位", "名", ""}:
        return [_row(start, end, value, unit, value, "rank", "rank", "rank")]
    if unit == "等次":
        return [_row(start, end, value, "等次", value, "rank", "rank", "rank", note="grade")]
    if unit == "季度" and 1 <= value <= 4:
        explicit = _YEAR_BEFORE.search(text[max(0, start - 5) : start])
        quarter_year = int(explicit.group(1)) if explicit else year
        first = 3 * int(value) - 2
        return [_row(start, end, None, "日期", None, "", "other", "date",
                     f"{quarter_year}-{first:02d}..{quarter_year}-{first + 2:02d}"
                     if quarter_year else "")]
    return [_row(start, end, value, unit, None, "", "other", "ordinal")]


def _top(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """前十, 前5名: a rank (the upper bound of the place); 前三季度 is a period (§5)."""
    numeral, unit = match.group("top_num"), match.group("top_unit") or ""
    is_arabic = numeral[0] in _DIGIT_CHARS
    value = _number(numeral)
    if value is None or _TOP_FOLLOW_STOP.match(text[end : end + 3]) or (
        text[start - 1 : start] in {"以", "之", "此", "提", "从"} and start > 0
    ):  # 以前一到夏天, 提前一年: 前 belongs to a word, not a rank
        if text.startswith("个月", end) and value is not None and 1 <= value <= 12 and (
                text[start - 1 : start] not in {"以", "之", "此", "提", "从", "超"} or start == 0):
            # 今年前9个月: the first N months of the year, a month range like 1-9月 (round 18)
            explicit = _YEAR_BEFORE.search(text[max(0, start - 5) : start])
            span_year = int(explicit.group(1)) if explicit else year
            return [_row(start, end + 2, None, "日期", None, "", "other", "date",
                         _month_span(span_year, 1, int(value)),
                         "" if span_year else "publication date unknown: year not resolved")]
        return _bare_numbers(text, start, end) if is_arabic else []
    if unit == "强":
        return [_row(start, end, value, unit, value, "rank", "rank", "rank")]
    return [_row(start, end, value, unit, value, "rank", "rank", "rank")]


def _first(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """首位: rank 1, unit 位 (§5); not 放在首位 (first priority)."""
    if text[max(0, start - 1) : start] in {"在", "于", "放", "摆"}:
        return []
    if text[end : end + 1] in _FIRST_WORD_AFTER:
        return []  # 首位担当, 首位意识, 首位度: a slogan word, not a rank (round 21)
    return [_row(start, end, 1.0, "位", 1.0, "rank", "rank", "rank")]


def _milestone(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """百日首线试产, 一年全面投产: the time a project took to a milestone, a duration (§2,
    round 18); 百 and 一 here are no words (百日攻坚 stays a slogan: no milestone after it)."""
    value = chinese_to_number(match.group("ms_num"))
    if value is None:
        return []
    unit = match.group("ms_unit")
    return [_row(start, end, value, unit, value, _BASE_UNIT.get(unit, unit), "other", "duration",
                 note="duration to a milestone")]


#: Characters opening a noun after 首位 (担当, 擔當, 意识, 度, 战略, 产业).
_FIRST_WORD_AFTER = frozenset("担擔意度战戰产產")


def _plenum(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """十三届五次全会: one compound meeting ordinal, value 13 届 (§4, §5)."""
    value = _cn_value(match.group("pl_num"))
    if value is None:
        return []
    return [_row(start, end, value, "届", None, "", "other", "ordinal", note="compound ordinal")]


def _congress(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """二十大, 十八大: a party-congress ordinal (§5)."""
    value = _cn_value(match.group("cg_num"))
    if value is None or value < 11:
        return []  # 十大… is a name (中国十大社会治理创新奖), not a congress
    return [_row(start, end, value, "大", None, "", "other", "ordinal")]


def _plenum_short(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """三中全会: a plenum ordinal, value 3 中 (§5)."""
    value = _cn_value(match.group("ps_num"))
    if value is None:
        return []
    return [_row(start, end, value, "中", None, "", "other", "ordinal")]


def _census(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """四经普 (第四次经济普查), 七人普: a census ordinal like 二十大; value 4, unit 经普,
    no base, no period (§4, §5; round 11)."""
    value = _cn_value(match.group("cs_num"))
    if value is None:
        return []
    return [_row(start, end, value, match.group("cs_unit"), None, "", "other", "ordinal")]


def _framework(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """六大品质, 五个方面: a count of the framework's own parts (§2, §6)."""
    value = _cn_value(match.group("fw_num"))
    if value is None or value < 2:
        return []
    unit = match.group("fw_unit")
    unit = "个" if unit == "个方面" else unit
    return [_row(start, end, value, unit, value, "个", "count", "framework",
                 note="framework structure count")]


def _streak(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """连续三年: a streak; the whole phrase is the surface (§4, §7)."""
    value = _cn_value(match.group("st_num"))
    if value is None:
        return []
    unit = match.group("st_unit")
    return [_row(start, end, value, unit, value, _BASE_UNIT.get(unit, unit), "other", "streak",
                 note="streak length")]


def _wins(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """五夺, 六连冠, 两赴: win and visit counts, base unit 次 (§5, §6)."""
    value = _cn_value(match.group("wn_num"))
    if value is None or value < 2 or text[max(0, start - 1) : start] in {"这", "那", "此"}:
        return []
    unit = match.group("wn_unit")
    if unit == "赴":
        return [_row(start, start + len(match.group("wn_num")), value, "次", value, "次", "other",
                     "visits", note="visit count")]
    return [_row(start, end, value, unit, value, "次", "other", "visits", note="win count")]


def _roman(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """Ⅱ类 is a row when it is the measured value; 劣V类水体, Ⅲ类比例 are labels (§2)."""
    after = text[end : end + 3]
    if match.group("rm_pre") or re.match(r"^(?:比例|占比|断面|及以上|以上|水体)", after):
        return []  # 劣V类水体, 省考断面Ⅲ类比例: a category label inside a subject (§2)
    value = float(ROMAN_VALUES[match.group("rm_num")])
    s = start + (1 if match.group("rm_pre") else 0)
    return [_row(s, end, value, "类", value, "类", "level", "quantity")]


def _qty(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """An Arabic number with its approximation, scale and unit (§4-§7)."""
    if "\n" in match.group(0):
        number_end = match.end("q_num")
        if _line_before(text, start).strip() == "":
            # a section number alone on its line (01⏎⏎强化…): the break ends the figure
            value = arabic_to_number(match.group("q_num"))
            return [_row(start, number_end, value, "", None, "", "other", "label",
                         note="section number")]
    prefix, numeral, approx, approx_after, scale, unit = match.group(*_QTY_GROUPS)
    if not unit and not scale:
        following = text[end : end + 1]
        if following == "成" and text[end + 1 : end + 2] not in _CHENG_WORD:
            end += 1  # 将近6成: tenths written after digits, like 六成 (§6, round 21)
            unit = "成"
        elif (following in _SLASHES or text[start - 1 : start] in _SLASHES) and (
                fraction := _slash_fraction(text, start, end, numeral)) is not None:
            return fraction
    elif unit == "人" and scale and text[end : end + 1] == "口":
        end -= 1  # 流失了10万人口: 人 opens the noun 人口, the amount has its scale only (round 22)
        unit = ""
    if prefix == "近" and text[start - 1 : start] in {"将", "接"}:
        start += 1  # 将近6成, 接近5万人: the bound word is left out of the surface (§4, round 21)
        prefix = ""
    return _quantity_from_parts(
        text, start, end, prefix or "", numeral, approx or approx_after or "", scale or "",
        unit or "", "arabic",
    )


#: 成 opening a word after digits (…6成为, 3成功): no unit of tenths.
_CHENG_WORD = frozenset("为功立员本交果效绩长品熟都型")
#: The groups of a ``qty`` match, read in one call.
_QTY_GROUPS = ("q_pre", "q_num", "q_ap1", "q_ap2", "q_scale", "q_unit")


def _bare_scale(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """近百万的人口, 常住人口却不到百万: people counted by a bare scale (value 100 万, base
    人; round 22); only next to 人口, else no row."""
    if not (text.startswith("人口", end) or text.startswith("的人口", end)
            or "人口" in text[max(0, start - 8) : start]):
        return []
    numeral = match.group("bs_num")
    rows = _quantity_from_parts(text, start, end, match.group("bs_pre") or "", numeral, "", "万", "",
                                "chinese", value=chinese_to_number(numeral))
    for row in rows:
        if row["value_base"] is not None and not row["base_unit"]:
            row["base_unit"] = "人"
    return rows


def _pct_word(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """百分之八十 → 80 %, a percentage written in words (§5)."""
    value = _number(match.group("pw_num"))
    if value is None:
        return []
    return [_row(start, end, value, "%", value, "%", "share_pct", "percent")]


def _cqty(match: re.Match, text: str, start: int, end: int, year: int | None) -> list[dict]:
    """A Chinese-numeral count (两个, 上百家, 三万人); a measure word is required (§2)."""
    numeral = match.group("c_num")
    prefix = match.group("c_pre") or ""
    unit = match.group("c_unit")
    before = text[max(0, start - 1) : start]
    if _CN_PRECEDE_STOP.search(before):
        return []  # “三项表率”, 这两个产业: a slogan or a back-reference (§2)
    if unit == "年" and text[max(0, start - 3) : start].endswith(_PERIOD_PHRASE_WORDS):
        return []  # 过去五年, 未来五年, 今后五年: period phrases like 五年来 (§2)
    if unit == "年" and (_PERIOD_PHRASE_BEFORE.search(text[max(0, start - 6) : start]) or (
            "的" in text[max(0, start - 3) : start] and text[end : end + 1] in _CLAUSE_END_CHARS)):
        return []  # 极不平凡的三年, 是…具有里程碑意义的五年。: a period phrase (§2)
    if unit == "年" and _DURATION_NAME_AFTER.match(text[end : end + 4]):
        return []  # 十年禁渔: a programme name (§2)
    if _in_quoted_list(text, start):
        return []  # “…、五个振兴、六个坚持、…”: counts inside a slogan list (§2)
    if unit == "个" and _NAMED_LISTS_AFTER.match(text, end, end + 20):
        return []  # 五个“全国百强县”榜单: a back-reference to the lists just named (§2)
    if before == "等" and _counts_the_list_before(text, start - 1, numeral):
        return []  # A、B、C等三个部分: the items just listed, counted (§2, round 15)
    if numeral[0] in "百千万" and not prefix and not _bound_before(text[max(0, start - 4) : start]):
        return []  # 百家塘村, 千家万户: numeral characters inside words (but 超百亿元 is one)
    if (numeral in {"百", "千", "万"} or match.group("c_scale") and unit == "元") and (
        _SIZE_CLASS_AFTER.match(text[end : end + 3])
    ):
        return []  # GDP超千亿元的县, 超五千亿元的县级市: a size class, not a figure (§2)
    if unit == "年" and len(numeral) == 4 and set(numeral) <= set(_CHINESE_DIGIT_CHARS):
        year_value = float("".join(str(_CHINESE_DIGIT_CHARS.index(c) % 10) for c in numeral))
        return [_row(start, end, year_value, "年", year_value, "年", "other", "year",
                     str(int(year_value)))]  # 二〇二三年 written digit by digit
    scale = match.group("c_scale") or ""
    value = chinese_to_number(numeral)
    if value is None:
        return []
    if value == 1 and not scale and unit not in {"期", "届", "倍"} and not (
            unit == "次" and "届" in text[max(0, start - 5) : start]):
        return []  # indefinite 一: 一个, 一年, 一次 (§2); not 区十六届人大一次会议 (round 18)
    if unit in {"期", "届"} and not _sessions(unit, text[max(0, start - 4) : start]):
        return [_row(start, end, value, unit, None, "", "other", "ordinal")]  # 一期工程
    if _CN_FOLLOW_STOP.match(text[end : end + 4]):
        return []
    if unit == "年" and text[end : end + 1] in {"级", "制"}:
        return []
    if unit == "位" and text[end : end + 1] == "数":
        return []  # 两位数增长: a word, not a quantity
    if unit == "次" and re.match(r"^(?:全会|会议|党代会|代表大会|全体会议)", text[end : end + 4]):
        return [_row(start, end, value, unit, None, "", "other", "ordinal")]
    approx = match.group("c_ap1") or match.group("c_ap2") or ""
    return _quantity_from_parts(text, start, end, prefix, numeral, approx, scale, unit, "chinese",
                                value=value)


_HANDLERS = {
    "bare_scale": _bare_scale,
    "ymd": _date_ymd, "ym_range": _date_ym_range, "ym": _date_ym, "md_range": _date_md_range,
    "md": _date_md, "m_range": _date_m_range, "month": _date_month, "clock": _time_of_day,
    "hour": _time_of_day, "y_range": _date_y_range, "ratio": _ratio, "code": _code, "docno": _code, "yearword": _year, "ordinal": _ordinal,
    "top": _top, "first": _first, "plenum": _plenum, "congress": _congress,
    "plenum_short": _plenum_short, "census": _census, "framework": _framework, "streak": _streak, "wins": _wins, "milestone": _milestone,
    "roman": _roman, "qty": _qty, "pct_word": _pct_word, "cqty": _cqty,
}  # fmt: skip


#: Kinds of rows that only name, date or order something (fast path in _add_context).
_NAMING_KINDS = frozenset({"date", "year", "time", "ordinal", "code", "name", "label",
                           "doc_items", "framework", "threshold", "distance"})
_NO_PERIOD_KINDS = {"ordinal", "code", "name", "label", "doc_items", "threshold", "framework",
                    "time", "distance"}  # fmt: skip
_NOT_INDICATOR_KINDS = {"date", "year", "time", "ordinal", "code", "name", "label", "doc_items",
                        "threshold", "framework", "streak", "visits", "duration",
                        "distance"}  # fmt: skip
