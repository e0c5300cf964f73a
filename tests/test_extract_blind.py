"""The extractor on four texts annotated blind, before it was ever run on them.

``blind/``: a county government work report published in 2021 (a review of 2020 and of
the 十三五 plan, then the 2021 goals), a district statistical bulletin for 2022 with notes,
a news article on ecology and rural revitalisation with a single-village paragraph, and a
ranking news article with a single-park paragraph and 2025 goals; each hand-annotated by
the guideline (``gold_b*.csv``) before the extractor was run on it. First run: P .993,
R .996, value_base .985, measure .921, period .914, is_indicator .951, dimension .895; after
the rules they exposed (past deadlines, plan sections, 过去五年 spans, thresholds after 超,
single villages and parks): P = R = 1, measure 1, period .981, dimension .955.

Thresholds are the levels reached, set slightly below. Left as judgement calls: the
dimension of population, grain and farm enterprises; the period of a streak and rank in a
过去五年 paragraph, of the start value of 由68家增加到236家, and of the sentence after a
1—10月 sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import score_annotated_folder

BLIND = Path(__file__).parent / "data" / "extract" / "blind"


@pytest.fixture(scope="module")
def blind() -> dict:
    return score_annotated_folder(BLIND)


def test_blind_texts(blind):
    assert blind["gold"] == 267
    assert blind["precision"] >= 0.99 and blind["recall"] >= 0.99


def test_blind_columns(blind):
    columns = blind["columns"]
    for column in ("value_base", "unit", "base_unit", "measure", "is_indicator", "surface"):
        assert columns[column] >= 0.99, column
    assert columns["period"] >= 0.97
    assert columns["dimension"] >= 0.94


# ``blind2/``: four texts from other provinces, formats and publishers (a Shandong 2023
# statistical bulletin with footnotes, an Anhui half-year news article on one development
# zone with a paragraph of city-wide figures, a Zhejiang HTML plenum report with a <td>
# table and 明年 goals, a Fujian markdown year review of 民生 with two numbers wrapped
# between their digits), annotated blind. First run: P .969, R .986, value_base .986,
# base_unit .957, measure .915, period .915, is_indicator .801, dimension .716; after the
# rules they exposed (wrapped numbers, HTML table cells, single parks, 计划 clauses, 明年
# sections, assessment years, 民生 dimensions): P = R = 1, measure .993, period .979,
# is_indicator .993, dimension .955. Left as judgement calls (the README's unclear cases):
# the dimension of farm output, grain and farm enterprises; the period of a sentence after
# a 1—11月 sentence, of 连续两年保持30％以上 and of 现有/目前已建成 stocks; whole-list counts
# (全部17个乡镇); 3.1人 per thousand.
BLIND2 = Path(__file__).parent / "data" / "extract" / "blind2"


@pytest.fixture(scope="module")
def blind2() -> dict:
    return score_annotated_folder(BLIND2)


def test_blind2_texts(blind2):
    assert blind2["gold"] == 286
    assert blind2["precision"] >= 0.99 and blind2["recall"] >= 0.99


def test_blind2_columns(blind2):
    columns = blind2["columns"]
    for column in ("value_base", "unit", "base_unit", "measure", "is_indicator", "surface"):
        assert columns[column] >= 0.99, column
    assert columns["period"] >= 0.97
    assert columns["dimension"] >= 0.95


# ``blind3/``: three texts from Henan, Hubei and Sichuan (a 2022 government work report with
# a 十三五 review and 2022 goals, a 2024 news feature on business environment and
# innovation, a 2023 ecological-environment bulletin), annotated blind and run once as a
# measure of generalisation: P .990, R 1.000, value_base .980, unit .954, measure .954,
# period .939, is_indicator .959, dimension .827. Only units written after numbers (分贝,
# ℃, 毫米, 起, 家次), counted days (优良天数) and the dimensions of noise, waste and
# government services were fixed after it (unit .99, measure .97, dimension .93); the
# other errors stay as its measure: 十三五 averages dated by the plan years, 较常年偏高/偏少
# as changes, ranked populations of 区（市）县, class labels (1类 区), a 高新区 ranking as
# 开放创新.
BLIND3 = Path(__file__).parent / "data" / "extract" / "blind3"


@pytest.fixture(scope="module")
def blind3() -> dict:
    return score_annotated_folder(BLIND3)


def test_blind3_texts(blind3):
    assert blind3["gold"] == 197
    assert blind3["precision"] >= 0.98 and blind3["recall"] >= 0.99


def test_blind3_columns(blind3):
    columns = blind3["columns"]
    for column in ("value_base", "unit", "base_unit", "surface"):
        assert columns[column] >= 0.97, column
    assert columns["measure"] >= 0.96 and columns["is_indicator"] >= 0.96
    assert columns["period"] >= 0.93
    assert columns["dimension"] >= 0.92


# ``blind4/`` (issue 15): three texts found with the search tool and annotated before the
# extractor ran on them (tests/data/extract/blind4/SOURCE.md): a district's 2021 bulletin
# with footnote markers and a negative rate, a county's first-half 2021 report in a
# traditional-script mirror with romanisation injected after characters, and a county's
# 2021 bulletin. First run (after the issue-15 rules, before any rule these texts
# exposed): P .962, R .992, value_base 1.000, base_unit 1.000, unit 1.000, measure .992,
# period .236, is_indicator 1.000, dimension 1.000. Period was the failure: two bulletins
# without a title that open with their year (2021年是…, 2021年,…) published in a year
# only dated 全年 by the publication year; 上年 in them; 分产业看 sentences; two-year
# average growth (两年平均增长); an anniversary in a sentence dated 2021. After those rules
# (and slogan lists in quotes, a minus after a footnote marker): P = R = 1, period 1.000,
# measure .984 (left: 1342头 in a list led by 6.4万头 takes the list's measure; a -3.3%
# change of energy intensity read as a share).
BLIND4 = Path(__file__).parent / "data" / "extract" / "blind4"


@pytest.fixture(scope="module")
def blind4() -> dict:
    return score_annotated_folder(BLIND4)


def test_blind4_texts(blind4):
    assert blind4["gold"] == 128
    assert blind4["precision"] >= 0.99 and blind4["recall"] >= 0.99


def test_blind4_columns(blind4):
    columns = blind4["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "is_indicator", "dimension",
                   "period"):
        assert columns[column] >= 0.99, column
    assert columns["measure"] >= 0.98


# ``blind5/`` and ``blind6/`` (issue 15, third round): three texts found with the search
# tool and annotated by hand before the extractor ran on them (SOURCE.md in each folder):
# a county's 2023 bulletin with two pipe tables (headers broken over lines, small brackets
# ﹙﹚, a 计量单位 column), a county-level city's 2023 bulletin in traditional script, and a
# county news article on rankings with month ranges. First run:
# blind5 P 1.000, R 1.000, value_base .969, base_unit .547, measure .781, period 1.000;
# blind6 P .989, R 1.000, value_base .977, base_unit .989, measure .898, period .830.
# After the rules they exposed (pipe tables without leading bars, 担, contribution rates
# and 增加值占…比重 as shares, 净增…万户, “世界500强” as a name, 稳居 as a status, the
# opening year only in a text's first lines, 较2022年底 as a base, a list's unit as
# written, 产业工人 → 人): every scored column 1.000 but blind6's P .989 (前十强 inside a
# quoted goal slogan, read as a rank; annotated as no row) and dimension .807 (population
# and composite rankings).
BLIND5 = Path(__file__).parent / "data" / "extract" / "blind5"
BLIND6 = Path(__file__).parent / "data" / "extract" / "blind6"


# ``blind7/``: two more 2023 county bulletins, one in traditional script flattened to a
# single line (section names spaced out: 綜 合). First run: P = R = 1, value_base, base_unit,
# unit and period 1.000, measure .940 (上涨 was no growth cue: CPI categories read as
# shares); after that rule, measure 1.000.
BLIND7 = Path(__file__).parent / "data" / "extract" / "blind7"

# ``blind8/``: two county-level government work reports in traditional-script news copies
# (Sichuan 2019: a 2018 review with a streak and a rank, the 2019 targets; Chongqing 2022:
# 過去五年 and the 2021 estimates) and a Henan 2022 bulletin with decimal points written as
# middle dots (1·8%). First run: P .941, R .974, value_base .982, base_unit .991, unit .982,
# measure 1.000, period .748, is_indicator .982, dimension .928. Period was the failure: a
# year alone in its sentence (2018年…取得显著成效。) did not date the rest of its paragraph,
# 過去五年 of a January report ended in the publication year, 全年 after a base year
# (比2021年) in a text opening with 2022年. After those rules and the others (1·8%, 未来/今后
# 五年 and …的五年 as period phrases, 连续第7年 as a streak, 减低 as a decline, projects
# counted by size class, 十强县 as composite, price categories as 经济发展): P 1.000,
# every scored column 1.000, R .991 (left: 突破千億大關, a Chinese-numeral amount).
BLIND8 = Path(__file__).parent / "data" / "extract" / "blind8"


@pytest.mark.parametrize(("folder", "gold", "precision"),
                         [(BLIND5, 64, 0.99), (BLIND6, 88, 0.98), (BLIND7, 83, 0.99),
                          (BLIND8, 114, 0.99)])
def test_blind_rounds_5_to_8(folder, gold, precision):
    scores = score_annotated_folder(folder)
    assert scores["gold"] == gold
    assert scores["precision"] >= precision and scores["recall"] >= 0.99
    columns = scores["columns"]
    for column in ("value_base", "unit", "base_unit", "surface", "measure", "period"):
        assert columns[column] >= 0.99, column
    assert columns["is_indicator"] >= 0.98
