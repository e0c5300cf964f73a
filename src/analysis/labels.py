"""Value labels of the report's tables in Chinese and English: measures, unit words,
indicator directions, and years written without thousands separators.

The pipeline keeps codes (``growth_pct``) and the units as the sources write them
(``元``, ``家``, ``USD PPP``); a report shows names in its own language. Each function maps
one value; :func:`analysis.report.localise` applies them to a table's known columns. A
value without a label is shown as it is (a study's own unit words pass through).
"""

from __future__ import annotations

import math
import re
from typing import Any

#: measure code (figures table, frameworks' ``measure``) → name
MEASURE_NAMES: dict[str, dict[str, str]] = {
    "level": {"zh": "水平", "en": "Level"},
    "growth_pct": {"zh": "增速", "en": "Growth (%)"},
    "share_pct": {"zh": "占比", "en": "Share (%)"},
    "share": {"zh": "占比", "en": "Share"},
    "count": {"zh": "个数", "en": "Count"},
    "ratio": {"zh": "比值", "en": "Ratio"},
    "rank": {"zh": "位次", "en": "Rank"},
    "target": {"zh": "目标", "en": "Target"},
    "change_abs": {"zh": "增减量", "en": "Change"},
    "other": {"zh": "其他", "en": "Other"},
}

#: unit words as the sources and frameworks write them → the other language's words
UNIT_WORDS: dict[str, dict[str, str]] = {
    "元": {"zh": "元", "en": "yuan"},
    "万元": {"zh": "万元", "en": "10k yuan"},
    "亿元": {"zh": "亿元", "en": "100 million yuan"},
    "元/人": {"zh": "元/人", "en": "yuan per person"},
    "万美元/万元": {"zh": "万美元/万元", "en": "10k USD per 10k yuan"},
    "吨/万元": {"zh": "吨/万元", "en": "tonnes per 10k yuan"},
    "家": {"zh": "家", "en": "establishments"},
    "人": {"zh": "人", "en": "persons"},
    "万人": {"zh": "万人", "en": "10k persons"},
    "人次": {"zh": "人次", "en": "person-visits"},
    "人/10万人": {"zh": "人/10万人", "en": "persons per 100k"},
    "人/千人": {"zh": "人/千人", "en": "persons per 1,000"},
    "张/千人": {"zh": "张/千人", "en": "beds per 1,000 persons"},
    "户": {"zh": "户", "en": "households"},
    "个": {"zh": "个", "en": "count"},
    "条": {"zh": "条", "en": "items"},
    "项": {"zh": "项", "en": "items"},
    "件": {"zh": "件", "en": "cases"},
    "套": {"zh": "套", "en": "sets"},
    "类": {"zh": "类", "en": "classes"},
    "所": {"zh": "所", "en": "institutions"},
    "座": {"zh": "座", "en": "facilities"},
    "次": {"zh": "次", "en": "times"},
    "亩": {"zh": "亩", "en": "mu"},
    "平方米": {"zh": "平方米", "en": "m²"},
    "公里": {"zh": "公里", "en": "km"},
    "微克/立方米": {"zh": "微克/立方米", "en": "µg/m³"},
    "µg/m3": {"zh": "微克/立方米", "en": "µg/m³"},
    "年": {"zh": "年", "en": "years"},
    "years": {"zh": "年", "en": "years"},
    "岁": {"zh": "岁", "en": "years of age"},
    "月": {"zh": "月", "en": "months"},
    "小时": {"zh": "小时", "en": "hours"},
    "分钟": {"zh": "分钟", "en": "minutes"},
    "hours/day": {"zh": "小时/天", "en": "hours per day"},
    "比值": {"zh": "比值", "en": "ratio"},
    "ratio": {"zh": "比值", "en": "ratio"},
    "rank": {"zh": "位次", "en": "rank"},
    "USD PPP": {"zh": "美元（购买力平价）", "en": "USD PPP"},
    "per 100k": {"zh": "每十万人", "en": "per 100k persons"},
    "0-10": {"zh": "0–10 分", "en": "0–10 scale"},
}

#: indicator direction → what it means for the reader
DIRECTION_NAMES: dict[int, dict[str, str]] = {
    1: {"zh": "越高越好", "en": "higher is better"},
    -1: {"zh": "越低越好", "en": "lower is better"},
}

#: weighting methods, aggregations and normalisations of the comparisons (analysis.compare)
METHOD_WORDS: dict[str, dict[str, str]] = {
    "equal": {"zh": "等权", "en": "equal"},
    "entropy": {"zh": "熵权", "en": "entropy"},
    "critic": {"zh": "CRITIC", "en": "CRITIC"},
    "pca": {"zh": "主成分", "en": "PCA"},
    "ahp": {"zh": "层次分析", "en": "AHP"},
    "amean": {"zh": "算术平均", "en": "arithmetic mean"},
    "gmean": {"zh": "几何平均", "en": "geometric mean"},
    "topsis": {"zh": "TOPSIS", "en": "TOPSIS"},
    "minmax": {"zh": "极差", "en": "min–max"},
    "zscore": {"zh": "z 分数", "en": "z-score"},
    "vector": {"zh": "向量", "en": "vector"},
    "rank": {"zh": "位次", "en": "rank"},
}

#: outlier treatments (:mod:`analysis.treat`) and yes/no cells
TREATMENT_NAMES: dict[Any, dict[str, str]] = {
    "winsorise": {"zh": "缩尾", "en": "winsorised"},
    "log_CT": {"zh": "对数变换", "en": "log transform"},
    "": {"zh": "—", "en": "—"},
    True: {"zh": "是", "en": "yes"},
    False: {"zh": "否", "en": "no"},
}

#: imputation methods of a spec (:data:`analysis.impute.METHODS`)
IMPUTE_NAMES: dict[str, dict[str, str]] = {
    "none": {"zh": "不填补", "en": "none"},
    "mean": {"zh": "指标均值", "en": "the indicator's mean"},
    "median": {"zh": "指标中位数", "en": "the indicator's median"},
    "group_mean": {"zh": "组内均值", "en": "the group mean"},
    "group_median": {"zh": "组内中位数", "en": "the group median"},
    "latest": {"zh": "最近一期的值", "en": "the latest earlier value"},
}
_NORMALISATION = re.compile(r"^(minmax|zscore)\((\w)=([-\d.]+), (\w)=([-\d.]+)\)$")

_CJK = re.compile(r"[\u3400-\u9fff]")


def measure_name(code: Any, lang: str) -> Any:
    """A measure code's name in ``lang`` (``growth_pct`` → 增速 / Growth (%)); other
    values unchanged."""
    return MEASURE_NAMES.get(code, {}).get(lang, code) if isinstance(code, str) else code


def unit_word(unit: Any, lang: str) -> Any:
    """A unit word in ``lang`` (``元`` → yuan, ``家`` → establishments, ``USD PPP`` →
    美元（购买力平价）); ``%`` and unknown words unchanged, an empty unit empty."""
    if not isinstance(unit, str):
        return unit
    return UNIT_WORDS.get(unit.strip(), {}).get(lang, unit)


def direction_name(direction: Any, lang: str) -> Any:
    """An indicator direction (1 / −1) in words: 越高越好 / higher is better; other values
    unchanged."""
    try:
        key = int(direction)
    except (TypeError, ValueError):
        return direction
    return DIRECTION_NAMES[key][lang] if key in DIRECTION_NAMES and key == direction else direction


def method_name(code: Any, lang: str) -> Any:
    """A comparison's method code in words: ``entropy/minmax-amean`` → 熵权 · 极差 + 算术平均
    (en: entropy · min–max + arithmetic mean); a weights, aggregation or normalisation code
    alone (``gmean``, ``minmax(l=0, u=100)`` → 极差 [0, 100]) likewise; unknown parts kept."""
    if not isinstance(code, str):
        return code
    if "/" in code:
        weights, pipeline = code.split("/", 1)
        return f"{method_name(weights, lang)} · {method_name(pipeline, lang)}"
    if "-" in code and all(part in METHOD_WORDS for part in code.split("-")):
        return " + ".join(METHOD_WORDS[part][lang] for part in code.split("-"))
    found = _NORMALISATION.match(code)
    if found:
        kind, first, low, second, high = found.groups()
        if kind == "minmax":
            return f"{METHOD_WORDS['minmax'][lang]} [{low}, {high}]"
        return (f"z 分数（均值 {low}，标准差 {high}）" if lang == "zh"
                else f"z-score (mean {low}, sd {high})")
    return METHOD_WORDS.get(code, {}).get(lang, code)


def impute_name(method: Any, lang: str) -> Any:
    """An imputation method in words (``mean`` → 指标均值 / the indicator's mean)."""
    return IMPUTE_NAMES.get(method, {}).get(lang, method) if isinstance(method, str) else method


def year_text(value: Any) -> str:
    """A year as written: ``2023`` (never ``2,023`` or ``2023.0``); a missing year ``—``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:.0f}" if number.is_integer() else str(value)


def readable(frame: Any, digits: int = 4) -> Any:
    """``frame`` for reading: floats to ``digits`` significant digits with thousands
    separators, whole floats without decimals, booleans as 是/否 left to the caller, missing
    cells as ``—`` (a table of strings; compute on the original)."""
    import pandas as pd

    out = frame.astype(object).copy()
    for column in frame.columns:
        values = frame[column]
        if isinstance(values, pd.Series) and pd.api.types.is_float_dtype(values):
            out[column] = [_number(v, digits) for v in values]
        elif isinstance(values, pd.Series):
            out[column] = [("—" if _missing(v) else v) for v in values]
    return out


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _number(value: Any, digits: int) -> str:
    if _missing(value):
        return "—"
    if float(value).is_integer() or abs(value) >= 10 ** (digits - 1):
        return f"{value:,.0f}"  # no exponent: 1234567.9 → 1,234,568
    return f"{value:,.{digits}g}"


def has_chinese(text: Any) -> bool:
    """Whether ``text`` holds a Chinese character (CJK unified ideographs)."""
    return isinstance(text, str) and bool(_CJK.search(text))


def quality_in(name: Any, lang: str) -> Any:
    """One of the six qualities (as the figures table writes it, in Chinese) in ``lang``."""
    from analysis.framework import QUALITY_NAMES_EN

    return QUALITY_NAMES_EN.get(name, name) if lang == "en" and isinstance(name, str) else name


#: column → how its values read in a language (:func:`analysis.report.localise`)
VALUE_LABELS: dict[str, Any] = {
    "measure": measure_name,
    "base_unit": unit_word,
    "dimension": quality_in,
    "direction": direction_name,
    "method": method_name,
    "weights": method_name,
    "normalisation": method_name,
    "aggregation": method_name,
    "year": lambda v, lang: year_text(v),
    "treatment": lambda v, lang: TREATMENT_NAMES.get(v, {}).get(lang, v) if isinstance(v, str) else v,
}

#: headings of the columns of the exploration and comparison tables (notebooks 20, 30),
#: part of :data:`analysis.report.COLUMN_LABELS`
MORE_COLUMN_LABELS: dict[str, dict[str, str]] = {
    "count": {"zh": "有效值", "en": "values"},
    "mean": {"zh": "均值", "en": "mean"},
    "std": {"zh": "标准差", "en": "sd"},
    "min": {"zh": "最小值", "en": "min"},
    "25%": {"zh": "下四分位数", "en": "25th percentile"},
    "50%": {"zh": "中位数", "en": "median"},
    "75%": {"zh": "上四分位数", "en": "75th percentile"},
    "max": {"zh": "最大值", "en": "max"},
    "skew": {"zh": "偏度", "en": "skewness"},
    "kurtosis": {"zh": "峰度", "en": "kurtosis"},
    "pass0": {"zh": "处理前合格", "en": "passes before"},
    "skew0": {"zh": "处理前偏度", "en": "skewness before"},
    "kurt0": {"zh": "处理前峰度", "en": "kurtosis before"},
    "nwin": {"zh": "缩尾个数", "en": "winsorised points"},
    "treatment": {"zh": "处理方式", "en": "treatment"},
    "pass1": {"zh": "处理后合格", "en": "passes after"},
    "skew1": {"zh": "处理后偏度", "en": "skewness after"},
    "kurt1": {"zh": "处理后峰度", "en": "kurtosis after"},
    "min_shift": {"zh": "最小变动", "en": "min shift"},
    "q1_shift": {"zh": "变动下四分位数", "en": "shift, 25th pct"},
    "median_shift": {"zh": "变动中位数", "en": "median shift"},
    "q3_shift": {"zh": "变动上四分位数", "en": "shift, 75th pct"},
    "max_shift": {"zh": "最大变动", "en": "max shift"},
    "mean_abs_shift_top": {"zh": "前 K 名平均绝对变动", "en": "mean |shift|, top K"},
    "mean_abs_shift_bottom": {"zh": "后 K 名平均绝对变动", "en": "mean |shift|, bottom K"},
    "share_equal_top_pct": {"zh": "前 K 名位次不变（%）", "en": "same rank, top K (%)"},
    "share_equal_bottom_pct": {"zh": "后 K 名位次不变（%）", "en": "same rank, bottom K (%)"},
    "weight_changes": {"zh": "权重变化最大的指标（百分点）", "en": "largest weight changes (points)"},
    "raw": {"zh": "原始值", "en": "raw"},
    "treated": {"zh": "处理后", "en": "treated"},
}
