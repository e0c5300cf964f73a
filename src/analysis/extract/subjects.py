"""Subjects (§9): the short Chinese naming what a figure measures, shared subjects,
bare rates and shares that inherit the amount before them, and "respectively" lists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.extract.dimensions import _dimension
from analysis.extract.furniture import FURNITURE_NOTE, furniture_subject
from analysis.extract.indicators import _CLAUSE_SPLIT
from analysis.extract.quantities import _COUNT_UNITS, _ROAD_AFTER
from analysis.extract.textindex import _clean
from analysis.numerals import chinese_to_number

if TYPE_CHECKING:
    from analysis.extract.context import _Around, _Document


_SUBJECT_JOINERS = re.compile(r"[、和及]")
#: 规上工业增加值两年平均增长9.2%: the subject keeps the kind of growth (§9, §14).
_NAMED_AVERAGE = re.compile(r"([两二三四五]年)平均增长(?:率)?(?:为|达)?$")
_COUNTED_SUBJECTS = re.compile(r"([两二三四五六七八九十])(?:项|个|大)")

# Subject derivation (§9) -----------------------------------------------------------------
_SUBJECT_LEAD = re.compile(
    r"^(?:[\s\*★]|预计|今年|上半年|下半年|全年|年内|到今年年底|年底|其中|同时|此外|特别是|"
    r"[0-9０-９]{4}年|[0-9]{1,2}[-–—至][0-9]{1,2}月|暑假期间|目前|如今|已|已经|"
    r"溧阳市?|全市|我市|全县|我县|全区|我区|本市|共|累计|实现|达到|完成|位列|位居|确保|力争|全力|全面|加快|推动|"
    r"并在|并|在|将|使|让|带动|有|连续[0-9０-９一二三四五六七八九十两]+年|十[二三四五]五(?:以来|期间)?|"
    r"[两二三四五六七八九十0-9]年(?:来)?|是|从|为|对照|依托|冲刺|跃居|巩固|建设|建强|织密|提档|锻造|瞄准|"
    r"打造|努力塑造|塑造|服务和融入|积极融入|融入|合作共建|共建|务实完成|集成政策|这片|这里|每天|"
    r"常年保持在|保持在|保持|全面落实|积极|大力|深入|持续|不断|进一步|新引进|引进)+"
)


def _strip_lead(fragment: str) -> str:
    """``fragment`` without its :data:`_SUBJECT_LEAD` (``_SUBJECT_LEAD.sub("", …)``: the
    pattern is anchored, and a match and a slice cost less than a sub over every position)."""
    lead = _SUBJECT_LEAD.match(fragment)
    return fragment[lead.end():] if lead else fragment


#: Verbs that never belong inside a subject (§9: 实现, 达到, 完成, 跃居, 位列 …).
_SUBJECT_VERBS = re.compile(
    r"跃居|位列|位居|稳居|蝉联|荣获|名列|实现了?|达到|进一步|均将|连续[0-9０-９一二三四五六七八九十两]+年|"
    r"[一二三四五六七八九十两]夺"
)
#: A subject ending in one of these verbs takes the noun counted after the figure
#: (日间照料惠及 2.9万名 老人 → 日间照料惠及老人).
_SUBJECT_VERB_END = ("惠及", "吸引", "带动", "接待", "引进", "集聚", "汇集", "培育", "服务", "覆盖")
#: Rank subjects that only name the aspect (增幅位居常州第二): the amount comes before.
_BARE_ASPECT = ("增幅", "增速", "总量", "数量", "规模", "占比")
_RESPECTIVE_SCOPE = re.compile(r"(全国|全省|全市|常州|全区|全县)的?$")
#: The size of a ranked population inside a rank's subject (全国59个千亿县 → 全国千亿县).
_POPULATION_COUNT = re.compile(r"[0-9０-９]+个")
#: The noun a rank qualifies when the rank comes first (全国县域第一的动力电池产业).
_QUOTED_NAME = re.compile(r"“([^“”]{0,10})$")
_NAME_NOUN_AFTER = re.compile(
    r"^[^,，;；。、等的“”]{0,6}?(?:产业集群体系|产业集群|发展战略|战略|热线|公路|体系|平台|工程|任务|"
    r"项目|行动|计划|模式|品牌|生活圈|服务圈|经济圈|就医圈|圈)"
)
_RANK_OF_NOUN = re.compile(r"^的([^,，;；。、的]{2,10}?)(?=和|与|及|等|[,，;；。、]|$)")
_RANK_SCOPE = re.compile(r"(全省县市区|常州各辖市区|省级高新区|全常州|全国|全省|全市|常州|省市)")
#: A closed bracket inside a subject: a note on scope or base, not part of the name.
_BRACKET_NOTE = re.compile(r"[(（](?:不含|不包括|未含|含|包括|以|按|扣除)[^()（）]{0,30}[)）]")
#: Verbs, bounds and place words stripped from the end of a subject (§9).
_SUBJECT_TAIL_WORDS = (
    "实现 达到 达 完成 突破 超过 超 增长 同比 比 较 位居 位列 居 列 获 保持 蝉联 跃居 为 是 有 约 "
    "近 共 累计 净增 增加 提高 下降 减少 均 分别 占 全省 全国 全市 常州 省市 前列 第 连续 成绩 稳居 "
    "已 再获 获得 荣获 入选 集聚了 集聚 汇集了 增至 缩小至 至 的 等 全常州 各辖市区 常州各辖市区 "
    "县市区 全省县市区 省级高新区 县域 全国县域 排名 中排名 中 调整 上涨 下跌"
).split()

#: _SUBJECT_TAIL, run on the reversed text so that only the stripped tail is scanned.
_SUBJECT_TAIL_REVERSED = re.compile(
    r"(?:[\s\*“”0-9０-９.:：∶﹕︰]|" + "|".join(sorted((w[::-1] for w in _SUBJECT_TAIL_WORDS), key=len,
                                     reverse=True)) + ")+"
)


def _subject(
    before: str, after: str, measure: str, kind: str, unit: str = "", shared: str = ""
) -> str:
    """Short Chinese naming what is measured (§9): the noun phrase before the figure.

    ``before`` and ``after`` are the cleaned clause text on either side of the figure.
    Verbs, bounds and scope words are stripped from its end; a rank keeps its scope
    (全省排名), a count ends in 数, a growth rate in 增长, a goal in (目标).
    """
    if measure == "count" and unit in _COUNT_UNITS and not shared:
        counted = _COUNTED_NOUN.match(after)
        noun = counted.group(0).rstrip("的").rsplit("的", 1)[-1] if counted else ""
        if len(noun) >= 2:
            return noun + ("户数" if unit == "户" else "数")  # 177家村卫生室, 近100家…的研发机构
    head = before[-30:]
    if "含" in head or "以" in head or "包括" in head or "按" in head or "扣除" in head:
        head = _BRACKET_NOTE.sub("", head)  # 价格指数(以上年为100), 全县(不含开发区): notes
    if "(" in head or "（" in head:
        for opening, closing in (("(", ")"), ("（", "）")):
            if head.rfind(opening) > head.rfind(closing):
                head = head.rsplit(opening, 1)[1]  # 9家…(其中复核2家): inside the bracket
    head = _strip_lead(head)
    reversed_head = head[::-1]
    stripped = ""
    tail = _SUBJECT_TAIL_REVERSED.match(reversed_head)
    if tail:
        stripped = reversed_head[: tail.end()][::-1]
        head = reversed_head[tail.end() :][::-1]
        if stripped.startswith("占比"):  # 税收占比86.4%: 占比 is the measure, not a verb
            head, stripped = head + "占比", stripped[2:]
    if len(head) < 2:
        following = _CLAUSE_SPLIT.split(after, maxsplit=1)[0]
        noun = _COUNTED_NOUN.match(following)  # 人才加速集聚 → 人才
        head = _strip_lead(noun.group(0) if noun else following)[:16]
    elif measure in {"level", "count"} and (
        head.endswith(_SUBJECT_VERB_END) or _FIRST_DIGIT.search(head)
    ):
        noun = _COUNTED_NOUN.match(_CLAUSE_SPLIT.split(after, maxsplit=1)[0])
        if noun and len(re.split(r"来|到|赴", noun.group(0))[0].rstrip("的和与及")) >= 2:
            word = re.split(r"来|到|赴", noun.group(0))[0].rstrip("的和与及")
            # 汇集28个部门和单位的2.2亿余条数据: another figure inside → the noun after it
            head = head + word if head.endswith(_SUBJECT_VERB_END) else word
    head = shared or head[-24:]
    if not shared:
        head = _SUBJECT_VERBS.sub("", head) or head  # 动力电池产业实现产值 → …产业产值
    if measure in {"rank", "target"} and not shared:
        head = _POPULATION_COUNT.sub("", head) or head
        noun = _RANK_OF_NOUN.match(after) if kind == "rank" else None
        if noun:  # 全国县域第一的动力电池产业: the rank of the noun after it
            head = noun.group(1) + (_RANK_SCOPE.search(head).group(1)
                                    if _RANK_SCOPE.search(head) else "")
            stripped = ""
    if len(head) < 2:
        return ""  # the caller falls back on the clause before
    if measure == "growth_pct" and (average := _NAMED_AVERAGE.search(before[-30:])) and (
        not shared
    ):
        head = head.removesuffix("平").removesuffix(average.group(1)) + average.group(0)
    elif measure == "growth_pct" and not head.endswith(("增长", "增幅", "增速")):
        head += "增长"
    elif measure == "rank":
        scope = _RANK_SCOPE.search(stripped)
        head += (scope.group(1) if scope else "") + ("等次" if unit == "等次" else "排名")
    elif measure == "count" and head and not head.endswith("数"):
        head += "户数" if unit == "户" else "数"
    elif measure == "target":
        if kind == "rank":
            scope = _RANK_SCOPE.search(stripped)
            head += (scope.group(1) if scope else "") + ("等次" if unit == "等次" else "排名")
        head += "(目标)"
    return head


_LABEL_SUBJECTS = {"footnote marker": "注释序号", "table or figure number": "表图序号",
                   "price-index base (以上年为100)": "价格指数基数",
                   "length of a text (字数)": "全文字数", "age (距今)": "距今年数",
                   "page number": "页码"}
_NAMING_SUBJECTS = {"date": "日期", "year": "年份", "time": "时间", "label": "序号",
                    "doc_items": "文件条目数", "framework": "框架维度数", "distance": "距离"}
_ORDINAL_SUBJECTS = {"批": "批次", "期": "期次", "大": "党代会届次", "届": "会议届次",
                     "中": "全会届次", "次": "会议次序", "家": "次序(首家)",
                     "经普": "经济普查次数", "人普": "人口普查次数", "农普": "农业普查次数"}


def _shared_note(text: str, sentence_start: int, start: int) -> tuple[str, str]:
    """``A、B均位居第一``, ``三项指标…均位居第一``: one figure shared by N subjects (§9).

    Returns the note and the subjects as written before 均 (joined by 、).
    """
    segment_start = max(text.rfind(mark, sentence_start, start) for mark in ",，;；") + 1
    segment = _clean(text[max(segment_start, sentence_start) : start])
    subjects = segment.split("均", 1)[0]
    counted = _COUNTED_SUBJECTS.search(segment)
    if counted:
        shared = int(chinese_to_number(counted.group(1)) or 0)
    else:
        shared = len(_SUBJECT_JOINERS.findall(subjects)) + 1
    if shared < 2:
        return "", ""
    return f"shared by {shared} subjects", _strip_lead(subjects)


def _naming_subject(row: dict, before: str, text: str | None = None) -> str:
    """The subject of a row that only dates, orders or names something (§9).

    ``before`` is the raw clause text before the figure (cleaned here only when needed).
    """
    kind = row["kind"]
    if kind == "label" and row["note"] in _LABEL_SUBJECTS:
        return _LABEL_SUBJECTS[row["note"]]
    if kind == "label" and row["note"].startswith(FURNITURE_NOTE):
        return furniture_subject(row["note"])  # 查看: 66 of a forum's header (round 14)
    if kind in _NAMING_SUBJECTS:
        return _NAMING_SUBJECTS[kind]
    if kind == "ordinal":
        return _ORDINAL_SUBJECTS.get(row["unit"], "序次")
    if kind == "threshold":
        return "年龄门槛" if row["unit"] in {"岁", "周岁"} else "门槛"
    quoted = _QUOTED_NAME.search(before)
    if quoted is not None and text is not None:
        # “2+2+X”产业集群, “1号公路”, “12345”热线: the quoted name and the noun after it
        closing = text.find("”", row["end"], row["end"] + 12)
        if closing >= 0:
            inside = _clean(quoted.group(1) + text[row["start"] : closing])
            following = _NAME_NOUN_AFTER.match(_clean(text[closing + 1 : closing + 12]))
            noun = following.group(0) if following else ""
            return f"“{inside}”{noun}(名称)"
    if text is not None and (road := _ROAD_AFTER.match(text[row["end"] : row["end"] + 4])):
        return f"{row['surface']}{road.group(0)}(道路编号)"
    name = _strip_lead(_clean(before)[-12:])
    return f"{name}{row['surface']}(名称)"


def _decide_subject(
    row: dict, around: _Around, document: _Document, rows: list[dict], position: int
) -> None:
    """``subject`` (§9): the noun phrase before the figure, else the clause before, else
    the amount a change or an aspect (增幅位居…) refers to; shared ranks name all."""
    kind, measure, text = row["kind"], row["measure"], document.text
    clean_before, clause_start = around.clean_before, around.clause_start
    sentence, sentence_start = around.sentence, around.sentence_start
    shared_subjects = ""
    if kind == "rank" and "均" in around.before:
        shared_note, shared_subjects = _shared_note(text, sentence_start, around.start)
        around.notes.append(shared_note)
    amount = _amount_before(row, clean_before, rows, position, sentence)
    subject = amount or _subject(clean_before if len(clean_before) > 1 else "", around.clean_after,
                                 measure, kind, row["unit"], shared_subjects)
    if not subject and clause_start > sentence_start + 1:
        # 2023年达4333亿元: the subject is in the clause before (工业经济总量…)
        previous_start, _ = document.index.clause(clause_start - 2, clause_start - 2)
        previous = _clean(text[max(previous_start, sentence_start) : clause_start - 1])
        previous = _LEADING_FIGURE.sub("", previous)  # 13项工作获… → 工作获…
        previous = _FIRST_DIGIT.split(previous, maxsplit=1)[0]  # …突破4000亿元 → …突破
        subject = _subject(_PREVIOUS_CLAUSE_TAIL.sub("", previous), "", measure, kind,
                           row["unit"])
    if not subject and measure in {"change_abs", "growth_pct"}:
        # 2023年达4333亿元,两年净增1910亿元: the change of the amount before it
        suffix = "增长" if measure == "growth_pct" else "净增"
        if "平均增长" in clean_before and (average := _AVERAGE_GROWTH.search(clean_before)):
            suffix = average.group(0)
        for previous_row in reversed(rows[max(0, position - 3) : position]):
            if previous_row.get("sentence") == sentence and previous_row["kind"] == "quantity" and (
                previous_row.get("subject")
            ):
                subject = previous_row["subject"] + suffix
                break
    if kind == "rank" and subject.startswith(_BARE_ASPECT):
        # 城乡居民收入增长4.7%,增幅位居常州第二: the aspect of the amount before it
        for previous_row in reversed(rows[max(0, position - 3) : position]):
            if previous_row.get("sentence") == sentence and previous_row.get("subject") and (
                previous_row["kind"] in {"quantity", "percent"}
            ):
                base = previous_row["subject"].removesuffix("增长").removesuffix("数")
                subject = base + subject
                break
    if "由" in subject and row["note"].startswith("part of the structure"):
        # 三次产业比例由上年的0.4:14.9:84.8变化为0.4:14.7:84.9: both structures are the 比例
        previous_row = rows[position - 1] if position else None
        if previous_row is not None and previous_row.get("sentence") == sentence and (
            previous_row["note"].startswith("part of the structure")
        ):
            subject = previous_row["subject"]
        else:
            subject = subject.split("由")[0]
    if measure == "ratio" and row["base_unit"] == "ratio" and subject and (
        not row["unit"] or (row["unit"][:1] == ":" and subject + "比" in clean_before)
    ) and not subject.endswith(("比", "比值")):
        subject += "比"  # 城乡居民收入比为1.89: the ratio, not the income
    if "GDP)" in subject:  # 地区生产总值(GDP): the abbreviation repeats the name
        subject = _GDP_GLOSS.sub("", subject)
    row["subject"] = row.get("table_subject") or subject


#: A bare two-year average (…,两年平均增长7.4%): the average growth of the amount before.
_BARE_AVERAGE = re.compile(r"(?:同比|比上年)?(?P<average>(?:[两二三四五]年)?平均增长)(?:率)?(?:为|达)?")
#: A bare change of a ratio (收入比为1.93,比上年缩小0.03): the change of that ratio.
_BARE_RATIO_CHANGE = re.compile(r"(?:比上年|较上年|同比)?(?:缩小|扩大|下降|提高|上升|降低)了?")


def _amount_before(
    row: dict, clean_before: str, rows: list[dict], position: int, sentence: int
) -> str:
    """The subject of a figure that only names a change of the figure before it, in the same
    sentence (§9, §14): ``地区生产总值1250亿元,…,两年平均增长7.4%`` → 地区生产总值两年平均增长;
    ``城乡居民收入比为1.93,比上年缩小0.03`` → 城乡居民收入比. Else ``""``."""
    measure = row["measure"]
    if measure == "growth_pct" and "平均增长" in clean_before and (
        average := _BARE_AVERAGE.fullmatch(clean_before)
    ):
        wanted, suffix = "level", average.group("average")
    elif measure == "change_abs" and row["base_unit"] == "ratio" and (
        _BARE_RATIO_CHANGE.fullmatch(clean_before)
    ):
        wanted, suffix = "ratio", ""
    else:
        return ""
    for previous in reversed(rows[max(0, position - 4) : position]):
        if previous.get("sentence") != sentence:
            return ""
        if previous["measure"] == wanted and previous.get("subject") and (
            previous["kind"] in {"quantity", "ratio"}
        ):
            return previous["subject"].removesuffix("增长") + suffix
    return ""


_GDP_GLOSS = re.compile(r"[(（]GDP[)）]")
#: 两年平均增长, 三年平均增长, 年平均增长: the kind of growth named in the subject (§9).
_AVERAGE_GROWTH = re.compile(r"(?:[两二三四五]年)?平均增长$")


#: A milestone restating the amount just given (``2082.17亿元,高质量突破2000亿``,
#: ``首次突破2000亿元``): a few words of manner, then the bound passed.
_MILESTONE_GAP = re.compile(
    r"(?:[,，]?(?:[\u4e00-\u9fff]{0,4}?)|、(?:历史性|首次|一举|成功|率先)?)(?:突破|超过|跨越|迈上|站上|越过)$"
)  # after 、 only an adverb (、历史性突破1万美元), not another subject (、服务业突破…)


def _in_dollars(row: dict, previous: dict) -> bool:
    """``人均地区生产总值达70509元、历史性突破1万美元``: a round bound in 美元 just below an
    amount in 元 (at 6 to 7.5 元 a dollar) restates it in dollars; base unit 美元 as
    written (round 11)."""
    return row["base_unit"] == "美元" and previous["base_unit"] == "元" and (
        0.5 * previous["value_base"] / 7.5 <= row["value_base"] <= previous["value_base"] / 6)


def _restates_amount(row: dict, rows: list[dict], position: int, text: str) -> bool:
    """``全年地区生产总值2082.17亿元,高质量突破2000亿``: a round bound just below the
    amount stated right before it, in the same sentence, restates that amount (§11: no
    second indicator). It takes the amount's subject and base unit, so that the figures
    after it (比上年增长8.8%) still refer to that amount (§9); ``is_indicator=no``."""
    if position == 0 or row["kind"] != "quantity" or row["measure"] != "level":
        return False
    previous = rows[position - 1]
    if previous.get("sentence") != row["sentence"] or previous["kind"] != "quantity" or (
        previous["measure"] != "level" or previous["value_base"] is None or row["value_base"] is None
    ):
        return False
    dollars = _in_dollars(row, previous)
    if not dollars and (row["base_unit"] not in {"", previous["base_unit"]} or not (
        0.5 * previous["value_base"] <= row["value_base"] <= previous["value_base"]
    )):
        return False
    if not _MILESTONE_GAP.fullmatch(_clean(text[previous["end"] : row["start"]])):
        return False
    row["subject"], row["base_unit"] = previous["subject"], (
        row["base_unit"] if dollars else previous["base_unit"])
    row["is_indicator"], row["dimension"] = "no", "none"
    row["note"] = "; ".join(x for x in (row["note"], f"milestone restating {previous['surface']}") if x)
    return True


def _inherit(row: dict, around: _Around, rows: list[dict], position: int) -> None:
    """Bare growth rates, shares (占…) and point changes take the subject of the amount
    or share just before them (:func:`_inherit_subject`, :func:`_inherit_share`)."""
    measure, clean_before = row["measure"], around.clean_before
    if measure == "growth_pct" and _BARE_GROWTH.fullmatch(clean_before):
        _inherit_subject(row, rows, position)
    elif measure == "share_pct" and clean_before.startswith("占") and row["is_indicator"] == "yes":
        _inherit_share(row, rows, position, clean_before)
    elif measure == "change_abs" and row["base_unit"] == "百分点" and row["is_indicator"] == "yes" and (
        _BARE_CHANGE.fullmatch(clean_before)
    ):
        _inherit_share(row, rows, position, "")


#: The noun counted after a measure word (28个部门和单位…, 177家村卫生室实现…), up to a verb.
_COUNTED_NOUN = re.compile(
    r"[^,，;；。、()（）]{1,14}?(?=实现|获|入选|申报|与|在|参与|落地|相继|齐聚|加速|被|已|达|第|"
    r"共|等|中|完成|开展|合作|通过|建成|纳入|成为|自我|关停|为|[0-9０-９,，;；。、()（）]|$)"
)
_FIRST_DIGIT = re.compile(r"[0-9０-９]")
_LEADING_FIGURE = re.compile(r"^[0-9０-９.,]+[^\u4e00-\u9fff]?[个家项名位条座所户]?")
_PREVIOUS_CLAUSE_TAIL = re.compile(r"(?:再上新台阶|持续增长|稳步提升|加速集聚|不断壮大|显著提升)$")
_BARE_GROWTH = re.compile(r"(?:同比|比上年|较上年)?(?:[0-9]{4}年)?(?:分别)?(?:增长|增幅|增速|提高|下降|减少|回落)(?:了|为|达)?")


def _inherit_subject(row: dict, rows: list[dict], position: int) -> None:
    """``…产值599.3亿元,增长51.7%``: a bare growth rate is the growth of the amount before it."""
    for previous in reversed(rows[max(0, position - 3) : position]):
        if previous["sentence"] != row["sentence"]:
            return
        if previous["measure"] in {"level", "change_abs", "count"} and previous["kind"] == "quantity":
            row["subject"] = previous["subject"] + "增长"
            row["dimension"] = previous["dimension"] if row["is_indicator"] == "yes" else "none"
            return


def _inherit_share(row: dict, rows: list[dict], position: int, share_words: str) -> None:
    """``高新技术产业产值1628.5亿元,占规上工业总产值比重51.6%,提高0.8个百分点``.

    A share written as 占… right after an amount is that amount's share (its subject and
    dimension); a bare change in percentage points after it is the change of that share.
    """
    for previous in reversed(rows[max(0, position - 2) : position]):
        if previous["sentence"] != row["sentence"] or previous["is_indicator"] != "yes":
            return
        if share_words and previous["kind"] == "quantity" and previous["measure"] == "level":
            words = _SHARE_TAIL.sub("", share_words)
            row["subject"] = previous["subject"] + words + ("" if words.endswith(("比重", "比例")) else "比重")
            row["dimension"] = previous["dimension"]
            return
        if not share_words and previous["measure"] == "share_pct":
            row["subject"] = previous["subject"] + "变化"
            row["dimension"] = previous["dimension"]
            return


_SHARE_TAIL = re.compile(r"(?:为|达|达到|是)$")
_BARE_CHANGE = re.compile(r"(?:比上年同期|比上年|较上年|同比)?(?:提高|上升|下降|回落|增加|减少)(?:了)?")


def _pair_respectively(rows: list[dict], text: str) -> None:
    """"Respectively" lists: one row per value, each paired in order with a subject (§9).

    A run is two or more figures of the same kind joined only by 、/和/及 (``增长31.65%、
    73.58%``, ``分别占全省的35%和全国的13.2%``). Later members take the measure and period
    of the first. Subjects come from the words before 分别 split at 、/和, or else from
    the same number of amounts stated just before the run in the same sentence.
    """
    run: list[dict] = []
    run_start = 0
    for position, row in enumerate([*rows, None]):
        if row is not None and run and row["kind"] in {"percent", "quantity"} and (
            run[-1]["kind"] == row["kind"]
            and _RESPECTIVELY_GLUE.fullmatch(text[run[-1]["end"] : row["start"]])
        ):
            run.append(row)
            continue
        if len(run) > 1:
            _pair_run(run, rows, run_start, text)
        run, run_start = ([row] if row is not None else []), position


#: List joiners; 及 inside 60岁及以上 joins nothing.
_LIST_JOINERS = re.compile(r"[、和与]|及(?!以[上下])")
#: An age group (0-14岁, 15至59岁, 60岁及以上, 65周岁以上): the head of a subject (§9, §14).
_AGE_GROUP = re.compile(r"[0-9０-９]+(?:[-–—~～至到][0-9０-９]+)?周?岁(?:及以上|以上|及以下|以下)?")


_RESPECTIVELY_GLUE = re.compile(r"[、和及与\s\*]*(?:占)?(?:全国|全省|全市|常州)?的?")


def _declines_by_cue(row: dict) -> bool:
    """A decline signed by a cue word (下降, 减少; note "decline"), not by a written minus."""
    return (row["value_base"] is not None and row["value_base"] < 0
            and row["value"] is not None and row["value"] > 0
            and "decline" in row["note"].split("; "))


def _share_last_unit(run: list[dict]) -> None:
    """``0.15、-5.64、1.34个百分点``: a unit written only after the last item of a list
    is every item's (§5, §14): its unit, scale, base unit and measure."""
    last = run[-1]
    if not last["unit"] or last["kind"] != "quantity" or last["value"] in (None, 0) or any(
        member["unit"] or member["value"] is None for member in run[:-1]
    ):
        return
    scale = 1.0
    if last["value_base"] is not None and last["base_unit"] not in {"%", "百分点", "ratio"}:
        scale = last["value_base"] / last["value"]
    for member in run[:-1]:
        member["unit"], member["base_unit"] = last["unit"], last["base_unit"]
        member["measure"] = last["measure"]
        if last["value_base"] is None:
            member["value_base"] = None
        else:
            member["value_base"] = float(f"{member['value'] * scale:.15g}")
            if last["value_base"] < 0 < last["value"]:
                member["value_base"] = -abs(member["value_base"])


def _pair_run(run: list[dict], rows: list[dict], position: int, text: str = "") -> None:
    _share_last_unit(run)
    first = run[0]
    subjects: list[str] = []
    parts: list[str] = []
    respectively = text.rfind("分别", max(0, first["start"] - 60), first["start"]) if text else -1
    if respectively >= 0:
        # the subjects named before 分别, from the start of its clause (、 included)
        segment_start = max(text.rfind(c, 0, respectively) for c in ",，;；。\n") + 1
        head = _strip_lead(_clean(text[segment_start:respectively]))
        parts = [p for p in _LIST_JOINERS.split(head) if p]
        listed = [p for p in head.split("、") if p]
        if len(parts) != len(run) and len(listed) + 1 == len(run) and "和" in listed[-1]:
            # 交通运输仓储和邮政业、金融业和营利性服务业: A、B和C, 和 inside A kept
            *rest, last = listed
            parts = [*rest, *last.rsplit("和", 1)]
    else:
        head, found, _ = first["quote"].partition("分别")
        if found:
            parts = [p for p in re.split(r"[、和及与]", _clean(head)) if p]
    if len(parts) == len(run):
        subjects = parts
        if all(len(p) <= 3 for p in parts[:-1]) and len(parts[-1]) > len(parts[0]) + 1:
            # 城镇、农村居民人均可支配收入: the modifiers share the noun of the last part
            suffix = parts[-1][len(parts[-2]) :]
            subjects = [p + suffix for p in parts[:-1]] + [parts[-1]]
            if parts[0].startswith("第") and all(len(p) == 1 for p in parts[1:-1]):
                # 第一、二、三产业: the ordinals share 第 as well as the noun
                subjects = [s if s.startswith("第") else "第" + s for s in subjects]
        elif all(_AGE_GROUP.fullmatch(p) for p in parts[:-1]) and (
            last_group := _AGE_GROUP.match(parts[-1])
        ) and last_group.end() < len(parts[-1]):
            # 0-14岁、15-59岁、60岁及以上人口: the age groups share the noun of the last
            noun = parts[-1][last_group.end() :]
            subjects = [p + noun for p in parts[:-1]] + [parts[-1]]
    if not subjects:
        earlier = [r for r in rows[max(0, position - len(run) - 2) : position]
                   if r["kind"] == "quantity" and r["measure"] in {"level", "count"}
                   and first["start"] - r["end"] < 80 and r.get("sentence") == first.get("sentence")]
        if len(earlier) >= len(run):
            subjects = [r["subject"] for r in earlier[-len(run) :]]
    if not subjects and first["measure"] == "share_pct" and first["subject"]:
        base = re.split(r"分别|占", first["subject"])[0]
        scopes = [_RESPECTIVE_SCOPE.search(text[max(0, m["start"] - 4) : m["start"]]) for m in run]
        if base and all(scopes):
            subjects = [f"{base}占{scope.group(1)}比重" for scope in scopes]
    if not subjects and len(parts) == 1 and len(parts[0]) >= 2:
        subjects = parts * len(run)  # 城乡居民人均可支配收入分别达到…、…: one named subject
    if not subjects and first["subject"] and not _FIRST_DIGIT.search(first["subject"]):
        # no pairing found: the later items are of the first's subject, not of the words
        # and figures before them (…分别增长-4.8%6.8% → no "…-4.8%增长")
        subjects = [first["subject"]] * len(run)
    for n, member in enumerate(run):
        if n:
            if not (first["measure"] == "count" and member["measure"] == "level"
                    and member["base_unit"] != first["base_unit"]):
                member["measure"] = first["measure"]  # (动迁4430户、53.8万平方米: an area stays a level)
            member["period"] = first["period"] or member["period"]
            if _declines_by_cue(first) and member["value_base"] is not None and (
                member["value"] is None or member["value"] >= 0
            ):
                # 分别下降5%、3%: the cue before the list signs every item; a minus
                # written before one item (分别增长-4.8%、6.8%) signs that item only (§14)
                member["value_base"] = -abs(member["value_base"])
                member["note"] = "; ".join(x for x in (member["note"], "decline") if x)
        note = f"respectively: value {n + 1} of {len(run)}"
        if subjects:
            subject = subjects[n]
            if first["measure"] == "growth_pct" and not subject.endswith("增长"):
                subject += "增长"
            member["subject"] = subject
            note += f", paired with {subjects[n]}"
            if member.get("is_indicator") == "yes" and (own := _dimension(_clean(subjects[n]))) and (
                    own != "经济发展"):
                # 高新技术产业、新兴产业…比重分别达57.5%和60%: a themed subject paired with
                # the item gives its dimension (round 20)
                member["dimension"] = own
        kept = [x for x in member["note"].split("; ") if x and not x.startswith("respectively")]
        if n and "base is" in first["note"]:
            kept += [x for x in first["note"].split("; ") if x.startswith("base is")]
        member["note"] = "; ".join(dict.fromkeys([*kept, note]))
