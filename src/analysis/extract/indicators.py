"""Indicators (§11): the step that decides ``is_indicator``: context counts, ranked
populations, cluster labels and the figures of a single firm, park or place are not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.extract.numbers import _NOT_INDICATOR_KINDS
from analysis.extract.textindex import _HTML_TAG, _clean, _TextIndex

if TYPE_CHECKING:
    from analysis.extract.context import _Around, _Document


_FIRM_CUE = re.compile(
    r"公司(?<!上市公司)|有限|集团|车间|该项目|项目开工|计划投资|综合性旅游项目|占地|下线|产能|宕口|这里|这片|"
    r"单体|生产线|每天"
)
#: A sentence or paragraph about one village or park (在白马镇石头寨村, 位于城东的…产业园):
#: its figures are the place's, not the county's (§11).
_SINGLE_PLACE_LEAD = re.compile(
    r"(?:在|位于)[^,，;；。全各个所每]{0,20}?(?:(?<![农乡])村|社区|产业园|工业园|物流园|园区|公司|基地)"
)
_SINGLE_PLACE_WORDS = ("该村", "我们村", "本村", "该园", "该社区", "该基地")
#: The assessed water sections a share is taken over (15个国省考断面水质优Ⅲ类比例).
_SECTION_POPULATION_AFTER = re.compile(r"^[^,，;；。]{0,8}断面")
_POPULATION_BEFORE = ("在", "在全国", "在全省", "在全市", "在全县", "在全区")
#: A county's administrative units counted (辖区16个乡镇, 其中:12个镇、4个乡, 288个村委会):
#: context, no indicator (round 24); the count opens its clause or follows 辖/其中.
_ADMIN_FIRST = frozenset("乡镇街村居社行")
_ADMIN_HEAD_BEFORE = ("辖", "辖区", "下辖", "共辖", "其中:", "其中：", "其中")
_ADMIN_UNITS_AFTER = re.compile(
    r"(?:乡镇|镇|乡|街道|村委会|居委会|村民委员会|居民委员会|村民小组|行政村|社区)(?:[,，、。;；（(]|$)")
#: 每3天落地1个: a figure per stretch of days, a rate phrase, not a total (round 22).
_CONTEXT_COUNT_CUE = re.compile(r"仅|从[^,，;；。]*中|之一|其中之|县[（(]市[)）]|每[0-9一二三四五六七八九十两]+(?:天|周|个月)")
_BORDERLINE_CUE = re.compile(r"试点|督查激励")
_CLUSTER_LABEL_AFTER = re.compile(r"^[\*”“\"]*(?:千亿级|五百亿级|百亿级|[^,，;；。]{0,3}亿级)")
#: 3个百亿级、78个十亿级以上项目落地: projects counted by their size class, not a
#: cluster plan's label (§11, §14).
_SIZED_PROJECTS_AFTER = re.compile(r"^[^,，;；。]{0,16}?亿级(?:以上|及以上)?的?(?:重大|产业|工业)?项目")
#: 总投资超千亿元的中天绿色精品钢项目: one project's planned investment (§11, round 12).
_PROJECT_SIZE_ENDS = ("总投资", "总投资超", "总投资超过", "总投资达", "总投资约", "总投资近", "总投资逾")
_ONE_PROJECT_AFTER = re.compile(r"(?:多|余)?的[^,，;；。、的]{1,16}项目")
_RANK_AFTER = re.compile(r"^[\*”“\"]*[^,，;；。、]{0,6}[“\"]?第")
#: 6项工业经济指标位居苏北第一: the indicators sharing a rank, counted (§11, round 13).
_SHARED_RANK_AFTER = re.compile(r"^[^,，;；。]{0,10}指标[^,，;；。]{0,6}(?:位居|位列|排名|居)[^,，;；。]{0,8}[第前]")
#: 市反馈10项主要经济指标有:…, 41项重点任务、105个攻坚事项: the size of a list of indicators
#: or of a plan's tasks, not a measurement (§11, round 16).
_LIST_SIZE_AFTER = re.compile(
    r"^(?:[^,，;；。、]{0,8}指标(?:有|是|为|包括)?[:：]|(?:\w{0,2}(?:重点|攻坚|主要|年度|专项))?(?:任务|事项))")
#: 3个市级特色园、4个…集聚区“234”园区体系: the parks making up a named park system, counted
#: (§11, round 13).
_SYSTEM_PARTS_AFTER = re.compile(r"[^,，;；。]{0,20}?(?:园|集聚区)[^,，;；。]{0,30}?体系")
#: 美元兑人民币平均汇率1:7.1217: the rate itself (not the amounts converted with it,
#: 按…汇率折算分别是1.76万美元), no county indicator (§11, round 15).
_EXCHANGE_RATE_BEFORE = re.compile(r"汇率(?:为|是|约|达)?[:：]?$")
_SUBSET_BEFORE = re.compile(r"[(（]其中[^)）]*$")
_CLAUSE_SPLIT = re.compile(r"[,，;；。、]")


def _context_count(clause: str, measure: str) -> bool:
    """A context cue in the figure's clause (§11): 之一, 从…中, 县(市); 仅 only before a
    count (全省仅3个), not before an amount, whose level it stresses (``人均GDP仅72元``,
    round 15)."""
    cue = _CONTEXT_COUNT_CUE.search(clause)
    if cue is None:
        return False
    return cue.group(0) != "仅" or measure == "count" or _CONTEXT_COUNT_CUE.search(
        clause.replace("仅", "")) is not None


def _single_place(text: str, index: _TextIndex, sentence: int, cache: dict[int, bool]) -> bool:
    """Whether the sentence is about one village or park (§11), once per sentence.

    The sentence names it (该村, 我们村), or it or its paragraph opens with the place
    (在白马镇石头寨村, / 位于城东的…产业园,).
    """
    found = cache.get(sentence)
    if found is None:
        start, end = index.sentence_starts[sentence], index.sentence_ends[sentence]
        body = text[start:end]
        found = ("该" in body or "村" in body) and any(word in body for word in _SINGLE_PLACE_WORDS)
        if not found:
            paragraph = text.rfind("\n", 0, start) + 1
            for lead_start in {start, paragraph}:
                if not text[lead_start : lead_start + 4].lstrip("　 \t\n*“").startswith(("在", "位于")):
                    continue
                lead = _clean(text[lead_start : lead_start + 40]).lstrip("　 \t")
                first = _CLAUSE_SPLIT.split(lead, maxsplit=1)[0]
                if ("在" in first[:1] or first.startswith("位于")) and (
                    _SINGLE_PLACE_LEAD.fullmatch(first)
                ):
                    found = True
                    break
        cache[sentence] = found
    return found


#: A clause opening with one park, zone or campus as its subject (宁国经开区实现…, 园区完成…,
#: 地理信息小镇集聚…, 市医院新院区…): its figures are the park's (§11). Not 全县开发区,
#: 各园区, 省级以上开发区 (several parks).
_PARK_SUBJECT = re.compile(
    r"(?:上半年|下半年|今年|全年|年内|截至[^,，;；。]{1,8})?"
    r"[^\s,，;；。、:：全各个家所0-9０-９]{0,12}?(?<!省级以上)(?<!国家级)(?<!省级)(?<!绿色)"
    r"(?:经济技术开发区|经开区|开发区|高新区|产业园|工业园|物流园|物流基地|园区|小镇|院区|"
    r"(?<![香全])港(?![口澳区务航城]))(?![0-9０-９])"
)
#: A scope note in brackets (不含开发区, 含高新区): the figures stay the county's (§11).
_SCOPE_NOTE = re.compile(r"[(（](?:不含|不包括|未含|含|包括)[^()（）]{0,24}[)）]")
#: A clause opening with the county or city as a whole (从全市看, 全市共有…): county figures.
_COUNTY_SUBJECT = re.compile(
    r"(?:上半年|下半年|今年|全年|年内|截至[^,，;；。]{1,8})?从?(?:全市|全县|全区)"
)  # (全区: a district as a whole, round 18)
_PARK_WORDS = ("开发区", "经开区", "高新区", "园", "小镇", "院区", "物流基地", "港")
#: Any of :data:`_PARK_WORDS`, and 全 or a semicolon: searched in a sentence without a copy.
_PARK_WORD = re.compile("|".join(_PARK_WORDS))
_COUNTY_OR_SEMICOLON = re.compile("[全;；]")
#: Verbs or prepositions before the park noun: the park is an object (推进园区更新,
#: 以高新区争创…为引领), not the subject.
_PARK_OBJECT = re.compile(r"推进|建设|打造|加快|推动|深化|创建|争创|更新|入驻|落户|进驻|^[以把对将为向在]"
                          r"|优化|建成|做强|做大|整合")  # 县优化经开区…体系 (round 13)
#: A clause after ; that goes on with the same subject (…；完成进出口总额…).
_SAME_SUBJECT = re.compile(r"(?:完成|实现|新增|新签约|拥有|累计|引进|供应|盘活|新建)")
_SUBJECT_BREAK = re.compile(r"[,，;；:：。!！?？]")


def _park_heads(text: str, start: int, end: int) -> list[tuple[int, bool | None]]:
    """The clauses of ``text[start:end]`` that open with one park (True) or the county
    (False), and the clauses after a ; that start a new subject (None)."""
    heads: list[tuple[int, bool | None]] = []
    position = start
    after_semicolon = False
    for brk in [*_SUBJECT_BREAK.finditer(text, start, end), None]:
        clause_end = brk.start() if brk else end
        clause = _clean(text[position:clause_end]).lstrip("　 \t")
        if "含" in clause or "包括" in clause:
            clause = _SCOPE_NOTE.sub("", clause)
            if clause.startswith(("不含", "不包括", "未含")):
                clause = ""  # 不含常州经开区计算,全年…: the county's figures without the park (round 25)
        park = _PARK_SUBJECT.match(clause) if any(word in clause for word in _PARK_WORDS) else None
        if park and not _PARK_OBJECT.search(park.group(0)) and not clause.startswith("建设", park.end()):
            # (千亿园区建设按下“快进键”: the building of parks is the topic, round 18)
            heads.append((position, True))
        elif "全" in clause and _COUNTY_SUBJECT.match(clause):
            heads.append((position, False))
        elif after_semicolon and not _SAME_SUBJECT.match(clause):
            heads.append((position, None))
        after_semicolon = brk is not None and brk.group(0) in ";；"
        position = clause_end + 1
    return heads


def _single_park(text: str, index: _TextIndex, sentence: int, position: int,
                 cache: dict[int, list[tuple[int, bool | None]]], title_park: bool) -> bool:
    """Whether the figure at ``position`` is one park's (§11): the last clause before it in
    its sentence that names a subject names a park, or none does and the text's title does.
    """
    heads = cache.get(sentence)
    if heads is None:
        start, end = index.sentence_starts[sentence], index.sentence_ends[sentence]
        # without a park word and outside a park's text, every head leaves the figure
        # the county's: no clause to look at
        heads = _park_heads(text, start, end) if _PARK_WORD.search(text, start, end) or (
            title_park and _COUNTY_OR_SEMICOLON.search(text, start, end)) else []
        cache[sentence] = heads
    decided = title_park
    for head, park in heads:
        if head > position:
            break
        # a new subject after ; ends a park's clauses, not the county's
        decided = (decided and title_park) if park is None else park
    return decided


def _title_names_a_park(text: str) -> bool:
    """Whether the text's title (its first line, or ``<title>``) names one park (§11)."""
    head = text[:400]
    if "<title>" in head:
        head = head[head.index("<title>") + 7 :]
    title = _clean(_HTML_TAG.sub("", head.lstrip().split("\n", 1)[0])).lstrip("# ")
    return any(word in title for word in _PARK_WORDS) and bool(_PARK_SUBJECT.match(title))


#: Firm cues that a county-wide total can carry too (全市新增产能…, 全县项目计划投资…).
_COUNTY_CAN_HAVE = frozenset({"产能", "计划投资", "占地", "生产线", "下线", "项目开工", "单体", "每天"})
_COUNTY_WIDE = re.compile(r"^(?:[^,，;；。]{0,8}?)(?:全市|全县|全区|我市|我县|我区|全省)")


def _firm_figure(clean_before: str, clean_clause: str) -> bool:
    """A figure of a single firm or project (§11): a firm cue in its clause, unless the
    clause is about the whole county (全市…产能) and the cue is not a firm's name."""
    firm = _FIRM_CUE.search(clean_clause)
    if firm is None:
        return False
    if firm.group(0) == "单体" and clean_before.endswith(("企业", "项目")):
        return False  # 单体产值超50亿元企业10家: the firms of a size class counted (round 21)
    return not (firm.group(0) in _COUNTY_CAN_HAVE and _COUNTY_WIDE.match(clean_before))


#: A sentence about one firm: a clause opening with 公司/该公司/该企业 (公司总经理…介绍,),
#: or the sentence opening with a name defined as a firm (华洲药业是…高新技术企业,).
_FIRM_SENTENCE = re.compile(
    r"(?<![^,，;；:：。!！?？\n])[\s“\"]*(?:公司|企业)(?:总经理|负责人|董事长|今年|上半年|全年|[,，])"
    r"|(?:该|这家)(?:公司|企业)"
    r"|(?<![^。!！?？\n])[\s“\"]*[^\s,，;；。:：是]{2,12}是[^,，;；。]{0,30}(?:企业|公司)[,，;；。]"
)


def _firm_sentence(text: str, index: _TextIndex, sentence: int, cache: dict[int, int]) -> int:
    """Where the sentence starts to be about one firm (§11), once per sentence: the end of
    ``公司总经理…介绍,`` or ``华洲药业是…企业,`` (figures after it are the firm's), else the
    sentence end."""
    found = cache.get(sentence)
    if found is None:
        start, end = index.sentence_starts[sentence], index.sentence_ends[sentence]
        match = None
        if text.find("公司", start, end) >= 0 or text.find("企业", start, end) >= 0:
            match = _FIRM_SENTENCE.search(text, start, end)
        found = cache[sentence] = match.end() - 1 if match else end
    return found


def _rank_of_a_park_figure(row: dict, around: _Around, document: _Document) -> bool:
    """A rank of one park's own figure (``沭阳经开区工业开票连年攀升,排名苏北县级园区第一``):
    ranked among parks by its own figure, it is the park's, not the county's (§11, round 13).
    A park's place in an assessment or index (``…开发区在全省开发区综合考评中位列前十``,
    ``高新区创新驱动指数…第一``) or in an unnamed population stays the county's indicator."""
    sentence_before = around.sentence_before
    among = around.before[-10:]
    return ("园区" in among or "开发区" in among) and not (
        "考" in sentence_before or "评" in sentence_before or "指数" in sentence_before) and _single_park(
        document.text, document.index, around.sentence, around.start, document.park_heads,
        document.title_park)


#: A whole list counted (§11 "counts of a whole list", round 14): a list just given summed
#: up (电池、电驱、电控等6大核心部件), or the classes a county has or covers (拥有制造业领域
#: 30个行业, 所有8个大类, 覆盖…50多个种类); not 有24个行业增加值实现增长, nor the places a
#: service covers (覆盖全部17个乡镇, blind2: an indicator).
_WHOLE_LIST_BEFORE = re.compile(r"(?:所有|全部)$|(?:拥有|覆盖|涵盖)[^,，;；。]{0,24}$")
_CLASS_AFTER = re.compile(r"(?:多|余)?[^,，;；。、0-9]{0,4}?(?:行业|大类|门类|种类|类别|品类)")


def _whole_list(text: str, row: dict, around: _Around) -> bool:
    """Whether a count (base unit 个) is the size of a whole list or classification."""
    sentence_before = around.sentence_before
    if row["unit"] == "大" and (sentence_before.endswith("等") or text.startswith(
            ("工业行业", "行业"), around.end)):
        return True  # (7大工业行业中…均实现增长: the industries listed, counted, round 19)
    return ("拥有" in sentence_before or "覆盖" in sentence_before or "涵盖" in sentence_before
            or sentence_before.endswith(("所有", "全部"))) and (
        _CLASS_AFTER.match(text, around.end) is not None
        and _WHOLE_LIST_BEFORE.search(sentence_before) is not None)


#: Physical capacities that name a project when written right before it (200万千瓦…光伏项目).
_CAPACITY_UNITS = frozenset({"千瓦", "瓦", "千瓦时", "吨", "标箱", "台", "套", "辆"})
_PROJECT_NAMED_AFTER = re.compile(r"[^,，;；。、的]{0,12}?项目")
_LIST_HEAD = re.compile(r"[,，。;；:：!！?？\n]")


def _counts_the_items_named(sentence_before: str, value: float | None) -> bool:
    """Whether a count right after a list named with 、 (closed by 等, or in Arabic digits:
    ``集成电路、晶硅光伏、风电装备等3条重点产业链``, ``晶澳、天合、智泰3个项目``) counts
    exactly its items: a list just given counted, context (§11 "Whole lists", round 14,
    as ``电池、电驱、电控等6大核心部件``; round 18). In Chinese numerals without 等
    (``天目湖、长荡湖两个国家湿地公园``, dev_gold) it stays a count of real things (§2)."""
    before = sentence_before[:-1] if sentence_before.endswith("等") else sentence_before
    if not before or not value:
        return False
    heads = [m.end() for m in _LIST_HEAD.finditer(before)]
    items = before[heads[-1] if heads else 0 :]
    named = items.count("、") + 1
    return named > 1 and named == value and not any(c.isdigit() for c in items)


def _decide_indicator(row: dict, around: _Around, document: _Document) -> None:
    """``is_indicator`` (§11): not for context counts, ranked populations, cluster labels,
    or the figures of a single firm, park or place; notes for subsets and borderline."""
    kind, measure = row["kind"], row["measure"]
    text, index, sentence, notes = document.text, document.index, around.sentence, around.notes
    clean_before, clean_after = around.clean_before, around.clean_after
    is_indicator = kind not in _NOT_INDICATOR_KINDS and measure != "other"
    if kind == "quantity" and (measure in {"count", "level", "target"}):
        following = text[around.end : around.end + 12]
        if "亿级" in following and _CLUSTER_LABEL_AFTER.match(following) and (
                not _SIZED_PROJECTS_AFTER.match(text[around.end : around.end + 24])):
            is_indicator = False
            notes.append("cluster-plan label")
        elif row["base_unit"] in {"个", "家"} and _RANK_AFTER.match(following):
            is_indicator = False
            notes.append("size of the ranked population")
            document.rank_population = row
        elif row["base_unit"] in {"个", "项"} and text.find(
                "体系", around.end, around.end + 48) >= 0 and _SYSTEM_PARTS_AFTER.match(
                text, around.end, around.end + 48):
            is_indicator = False
            notes.append("parts of a named park system")
        elif row["base_unit"] == "项" and "指标" in clean_after and _SHARED_RANK_AFTER.match(
                clean_after):
            is_indicator = False
            notes.append("size of the ranked population")
        elif row["base_unit"] in {"个", "项"} and _LIST_SIZE_AFTER.match(clean_after):
            is_indicator = False  # 10项主要经济指标有:…, 41项重点任务 (round 16)
            notes.append("context count (the size of a list)")
        elif clean_before.endswith(_POPULATION_BEFORE) and "中" in clean_after:
            # 在35个工业行业大类中,…; 在全省126家开发区中位列第9位 (§11)
            is_indicator = False
            if "第" in clean_after or "前" in clean_after or "位列" in clean_after:
                notes.append("size of the ranked population")
                document.rank_population = row
            else:
                notes.append("context count")
        elif row["base_unit"] == "个" and _whole_list(text, row, around):
            is_indicator = False
            notes.append("size of a whole list")
        elif row["base_unit"] in {"个", "条", "家", "项"} and "、" in around.sentence_before and (
                around.sentence_before.endswith("等") or row["surface"][:1].isdigit()) and (
                _counts_the_items_named(around.sentence_before, row["value"])):
            is_indicator = False
            notes.append("size of the list just named")
        elif row["base_unit"] in _CAPACITY_UNITS and "项目" in text[around.end : around.end + 16] and (
                _PROJECT_NAMED_AFTER.match(text, around.end)):
            is_indicator = False  # 3万吨高性能碳纤维项目: the size that names one project (round 18)
            notes.append("capacity of a single project")
        elif row["base_unit"] == "个" and text[around.end : around.end + 1] in _ADMIN_FIRST and (
                clean_before.endswith(_ADMIN_HEAD_BEFORE) or not clean_before) and (
                _ADMIN_UNITS_AFTER.match(text, around.end)):
            is_indicator = False  # 辖区16个乡镇, 288个村委会: the county's administrative units
            notes.append("context count (administrative units)")  # (round 24)
        elif _context_count(clean_clause := clean_before + clean_after, measure):
            is_indicator = False
            notes.append("context count")
        elif clean_before.endswith(_PROJECT_SIZE_ENDS) and _ONE_PROJECT_AFTER.match(
            text, around.end, around.end + 24
        ):
            # 总投资超千亿元的中天绿色精品钢项目: the planned size of one project (round 12)
            is_indicator = False
            row["measure"] = "target"
            notes.append("planned investment of a single project")
        elif _firm_figure(clean_before, clean_clause) or _single_place(
            text, index, sentence, document.single_places
        ):
            is_indicator = False
            notes.append("figure of a single firm, park or project")
        elif row["base_unit"] == "个" and "断面" in around.after and _SECTION_POPULATION_AFTER.match(
            clean_after
        ):
            is_indicator = False
            notes.append("context count (the sections of the share)")
    if is_indicator and "汇率" in clean_before and _EXCHANGE_RATE_BEFORE.search(clean_before) and (
            "美元" not in row["unit"]):  # (按平均汇率达7275美元: the amount converted, round 19)
        # 按…美元兑人民币平均汇率1:7.1217计算: the national rate a bulletin converts with
        is_indicator = False
        notes.append("exchange rate (a national rate)")
    if is_indicator and kind in {"quantity", "percent"} and row["base_unit"] != "rank" and (
        _single_park(text, index, sentence, around.start, document.park_heads, document.title_park)
    ):
        is_indicator = False
        notes.append("figure of a single park")
    if is_indicator and kind == "rank" and _rank_of_a_park_figure(row, around, document):
        is_indicator = False
        notes.append("rank of a single park")
    if is_indicator and kind in {"quantity", "percent"} and around.start > _firm_sentence(
        text, index, sentence, document.firm_sentences
    ):
        is_indicator = False
        notes.append("figure of a single firm, park or project")
    if kind == "quantity" and "其中" in around.before and _SUBSET_BEFORE.search(around.before):
        notes.append("subset (其中…)")
    if is_indicator and _BORDERLINE_CUE.search(clean_after):
        notes.append("borderline")
    population = document.rank_population
    if kind == "rank" and population is not None and population["end"] >= around.clause_start:
        notes.append(f"ranked among {_clean(population['quote'])[:30]}")
        document.rank_population = None
    row["is_indicator"] = "yes" if is_indicator else "no"
