"""Dimensions (§10): the keyword dictionary (the reports' own headings) and the step
that gives each indicator its dimension.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.extract.textindex import _clean

if TYPE_CHECKING:
    from analysis.extract.context import _Around, _Document


_CLAUSE_PUNCT = re.compile(r"[,，;；。!！?？、…\n]")

#: The dimension dictionary (§10), tried group by group: the first group with a keyword in
#: the clause wins. Early groups hold the phrases that would otherwise be caught by a
#: broader keyword of a later group (工业应税销售收入 is 经济发展, not 收入 → 共同富裕).
_DIMENSION_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("none", ("千亿县", "十强县", "十强区", "百强区", "综合实力", "高质量发展考核", "高质量发展考评", "督查激励", "试点",
              "先进县", "基本现代化", "综合考核", "综合考评", "县域高质量发展综合评价",
              # 县域经济基本竞争力百强, 市辖区高质量发展百强 (百?强 where a mirror lost 強)
              "基本竞争力", "高质量发展百", "综合竞争力",  # 县域综合竞争力…第18位 (round 25)
              # 全面小康实现程度: a composite assessment of the whole county (round 12)
              "小康实现程度",
              # 真抓实干成效明显地方 awards, the same programme as 督查激励 (round 18)
              "真抓实干")),
    ("生态环境", ("关停", "取缔", "散乱污", "退圩还湖", "噪声", "声环境", "酸雨", "固体废物",
                  "危险废物", "医疗废物", "土壤", "气温", "降水量", "建设用地安全利用")),
    ("开放创新", ("高新技术", "进出口", "外贸", "外资", "出口", "专利", "研发投入", "R&D",
                  "科学技术", "科技支出", "科技经费", "研发经费", "研究与试验发展",
                  # innovation and opening up before 企业/项目/投资 (round 12)
                  "单项冠军", "两化融合", "科技专项", "对外直接投资", "境外投资", "对外投资",
                  # high-tech manufacturing, the statistical name of 高新技术 (round 20)
                  "高技术")),
    ("社会治理", ("应用场景", "感知设备", "城市运行", "热线", "政务服务")),
    ("经济发展", ("工业百强县", "工业百强区", "动力电池产业", "价格",
                  # the CPI's categories, prices like the others (round 8, round 12)
                  "教育文化和娱乐", "教育文化娱乐", "医疗保健上涨", "医疗保健下降", "医疗保健持平",
                  # 医疗保健类上涨0.3%; an industry of medical devices (rounds 19, 20)
                  "医疗保健类上涨", "医疗保健类下降", "医疗保健类持平", "医疗器械",
                  "其他用品和服务", "其他用品及服务", "交通和通信", "交通通信", "销售收入", "营业收入", "预算收入", "财政收入",
                  "财政总收入", "设施农业", "农机",
                  # farm modernisation (高效节水灌溉面积, 耕种收机械化水平: round 15)
                  "节水灌溉", "机械化",
                  "旅游", "游客", "税收收入", "规上工业", "规模以上工业",
                  # farm output and its parts, one dimension (issue 15): 农林牧渔业总产值,
                  # 农业/林业/牧业/渔业产值, grain, livestock and vegetables produced
                  "农林牧渔", "农业产值", "农业增加值", "农业总产值", "林业", "牧业", "渔业",
                  "畜牧", "粮食", "生猪", "蔬菜", "水产", "肉类", "禽蛋", "油料", "农产品")),
    ("城乡融合", ("户厕", "厕所革命", "重点村")),
    ("共同富裕", ("创业培训", "自主创业", "大学生创业", "返乡创业", "劳动力", "劳动者",  # round 11
                  "新增创业", "脱贫", "扶贫", "低收入",  # round 15
                  "招聘", "岗位",  # job fairs and posts offered, employment (round 17)
                  "收入", "居民人均", "人均消费", "消费支出", "人均住房", "就业", "失业", "养老", "老人", "医疗", "卫生", "医院", "医师", "床位",
                  "民生", "公共服务支出", "为民办实事", "寿命", "就诊", "长者食堂", "助餐", "老年",
                  # moral models with civility (中国好人, 道德模范: round 13)
                  "文明城市", "好人", "道德模范", "社会保障", "社保", "医保", "教育", "学校", "学位", "托育", "增收",
                  "日间照料", "救助", "低保", "住房保障", "中小学", "幼儿园", "学前",
                  "出生率", "死亡率", "自然增长率")),  # vital rates (round 24)
    ("城乡融合", ("乡村振兴", "人居环境", "村庄", "农房", "宅基地", "乡村", "田园", "宜居村",
                  "农村", "和美", "城镇化", "农业", "粮食", "高标准农田",
                  # the road network linking town and country (公路总里程, round 15)
                  "公路里程", "公路总里程",
                  "城区面积", "动迁")),  # urban area, households relocated (rounds 24, 26)
    ("生态环境", ("PM", "空气", "水质", "水环境", "断面", "湿地", "生态", "污染", "碳排放",
                  "环境质量", "优良天数", "绿化", "绿地", "森林", "Ⅱ类", "Ⅲ类", "能耗", "污水",
                  "垃圾", "微克/立方米", "造林", "林木",
                  # pollution control and environmental inspection (round 16)
                  "治污", "环保督察", "环境督察")),
    ("社会治理", ("数据", "治理", "平安", "安全", "信访", "网格", "指挥", "矛盾", "刑事",
                  "事故", "警情", "调解",
                  # fire services, housing-project risks, motions handled (round 16)
                  "消防", "问题楼盘", "烂尾楼", "议案", "提案")),
    ("开放创新", ("高企", "专精特新", "小巨人", "科技型", "研发", "创新", "平台", "人才",
                  "绿色工厂", "绿色园区", "智能制造", "智能工厂", "5G工厂", "上云", "院士", "博士后", "科创", "基金",
                  "孵化", "研究院", "发明")),
    ("经济发展", ("产值", "生产总值", "GDP", "财政", "工业", "销售", "增加值", "产业",
                  "企业", "投资", "项目", "用地", "营业收入", "出货量", "占有率",
                  "产业链", "百强", "招商", "营收", "税收", "消费", "市场主体",
                  # market entities besides firms (round 17)
                  "个体工商户", "农民专业合作社")),
)  # fmt: skip

_DIMENSION_BY_FIRST_CHAR: dict[str, list[tuple[str, int]]] = {}
for _rank, (_dimension_name, _keywords) in enumerate(_DIMENSION_KEYWORDS):
    for _keyword in _keywords:
        _DIMENSION_BY_FIRST_CHAR.setdefault(_keyword[0], []).append((_keyword, _rank))
_DIMENSION_FIRST_CHARS = frozenset(_DIMENSION_BY_FIRST_CHAR)

_COMPOSITE = ("百强县", "百强区", "十强县", "十强区", "百强榜", "千亿县", "综合实力", "高质量发展考核", "高质量发展考评",
              "基本现代化", "综合考核", "综合考评", "县域高质量发展综合评价", "基本竞争力", "高质量发展百",
              "综合竞争力")  # fmt: skip
#: 百强县 lists of one topic (工业百强县, 科技创新百强县): the topic's dimension, not composite.
#: 农业77.35亿元: 农业 right before an amount names farm output (§10 "Farm output and its
#: parts … are 经济发展", round 17).
_FARM_OUTPUT = re.compile(r"农业[0-9０-９.．]+[万亿]?元")
_TOPICAL_LISTS = ("工业百强", "创新百强")
_TOPICAL_LIST_DIMENSIONS = (("工业百强", "经济发展"), ("创新百强", "开放创新"))
#: Any of :data:`_COMPOSITE` (one regex search instead of a test per word).
_COMPOSITE_WORD = re.compile("|".join(map(re.escape, _COMPOSITE)))


def _dimension(context: str) -> str | None:
    """The dimension of an indicator from the reports' own headings (§10); None if no cue.

    The keyword groups of :data:`_DIMENSION_KEYWORDS` are tried in order; the first group
    with a keyword in ``context`` wins.
    """
    best = len(_DIMENSION_KEYWORDS)
    for char in _DIMENSION_FIRST_CHARS.intersection(context):
        for keyword, rank in _DIMENSION_BY_FIRST_CHAR[char]:
            if rank < best and keyword in context:
                best = rank
    return None if best == len(_DIMENSION_KEYWORDS) else _DIMENSION_KEYWORDS[best][0]


def _decide_dimension(row: dict, around: _Around, document: _Document) -> None:
    """``dimension`` (§10) of an indicator: the keywords of its clause, else of the nearest
    earlier clause of the sentence that has one, else 经济发展; composite rankings none."""
    if row["is_indicator"] != "yes":
        row["dimension"] = "none"
        return
    context = row.get("table_subject") or around.clean_before + around.clean_after
    dimension = _dimension(context)
    if dimension is None:
        # the nearest earlier clause of the sentence that names a subject
        earlier = _CLAUSE_PUNCT.split(document.text[
            max(around.sentence_start, around.start - 80) : around.clause_start])
        for chunk in reversed(earlier):
            dimension = _dimension(_clean(chunk))
            if dimension is not None:
                context = _clean(chunk) + context
                break
        if dimension is None and around.sentence_start > 0 and document.text[
                around.sentence_start - 1] == "\n":
            dimension = _caption_dimension(document.text, around.sentence_start)
        dimension = dimension or "经济发展"
    if dimension == "城乡融合" and "农业" in context and (
            row["base_unit"] == "元" and around.clean_before.endswith("农业")
            or _FARM_OUTPUT.search(context)):
        dimension = "经济发展"  # 其中,农业77.35亿元,增长9.0%: farm output (§10, round 17)
    if row["kind"] == "rank" and "、" in row["subject"] and any(
            note.startswith("shared by") for note in around.notes):
        dimension = _shared_dimension(row["subject"], dimension)
    elif row["kind"] == "rank" and document.text.startswith((",即", "，即"), around.end):
        dimension = _named_after_dimension(document.text, around.end + 2, dimension)
    if (row["measure"] in {"rank", "target"} or row["base_unit"] == "rank") and (
        _COMPOSITE_WORD.search(context) is not None) and (
        not any(topic in context for topic in _TOPICAL_LISTS)
    ):
        dimension = "none"
    elif dimension == "none" and row["base_unit"] == "rank" and "百强" in context:
        # 进入中国工业百强区榜单,名列第56位: the list's topic, though 百强区 is composite
        # alone (round 18)
        dimension = next((d for topic, d in _TOPICAL_LIST_DIMENSIONS if topic in context), dimension)
    dimension = _ranked_list_dimension(row, around, dimension)
    dimension = _share_of_dimension(row, around, document, dimension)
    dimension = _population_dimension(row, around, document, dimension)
    row["dimension"] = dimension


def _shared_dimension(subjects: str, dimension: str) -> str:
    """A rank shared by several subjects (``规上工业增加值、工业用电量、农村居民人均可支配收入等
    4项指标位居全市前二``) takes the dimension most of them have, when more than half do
    (round 16); else ``dimension``, that of the words nearest the rank."""
    return _majority([_dimension(part) for part in subjects.split("、")], dimension)


def _majority(found: list[str | None], dimension: str) -> str:
    """The dimension more than half of ``found`` have (None, no keyword, never wins);
    else ``dimension``."""
    for candidate in set(found):
        if candidate is not None and 2 * found.count(candidate) > len(found):
            return candidate
    return dimension


#: The end of the list a rank names after 即, and the marks between its items.
_NAMED_AFTER_END = re.compile(r"[。;；\n]")
_NAMED_AFTER_SPLIT = re.compile(r"[、,，]|和|及")


def _named_after_dimension(text: str, list_start: int, dimension: str) -> str:
    """A rank shared by the indicators it names after 即 (``三项指标增速居全省第三,即全体居民
    人均可支配收入,城镇…和农村居民人均可支配收入``) takes the dimension more than half of them
    have (an item without a keyword counts as 经济发展, the default), as a rank whose subjects
    come before it (§10, round 16, round 19); else ``dimension``."""
    end = _NAMED_AFTER_END.search(text, list_start)
    parts = [part for part in _NAMED_AFTER_SPLIT.split(
        text[list_start : end.start() if end else len(text)]) if part.strip()]
    return _majority([_dimension(_clean(part)) or "经济发展" for part in parts], dimension)


#: A short line of a graphic's layout (``1978年为192元`` under ``…农村居民人均纯收入``).
_CAPTION_LINE = 30
_CAPTION_LINES = 3


def _caption_dimension(text: str, line_start: int) -> str | None:
    """The dimension of the caption a short line of figures stands under (§10, round 15).

    In a text laid out one phrase a line, a line naming no subject (``1957年仅45元``)
    continues the series named by a line above it (``靖江市农村居民人均纯收入``): the
    nearest of the :data:`_CAPTION_LINES` short lines above with a keyword gives the
    dimension; a blank or long line ends the search."""
    line_end = text.find("\n", line_start)
    if (len(text) if line_end < 0 else line_end) - line_start > _CAPTION_LINE:
        return None
    end = line_start - 1
    for _ in range(_CAPTION_LINES):
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if not line or end - start > _CAPTION_LINE:
            return None
        dimension = _dimension(_clean(line))
        if dimension is not None:
            return dimension
        if start == 0:
            return None
        end = start - 1
    return None


#: A list of the best counties (百强, 十强; 百□□ where a mirror lost 强) named by its topic.
_RANKED_LIST = re.compile(r"[百十]强|百□|强县|强区")
#: The topic of a 百强 list → its dimension (§10, round 11); no topic, or a composite one
#: (综合实力, 竞争力, 投资潜力, 营商环境, 高质量发展), is ``none``.
_LIST_TOPICS = (
    ("工业", "经济发展"), ("制造业", "经济发展"), ("绿色发展", "生态环境"), ("生态", "生态环境"),
    ("科技创新", "开放创新"), ("创新", "开放创新"), ("新型城镇化", "城乡融合"),
    ("城镇化", "城乡融合"), ("乡村振兴", "城乡融合"),
)
_COMPOSITE_TOPICS = ("综合实力", "竞争力", "投资潜力", "营商环境", "高质量发展")


def _ranked_list_dimension(row: dict, around: _Around, dimension: str) -> str:
    """A rank in a 百强 list takes its list's topic (绿色发展百强 → 生态环境, 科技创新百强 →
    开放创新, 新型城镇化质量百强 → 城乡融合); a composite list (综合实力, 经济竞争力, 投资潜力)
    is ``none`` (§10, round 11). Only the words of the rank's own clause count."""
    if row["base_unit"] != "rank" or row["measure"] != "rank":
        return dimension
    own = around.clean_before
    if not _RANKED_LIST.search(own):
        return dimension
    if any(topic in own for topic in _COMPOSITE_TOPICS):
        return "none"
    for topic, topic_dimension in _LIST_TOPICS:
        if topic in own:
            return topic_dimension
    return "none" if "百强" in own or "百□" in own else dimension  # 百强县市 without a topic


#: 占固定资产投资的比重为5.9%: a share whose clause names only its denominator.
_SHARE_OF = re.compile(r"^[\s\*]*(?:其中)?占")


def _share_of_dimension(row: dict, around: _Around, document: _Document, dimension: str) -> str:
    """A share whose clause opens with 占 (…投资增长172.2%,占固定资产投资的比重为5.9%)
    measures the subject of the clause before, whose dimension it takes (§10, round 11)."""
    if row["measure"] != "share_pct" or not _SHARE_OF.match(around.clean_before):
        return dimension
    clause_start = around.clause_start
    if clause_start <= around.sentence_start + 1:
        return dimension
    previous = _CLAUSE_PUNCT.split(document.text[max(around.sentence_start, clause_start - 40)
                                                 : clause_start - 1])[-1]
    return _dimension(_clean(previous)) or dimension


#: 比上年减少0.2万人: a change with no subject of its own, of the amount before it.
_BARE_CHANGE = re.compile(r"^(?:比上年|较上年|比去年|较去年)(?:末)?(?:减少|增加|净增|净减|下降|增长)了?$")
_FIRST_DIGIT = re.compile(r"[0-9０-９]")
#: A population stock (户籍人口, 常住人口, 城镇人口, 总人口), not births or deaths.
_POPULATION_STOCK = re.compile(r"(?:户籍|常住|城镇|乡村|农村|总|^)人口(?:总数)?[^,，;；。出死]{0,6}$")


def _population_dimension(row: dict, around: _Around, document: _Document, dimension: str) -> str:
    """A population stock stated with the urbanisation rate (户籍人口…。城镇化率为55.8%, in
    the sentence or the next) is 城乡融合 like the rate (§10, round 11); births and deaths
    are not stocks."""
    if dimension != "经济发展" or row["base_unit"] != "人":
        return dimension
    if "人口" not in around.clean_before and _BARE_CHANGE.match(around.clean_before) and (
            around.clause_start > around.sentence_start + 1):
        # 常住人口70.01万人,比上年减少0.2万人: the change of the stock before (round 16)
        previous = _CLAUSE_PUNCT.split(document.text[
            max(around.sentence_start, around.clause_start - 40) : around.clause_start - 1])[-1]
        stock = _clean(_FIRST_DIGIT.split(previous, maxsplit=1)[0])
        if "人口" not in stock or not _POPULATION_STOCK.search(stock):
            return dimension
    elif "人口" not in around.clean_before or not _POPULATION_STOCK.search(around.clean_before):
        return dimension
    ends = document.index.sentence_ends
    end = ends[min(around.sentence + 1, len(ends) - 1)]
    return "城乡融合" if "城镇化" in document.text[around.sentence_start : end] else dimension
