"""Comparing method combinations (weights x normalisation x aggregation) on one panel, each
built by :mod:`analysis.engine` (see :mod:`analysis.compare`)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import aggregate as aggregate_mod
from analysis import ahp as ahp_mod
from analysis import engine, ranking
from analysis import index as index_mod
from analysis import normalise as normalise_mod
from analysis import rank as rank_mod
from analysis import weights as weights_mod
from analysis.compare.rankings import compare_rankings, movers
from analysis.config import SPECS_DIR
from analysis.errors import InputError
from analysis.files import read_yaml
from analysis.framework import Framework

# ---------------------------------------------------------------------------------------
# comparing method combinations: weights x normalisation x aggregation on one panel
# ---------------------------------------------------------------------------------------

COMBINATION_COLUMNS = ("method", "weights", "normalisation", "aggregation")
LEVEL_WEIGHT_COLUMNS = ("method", "code", "level", "weight")
METHOD_SCORE_COLUMNS = ("method", "unit", "iCode", "score", "rank")
COMBINATION_KEYS = frozenset({"name", "weights", "normalisation", "aggregation"})
#: TOPSIS normalises its input itself (Hwang & Yoon 1981: vector; or min-max)
TOPSIS_NORMALISATIONS = ("vector", "minmax")


@dataclass(frozen=True, eq=False)
class MethodComparison:
    """What :func:`compare_methods` produced: tidy tables, one row per method and item.

    Attributes
    ----------
    combinations : ``method, weights, normalisation, aggregation`` (one row per
        combination, nominal first; the last three as text, e.g. ``minmax(l=1, u=100)``)
    weights : ``method, code, level, weight``: every framework code but the top one, its
        level and its weight **within its group** (siblings sum to 1)
    scores : ``method, unit, iCode, score, rank`` for every aggregate, the Index included
        (rank 1 = highest score, ties take the lowest rank)
    shifts, agreement : :func:`compare_rankings` of the Index scores against ``nominal``
    movers : :func:`movers`: the units that move most under each method and the
        indicators whose effective weight (share in the Index) changed most
    effective_weights : ``method, indicator, weight``: each indicator's share in the Index,
        the product of the within-group weights down the tree (COINr's effective weights)
    nominal : the nominal method's name; ``year`` : the data year indexed; ``top`` : the
        code of the Index
    """

    combinations: pd.DataFrame
    weights: pd.DataFrame
    scores: pd.DataFrame
    shifts: pd.DataFrame
    agreement: pd.DataFrame
    movers: pd.DataFrame
    effective_weights: pd.DataFrame
    nominal: str
    year: Any
    top: str

    def ranks(self, code: str | None = None) -> pd.DataFrame:
        """Tidy ``method, unit, score, rank`` of one aggregate (default: the Index)."""
        code = self.top if code is None else code
        part = self.scores.loc[self.scores["iCode"] == code, ["method", "unit", "score", "rank"]]
        if part.empty:
            raise InputError(f"no aggregate {code!r}; aggregates: {sorted(self.scores['iCode'].unique())}")
        return part.reset_index(drop=True)


def _step(value: Any, what: str, name: str) -> dict[str, Any]:
    """A method choice as ``{"method": ..., **options}`` from a name or a mapping."""
    if isinstance(value, str):
        return {"method": value}
    if isinstance(value, Mapping) and isinstance(value.get("method"), str):
        return dict(value)
    raise InputError(f"combination {name!r}: {what} must be a method name or {{method: ..., options}}")


def _label(entry: Mapping[str, Any]) -> str:
    options = ", ".join(f"{k}={v}" for k, v in entry.items() if k != "method" and k != "pairwise")
    if "pairwise" in entry:
        options = ", ".join(filter(None, [options, f"pairwise={sorted(entry['pairwise'])}"]))
    return f"{entry['method']}({options})" if options else str(entry["method"])


def _resolve_combination(raw: Any, position: int) -> dict[str, Any]:
    """Validate one combination; names resolved, so unknown methods fail before any work."""
    if not isinstance(raw, Mapping):
        raise InputError(f"combination {position + 1}: expected a mapping, got {type(raw).__name__}")
    unknown = sorted(set(raw) - COMBINATION_KEYS)
    if unknown:
        raise InputError(
            f"combination {position + 1}: unknown key(s) {unknown}; use {sorted(COMBINATION_KEYS)}"
        )
    missing = [k for k in ("weights", "aggregation") if k not in raw]
    if missing:
        raise InputError(f"combination {position + 1}: missing {', '.join(missing)}")
    w = _step(raw["weights"], "weights", str(raw.get("name", position + 1)))
    a = _step(raw["aggregation"], "aggregation", str(raw.get("name", position + 1)))
    n = _step(raw.get("normalisation", "minmax"), "normalisation", str(raw.get("name", position + 1)))
    try:
        w["method"] = weights_mod.resolve_method(w["method"])
    except InputError as err:
        raise InputError(f"combination {position + 1}: {err}") from None
    a["method"] = aggregate_mod.ALIASES.get(a["method"], a["method"])
    if a["method"] != "topsis" and a["method"] not in aggregate_mod.METHODS:
        raise InputError(
            f"combination {position + 1}: unknown aggregation {raw['aggregation']!r}; "
            f"use one of {sorted([*aggregate_mod.METHODS, 'topsis'])}"
        )
    if a["method"] == "topsis":
        if "normalisation" not in raw:
            n = {"method": "vector"}
        if n["method"] not in TOPSIS_NORMALISATIONS or len(n) > 1:
            raise InputError(
                f"combination {position + 1}: TOPSIS normalises itself: normalisation "
                f"{n['method']!r} is not one of {', '.join(TOPSIS_NORMALISATIONS)}"
            )
        bad = sorted(set(a) - {"method"})
        if bad:
            raise InputError(f"combination {position + 1}: topsis takes no option(s) {bad}")
    else:
        n["method"] = normalise_mod.ALIASES.get(n["method"], n["method"])
        if n["method"] not in normalise_mod.METHODS:
            raise InputError(
                f"combination {position + 1}: unknown normalisation {n['method']!r}; "
                f"use one of {sorted(normalise_mod.METHODS)}"
            )
    if w["method"] == "ahp":
        pairwise = w.get("pairwise")
        if not isinstance(pairwise, Mapping) or not pairwise:
            raise InputError(
                f"combination {position + 1}: ahp weights need pairwise: {{GROUP: PAIRWISE.csv}}"
            )
    name = raw.get("name") or f"{_label(w)}/{_label(n)}/{_label(a)}"
    return {"name": str(name), "weights": w, "normalisation": n, "aggregation": a}


def load_combinations(
    combinations: str | os.PathLike[str] | Sequence[Mapping[str, Any]] = "compare-default",
    pairwise: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The method combinations to compare, validated, in order (the first is the nominal).

    ``combinations`` is a list of mappings ``{name, weights, normalisation, aggregation}``,
    a YAML file or the name of a built-in spec in ``src/analysis/specs/`` (default
    ``compare-default``). A YAML file holds ``combinations:`` (such a list) and/or a grid:
    ``weights:`` (a list of weighting methods) crossed with ``pipelines:`` (a list of
    ``{name, normalisation, aggregation}``), named ``<weights>/<pipeline name>``, weights
    outer. ``pairwise`` (group code → pairwise matrix, a CSV path or DataFrame; see
    :mod:`analysis.ahp`) adds ``ahp`` to the grid's weights: groups without a matrix
    get equal weights. Unknown method names are an :class:`InputError` naming them.
    """
    if isinstance(combinations, str | os.PathLike):
        doc = _read_combinations_yaml(combinations)
        raw: list[Any] = list(doc.get("combinations") or [])
        grid = list(doc.get("weights") or [])
        if pairwise:
            grid.append({"method": "ahp", "pairwise": dict(pairwise)})
        for w in grid:
            wname = w if isinstance(w, str) else w.get("name", w.get("method"))
            for pipe in doc.get("pipelines") or []:
                raw.append(
                    {
                        "name": f"{wname}/{pipe['name']}" if "name" in pipe else None,
                        "weights": w,
                        **{k: v for k, v in pipe.items() if k != "name"},
                    }
                )
    else:
        raw = [dict(c) for c in combinations]
        if pairwise:
            raise InputError("pairwise: give it with a YAML or built-in grid, or inside a combination")
    if not raw:
        raise InputError("no method combinations to compare")
    resolved = [
        _resolve_combination(
            {k: v for k, v in c.items() if v is not None} if isinstance(c, Mapping) else c, i
        )
        for i, c in enumerate(raw)
    ]
    names = [c["name"] for c in resolved]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"combinations: name(s) {twice} used more than once")
    return resolved


def _read_combinations_yaml(spec: str | os.PathLike[str]) -> dict[str, Any]:
    path = Path(spec)
    if not (path.suffix.lower() in {".yaml", ".yml"} and path.exists()):
        path = SPECS_DIR / f"{spec}.yaml"
        if not path.exists():
            raise InputError(f"combinations {str(spec)!r}: neither a YAML file nor a built-in spec")
    doc = read_yaml(path, "comparison spec")
    if not isinstance(doc, Mapping) or not ({"combinations", "pipelines"} & set(doc)):
        raise InputError(f"{path}: a comparison spec has 'combinations' or 'weights' and 'pipelines'")
    return dict(doc)


def _pairwise_frame(value: Any) -> pd.DataFrame:
    return value if isinstance(value, pd.DataFrame) else ahp_mod.read_pairwise(value)


def level_weights(
    values: pd.DataFrame,
    rows: pd.DataFrame,
    entry: Mapping[str, Any],
    use_directions: bool,
) -> pd.Series:
    """Within-group weights of one level's codes (``rows``: their framework rows).

    A group of one child gets weight 1 (no method can weigh a single criterion). Other
    groups: :func:`analysis.weights.weights_by_group` with ``entry``'s method and options
    on ``values`` (units x codes); ``ahp`` takes each group's matrix from
    ``entry["pairwise"]`` and weighs the groups without one equally.
    """
    options = {k: v for k, v in entry.items() if k not in ("method", "pairwise")}
    sizes = rows.groupby("parent")["code"].transform("size")
    out = pd.Series(1.0, index=rows["code"].astype(str).to_numpy(), name="weight")
    several = rows.loc[sizes > 1]
    if several.empty:
        return out
    if entry["method"] == "ahp":
        pairwise = entry["pairwise"]
        for parent, group in several.groupby("parent", sort=False):
            if parent in pairwise:
                w = weights_mod.weights_by_group(
                    values, group, "ahp", pairwise=_pairwise_frame(pairwise[parent])
                )
            else:
                w = weights_mod.weights_by_group(values, group, "equal")
            out.loc[w["code"].to_numpy()] = w["weight"].to_numpy()
        return out
    w = weights_mod.weights_by_group(
        values, several, entry["method"], use_directions=use_directions, **options
    )
    out.loc[w["code"].to_numpy()] = w["weight"].to_numpy()
    return out


def _topsis_groups(x: np.ndarray, g: np.ndarray, directions: np.ndarray, norm: str) -> np.ndarray:
    """TOPSIS closeness of every group: columns = parents of the (children x parents) ``g``."""
    out = np.full((x.shape[0], g.shape[1]), np.nan)
    for j in range(g.shape[1]):
        kids = np.flatnonzero(g[:, j])
        out[:, j] = rank_mod.topsis(
            x[:, kids], g[kids, j] / g[kids, j].sum(), directions[kids], normalisation=norm
        )
    return out


def run_combination(
    treated: pd.DataFrame, fw: Framework, combination: Mapping[str, Any]
) -> tuple[pd.DataFrame, pd.Series]:
    """Scores of every aggregate (units x aggregates) and the weights of one combination.

    Through :mod:`analysis.engine`, level by level, bottom up: (1) the weights of the
    level's groups, computed from the **treated** indicators with the framework's
    directions at the bottom level and from the children's scores (higher is better)
    above it (:func:`level_weights`); (2) the children aggregated into their parents with
    those weights. ``treated`` is units x indicators, no missing values where data-driven
    weights or TOPSIS need them. Returns ``(scores, weights)``, weights within groups
    indexed by code (the top node gets 1).
    """
    wentry, nentry, aentry = (combination[k] for k in ("weights", "normalisation", "aggregation"))
    table = fw.table
    x_raw = treated[fw.indicators].to_numpy(np.float64)
    topsis = aentry["method"] == "topsis"
    if topsis:
        gaps = np.isnan(x_raw)
        if gaps.any():
            i, j = np.argwhere(gaps)[0]
            raise InputError(
                f"topsis: unit {treated.index[i]!r}, indicator {fw.indicators[j]!r} is missing; "
                "impute first (the spec's impute step)"
            )

    def weigher(values: np.ndarray, level: int) -> np.ndarray:
        rows = table.loc[table["level"] == level - 1]
        basis = pd.DataFrame(values, index=treated.index, columns=rows["code"].to_numpy())
        return level_weights(basis, rows, wentry, use_directions=level == 2).to_numpy()

    def topsis_aggregator(values: np.ndarray, lev: aggregate_mod.Level) -> np.ndarray:
        directions = fw.direction if lev.level == 2 else np.ones(values.shape[1])
        return _topsis_groups(values, lev.matrix, directions, nentry["method"])

    result = engine.run(
        [x_raw],
        [None],
        fw,
        None if topsis else nentry,
        None if topsis else aentry,
        weigher=weigher,
        aggregator=topsis_aggregator if topsis else None,
        weights_from_treated=True,
    )
    scores = pd.DataFrame(result.scores[0], index=treated.index, columns=fw.aggregates)
    return scores, pd.Series(result.weights[0], index=fw.codes, name="weight")


def _in_order(table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """``table`` with its methods in the order of ``names`` (stable within a method)."""
    key = table["method"].map({n: i for i, n in enumerate(names)})
    return table.iloc[np.argsort(key.to_numpy(), kind="stable")].reset_index(drop=True)


def effective_weights_of(weights: pd.Series, fw: Framework) -> pd.Series:
    """Each indicator's share in the top node: product of within-group weights up the tree
    (:func:`analysis.engine.effective_weights`)."""
    eff = engine.effective_weights(fw, weights.reindex(fw.codes).to_numpy(np.float64))
    return pd.Series(eff[: len(fw.indicators)], index=fw.indicators, name="weight")


def compare_methods(
    data: pd.DataFrame,
    framework: Framework,
    combinations: str | os.PathLike[str] | Sequence[Mapping[str, Any]] | None = None,
    *,
    nominal: str | None = None,
    spec: str | os.PathLike[str] | Mapping[str, Any] = "peers-default",
    top: int = 10,
    year: Any = None,
) -> MethodComparison:
    """Build one index per method combination on the same data and compare the rankings.

    Parameters
    ----------
    data : a long panel (``unit, year, indicator, value``) or COINr iData, as accepted by
        :func:`analysis.index.build_index`.
    framework : the framework (its directions and tree; its weights are replaced).
    combinations : a list of ``{name, weights, normalisation, aggregation}`` (each a
        method name or ``{method: ..., **options}``), a YAML file or a built-in name
        (default ``compare-default``); see :func:`load_combinations`.
    nominal : the combination every other is compared with (default: the first).
    spec : the index spec whose data steps (impute, screen, treat) give the **treated**
        data shared by all combinations; its normalise, aggregate and weights are ignored.
    top : K of the top-K statistics of :func:`compare_rankings`.
    year : the data year to index (default: the spec's, else the latest).

    Method
    ------
    1. ``build_index(data, framework, spec)`` once; the treated dataset (after imputation,
       screening and outlier treatment) is the input of every combination.
    2. Each combination: weights per group at every level of the framework, bottom up
       (:func:`analysis.weights.weights_by_group`, :func:`level_weights`):

       - bottom level: from the treated indicators, with the framework's directions,
         each method normalising as its literature prescribes: entropy on min-max
         normalised values ``r_ij`` with ``p_ij = r_ij / Σ_i r_ij`` (郭显光 1998),
         CRITIC on min-max normalised values (Diakoulaki et al. 1995, eq. 2-3), PCA on
         standardised values (OECD/JRC Handbook 2008, §6.1). These weights therefore do
         not depend on the combination's normalisation;
       - higher levels: from the children's scores under the same combination (as
         COINr's PCA weights from the aggregated dataset);
       - equal, expert and AHP weights need no data; a group of one child weighs 1.

       The normalised indicators are aggregated level by level with those weights:
       ``amean`` ``y = Σ w x``, ``gmean`` ``y = Π x^w`` (needs positive values: normalise
       to [1, 100] or pass ``shift``), ``hmean``, ``median``, ``copeland`` (see
       :mod:`analysis.aggregate`). ``topsis`` replaces normalisation and aggregation: each
       aggregate is the TOPSIS closeness ``C = S⁻ / (S⁺ + S⁻)`` of its children (Hwang &
       Yoon 1981, §3.2.5) with vector (default) or min-max normalisation, the treated
       indicators with their directions at the bottom, the children's closeness above.
    3. Index scores are compared with the nominal ones (:func:`compare_rankings`), and
       the movers explained by the change in effective weights (:func:`movers`).

    Errors (:class:`InputError`): unknown method names (naming them), duplicate
    combination names, an unknown nominal, a geometric mean meeting values <= 0, missing
    values where a data-driven method needs data.
    """
    combos = load_combinations("compare-default" if combinations is None else combinations)
    names = [c["name"] for c in combos]
    nominal = names[0] if nominal is None else nominal
    if nominal not in names:
        raise InputError(f"nominal {nominal!r}: no such combination; combinations: {names}")
    base_spec = dict(index_mod.load_spec(spec))
    if year is not None:
        base_spec["year"] = year
    result = index_mod.build_index(data, framework, base_spec)
    fw = result.framework
    step = next(s for s in ("Treated", "Screened", "Imputed", "Denominated", "Raw") if s in result.datasets)
    treated = result.datasets[step]

    score_frames, weight_frames, effective = [], [], []
    for combo in combos:
        try:
            scores, weights = run_combination(treated, fw, combo)
        except InputError as err:
            raise InputError(f"combination {combo['name']!r}: {err}") from None
        ranks = ranking.rank(scores.to_numpy(), axis=0)
        long = scores.stack().rename("score").reset_index()
        long.columns = ["unit", "iCode", "score"]
        long["rank"] = pd.DataFrame(ranks, index=scores.index, columns=scores.columns).stack().to_numpy()
        long.insert(0, "method", combo["name"])
        score_frames.append(long)
        codes = [c for c in fw.codes if c != fw.top]
        weight_frames.append(
            pd.DataFrame(
                {
                    "method": combo["name"],
                    "code": codes,
                    "level": [fw.level_of[c] for c in codes],
                    "weight": weights.loc[codes].to_numpy(np.float64),
                }
            )
        )
        eff = effective_weights_of(weights, fw)
        effective.append(
            pd.DataFrame({"method": combo["name"], "indicator": eff.index, "weight": eff.to_numpy()})
        )

    scores_all = pd.concat(score_frames, ignore_index=True)
    # combinations in their order; the Index first, then down the tree (as scores_table)
    aggregates = [fw.top, *reversed(fw.aggregates[:-1])]
    scores_all = (
        scores_all.assign(
            _m=scores_all["method"].map({n: i for i, n in enumerate(names)}),
            _a=scores_all["iCode"].map({c: i for i, c in enumerate(aggregates)}),
        )
        .sort_values(["_m", "_a", "rank", "unit"], kind="stable")
        .drop(columns=["_m", "_a"])
        .reset_index(drop=True)
    )
    scores_all["rank"] = scores_all["rank"].astype("Int64")
    index_scores = scores_all.loc[scores_all["iCode"] == fw.top, ["method", "unit", "score"]]
    shifts, agreement = compare_rankings(index_scores, nominal=nominal, top=top)
    eff_all = pd.concat(effective, ignore_index=True)
    table = pd.DataFrame(
        [
            (c["name"], _label(c["weights"]), _label(c["normalisation"]), _label(c["aggregation"]))
            for c in combos
        ],
        columns=list(COMBINATION_COLUMNS),
    )
    return MethodComparison(
        combinations=table,
        weights=pd.concat(weight_frames, ignore_index=True),
        scores=scores_all,
        shifts=shifts,
        agreement=agreement,
        movers=_in_order(movers(shifts, eff_all, nominal=nominal), names),
        effective_weights=eff_all,
        nominal=nominal,
        year=result.spec.get("year"),
        top=fw.top,
    )
