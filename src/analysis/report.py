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
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis import labels as value_labels
from analysis.errors import InputError
from analysis.framework import QUALITY_NAMES_EN, Framework
from analysis.report_text import TEXT
from analysis.sensitivity.factors import DEFAULT_FACTORS
from analysis.study import Study, load_study

LANGS = ("zh", "en")

#: the uncertain factors of the robustness sections (defined with the sensitivity engine,
#: which ``qci sensitivity --study`` also draws by default)
SENSITIVITY_FACTORS: dict[str, Any] = DEFAULT_FACTORS


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
QUALITIES_EN = {**QUALITY_NAMES_EN, "none": "none"}


def quality_name(name: str, lang: str) -> str:
    """A quality's name (as the figures table writes it, in Chinese) in ``lang``."""
    return QUALITIES_EN.get(name, name) if check_lang(lang) == "en" else name


def data_year(panel: pd.DataFrame, year: int) -> int:
    """The panel year a report for ``year`` reads: the latest not after it, else the first
    (:meth:`analysis.study.Study.data_year` for a panel table)."""
    years = sorted(int(y) for y in pd.unique(panel["year"]))
    if not years:
        raise InputError("panel: no years")
    before = [y for y in years if y <= year]
    return before[-1] if before else years[0]


def code_names(framework: Framework, lang: str) -> dict[str, str]:
    """Framework code → its name in ``lang`` (``name`` for zh, ``name_en`` for en)."""
    check_lang(lang)
    table = framework.table
    column = "name_en" if lang == "en" and "name_en" in table.columns else "name"
    names = table[column].where(table[column].notna() & table[column].astype(str).ne(""))
    return dict(zip(table["code"], names.fillna(table["code"]).astype(str), strict=True))


def unit_column(scores: pd.DataFrame) -> str:
    """The unit column of a scores table: ``unit``, or COINr's ``uCode``."""
    return "unit" if "unit" in scores.columns else "uCode"


def _wide(scores: pd.DataFrame, value: str, framework: Framework) -> pd.DataFrame:
    return scores.pivot(index=unit_column(scores), columns="iCode", values=value)[
        framework.aggregates
    ]


def peer_table(
    scores: pd.DataFrame, framework: Framework, lang: str = "zh",
    names: Mapping[str, str] | None = None, groups: Mapping[str, str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Every unit's index and dimension scores (rank in brackets), best index first.

    ``scores`` is :attr:`analysis.index.IndexResult.scores` (``unit`` or ``uCode``,
    ``iCode, score, rank``). Index: the unit's display name (``names``, else the unit);
    columns: the top aggregate, then the dimensions in framework order, named in ``lang``;
    cells are strings ``"61.0 (6)"``; with ``groups`` (unit → group) a first column gives
    each unit's group.
    """
    codes = code_names(framework, lang)
    top = framework.top
    order = [top] + [c for c in framework.aggregates if c != top]
    score = _wide(scores, "score", framework)[order]
    rank = _wide(scores, "rank", framework)[order]
    cells = score.round(1).map("{:.1f}".format) + " (" + rank.astype("Int64").astype(str) + ")"
    cells = cells.loc[rank[top].sort_values(kind="stable").index]
    cells.columns = [codes[c] for c in order]
    if groups:
        cells.insert(0, text("col_group", lang), [groups.get(u, MISSING) for u in cells.index])
    cells.index = pd.Index([names.get(u, u) if names else u for u in cells.index])
    cells.index.name = text("col_unit", lang)
    return cells


def unit_profile(
    scores: pd.DataFrame, framework: Framework, unit: str, lang: str = "zh",
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """One unit per aggregate: its score and rank, the number ranked, the peers' median and best.

    Rows are the aggregates (top first, then dimensions in framework order), index ``code``;
    columns ``name, score, rank, of, median, best, best_unit`` (a display name from
    ``names`` when given).
    """
    score = _wide(scores, "score", framework)
    rank = _wide(scores, "rank", framework)
    if unit not in score.index:
        raise InputError(f"unit {unit!r} is not in the index (it has {', '.join(score.index)})")
    codes = code_names(framework, lang)
    top = framework.top
    order = [top] + [c for c in framework.aggregates if c != top]
    rows = []
    for code in order:
        column = score[code].dropna()
        rows.append(
            {
                "code": code,
                "name": codes[code],
                "score": float(score.at[unit, code]),
                "rank": int(rank.at[unit, code]),
                "of": int(column.size),
                "median": float(column.median()),
                "best": float(column.max()),
                "best_unit": (names or {}).get(str(column.idxmax()), str(column.idxmax())),
            }
        )
    return pd.DataFrame(rows).set_index("code")


def across_years(panel: pd.DataFrame, framework: Framework, lang: str = "zh") -> pd.DataFrame:
    """The long panel as one row per indicator with a value, one column per year.

    Columns: the quality (dimension), the indicator name and unit (in ``lang``), then the
    years ascending. Rows follow the framework's order; values as given (base units).

    Given the like-with-like series of a figures panel (:attr:`analysis.panel.FiguresPanel.series`,
    with ``period_kind``), a row is one indicator over one kind of period: a whole year,
    or the same months of each year (1–11月, 上半年), never both in one row. A period column
    names the kind (:func:`analysis.figures_display.kind_label`); with the figures'
    ``surface`` the cells are the figures as a reader of ``lang`` writes them
    (:func:`analysis.figures_display.gloss`: 3039.6亿元 / 303.96 billion yuan), and the unit
    column goes (each cell carries its unit).
    """
    from analysis.figures_display import gloss, kind_label, kind_order

    names = code_names(framework, lang)
    table = framework.table.set_index("code")
    if "period_kind" not in panel.columns:
        panel = panel.assign(period_kind="year")
        kinds = False
    else:
        kinds = True
    if "surface" in panel.columns:
        cells = [
            gloss(s, v, u, m, lang)
            for s, v, u, m in zip(panel["surface"], panel["value"], panel["base_unit"], panel["measure"], strict=True)
        ]
        panel = panel.assign(value=cells)
    wide = panel.pivot_table(
        index=["indicator", "period_kind"], columns="year", values="value", aggfunc="first"
    )
    order = {c: i for i, c in enumerate(framework.indicators)}
    rows = sorted(
        (r for r in wide.index if r[0] in order), key=lambda r: (order[r[0]], kind_order(r[1]))
    )
    wide = wide.loc[rows]
    wide.columns = [int(c) for c in wide.columns]
    codes = [r[0] for r in rows]
    front = {
        text("col_quality", lang): [names[table.at[c, "parent"]] for c in codes],
        text("col_indicator", lang): [names[c] for c in codes],
    }
    if kinds:
        front[text("col_period", lang)] = [kind_label(r[1], lang) for r in rows]
    if "surface" not in panel.columns:
        front[text("col_unit_of", lang)] = [str(table.at[c, "unit"] or "") for c in codes]
    return pd.DataFrame(front, index=wide.index).join(wide).reset_index(drop=True)


def coverage(panel: pd.DataFrame, framework: Framework, lang: str = "zh") -> pd.DataFrame:
    """Indicators with a value, per quality (rows, framework order) and year (columns).

    A last column gives how many indicators the framework has for that quality. A figures
    series (with ``period_kind``) counts an indicator once a year whatever its periods.
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
    scores: pd.DataFrame, framework: Framework, unit: str, lang: str = "zh"
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
            else MISSING
            for m in methods
        ]
        for code in order
    }
    named = [value_labels.method_name(m, lang) for m in methods]
    return pd.DataFrame(cells, index=pd.Index(named, name=text("col_method", lang)))


def method_summary(
    scores: pd.DataFrame, agreement: pd.DataFrame, framework: Framework, nominal: str,
    unit: str, lang: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """The numbers the comparison's paragraph quotes: the unit's best and worst index rank
    over the methods, its nominal rank, and the method furthest from the nominal ranking
    (largest mean absolute shift). With ``lang`` the two methods are named in words
    (:func:`analysis.labels.method_name`), else given by their codes."""
    top = scores[(scores["iCode"] == framework.top) & (scores["unit"] == unit)]
    ranks = top.set_index("method")["rank"].astype(np.float64)
    others = agreement[agreement["method"] != nominal]
    far = others.loc[others["mean_abs_shift"].idxmax()] if len(others) else agreement.iloc[0]
    return {
        "k": int(scores["method"].nunique()),
        "lo": int(ranks.min()),
        "hi": int(ranks.max()),
        "nominal_rank": int(ranks[nominal]),
        "nominal": nominal if lang is None else value_labels.method_name(nominal, lang),
        "far": str(far["method"]) if lang is None else value_labels.method_name(str(far["method"]), lang),
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
    """``table`` with the pipeline's English column names shown in ``lang``
    (:data:`COLUMN_LABELS`) and the values of its known columns as a reader writes them
    (:data:`analysis.labels.VALUE_LABELS`: measure codes as names, unit words and
    qualities in ``lang``, directions in words, method codes as names, years without
    separators)."""
    check_lang(lang)
    shown = table.copy()
    for column, label in value_labels.VALUE_LABELS.items():
        if column in shown.columns and isinstance(shown[column], pd.Series):
            shown[column] = shown[column].map(lambda v, label=label: label(v, lang))
    labels = {k: v[lang] for k, v in COLUMN_LABELS.items()}
    return shown.rename(columns=lambda c: labels.get(c, c) if isinstance(c, str) else c)


MISSING = "—"


def with_gaps_shown(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` for reading: numbers with thousands separators (up to 15 significant
    digits, as the report's other tables) except years (a column named year, Year, 年份
    or 年: 2023, never 2,023), and every missing value — ``NaN``, ``None``, ``<NA>`` — as
    a dash."""
    shown = table.copy()
    for column in shown.columns:
        values = shown[column]
        name = str(column).strip().lower()
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        is_year = name in ("year", "年份", "年")
        if numeric:
            shown[column] = [
                MISSING if pd.isna(v) else (f"{int(v)}" if is_year else f"{v:,.15g}") for v in values
            ]
        elif values.isna().any():
            shown[column] = values.astype(object).where(values.notna(), MISSING)
    return shown


def interval_summary(ranks: pd.DataFrame, unit: str | None = None) -> dict[str, Any]:
    """The number of units and the median width of their 90 % rank intervals
    (``SensitivityResult.ranks``), with ``unit``'s nominal rank, median and interval when
    it is among them."""
    width = (ranks["q95"] - ranks["q05"]).astype(np.float64)
    out: dict[str, Any] = {"n": int(len(ranks)), "median_width": float(width.median())}
    mine = ranks.loc[ranks["unit"] == unit]
    if unit is not None and len(mine):
        row = mine.iloc[0]
        out.update(nominal=int(row["nominal"]), median=float(row["median"]),
                   q05=float(row["q05"]), q95=float(row["q95"]))  # fmt: skip
    return out


def methods_appendix(
    lang: str, spec: Mapping[str, Any], data_year: int, n_units: int, runs: int, seed: int,
    words: Mapping[str, Any] | None = None,
) -> str:  # fmt: skip
    """The methods appendix, as Markdown with formulas in Unicode (no TeX): the study's
    data paragraph (``words``: ``description``, ``units``, ``unit_word``, ``framework``,
    ``n_ind``, ``last_year``; see :meth:`ReportContext.words`), the pipeline and its
    choices (from ``spec``), the weighting methods, the robustness design, the limits."""
    treat = spec.get("treat", {})
    screen = spec.get("screen", {})
    values = {
        "description": "", "units": text("unit_word", lang), "unit_word": text("unit_word", lang),
        "framework": "", "n_ind": "", "last_year": data_year, **(words or {}),
    }  # fmt: skip
    values.update(
        data_year=data_year,
        n_units=n_units,
        spec=spec.get("name", "peers-default"),
        threshold=round(100 * float(screen.get("threshold", 0.66))),
        winmax=treat.get("winmax", 5),
        skew=treat.get("skew_thresh", 2),
        kurt=treat.get("kurt_thresh", 3.5),
        runs=runs,
        seed=seed,
    )
    parts = ("appendix_data", "appendix_pipeline", "appendix_limits")
    return "\n\n".join(text(key, lang, **values) for key in parts)


COLUMN_LABELS: dict[str, dict[str, str]] = {
    "dimension": {"zh": "维度", "en": "dimension"},
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
    "unit": {"zh": "名称", "en": "name"},
    "nominal": {"zh": "基准位次", "en": "nominal rank"},
    "q05": {"zh": "5% 分位", "en": "5th percentile"},
    "q95": {"zh": "95% 分位", "en": "95th percentile"},
    "factor": {"zh": "因素", "en": "factor"},
    "method": {"zh": "方法", "en": "method"},
    "n": {"zh": "单位数", "en": "n"},
    "spearman": {"zh": "Spearman ρ", "en": "Spearman ρ"},
    "kendall": {"zh": "Kendall τ", "en": "Kendall τ"},
    "mean_abs_shift": {"zh": "平均绝对位次变动", "en": "mean |shift|"},
    "top_overlap": {"zh": "前 K 名重合数", "en": "top-K overlap"},
    "kind": {"zh": "类型", "en": "kind"},
    "alternatives": {"zh": "备选数", "en": "alternatives"},
    "examples": {"zh": "示例", "en": "examples"},
    "width": {"zh": "区间宽度", "en": "width"},
    "q05_all": {"zh": "5% 分位（全部因素）", "en": "5th pct (all factors)"},
    "q95_all": {"zh": "95% 分位（全部因素）", "en": "95th pct (all factors)"},
    "width_all": {"zh": "宽度（全部因素）", "en": "width (all factors)"},
    "q05_weights": {"zh": "5% 分位（仅权重）", "en": "5th pct (weights only)"},
    "q95_weights": {"zh": "95% 分位（仅权重）", "en": "95th pct (weights only)"},
    "width_weights": {"zh": "宽度（仅权重）", "en": "width (weights only)"},
    "indicator": {"zh": "指标", "en": "indicator"},
    "direction": {"zh": "方向", "en": "direction"},
    "nominal_rank": {"zh": "基准位次", "en": "nominal rank"},
    "shift": {"zh": "位次变动", "en": "rank shift"},
    "nominal_weight": {"zh": "基准权重", "en": "nominal weight"},
    "weight": {"zh": "权重", "en": "weight"},
    "weight_change": {"zh": "权重变化", "en": "weight change"},
    "weights": {"zh": "权重方法", "en": "weights"},
    "normalisation": {"zh": "标准化", "en": "normalisation"},
    "aggregation": {"zh": "聚合", "en": "aggregation"},
    "share_equal_pct": {"zh": "位次不变的比例（%）", "en": "same rank (%)"},
    "winsorised": {"zh": "缩尾方向", "en": "moved"},
    "values": {"zh": "数值个数", "en": "values"},
    "indicators_n": {"zh": "指标数", "en": "indicators"},
    "year": {"zh": "年份", "en": "year"},
    **value_labels.MORE_COLUMN_LABELS,
}


# ---------------------------------------------------------------------------- study context


@dataclass(frozen=True, eq=False)
class ReportContext:
    """What a report notebook knows once its core parameters are read: the study, the
    report ``year`` (and the panel year it reads), the language and the followed unit.

    Build it with :func:`report_context`. Texts go through :meth:`t`, which fills the
    study's words (:meth:`words`) into :data:`analysis.report_text.TEXT`.
    """

    study: Study
    year: int
    lang: str
    unit: str | None

    @property
    def framework(self) -> Framework:
        return self.study.framework

    @property
    def data_year(self) -> int:
        """The panel year this report reads (:meth:`Study.data_year`)."""
        return self.study.data_year(self.year)

    @property
    def spec(self) -> dict[str, Any]:
        """The study's spec with ``year`` set to :attr:`data_year`."""
        return {**self.study.spec, "year": self.data_year}

    @property
    def data(self) -> pd.DataFrame:
        """The panel rows of :attr:`data_year`."""
        return self.study.panel_of(self.year)

    @property
    def present(self) -> bool:
        """Whether the followed unit has data in :attr:`data_year` (False without one)."""
        return self.unit is not None and self.study.has_unit(self.unit, self.year)

    @property
    def unit_name(self) -> str:
        """The followed unit's display name ('' without one)."""
        return self.study.display_name(self.unit, self.lang) if self.unit is not None else ""

    @property
    def names(self) -> dict[str, str]:
        """Unit → display name in the report's language."""
        return self.study.display_names(self.lang)

    @property
    def indicator_names(self) -> dict[str, str]:
        """Framework code → name in the report's language."""
        return self.study.indicator_names(self.lang)

    @property
    def title(self) -> str:
        return self.study.title_in(self.lang)

    @property
    def groups(self) -> dict[str, str] | None:
        """Unit → group (region) when the study has groups, else None; in English the
        groups table's ``group_en`` when it has one."""
        table = self.study.groups
        if table is None:
            return None
        column = "group_en" if self.lang == "en" and "group_en" in table.columns else "group"
        return dict(zip(table["unit"], table[column], strict=True))

    def words(self) -> dict[str, Any]:
        """The study's words every text may use: ``title, unit, units, unit_word,
        data_label, year, data_year, last_year, description, framework, spec, n_ind,
        n_dims``."""
        fw = self.framework
        description = self.study.description.get(self.lang, "").strip()
        return {
            "title": self.title,
            "unit": self.unit_name,
            "units": self.study.units_label_in(self.lang),
            "unit_word": text("unit_word", self.lang),
            "data_label": self.study.data_label_in(self.lang),
            "year": self.year,
            "data_year": self.data_year,
            "last_year": self.study.panel_years[-1],
            "description": description + (" " if description and self.lang == "en" else ""),
            "framework": fw.name,
            "spec": self.study.spec.get("name", ""),
            "n_ind": len(fw.indicators),
            "n_dims": len(fw.aggregates) - 1,
        }

    def t(self, key: str, **values: Any) -> str:
        """:func:`text` ``key`` in the report's language with :meth:`words` and ``values``."""
        return text(key, self.lang, **{**self.words(), **values})

    def data_note(self) -> str:
        """A sentence saying the data year when it is not the report year, else ''."""
        return "" if self.data_year == self.year else self.t("data_year_note") + " "

    def absent_note(self) -> str:
        """The words for a followed unit without data in :attr:`data_year`."""
        years = self.study.unit_years(self.unit) if self.unit is not None else []
        shown = ", ".join(map(str, years)) or text("no_years", self.lang)
        return self.t("unit_absent", years=shown)

    def show_units(self, frame: pd.DataFrame, column: str = "unit") -> pd.DataFrame:
        """``frame`` with the unit codes of ``column`` replaced by their display names."""
        names = self.names
        return frame.assign(**{column: frame[column].map(lambda u: names.get(u, u))})


def report_context(
    study: str | Study, year: int | None = None, unit: str | None = None, lang: str = "zh"
) -> ReportContext:
    """The context of a report on ``study`` (name, path or :class:`Study`) for ``year``
    (default: the study's last report year), following ``unit`` (default: the study's
    focus; None when it has none) in ``lang``.

    A ``unit`` that is in no year of the panel is an :class:`InputError` naming it; one
    missing in the report's data year is not (the report says so in words).
    """
    check_lang(lang)
    loaded = load_study(study)
    chosen = unit if unit is not None else loaded.focus
    if chosen is not None and chosen not in loaded.units():
        sample = ", ".join(loaded.units()[:8])
        raise InputError(
            f"parameter 'unit': {chosen!r} is not a unit of study {loaded.name!r} (e.g. {sample})"
        )
    chosen_year = loaded.years[-1] if year is None else int(year)
    if chosen_year < loaded.panel_years[0]:
        raise InputError(
            f"parameter 'year': {chosen_year} is before the first year of study "
            f"{loaded.name!r} ({loaded.panel_years[0]})"
        )
    return ReportContext(loaded, chosen_year, lang, chosen)


def intro(ctx: ReportContext, n_units: int, with_figures: bool = False) -> str:
    """The report's opening paragraph: what is combined, for how many units, whom it follows."""
    follow = ctx.t("intro_follow") if ctx.unit is not None else ""
    opening = ctx.t("intro", n=n_units, follow=follow)
    if with_figures and ctx.unit is not None:
        return ctx.t("intro_figures") + ("" if ctx.lang == "zh" else " ") + opening
    return opening


def ranking_summary(scores: pd.DataFrame, framework: Framework, names: Mapping[str, str]) -> dict:
    """The first and last unit on the top aggregate (display names) with their scores, and
    the number of units ranked."""
    top = scores.loc[(scores["iCode"] == framework.top) & scores["rank"].notna()]
    top = top.sort_values(["rank", unit_column(scores)], kind="stable")
    first, last = top.iloc[0], top.iloc[-1]
    column = unit_column(scores)
    return {
        "n": int(len(top)),
        "first": names.get(first[column], first[column]),
        "first_score": float(first["score"]),
        "last": names.get(last[column], last[column]),
        "last_score": float(last["score"]),
    }


def units_to_plot(
    nominal: pd.Series, unit: str | None = None, limit: int = 30, around: bool = False
) -> list[str]:
    """Units a chart can label, in ``nominal`` rank order (a Series unit → rank): all when
    at most ``limit``; else, with ``around``, the ``limit`` units nearest ``unit``'s rank
    (the best ``limit`` without a unit); else the best and the worst ``limit // 2`` and
    ``unit``."""
    order = nominal.sort_values(kind="stable").index.tolist()
    if len(order) <= limit:
        return order
    if around:
        at = order.index(unit) if unit is not None and unit in order else 0
        start = min(max(at - limit // 2, 0), len(order) - limit)
        return order[start : start + limit]
    half = limit // 2
    chosen = order[:half] + order[-half:]
    if unit is not None and unit in order and unit not in chosen:
        chosen.append(unit)
    return [u for u in order if u in set(chosen)]


def bump_ranks(
    ctx: ReportContext, scores: pd.DataFrame, methods: list[str], limit: int = 30
) -> pd.DataFrame:
    """The index ranks of ``methods`` (a comparison's tidy ``method, unit, iCode, rank``)
    for :func:`analysis.plots.rank_bump`: at most ``limit`` units, those nearest the
    followed unit on the first method (:func:`units_to_plot`), named in the report's
    language."""
    chosen = scores.loc[(scores["iCode"] == ctx.framework.top) & scores["method"].isin(methods)]
    nominal = chosen.loc[chosen["method"] == methods[0]].set_index("unit")["rank"]
    keep = units_to_plot(nominal, ctx.unit if ctx.present else None, limit, around=True)
    return ctx.show_units(chosen.loc[chosen["unit"].isin(keep)])


def highlight_row(table: pd.DataFrame, label: str | None) -> Any:
    """``table`` as the report shows tables (:func:`analysis.styled.styled_table`) with
    the row(s) whose index is ``label`` highlighted (the followed unit); nothing
    highlighted when ``label`` is not in its index. A table whose index repeats (a unit on
    several rows) is shown with the index as its first column."""
    from analysis.styled import styled_table

    return styled_table(table, label)


def intervals_to_plot(ctx: ReportContext, ranks: pd.DataFrame, limit: int = 40) -> pd.DataFrame:
    """Rank intervals (``unit, nominal, median, q05, q95``) of at most ``limit`` units
    (:func:`units_to_plot`), named in the report's language."""
    keep = units_to_plot(ranks.set_index("unit")["nominal"], ctx.unit if ctx.present else None, limit)
    return ctx.show_units(ranks.loc[ranks["unit"].isin(keep)])
