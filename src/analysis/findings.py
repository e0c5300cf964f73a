"""Key findings of the annual report: three to five claims as data, then as sentences.

Each :class:`Finding` holds the text key of its sentence and the values that fill it, the
caveats that stand beside it (text keys and values) and the anchor of the section with
the evidence. :func:`unit_findings` computes them for a followed unit, :func:`ranking_findings`
for the ranking as a whole (no followed unit, or one without data in the data year);
:func:`render_findings` writes them in the report's language as a numbered Markdown list,
each with its caveat and a link to the evidence (``#anchor``).

Every number is computed here from the tables the sections below show: the nominal build
(:class:`analysis.index.IndexResult`), the leave-one-out rebuilds (:mod:`analysis.leave_out`),
the Monte Carlo rank intervals (``SensitivityResult.ranks``), the like-for-like comparison
of two data years (:mod:`analysis.changes`) and the method comparison. Numbers are
formatted once, here (:func:`fmt`), so that a test can read them back from the sentences.

Quality caveats read the framework: a quality measured by one indicator; a line of the
framework's ``notes`` naming an indicator of the quality (``weak proxy`` → proxy,
``contested`` → contested, anything else quoted); an indicator whose Spearman correlation
with its own quality's score is negative (notebook 20's coherence check).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from analysis import aggregate, changes
from analysis import leave_out as lo
from analysis.framework import Framework
from analysis.index import IndexResult
from analysis.report import ReportContext, text

#: section anchors the findings link to (the notebook puts ``<a id=...>`` before each)
ANCHORS = {
    "peers": "sec-peers",
    "headline": "sec-headline",
    "changes": "sec-changes",
    "methods": "sec-methods",
    "robust": "sec-robust",
    "leave_out": "sec-leave-out",
}

OFFICIAL_COLUMNS = ("ranking", "rank", "out_of", "what_it_measures", "source", "quote")


@dataclass(frozen=True)
class Finding:
    """One finding: ``key`` and ``values`` of its sentence, its ``caveats`` (``(key,
    values)`` pairs) and the ``anchor`` of its evidence."""

    key: str
    values: dict[str, Any]
    anchor: str
    caveats: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def fmt(value: float, decimals: int = 1) -> str:
    """A number as the sentences show it: fixed decimals, a true minus sign."""
    return f"{value:.{decimals}f}".replace("-", "−")


def ordinal(rank: int | None, lang: str) -> str:
    """A rank as the sentences show it: ``6`` in Chinese (the text says 第 6 位), ``6th``
    in English."""
    if rank is None:
        return "—"
    if lang == "zh":
        return str(rank)
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def share_text(share: float) -> str:
    """A weight share as a fraction when it is one of small denominator (1/6), else %."""
    frac = Fraction(share).limit_denominator(12)
    if abs(float(frac) - share) < 1e-9 and frac.denominator > 1:
        return f"{frac.numerator}/{frac.denominator}"
    return f"{100 * share:.0f}%"


# ---------------------------------------------------------------------------- quality facts


def note_lines(fw: Framework) -> list[str]:
    """The framework's notes as items: each bullet (``- ...``, continuation lines joined)."""
    items: list[str] = []
    for line in fw.notes.splitlines():
        stripped = line.strip()
        if stripped.startswith(("- ", "* ")):
            items.append(stripped[2:].strip())
        elif stripped and items and line.startswith((" " * 4, "\t")):
            items[-1] += " " + stripped
    return items


def quality_notes(fw: Framework, quality: str) -> list[tuple[str, str, str]]:
    """The framework notes that name ``quality`` or one of its indicators: ``(kind, code,
    note)`` with kind ``proxy`` (the note says *proxy*), ``contested`` or ``note``."""
    names = fw.table.set_index("code")["name"].astype(str)
    out = []
    for note in note_lines(fw):
        for code in [*fw.children(quality), quality]:
            named = re.search(rf"\b{re.escape(code)}\b", note) or (names[code] and names[code] in note)
            if not named:
                continue
            lower = note.lower()
            kind = "contested" if "contested" in lower else "proxy" if "proxy" in lower else "note"
            target = code if code != quality or len(fw.children(quality)) != 1 else fw.children(quality)[0]
            out.append((kind, target, note))
            break
    return out


def coherence(result: IndexResult) -> pd.Series:
    """Spearman's ρ of each indicator (as aggregated: normalised, directions applied) with
    its parent's score, indexed by indicator code (notebook 20's coherence check)."""
    fw = result.framework
    data = result.datasets["Aggregated"]
    return pd.Series(
        [data[c].corr(data[fw.parent_of[c]], method="spearman") for c in fw.indicators],
        index=fw.indicators,
        dtype=np.float64,
    )


def quality_facts(result: IndexResult, quality: str, unit: str) -> dict[str, Any]:
    """What the report says about one quality of ``unit``: its indicators, their share of
    the index, the unit's quality and index rank without each indicator, the framework's
    notes on them and their coherence (:func:`coherence`)."""
    fw = result.framework
    children = fw.children(quality)
    units = list(result.aggregated_input().index)
    at = units.index(unit)
    scores = lo.reaggregate(result, np.vstack([lo.build_weights(result)[None, :],
                                               lo.weight_sets(result, children)]))  # fmt: skip
    ranks = aggregate.rank_desc(scores, axis=-2)  # (R, n, n_aggregates)
    q, top = fw.aggregates.index(quality), fw.aggregates.index(fw.top)
    weights = lo.build_weights(result)
    share = float(weights[fw.codes.index(quality)])
    parent = fw.parent_of[quality]
    while parent is not None and parent != fw.top:
        share *= float(weights[fw.codes.index(parent)])
        parent = fw.parent_of[parent]
    rho = coherence(result)
    return {
        "quality": quality,
        "indicators": children,
        "k": len(children),
        "share": share,
        "rank": int(ranks[0, at, q]),
        "index_rank": int(ranks[0, at, top]),
        "quality_without": {c: _int(ranks[1 + i, at, q]) for i, c in enumerate(children)},
        "index_without": {c: _int(ranks[1 + i, at, top]) for i, c in enumerate(children)},
        "notes": quality_notes(fw, quality),
        "rho": {c: float(rho[c]) for c in children},
    }


def _t(ctx: ReportContext, key: str, **values: Any) -> str:
    return ctx.t(key, **ranked(ctx.lang, values))


def _official_item(ctx: ReportContext, row: pd.Series) -> str:
    """One official ranking in words: a numeric place with its field (第 7/40 位), or the
    place as the source wrote it (第7位, 前十, 第一等次; 7th, first grade) with the field
    when the source gives one."""
    rank, out_of = row["rank"], row["out_of"]
    if isinstance(rank, (int, np.integer)) and not pd.isna(out_of):
        return _t(ctx, "official_item", ranking=row["ranking"], rank=int(rank), out_of=int(out_of),
                  what=row["what_it_measures"])  # fmt: skip
    among = "" if pd.isna(out_of) else ctx.t("official_among", out_of=int(out_of))
    return ctx.t("official_item_written", ranking=row["ranking"], rank=rank, among=among,
                 what=row["what_it_measures"])  # fmt: skip


def _int(value: float) -> int | None:
    return None if np.isnan(value) else int(value)


def _quality_finding(ctx: ReportContext, key: str, facts: dict[str, Any], n: int) -> Finding:
    names = ctx.indicator_names
    k = facts["k"]
    base = facts["index_rank"]
    clauses = []
    if k == 1:
        (code,) = facts["indicators"]
        clauses.append(_t(ctx, "without_one", indicator=names[code], before=base,
                             after=facts["index_without"][code]))  # fmt: skip
    elif k <= 2:
        for code in facts["indicators"]:
            clauses.append(_t(ctx, "without_quality", indicator=names[code],
                                 q_after=facts["quality_without"][code],
                                 after=facts["index_without"][code]))  # fmt: skip
    else:
        q_ranks = [r for r in facts["quality_without"].values() if r is not None]
        i_ranks = [r for r in facts["index_without"].values() if r is not None]
        clauses.append(_t(ctx, "without_range", lo=min(q_ranks), hi=max(q_ranks),
                             index_lo=min(i_ranks), index_hi=max(i_ranks)))  # fmt: skip
    flagged = {code for _, code, _ in facts["notes"]} | {
        c for c, r in facts["rho"].items() if r < 0
    }
    if k > 2:  # name every flagged indicator's effect beside the range
        for code in [c for c in facts["indicators"] if c in flagged]:
            clauses.append(_t(ctx, "without_quality", indicator=names[code],
                                 q_after=facts["quality_without"][code],
                                 after=facts["index_without"][code]))  # fmt: skip
    separator = "；" if ctx.lang == "zh" else "; "
    values = {
        "quality": ctx.indicator_names[facts["quality"]],
        "rank": facts["rank"],
        "n": n,
        "k_indicators": f"{k} 个指标" if ctx.lang == "zh" else f"{k} indicator" + ("s" if k > 1 else ""),
        "share": share_text(facts["share"]),
        "without": separator.join(clauses),
    }
    caveats: list[tuple[str, dict[str, Any]]] = []
    notes = list(facts["notes"])
    if k == 1:
        (only,) = facts["indicators"]
        proxy = [n for n in notes if n[0] == "proxy" and n[1] == only]
        caveats.append(("c_single_proxy" if proxy else "c_single", {"indicator": names[only]}))
        notes = [n for n in notes if n not in proxy]
    for kind, code, note in notes:
        key_of = {"proxy": "c_proxy", "contested": "c_contested"}.get(kind, "c_note")
        caveats.append((key_of, {"indicator": names.get(code, code), "note": note}))
    for code, rho in facts["rho"].items():
        if rho < 0:
            caveats.append(("c_negative", {"indicator": names[code], "rho": fmt(rho, 2)}))
    if not caveats:
        caveats.append(("c_quality_ok", {}))
    return Finding(key, values, ANCHORS["leave_out"], caveats)


# ---------------------------------------------------------------------------- findings


def unit_findings(
    ctx: ReportContext, result: IndexResult, intervals: pd.DataFrame, runs: int, seed: int,
    comparison: changes.YearComparison | None, method_summary: Mapping[str, Any] | None,
    official: pd.DataFrame | None = None,
) -> list[Finding]:  # fmt: skip
    """The followed unit's findings: its rank out of N with its Monte Carlo interval
    (``intervals``: ``unit, nominal, median, q05, q95``), its strongest and weakest
    quality (:func:`quality_facts`), the change against the previous data year on the
    common units (``comparison``), its rank range over the weighting methods
    (``method_summary``: :func:`analysis.report.method_summary`). ``official``: a table
    :data:`OFFICIAL_COLUMNS` of the rankings the sources quote, set beside the rank."""
    from analysis.report import strongest_weakest, unit_profile

    fw, unit = ctx.framework, ctx.unit
    assert unit is not None
    profile = unit_profile(result.scores, fw, unit, ctx.lang)
    n = int(profile.at[fw.top, "of"])
    row = intervals.loc[intervals["unit"] == unit].iloc[0]
    rank_caveats: list[tuple[str, dict[str, Any]]] = [
        ("c_rank", {"data_note": data_note(ctx), "runs": runs, "seed": seed})
    ]
    if official is not None and len(official):
        items = [_official_item(ctx, r) for _, r in official.iterrows()]
        rank_caveats.append(("c_official", {"rankings": ("；" if ctx.lang == "zh" else "; ").join(items)}))
    found = [
        Finding(
            "f_rank",
            {"rank": int(profile.at[fw.top, "rank"]), "n": n, "score": fmt(profile.at[fw.top, "score"]),
             "q05": int(round(row["q05"])), "q95": int(round(row["q95"]))},  # fmt: skip
            ANCHORS["peers"],
            rank_caveats,
        )
    ]
    best, worst = strongest_weakest(profile, fw)
    found.append(_quality_finding(ctx, "f_strongest", quality_facts(result, best, unit), n))
    found.append(_quality_finding(ctx, "f_weakest", quality_facts(result, worst, unit), n))
    if comparison is not None:
        found.append(change_finding(ctx, comparison))
    if method_summary is not None:
        m = method_summary
        found.append(
            Finding(
                "f_methods",
                {"k": m["k"], "lo": m["lo"], "hi": m["hi"], "nominal_rank": m["nominal_rank"]},
                ANCHORS["methods"],
                [("c_methods", {"far": m["far"], "shift": fmt(m["shift"])})],
            )
        )
    return found


def change_finding(ctx: ReportContext, comparison: changes.YearComparison) -> Finding:
    """The followed unit's change on the units of both data years (``f_change``, or
    ``f_change_same`` when the previous report read the same data, ``f_change_absent``
    when the unit lacks one of the years)."""
    change = changes.unit_change(comparison, ctx.unit)  # type: ignore[arg-type]
    previous = changes.previous_report(ctx.study, ctx.year)
    caveat = change_caveat(comparison)
    common = {"earlier": change["earlier"], "later": change["later"], "n_common": change["n_common"]}
    if change["rank_before"] is None or change["rank_after"] is None:
        return Finding("f_change_absent", common, ANCHORS["changes"], [caveat])
    moved = {**common, "rank_before": change["rank_before"], "rank_after": change["rank_after"]}
    if previous is not None and previous["same_data"]:
        values = {**moved, "previous": previous["previous"]}
        return Finding("f_change_same", values, ANCHORS["changes"], [caveat])
    values = {**moved, "score_before": fmt(change["score_before"]), "score_after": fmt(change["score_after"])}
    return Finding("f_change", values, ANCHORS["changes"], [caveat])


def ranking_findings(
    ctx: ReportContext, result: IndexResult, intervals: pd.DataFrame,
    runs: int, seed: int, left: lo.LeaveOut, comparison: changes.YearComparison | None,
    agreement: pd.DataFrame | None, nominal_method: str | None = None,
) -> list[Finding]:  # fmt: skip
    """Findings about the ranking as a whole: first and last (with the first's Monte
    Carlo interval), the median and widest rank interval, the indicator whose removal
    moves the ranking most, the agreement of the two data years on their common units,
    and the method that agrees least with the nominal one (``agreement``: a method
    comparison's ``method, spearman, mean_abs_shift`` table)."""
    fw, names = ctx.framework, ctx.names
    top = result.scores.loc[(result.scores["iCode"] == fw.top) & result.scores["rank"].notna()]
    top = top.sort_values(["rank", "uCode"], kind="stable")
    first, last = top.iloc[0], top.iloc[-1]
    row = intervals.loc[intervals["unit"] == first["uCode"]].iloc[0]
    found = [
        Finding(
            "f_top",
            {"n": len(top), "first": names.get(first["uCode"], first["uCode"]),
             "first_score": fmt(first["score"]), "q05": int(round(row["q05"])),
             "q95": int(round(row["q95"])), "last": names.get(last["uCode"], last["uCode"]),
             "last_score": fmt(last["score"])},  # fmt: skip
            ANCHORS["peers"],
            [("c_rank", {"data_note": data_note(ctx), "runs": runs, "seed": seed})],
        )
    ]
    width = intervals["q95"] - intervals["q05"]
    widest = intervals.loc[width.idxmax()]
    found.append(
        Finding(
            "f_robust_all",
            {"median_width": fmt(float(width.median())),
             "widest": names.get(widest["unit"], widest["unit"]),
             "w_q05": int(round(widest["q05"])), "w_q95": int(round(widest["q95"]))},  # fmt: skip
            ANCHORS["robust"],
            [("c_runs", {"runs": runs, "seed": seed})],
        )
    )
    indicators = left.shift.loc[left.shift["level"] == 1]
    most = indicators.loc[indicators["mean_abs_shift"].idxmax()]
    found.append(
        Finding(
            "f_leave_out_all",
            {"k": len(indicators), "code": ctx.indicator_names.get(most["left_out"], most["left_out"]),
             "shift": fmt(float(most["mean_abs_shift"]), 2)},  # fmt: skip
            ANCHORS["leave_out"],
            [("c_leave_out_all", {})],
        )
    )
    if comparison is not None:
        moved = changes.movers(comparison)
        riser = moved.iloc[0]
        found.append(
            Finding(
                "f_change_all",
                {"earlier": comparison.earlier, "n_common": len(comparison.common),
                 "rho": fmt(moved.attrs["spearman"], 2), "riser": names.get(riser["unit"], riser["unit"]),
                 "riser_before": int(riser["rank_before"]), "riser_after": int(riser["rank_after"])},  # fmt: skip
                ANCHORS["changes"],
                [change_caveat(comparison)],
            )
        )
    if agreement is not None:
        others = agreement.loc[agreement["method"] != nominal_method] if nominal_method else agreement
        far = others.loc[others["spearman"].idxmin()]
        found.append(
            Finding(
                "f_methods_all",
                {"k": int(agreement["method"].nunique()), "far": far["method"],
                 "rho": fmt(float(far["spearman"]), 2), "shift": fmt(float(far["mean_abs_shift"]))},  # fmt: skip
                ANCHORS["methods"],
                [("c_methods_all", {})],
            )
        )
    return found


def data_note(ctx: ReportContext) -> str:
    """:meth:`ReportContext.data_note` spaced for the language (none after Chinese)."""
    note = ctx.data_note()
    return note.strip() if ctx.lang == "zh" else note


def change_caveat(comparison: changes.YearComparison) -> tuple[str, dict[str, Any]]:
    """The caveat of a change across data years: ``c_change`` with both years' own set
    sizes and the units that left and joined, or ``c_change_same_set`` when both years
    rank the same units."""
    own_n = comparison.own.groupby("year")["rank"].count()
    values = {
        "earlier": comparison.earlier, "later": comparison.later,
        "n_before": int(own_n.get(comparison.earlier, 0)), "n_after": int(own_n.get(comparison.later, 0)),
        "n_left": len(comparison.left), "n_joined": len(comparison.joined),
    }  # fmt: skip
    if not comparison.left and not comparison.joined:
        return "c_change_same_set", {"n_before": values["n_before"]}
    return "c_change", values


# ---------------------------------------------------------------------------- rendering


#: value names that hold a rank (shown as ordinals in English)
RANK_KEYS = frozenset({
    "rank", "q05", "q95", "before", "after", "q_after", "lo", "hi", "index_lo", "index_hi",
    "rank_before", "rank_after", "nominal_rank", "w_q05", "w_q95", "riser_before", "riser_after",
    "own_before", "own_after", "nominal",
})  # fmt: skip


def ranked(lang: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with the ranks (:data:`RANK_KEYS`) as :func:`ordinal` shows them."""
    return {k: ordinal(v, lang) if k in RANK_KEYS and isinstance(v, int | None) else v
            for k, v in values.items()}  # fmt: skip


def sentence(ctx: ReportContext, finding: Finding) -> str:
    """The finding's sentence in the report's language."""
    return ctx.t(finding.key, **ranked(ctx.lang, finding.values))


def caveat(ctx: ReportContext, finding: Finding) -> str:
    """The finding's caveats, one after the other."""
    space = "" if ctx.lang == "zh" else " "
    return space.join(ctx.t(key, **values) for key, values in finding.caveats).strip()


def render_findings(ctx: ReportContext, found: list[Finding]) -> str:
    """The findings as a numbered Markdown list: the sentence in bold, then the caveat and
    a link to the evidence (``#anchor``)."""
    label, evidence = text("finding_caveat", ctx.lang), text("finding_evidence", ctx.lang)
    colon = "：" if ctx.lang == "zh" else ": "
    lines = [
        f"{k}. **{sentence(ctx, f)}**  \n{label}{colon}{caveat(ctx, f)} "
        f"[→ {evidence}](#{f.anchor})"
        for k, f in enumerate(found, start=1)
    ]
    return "\n".join(lines)


def anchor(name: str) -> str:
    """The HTML anchor a section starts with (``<a id="sec-..."></a>``), by key of
    :data:`ANCHORS`."""
    return f'<a id="{ANCHORS[name]}"></a>'
