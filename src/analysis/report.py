"""What the report notebooks (40, 90) need twice: their words, tables and choices.

The annual report (``notebooks/90-annual-report.ipynb``) is written in one language,
``lang`` = ``zh`` or ``en``: every heading and paragraph it shows comes from
:data:`TEXT` through :func:`text`, and every table's columns are renamed by
:func:`localise`. The rest are small pure functions on the pipeline's tables:

=============================  ==============================================================
function                       what it gives
=============================  ==============================================================
:func:`census_year`            the census year a report year reads (latest not after it)
:func:`code_names`             framework code → name in the report's language
:func:`peer_table`             every peer's index and six dimension scores, ranked
:func:`unit_profile`           one unit's score, rank, peer median and best per aggregate
:func:`census_ranks`           one unit's ranks in every census year (same framework)
:func:`across_years`           the Liyang panel as indicator × year, by quality
:func:`coverage`               how many indicators of each quality the reports give a year
:func:`ranks_by_method`        one unit's ranks under every weighting method
:func:`methods_appendix`       the methods appendix: every formula and choice, as Markdown
=============================  ==============================================================

:data:`SENSITIVITY_FACTORS` are the uncertain factors both notebooks draw their Monte
Carlo / Sobol design over (a ``sensitivity:`` section of :func:`analysis.sensitivity.run_sensitivity`).
Formulas are written in plain Unicode and HTML (no TeX): the reports carry no MathJax,
so that they stay self-contained.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.framework import Framework

LANGS = ("zh", "en")
LIYANG = "溧阳市"

#: the uncertain factors of the robustness sections: each a list of alternatives
#: (``n_zscore(100,10)`` stays above 0 for any panel of up to 101 units, so that the
#: geometric mean can meet it)
SENSITIVITY_FACTORS: dict[str, Any] = {
    "factors": {
        "Weights": {"weights": {"noise": 0.25, "sets": 100}},
        "Normalisation": {"normalise": ["n_minmax(1,100)", "n_zscore(100,10)"]},
        "Aggregation": {"aggregate": ["a_amean", "a_gmean"]},
        "Winmax": {"winmax": [1, 2, 3, 4, 5]},
    }
}


def as_html(markdown: str) -> Any:
    """Markdown with inline HTML (``<sub>``, ``<sup>``) as an IPython HTML display object.

    For texts with formulas: nbconvert's Markdown renderer, with ``embed_images`` on (as
    the renderer runs it), splits inline tags apart (``x<sub></sub>ij``); an HTML output
    is embedded as it is.
    """
    import mistune
    from IPython.display import HTML

    return HTML(mistune.html(markdown))


def check_lang(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGS`, else an :class:`InputError` naming it."""
    if lang not in LANGS:
        raise InputError(f"parameter 'lang' must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def text(key: str, lang: str, **values: Any) -> str:
    """The report's text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    check_lang(lang)
    if key not in TEXT:
        raise KeyError(f"no report text {key!r}")
    return TEXT[key][lang].format(**values)


#: the six qualities as the figures table names them (Chinese), in English
QUALITIES_EN = {
    "经济发展": "Economic development",
    "开放创新": "Openness and innovation",
    "生态环境": "Ecology and environment",
    "城乡融合": "Urban-rural integration",
    "共同富裕": "Common prosperity",
    "社会治理": "Social governance",
    "none": "none",
}


def quality_name(name: str, lang: str) -> str:
    """A quality's name (as the figures table writes it, in Chinese) in ``lang``."""
    return QUALITIES_EN.get(name, name) if check_lang(lang) == "en" else name


def census_year(panel: pd.DataFrame, year: int) -> int:
    """The census year a report for ``year`` reads: the latest not after it, else the first."""
    years = sorted(int(y) for y in pd.unique(panel["year"]))
    if not years:
        raise InputError("census panel: no years")
    before = [y for y in years if y <= year]
    return before[-1] if before else years[0]


def code_names(framework: Framework, lang: str) -> dict[str, str]:
    """Framework code → its name in ``lang`` (``name`` for zh, ``name_en`` for en)."""
    check_lang(lang)
    table = framework.table
    column = "name_en" if lang == "en" and "name_en" in table.columns else "name"
    names = table[column].where(table[column].notna() & table[column].astype(str).ne(""))
    return dict(zip(table["code"], names.fillna(table["code"]).astype(str), strict=True))


def _wide(scores: pd.DataFrame, value: str, framework: Framework) -> pd.DataFrame:
    return scores.pivot(index="uCode", columns="iCode", values=value)[framework.aggregates]


def peer_table(scores: pd.DataFrame, framework: Framework, lang: str = "zh") -> pd.DataFrame:
    """Every unit's index and dimension scores (rank in brackets), best index first.

    ``scores`` is :attr:`analysis.index.IndexResult.scores` (``uCode, iCode, score, rank``).
    Columns: the top aggregate, then the dimensions in framework order, named in ``lang``;
    cells are strings ``"61.0 (6)"``; the index is the unit.
    """
    names = code_names(framework, lang)
    top = framework.top
    order = [top] + [c for c in framework.aggregates if c != top]
    score = _wide(scores, "score", framework)[order]
    rank = _wide(scores, "rank", framework)[order]
    cells = score.round(1).map("{:.1f}".format) + " (" + rank.astype("Int64").astype(str) + ")"
    cells = cells.loc[rank[top].sort_values(kind="stable").index]
    cells.columns = [names[c] for c in order]
    cells.index.name = text("col_unit", lang)
    return cells


def unit_profile(
    scores: pd.DataFrame, framework: Framework, unit: str = LIYANG, lang: str = "zh"
) -> pd.DataFrame:
    """One unit per aggregate: its score and rank, the number ranked, the peers' median and best.

    Rows are the aggregates (top first, then dimensions in framework order), index ``code``;
    columns ``name, score, rank, of, median, best, best_unit``.
    """
    score = _wide(scores, "score", framework)
    rank = _wide(scores, "rank", framework)
    if unit not in score.index:
        raise InputError(f"unit {unit!r} is not in the index (it has {', '.join(score.index)})")
    names = code_names(framework, lang)
    top = framework.top
    order = [top] + [c for c in framework.aggregates if c != top]
    rows = []
    for code in order:
        column = score[code].dropna()
        rows.append(
            {
                "code": code,
                "name": names[code],
                "score": float(score.at[unit, code]),
                "rank": int(rank.at[unit, code]),
                "of": int(column.size),
                "median": float(column.median()),
                "best": float(column.max()),
                "best_unit": str(column.idxmax()),
            }
        )
    return pd.DataFrame(rows).set_index("code")


def census_ranks(
    ranks_by_year: Mapping[int, pd.DataFrame], framework: Framework, unit: str = LIYANG,
    lang: str = "zh",
) -> pd.DataFrame:  # fmt: skip
    """One unit's rank on every aggregate in each census year, ``"6 / 21"`` strings.

    ``ranks_by_year`` maps a year to :meth:`analysis.index.IndexResult.ranks` of that year.
    Rows are the aggregates (top first, named in ``lang``), columns the years.
    """
    names = code_names(framework, lang)
    top = framework.top
    order = [top] + [c for c in framework.aggregates if c != top]
    table = {}
    for year, ranks in sorted(ranks_by_year.items()):
        n = int(ranks[top].notna().sum())
        row = ranks.loc[unit, order] if unit in ranks.index else pd.Series(pd.NA, index=order)
        table[year] = [f"{int(r)} / {n}" if pd.notna(r) else "–" for r in row]
    return pd.DataFrame(table, index=pd.Index([names[c] for c in order], name=""))


def across_years(panel: pd.DataFrame, framework: Framework, lang: str = "zh") -> pd.DataFrame:
    """The long panel as one row per indicator with a value, one column per year.

    Columns: the quality (dimension), the indicator name and unit (in ``lang``), then the
    years ascending. Rows follow the framework's order; values as given (base units).
    """
    names = code_names(framework, lang)
    table = framework.table.set_index("code")
    wide = panel.pivot_table(index="indicator", columns="year", values="value", aggfunc="first")
    order = [c for c in framework.indicators if c in wide.index]
    wide = wide.loc[order]
    wide.columns = [int(c) for c in wide.columns]
    front = pd.DataFrame(
        {
            text("col_quality", lang): [names[table.at[c, "parent"]] for c in order],
            text("col_indicator", lang): [names[c] for c in order],
            text("col_unit_of", lang): [str(table.at[c, "unit"] or "") for c in order],
        },
        index=wide.index,
    )
    return front.join(wide).reset_index(drop=True)


def coverage(panel: pd.DataFrame, framework: Framework, lang: str = "zh") -> pd.DataFrame:
    """Indicators with a value, per quality (rows, framework order) and year (columns).

    A last column gives how many indicators the framework has for that quality.
    """
    names = code_names(framework, lang)
    parent = framework.parent_of
    dims = [c for c in framework.aggregates if c != framework.top]
    given = panel.assign(quality=panel["indicator"].map(parent))
    counts = given.pivot_table(
        index="quality", columns="year", values="indicator", aggfunc="nunique", fill_value=0
    ).reindex(dims, fill_value=0)
    counts.columns = [int(c) for c in counts.columns]
    counts[text("col_in_framework", lang)] = [len(framework.children(d)) for d in dims]
    counts.index = [names[d] for d in dims]
    counts.index.name = text("col_quality", lang)
    return counts.astype(int)


def ranks_by_method(
    scores: pd.DataFrame, framework: Framework, unit: str = LIYANG, lang: str = "zh"
) -> pd.DataFrame:
    """One unit's rank on every aggregate under every method, ``"6 / 21"`` strings.

    ``scores`` is a method comparison's tidy scores table ``method, unit, iCode, score,
    rank``. Rows are the methods (in order of appearance), columns the aggregates (top
    first, named in ``lang``).
    """
    names = code_names(framework, lang)
    top = framework.top
    order = [top] + [c for c in framework.aggregates if c != top]
    chosen = scores[scores["iCode"].isin(order)]
    ranked = chosen.dropna(subset=["rank"])
    of = ranked.groupby(["method", "iCode"])["unit"].nunique()
    mine = chosen[chosen["unit"] == unit].set_index(["method", "iCode"])["rank"]
    methods = list(dict.fromkeys(scores["method"]))
    cells = {
        names[code]: [
            f"{int(mine[(m, code)])} / {int(of[(m, code)])}"
            if (m, code) in mine.index and pd.notna(mine[(m, code)])
            else "–"
            for m in methods
        ]
        for code in order
    }
    return pd.DataFrame(cells, index=pd.Index(methods, name=text("col_method", lang)))


def method_summary(
    scores: pd.DataFrame, agreement: pd.DataFrame, framework: Framework, nominal: str,
    unit: str = LIYANG,
) -> dict[str, Any]:  # fmt: skip
    """The numbers the comparison's paragraph quotes: the unit's best and worst index rank
    over the methods, its nominal rank, and the method furthest from the nominal ranking
    (largest mean absolute shift)."""
    top = scores[(scores["iCode"] == framework.top) & (scores["unit"] == unit)]
    ranks = top.set_index("method")["rank"].astype(np.float64)
    others = agreement[agreement["method"] != nominal]
    far = others.loc[others["mean_abs_shift"].idxmax()] if len(others) else agreement.iloc[0]
    return {
        "k": int(scores["method"].nunique()),
        "lo": int(ranks.min()),
        "hi": int(ranks.max()),
        "nominal_rank": int(ranks[nominal]),
        "nominal": nominal,
        "far": str(far["method"]),
        "shift": float(far["mean_abs_shift"]),
        "rho": float(far["spearman"]),
    }


def one_change_methods(combinations: pd.DataFrame, nominal: str) -> list[str]:
    """The nominal combination, then those that differ from it in the weights only or in
    the normalisation and aggregation only (one choice changed at a time), in table order.

    ``combinations`` is a method comparison's ``method, weights, normalisation,
    aggregation`` table.
    """
    table = combinations.set_index("method")
    if nominal not in table.index:
        raise InputError(f"nominal method {nominal!r} is not among the combinations")
    base = table.loc[nominal]
    same_weights = table["weights"] == base["weights"]
    same_pipeline = (table["normalisation"] == base["normalisation"]) & (
        table["aggregation"] == base["aggregation"]
    )
    chosen = table.index[same_weights | same_pipeline]
    return [nominal] + [m for m in chosen if m != nominal]


def rank_phrase(profile: pd.DataFrame, code: str, lang: str) -> str:
    """``"6th of 21"`` / ``"第 6/21 位"`` for one row of :func:`unit_profile`."""
    rank, of = int(profile.at[code, "rank"]), int(profile.at[code, "of"])
    if lang == "zh":
        return f"第 {rank}/{of} 位"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix} of {of}"


def strongest_weakest(profile: pd.DataFrame, framework: Framework) -> tuple[str, str]:
    """The dimensions (codes) where the unit ranks best and worst (ties: framework order)."""
    dims = profile.drop(index=framework.top)
    ratio = dims["rank"] / dims["of"]
    return str(ratio.idxmin()), str(ratio.idxmax())


def localise(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``table`` with the pipeline's English column names shown in ``lang``."""
    check_lang(lang)
    labels = {k: v[lang] for k, v in COLUMN_LABELS.items()}
    return table.rename(columns=lambda c: labels.get(c, c) if isinstance(c, str) else c)


MISSING = "—"


def with_gaps_shown(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` for reading: numbers with thousands separators (up to 15 significant
    digits, as the report's other tables) and missing values as a dash, not ``NaN``."""
    shown = table.copy()
    for column in shown.columns[shown.dtypes.map(pd.api.types.is_float_dtype)]:
        shown[column] = [MISSING if pd.isna(v) else f"{v:,.15g}" for v in shown[column]]
    return shown


def interval_summary(ranks: pd.DataFrame, unit: str = LIYANG) -> dict[str, Any]:
    """One unit's nominal rank, median and 90 % interval from ``SensitivityResult.ranks``,
    with the width of every unit's interval (median over units)."""
    row = ranks.set_index("unit").loc[unit]
    width = (ranks["q95"] - ranks["q05"]).astype(np.float64)
    return {
        "nominal": int(row["nominal"]),
        "median": float(row["median"]),
        "q05": float(row["q05"]),
        "q95": float(row["q95"]),
        "n": int(len(ranks)),
        "median_width": float(width.median()),
    }


def methods_appendix(
    lang: str, spec: Mapping[str, Any], data_year: int, n_units: int, runs: int, seed: int
) -> str:
    """The methods appendix, as Markdown with formulas in Unicode (no TeX)."""
    treat = spec.get("treat", {})
    screen = spec.get("screen", {})
    return text(
        "appendix",
        lang,
        data_year=data_year,
        n_units=n_units,
        threshold=round(100 * float(screen.get("threshold", 0.66))),
        winmax=treat.get("winmax", 5),
        skew=treat.get("skew_thresh", 2),
        kurt=treat.get("kurt_thresh", 3.5),
        runs=runs,
        seed=seed,
    )


COLUMN_LABELS: dict[str, dict[str, str]] = {
    "dimension": {"zh": "品质", "en": "quality"},
    "subject": {"zh": "指标内容", "en": "subject"},
    "surface": {"zh": "原文数字", "en": "as written"},
    "value_base": {"zh": "数值（基本单位）", "en": "value (base unit)"},
    "base_unit": {"zh": "单位", "en": "unit"},
    "measure": {"zh": "测度", "en": "measure"},
    "period": {"zh": "期间", "en": "period"},
    "quote": {"zh": "原文", "en": "quote"},
    "source": {"zh": "出处", "en": "source"},
    "title": {"zh": "报告", "en": "report"},
    "publisher": {"zh": "发布者", "en": "publisher"},
    "published": {"zh": "发布时间", "en": "published"},
    "figures": {"zh": "数字个数", "en": "figures"},
    "indicators": {"zh": "指标数字", "en": "indicator figures"},
    "name": {"zh": "名称", "en": "name"},
    "score": {"zh": "得分", "en": "score"},
    "rank": {"zh": "位次", "en": "rank"},
    "of": {"zh": "参评数", "en": "of"},
    "median": {"zh": "中位数", "en": "median"},
    "best": {"zh": "最高分", "en": "best"},
    "best_unit": {"zh": "最高者", "en": "best unit"},
    "unit": {"zh": "城市", "en": "city"},
    "nominal": {"zh": "基准位次", "en": "nominal rank"},
    "q05": {"zh": "5% 分位", "en": "5th percentile"},
    "q95": {"zh": "95% 分位", "en": "95th percentile"},
    "factor": {"zh": "因素", "en": "factor"},
    "method": {"zh": "方法", "en": "method"},
    "n": {"zh": "城市数", "en": "n"},
    "spearman": {"zh": "Spearman ρ", "en": "Spearman ρ"},
    "kendall": {"zh": "Kendall τ", "en": "Kendall τ"},
    "mean_abs_shift": {"zh": "平均绝对位次变动", "en": "mean |shift|"},
    "top_overlap": {"zh": "前 K 名重合数", "en": "top-K overlap"},
}


_APPENDIX_ZH = """\
**数据。** 对标部分使用江苏省县级市人口普查面板（leiii/census，MIT 许可；国家统计局普查资料），\
本报告读取 {data_year} 年普查，共 {n_units} 个县级市。框架 `jiangsu-census-peers` 把 16 个普查代理指标\
归入六大品质；生态环境只有弱代理（水利、环境和公共设施管理业就业占比），共同富裕没有收入变量。\
跨年部分使用各年报告中引用的溧阳数字（框架 `liyang-quality-city`），每个数字都可追溯到原文。

**流程（规格 `peers-default`，OECD/JRC《综合指数构建手册》2008 与 COINr 的步骤）。**

1. 缺失值：用该指标的均值填补：x<sub>ij</sub> ← (1/n<sub>j</sub>) Σ<sub>k</sub> x<sub>kj</sub>（对有值的 k 求和）。
2. 筛选：保留至少 {threshold}% 指标有值的城市。
3. 异常值（COINr 规则）：若某指标 |偏度| ≥ {skew} 且峰度 ≥ {kurt}，逐个把最极端的值缩尾到其次的值，\
最多 {winmax} 个，直到满足条件；仍不满足则作对数变换 log(x − min x + 1)。
4. 标准化（最小–最大，方向 d<sub>j</sub> = ±1）：\
y<sub>ij</sub> = 100 · (x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>) / (max<sub>i</sub> x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>)，\
d<sub>j</sub> = −1 时 y<sub>ij</sub> → 100 − y<sub>ij</sub>。
5. 加权算术平均，逐层进行：品质得分 D<sub>iq</sub> = Σ<sub>j∈q</sub> w<sub>j</sub> y<sub>ij</sub> / Σ<sub>j∈q</sub> w<sub>j</sub>，\
指数 I<sub>i</sub> = Σ<sub>q</sub> v<sub>q</sub> D<sub>iq</sub> / Σ<sub>q</sub> v<sub>q</sub>；基准权重全部相等（w = v = 1）。
6. 排名：得分最高者为第 1 位；并列者取最小（最好）位次。

**权重方法（比较部分，规格 `compare-default`）。** 四种权重（等权、熵权、CRITIC、主成分）× 四种标准化与聚合（最小–最大 [0, 100] + 算术平均；z 分数 + 算术平均；最小–最大 [1, 100] + 几何平均；TOPSIS），共 16 种组合，第一种为基准。权重在框架的每一组内计算（同组之和为 1），底层由处理后的指标得到，上层由子项得分得到。X 为 n 个城市 × m 个指标。

- 等权：w<sub>j</sub> = 1/m。
- 熵权（在最小–最大标准化值 r<sub>ij</sub> 上）：p<sub>ij</sub> = r<sub>ij</sub> / Σ<sub>i</sub> r<sub>ij</sub>，e<sub>j</sub> = −(1/ln n) Σ<sub>i</sub> p<sub>ij</sub> ln p<sub>ij</sub>（0 · ln 0 = 0），w<sub>j</sub> = (1 − e<sub>j</sub>) / Σ<sub>k</sub> (1 − e<sub>k</sub>)。
- CRITIC（Diakoulaki 等 1995）：C<sub>j</sub> = σ<sub>j</sub> Σ<sub>k</sub> (1 − r<sub>jk</sub>)，w<sub>j</sub> = C<sub>j</sub> / Σ<sub>k</sub> C<sub>k</sub>（σ<sub>j</sub> 为标准差，r<sub>jk</sub> 为 Pearson 相关系数）。
- 主成分（《手册》§6.1）：在标准化数据上取特征值大于 1 的主成分，经方差最大旋转，每个指标取其载荷平方最大的因子，按该因子解释的方差加权，再归一化为和为 1。
- 几何平均：D<sub>i</sub> = Π<sub>j</sub> y<sub>ij</sub><sup>w<sub>j</sub></sup>（权重和为 1，要求 y > 0）。
- TOPSIS：向量标准化 z<sub>ij</sub> = x<sub>ij</sub> / √(Σ<sub>i</sub> x<sub>ij</sub><sup>2</sup>)，加权后到理想解与负理想解的距离 d<sub>i</sub><sup>+</sup>、d<sub>i</sub><sup>−</sup>，得分 d<sub>i</sub><sup>−</sup> / (d<sub>i</sub><sup>+</sup> + d<sub>i</sub><sup>−</sup>)。

每种方法与基准方法比较：位次变动 s<sub>i</sub> = r<sub>i</sub> − r<sub>i</sub><sup>0</sup>，\
平均绝对位次变动 (1/n) Σ<sub>i</sub> |s<sub>i</sub>|，Spearman ρ（平均位次处理并列）、Kendall τ-b，前 K 名重合数。

**稳健性。** 不确定因素及其备选：权重（基准权重上加 ±25% 均匀噪声，100 组）、标准化（最小–最大 [1, 100] 或 z 分数 100 + 10z）、\
聚合（算术或几何平均）、缩尾上限（1–5 个点）。按 Saltelli 设计抽取 N (d + 2) = {runs} 次运行（种子 {seed}）。\
每次运行的输出为 COINr 的平均绝对位次变动 y = (1/n) Σ<sub>i</sub> |r<sub>i</sub> − r<sub>i</sub><sup>0</sup>|。\
一阶指数（Saltelli 2010）S<sub>i</sub> = (1/N) Σ f(B) (f(A<sub>B</sub><sup>(i)</sup>) − f(A)) / V(y)，\
总效应指数（Jansen 1999）S<sub>Ti</sub> = (1/2N) Σ (f(A) − f(A<sub>B</sub><sup>(i)</sup>))<sup>2</sup> / V(y)；\
区间为 bootstrap 的 5% 与 95% 分位。位次区间为各次运行中该城市位次的 5%–95% 分位（线性插值）。

**局限。** 普查只到 {data_year} 年，且是代理指标，不是溧阳评价体系本身的指标；\
报告各年引用的指标不同，因此跨年部分只列出数字，不把它们合成一个可比的指数。"""

_APPENDIX_EN = """\
**Data.** The peer comparison uses the county census panel of Jiangsu's county-level cities \
(leiii/census, MIT licence; NBS census yearbooks); this report reads the {data_year} census, \
{n_units} cities. The framework `jiangsu-census-peers` maps 16 census proxy indicators to the six \
qualities; ecology has only a weak proxy (the share of workers in water, environment and public \
facilities) and common prosperity has no income variable. The across-years section uses the figures \
the year's reports quote for Liyang (framework `liyang-quality-city`), each traceable to its quote.

**Pipeline (spec `peers-default`, after the OECD/JRC *Handbook on Constructing Composite Indicators*, 2008, and COINr).**

1. Missing values: the indicator's mean, x<sub>ij</sub> ← (1/n<sub>j</sub>) Σ<sub>k</sub> x<sub>kj</sub> (over the k with a value).
2. Screening: keep the cities with at least {threshold}% of indicators present.
3. Outliers (COINr's rule): while an indicator has |skewness| ≥ {skew} and kurtosis ≥ {kurt}, winsorise \
its most extreme value to the next one, at most {winmax} points; if that does not suffice, log-transform \
instead, log(x − min x + 1).
4. Normalisation (min–max, direction d<sub>j</sub> = ±1): \
y<sub>ij</sub> = 100 · (x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>) / (max<sub>i</sub> x<sub>ij</sub> − min<sub>i</sub> x<sub>ij</sub>), \
and y<sub>ij</sub> → 100 − y<sub>ij</sub> where d<sub>j</sub> = −1.
5. Weighted arithmetic mean, level by level: quality score D<sub>iq</sub> = Σ<sub>j∈q</sub> w<sub>j</sub> y<sub>ij</sub> / Σ<sub>j∈q</sub> w<sub>j</sub>, \
index I<sub>i</sub> = Σ<sub>q</sub> v<sub>q</sub> D<sub>iq</sub> / Σ<sub>q</sub> v<sub>q</sub>; nominal weights all equal (w = v = 1).
6. Ranking: the highest score ranks 1st; ties share the lowest (best) rank.

**Weighting methods (comparison section, spec `compare-default`).** Four weightings (equal, entropy, CRITIC, PCA) × four normalisation + aggregation pipelines (min–max [0, 100] + arithmetic mean; z-scores + arithmetic mean; min–max [1, 100] + geometric mean; TOPSIS): 16 combinations, the first one nominal. Weights are computed within every group of the framework (siblings sum to 1): the bottom level from the treated indicators, higher levels from the children's scores. X has n cities × m indicators.

- Equal: w<sub>j</sub> = 1/m.
- Entropy (on min–max normalised values r<sub>ij</sub>): p<sub>ij</sub> = r<sub>ij</sub> / Σ<sub>i</sub> r<sub>ij</sub>, e<sub>j</sub> = −(1/ln n) Σ<sub>i</sub> p<sub>ij</sub> ln p<sub>ij</sub> (0 · ln 0 = 0), w<sub>j</sub> = (1 − e<sub>j</sub>) / Σ<sub>k</sub> (1 − e<sub>k</sub>).
- CRITIC (Diakoulaki et al. 1995): C<sub>j</sub> = σ<sub>j</sub> Σ<sub>k</sub> (1 − r<sub>jk</sub>), w<sub>j</sub> = C<sub>j</sub> / Σ<sub>k</sub> C<sub>k</sub> (σ<sub>j</sub> the standard deviation, r<sub>jk</sub> Pearson's correlation).
- PCA (Handbook §6.1): on standardised data, the components with eigenvalue above 1, varimax-rotated; each indicator takes its squared loading on the factor where it loads most, weighted by that factor's explained variance, scaled to sum to 1.
- Geometric mean: D<sub>i</sub> = Π<sub>j</sub> y<sub>ij</sub><sup>w<sub>j</sub></sup> (weights summing to 1; needs y > 0).
- TOPSIS: vector normalisation z<sub>ij</sub> = x<sub>ij</sub> / √(Σ<sub>i</sub> x<sub>ij</sub><sup>2</sup>), weighted; the distances d<sub>i</sub><sup>+</sup>, d<sub>i</sub><sup>−</sup> to the ideal and anti-ideal; score d<sub>i</sub><sup>−</sup> / (d<sub>i</sub><sup>+</sup> + d<sub>i</sub><sup>−</sup>).

Each method is compared with the nominal one: rank shift s<sub>i</sub> = r<sub>i</sub> − r<sub>i</sub><sup>0</sup>, \
mean absolute shift (1/n) Σ<sub>i</sub> |s<sub>i</sub>|, Spearman's ρ (ties at their average rank), Kendall's τ-b, \
and the overlap of the top K.

**Robustness.** Uncertain factors and their alternatives: weights (±25 % uniform noise around the nominal \
weights, 100 sets), normalisation (min–max to [1, 100] or z-scores 100 + 10z), aggregation (arithmetic or \
geometric mean), winsorisation limit (1–5 points). A Saltelli design draws N (d + 2) = {runs} runs (seed {seed}). \
Each run's output is COINr's mean absolute rank shift y = (1/n) Σ<sub>i</sub> |r<sub>i</sub> − r<sub>i</sub><sup>0</sup>|. \
First-order index (Saltelli 2010) S<sub>i</sub> = (1/N) Σ f(B) (f(A<sub>B</sub><sup>(i)</sup>) − f(A)) / V(y); \
total index (Jansen 1999) S<sub>Ti</sub> = (1/2N) Σ (f(A) − f(A<sub>B</sub><sup>(i)</sup>))<sup>2</sup> / V(y); \
intervals are bootstrap 5th and 95th percentiles. A city's rank interval is the 5th–95th percentile \
(linear interpolation) of its rank over the runs.

**Limits.** The census stops at {data_year} and gives proxies, not the indicators of Liyang's own \
evaluation system; the reports quote different indicators in different years, so the across-years \
section lists the figures and does not combine them into an index comparable across years."""


#: every heading and paragraph of the report notebooks, in both languages
TEXT: dict[str, dict[str, str]] = {
    "title": {"zh": "溧阳品质城市年度报告", "en": "Liyang quality-city annual report"},
    "intro": {
        "zh": "本报告汇总 {year} 年关于溧阳“品质城市”评价体系的公开报告中的数字，按六大品质——经济发展、开放创新、"
        "生态环境、城乡融合、共同富裕、社会治理——归类，每个数字附原文与出处；并以人口普查代理指标把溧阳放在"
        "江苏县级市中比较，检验排名对权重方法的依赖和稳健性。附录列出全部公式与选择。",
        "en": "This report gathers the figures that the {year} public reports on Liyang's quality-city (品质城市) "
        "evaluation system quote, by the six qualities — economic development, openness and innovation, "
        "ecology, urban-rural integration, common prosperity, social governance — each with its quote and "
        "source. It then places Liyang among the county-level cities of Jiangsu on census proxy indicators, "
        "and asks how much that ranking depends on the weighting method and how robust it is. The appendix "
        "states every formula and choice.",
    },
    "h_headline": {
        "zh": "## 一、{year} 年各品质的标志性数字",
        "en": "## 1. Headline figures of {year} by quality",
    },
    "headline_intro": {
        "zh": "{n_reports} 份报告给出 {n_figures} 个指标数字（`is_indicator = yes`）。下表按品质列出，附引用原文与报告出处。",
        "en": "{n_reports} report(s) give {n_figures} indicator figures (`is_indicator = yes`), listed below by "
        "quality with the clause they were quoted from and their report.",
    },
    "sources_caption": {"zh": "**数字的出处**", "en": "**Where the figures come from**"},
    "no_figures": {"zh": "*{year} 年没有指标数字。*", "en": "*No indicator figures for {year}.*"},
    "figures_axis": {"zh": "指标数字个数", "en": "indicator figures"},
    "figures_plot_title": {
        "zh": "{year} 年报告中各品质的指标数字",
        "en": "Indicator figures in the {year} reports, by quality",
    },
    "h_peers": {
        "zh": "## 二、溧阳在江苏县级市中的位置（{data_year} 年普查）",
        "en": "## 2. Liyang among Jiangsu's county-level cities ({data_year} census)",
    },
    "peers_intro": {
        "zh": "品质城市指数（普查代理）由 16 个普查指标经 `peers-default` 流程合成（附录）。数据年份为 **{data_year} 年人口普查**，"
        "不是报告年份 {year}：普查每十年一次，这是 {year} 年及以前最新的一次。{data_year} 年溧阳在 {n} 个县级市中，"
        "指数得分 {score:.1f}，{rank}；相对最强的品质是{best}（{best_rank}），相对最弱的是{worst}（{worst_rank}）。",
        "en": "The quality-city index (census proxies) combines 16 census indicators through the `peers-default` "
        "pipeline (appendix). Its data year is **the {data_year} census**, not the report year {year}: the "
        "census is decennial, and this is the latest one up to {year}. In {data_year} Liyang scores "
        "{score:.1f} on the index among {n} county-level cities, {rank}; its relatively strongest quality is "
        "{best} ({best_rank}), its weakest {worst} ({worst_rank}).",
    },
    "profile_caption": {
        "zh": "**溧阳的指数与六大品质得分（0–100）、位次，以及同侪中位数与最高分**",
        "en": "**Liyang's index and six quality scores (0–100), ranks, and the peers' median and best**",
    },
    "peers_caption": {
        "zh": "**全部县级市：得分（位次）**",
        "en": "**Every county-level city: score (rank)**",
    },
    "profile_plot_title": {
        "zh": "溧阳与同侪中位数（{data_year} 年普查）",
        "en": "Liyang and the peers' median ({data_year} census)",
    },
    "score_axis": {"zh": "得分（0–100）", "en": "score (0–100)"},
    "liyang": {"zh": "溧阳市", "en": "Liyang"},
    "peer_median": {"zh": "同侪中位数", "en": "peers' median"},
    "peer_best": {"zh": "同侪最高分", "en": "peers' best"},
    "census_ranks_caption": {
        "zh": "**两次普查中溧阳的位次（同一框架与流程）**：普查是唯一能在年份之间比较的指数来源。",
        "en": "**Liyang's ranks in both censuses (same framework and pipeline)**: the census is the only source of "
        "an index comparable between years.",
    },
    "h_years": {"zh": "## 三、报告覆盖的各年份", "en": "## 3. Across the years the reports cover"},
    "years_intro": {
        "zh": "各年报告引用的溧阳数字（框架 `liyang-quality-city`，同一指标同一年有多个数字时取最新发布的报告）。"
        "报告在不同年份引用的指标不同（见覆盖表），因此这里不合成跨年指数，只并列数字。",
        "en": "The figures the reports quote for Liyang, year by year (framework `liyang-quality-city`; where "
        "several figures give one indicator and year, the latest report wins). The reports quote different "
        "indicators in different years (see the coverage table), so no index across years is computed: the "
        "figures are set side by side.",
    },
    "coverage_caption": {
        "zh": "**各品质有数字的指标个数**",
        "en": "**Indicators with a figure, by quality**",
    },
    "values_caption": {"zh": "**各年数字（基本单位）**", "en": "**Figures by year (base units)**"},
    "h_methods": {
        "zh": "## 四、权重方法如何改变排名",
        "en": "## 4. How the weighting method changes the picture",
    },
    "methods_intro": {
        "zh": "同一数据（{data_year} 年普查）用四种权重方法 × 四种标准化与聚合方式合成指数，每种组合与基准"
        "（等权、最小–最大、算术平均）比较（附录）。",
        "en": "The same data ({data_year} census) combined with four weighting methods × four normalisation and "
        "aggregation pipelines, each combination compared with the nominal one (equal weights, min–max, "
        "arithmetic mean; appendix).",
    },
    "methods_summary": {
        "zh": "在 {k} 种组合下，溧阳的指数位次在第 {lo} 至第 {hi} 位之间（基准 {nominal} 为第 {nominal_rank} 位）；"
        "与基准排名差别最大的是 {far}（平均绝对位次变动 {shift:.2f}，Spearman ρ = {rho:.2f}）。",
        "en": "Over the {k} combinations Liyang's index rank runs from {lo} to {hi} (nominal {nominal}: {nominal_rank}); "
        "the combination furthest from the nominal ranking is {far} (mean absolute rank shift {shift:.2f}, "
        "Spearman ρ = {rho:.2f}).",
    },
    "methods_ranks_caption": {
        "zh": "**溧阳在各方法下的位次**",
        "en": "**Liyang's ranks under each method**",
    },
    "agreement_caption": {
        "zh": "**与基准方法的一致性**",
        "en": "**Agreement with the nominal method**",
    },
    "weights_plot_title": {
        "zh": "各方法下指标在指数中的有效权重",
        "en": "Effective weight of each indicator in the index, by method",
    },
    "bump_plot_title": {
        "zh": "指数位次：每次只改变权重或标准化与聚合",
        "en": "Index ranks, changing the weights or the normalisation and aggregation alone",
    },
    "h_robust": {"zh": "## 五、排名有多稳健", "en": "## 5. How robust the ranking is"},
    "robust_intro": {
        "zh": "同时扰动权重、标准化方法、聚合方法和缩尾上限，运行 {runs} 次（Saltelli 设计，种子 {seed}）。"
        "溧阳的基准位次为第 {nominal} 位，各次运行的中位数 {median:.0f}，90% 区间 [{q05:.0f}, {q95:.0f}]；"
        "{n} 个城市位次区间宽度的中位数为 {median_width:.1f}。",
        "en": "Weights, normalisation, aggregation and the winsorisation limit are varied together over {runs} "
        "runs (a Saltelli design, seed {seed}). Liyang's nominal rank is {nominal}; over the runs its median "
        "rank is {median:.0f} and its 90 % interval [{q05:.0f}, {q95:.0f}]; the median width of the {n} cities' "
        "intervals is {median_width:.1f}.",
    },
    "sobol_intro": {
        "zh": "Sobol 指数把位次变动（平均绝对位次变动）的方差分解到各因素：S<sub>i</sub> 为单独作用，S<sub>Ti</sub> 含交互作用。",
        "en": "Sobol indices split the variance of the rank shift (mean absolute rank shift) between the factors: "
        "S<sub>i</sub> alone, S<sub>Ti</sub> with interactions.",
    },
    "uncertainty_plot_title": {
        "zh": "各城市位次的 90% 区间（点：基准位次）",
        "en": "90 % rank intervals (dot: nominal rank)",
    },
    "sobol_plot_title": {"zh": "Sobol 敏感性指数", "en": "Sobol sensitivity indices"},
    "h_appendix": {"zh": "## 附录：方法", "en": "## Appendix: methods"},
    "appendix": {"zh": _APPENDIX_ZH, "en": _APPENDIX_EN},
    "col_unit": {"zh": "城市", "en": "city"},
    "col_quality": {"zh": "品质", "en": "quality"},
    "col_indicator": {"zh": "指标", "en": "indicator"},
    "col_unit_of": {"zh": "单位", "en": "unit"},
    "col_in_framework": {"zh": "框架中的指标数", "en": "in the framework"},
    "col_method": {"zh": "方法", "en": "method"},
}
