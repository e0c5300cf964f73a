"""The sensitivity analysis as a reader sees it: tables with names, sentences, figures.

Every function takes a :class:`~analysis.sensitivity.reporting.ReportSensitivity` and the
report's language (``zh`` or ``en``) and returns a plain table (display names, no codes,
no index, missing values as —), a sentence, or a Matplotlib figure, worded from the
``nb40_*`` texts of :mod:`analysis.texts_sensitivity`. The annual report and the unit
profile use the same functions as notebook 40.

Sobol indices are shown clipped to [0, 1] (:func:`~analysis.sensitivity.reporting.clip_indices`)
with the raw estimate beside any that left the interval; they are shown as results only
when the convergence verdict says they have converged (:func:`verdict_sentence`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.report_text import TEXT

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from analysis.sensitivity.reporting import ReportSensitivity

MISSING = "—"
#: Okabe & Ito's colour-blind-safe palette (blue, orange, bluish green, vermillion, ...)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")


def word(key: str, lang: str, **values: Any) -> str:
    """The text ``key`` of :data:`analysis.report_text.TEXT` in ``lang``, filled with ``values``."""
    return TEXT[key][lang].format(**values)


def factor_name(factor: str, lang: str) -> str:
    """A factor's display name (``Weights`` → 权重 / weights); the name itself when unknown."""
    key = f"nb40_factor_{factor}"
    return TEXT[key][lang] if key in TEXT else factor


def factors_table(rs: ReportSensitivity, lang: str) -> pd.DataFrame:
    """One row per uncertain factor: its name, what varies, how many alternatives."""
    rows = []
    for f in rs.result.factors:
        key = f"nb40_varies_{f.name}"
        varies = word(key, lang, count=len(f.labels)) if key in TEXT else f.kind
        rows.append((factor_name(f.name, lang), varies, len(f.labels)))
    columns = [
        word(k, lang) for k in ("nb40_col_factor", "nb40_col_varies", "nb40_col_alternatives")
    ]
    return pd.DataFrame(rows, columns=columns)


def intervals_table(rs: ReportSensitivity, names: Mapping[str, str], lang: str) -> pd.DataFrame:
    """Every unit by nominal rank: display name, nominal rank, median rank, the 90 % interval
    ``[low, high]`` in whole ranks and its width (high − low). ``names`` maps unit → name."""
    table = rs.intervals.sort_values(["nominal", "unit"], kind="stable")
    width = (table["high"] - table["low"]).astype("Int64")
    interval = [
        MISSING if pd.isna(lo) else f"[{int(lo)}, {int(hi)}]"
        for lo, hi in zip(table["low"], table["high"], strict=True)
    ]
    return pd.DataFrame(
        {
            TEXT["col_unit"][lang]: [names.get(u, u) for u in table["unit"]],
            word("nb40_col_nominal", lang): _integers(table["nominal"]),
            word("nb40_col_median", lang): [
                MISSING if pd.isna(v) else f"{v:g}" for v in table["median"]
            ],
            word("nb40_col_interval", lang): interval,
            word("nb40_col_width", lang): _integers(width),
        }
    )


def intervals_for_plot(
    rs: ReportSensitivity, names: Mapping[str, str], units: Collection[str] | None = None
) -> pd.DataFrame:
    """``unit, nominal, median, q05, q95`` for :func:`analysis.plots.rank_uncertainty`, with
    the whole-rank interval as q05 / q95 (the numbers the tables print) and display names;
    only ``units`` (codes) when given, and only units with a rank."""
    table = rs.intervals.dropna(subset=["low"])
    if units is not None:
        table = table.loc[table["unit"].isin(list(units))]
    return pd.DataFrame(
        {
            "unit": [names.get(u, u) for u in table["unit"]],
            "nominal": table["nominal"].astype(np.float64).to_numpy(),
            "median": table["median"].to_numpy(np.float64),
            "q05": table["low"].astype(np.float64).to_numpy(),
            "q95": table["high"].astype(np.float64).to_numpy(),
        }
    )


def sobol_table(rs: ReportSensitivity, lang: str) -> pd.DataFrame:
    """The Sobol indices for reading: factor name, Si and STi clipped to [0, 1] with their
    bootstrap 90 % intervals (clipped likewise), and — when any index left [0, 1] — a column
    of the raw estimates of those factors (— for the others). Sorted by STi, largest first."""
    table = rs.sobol.sort_values("STi", ascending=False, kind="stable")
    raw = [
        f"{_number(si, 3)}; {_number(sti, 3)}" if noisy else MISSING
        for si, sti, noisy in zip(table["Si"], table["STi"], table["noise"], strict=True)
    ]
    out = pd.DataFrame(
        {
            word("nb40_col_factor", lang): [factor_name(f, lang) for f in table["factor"]],
            word("nb40_col_si", lang): _with_interval(table, "Si"),
            word("nb40_col_sti", lang): _with_interval(table, "STi"),
        }
    )
    if table["noise"].any():
        out[word("nb40_col_raw", lang)] = raw
    return out


def inert_factors(rs: ReportSensitivity, lang: str, threshold: float = 0.01) -> list[str]:
    """Display names of the factors whose STi is below ``threshold`` at its 95th percentile."""
    inert = rs.sobol.loc[rs.sobol["STi_q95"] < threshold, "factor"]
    return [factor_name(f, lang) for f in inert]


def verdict_sentence(rs: ReportSensitivity, lang: str) -> str:
    """Whether the Sobol indices converged at N, in one sentence (Markdown): the widest STi
    interval and the largest change from N/2, or — not converged — a plain statement that
    they are not results, with the N to try next (:attr:`Convergence.suggested_n`)."""
    v = rs.verdict
    sizes = sorted(rs.convergence["N"].unique())
    values = {
        "n": v.n,
        "n_half": sizes[-2] if len(sizes) > 1 else v.n,
        "n_next": v.suggested_n,
        "widest": v.widest_ci,
        "factor": factor_name(v.widest_factor, lang),
        "change": 0.0 if np.isnan(v.largest_change) else v.largest_change,
        "ci_width": v.ci_width,
        "tolerance": v.tolerance,
    }
    return word("nb40_converged" if v.converged else "nb40_not_converged", lang, **values)


def convergence_summary(rs: ReportSensitivity, lang: str) -> pd.DataFrame:
    """Per N of the nested designs: N, runs, the widest STi 90 % interval, the largest
    change of any Si or STi from the previous N (— for the first) and whether both meet
    the criteria (:func:`~analysis.sensitivity.convergence.judge_convergence`)."""
    from analysis.sensitivity.convergence import judge_convergence

    table = rs.convergence
    sizes = sorted(table["N"].unique())
    d = table["factor"].nunique()
    rows = []
    for k, n in enumerate(sizes):
        verdict = judge_convergence(
            table.loc[table["N"].isin(sizes[max(0, k - 1) : k + 1])],
            rs.verdict.ci_width,
            rs.verdict.tolerance,
        )
        change = MISSING if k == 0 else _number(verdict.largest_change, 3)
        meets = word("nb40_yes" if verdict.converged else "nb40_no", lang)
        runs = f"{int(n) * (d + 2):,}"
        rows.append((_integer(n), runs, _number(verdict.widest_ci, 3), change, meets))
    keys = ("nb40_col_n", "nb40_col_runs", "nb40_col_widest", "nb40_col_change", "nb40_col_verdict")
    return pd.DataFrame(rows, columns=[word(k, lang) for k in keys])


def sobol_figure(rs: ReportSensitivity, lang: str, title: str | None = None) -> Figure:
    """Bars of Si and STi per factor (clipped to [0, 1]) with their bootstrap 90 % intervals,
    labelled in ``lang``, colour-blind-safe colours."""
    import matplotlib.pyplot as plt

    table = rs.sobol.sort_values("STi", ascending=False, kind="stable")
    x = np.arange(len(table))
    fig, ax = plt.subplots(figsize=(max(4.5, 1.2 * len(table) + 2.0), 3.6))
    for offset, (index, legend, colour) in zip(
        (-0.2, 0.2),
        (("Si", "nb40_legend_si", PALETTE[0]), ("STi", "nb40_legend_sti", PALETTE[1])),
        strict=True,
    ):
        shown = np.clip(table[index].to_numpy(np.float64), 0, 1)
        low = np.clip(table[f"{index}_q05"].to_numpy(np.float64), 0, 1)
        high = np.clip(table[f"{index}_q95"].to_numpy(np.float64), 0, 1)
        errors = np.vstack([np.maximum(shown - low, 0), np.maximum(high - shown, 0)])
        ax.bar(x + offset, shown, 0.4, color=colour, label=word(legend, lang))
        ax.errorbar(x + offset, shown, yerr=errors, fmt="none", ecolor="0.2", capsize=3, lw=1)
    ax.set_xticks(x, [factor_name(f, lang) for f in table["factor"]])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(word("nb40_index_axis", lang))
    ax.legend(frameon=False, loc="upper right")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def convergence_figure(rs: ReportSensitivity, lang: str, title: str | None = None) -> Figure:
    """Si (top) and STi (bottom) of every factor against N (log 2 axis), with bootstrap
    90 % intervals as error bars: the convergence evidence at a glance. Stacked panels and
    the legend below keep it readable on a phone."""
    import matplotlib.pyplot as plt

    table = rs.convergence
    sizes = sorted(table["N"].unique())
    fig, axes = plt.subplots(2, 1, figsize=(6.0, 5.6), sharex=True)
    factors = list(dict.fromkeys(table["factor"]))
    panels = (("Si", "nb40_legend_si"), ("STi", "nb40_legend_sti"))
    for ax, (index, legend) in zip(axes, panels, strict=True):
        for k, factor in enumerate(factors):
            rows = table.loc[table["factor"] == factor].sort_values("N")
            value = rows[index].to_numpy(np.float64)
            low = rows[f"{index}_q05"].to_numpy(np.float64)
            high = rows[f"{index}_q95"].to_numpy(np.float64)
            shift = (k - (len(factors) - 1) / 2) * 0.04  # keep the error bars apart
            n = rows["N"].to_numpy(np.float64) * 2**shift
            ax.errorbar(n, value, yerr=[value - low, high - value], marker="o", ms=4, capsize=2, lw=1.2,
                        color=PALETTE[k % len(PALETTE)], label=factor_name(factor, lang))  # fmt: skip
        ax.axhline(0, color="0.6", lw=0.8)
        ax.set_ylabel(word(legend, lang))
        ax.spines[["top", "right"]].set_visible(False)
    axes[1].set_xscale("log", base=2)
    axes[1].set_xticks(sizes, [str(int(n)) for n in sizes])
    axes[1].minorticks_off()
    axes[1].set_xlabel(word("nb40_n_axis", lang))
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, frameon=False, ncol=min(4, len(labels)), loc="lower center")
    if title:
        fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def localise_rank_plot(fig: Figure, lang: str, highlight: str | None = None) -> Figure:
    """:func:`analysis.plots.rank_uncertainty` with its axis label and legend in ``lang``,
    integer rank ticks, and the label of ``highlight`` (a unit's display name) marked as the
    tables mark it (dark text on yellow)."""
    ax = fig.axes[0]
    for label in ax.get_yticklabels():
        if highlight is not None and label.get_text() == highlight:
            label.set_color("#8a5a00")
            label.set_bbox({"facecolor": "#ffe08a", "edgecolor": "none", "pad": 1.5})
    ax.set_xlabel(word("nb40_rank_axis", lang))
    handles, _ = ax.get_legend_handles_labels()
    labels = [
        word(k, lang) for k in ("nb40_legend_interval", "nb40_legend_median", "nb40_legend_nominal")
    ]
    legend = ax.get_legend()
    if legend is not None and len(handles) == len(labels):
        ax.legend(
            handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False
        )
    ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def styled(table: pd.DataFrame, highlight: str | None = None, column: str | None = None) -> Any:
    """``table`` as the report shows tables (:func:`analysis.styled.styled_table`): no
    index, text left-aligned, the row whose ``column`` (default the first) equals
    ``highlight`` (the followed unit's display name) in bold on yellow."""
    from analysis.styled import styled_table

    return styled_table(table.reset_index(drop=True), highlight, by=column)


def _with_interval(table: pd.DataFrame, index: str) -> list[str]:
    """``0.30 [0.25, 0.35]`` with value and interval clipped to [0, 1] (— for NaN)."""
    out = []
    for v, lo, hi in zip(table[index], table[f"{index}_q05"], table[f"{index}_q95"], strict=True):
        if pd.isna(v):
            out.append(MISSING)
            continue
        shown = min(max(float(v), 0.0), 1.0)
        if pd.isna(lo) or pd.isna(hi):
            out.append(f"{shown:.2f}")
        else:
            low, high = (min(max(float(b), 0.0), 1.0) for b in (lo, hi))
            out.append(f"{shown:.2f} [{low:.2f}, {high:.2f}]")
    return out


def _number(value: Any, digits: int) -> str:
    return MISSING if pd.isna(value) else f"{float(value):.{digits}f}"


def _integer(value: Any) -> str:
    return MISSING if pd.isna(value) else f"{int(value)}"


def _integers(values: Any) -> list[str]:
    return [_integer(v) for v in values]
