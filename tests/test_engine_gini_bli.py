"""giniCI's two BLI indices reproduced through ``qci index --years all``.

Published example: R package giniCI 0.1.3 (Nguyen, Gigliarano & Ciommi), vignette
``giniCI.pdf`` §3.3-4.1 (November 2025; github.com/novidu/giniCI, commit 7519d45): the
OECD Better Life Index panel (36 countries × 11 indicators × 2014-2017), goalpost
normalisation to [70, 130] on reference year 2014, then

- a Gini-weighted arithmetic mean with the horizontal-variability penalty (reference),
- a reciprocal-Gini-weighted geometric mean with the penalty (alternative),

weights from the 2014 rows. The vignette prints no index values; it prints
``summary(rankComp(ci.gini, ci.reci))``: per year the ranking shifts' summary
statistics, the average shift in ranking (ASR) and percentage of equal rankings (PER)
over all units and the top / bottom 10 of the alternative ranking, and the average shift
in 10-quantile ranking (ASQ); and its Figure 2 orders the units by the 2015 reference
ranking. Those numbers must match exactly. The scores are checked to 1e-9 against the
vignette's formulas (eq. 3-9) written out here independently (Gini from the mean
absolute difference, not from the sorted form used by the package).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis.cli import main
from analysis.config import RAW_PANELS

BLI = RAW_PANELS / "oecd-bli-2014-2017"
YEARS = [2014, 2015, 2016, 2017]
BASE = {"normalise": {"method": "goalposts", "reference_year": 2014, "l": 70, "u": 130}}
GINI_SPEC = {
    **BASE,
    "weights": {"method": "gini", "scope": "reference_year", "reference_year": 2014},
    "aggregate": {"method": "amean", "penalty": "dispersion"},
}
RECI_SPEC = {
    **BASE,
    "weights": {"method": "reciprocal_gini", "scope": "reference_year", "reference_year": 2014},
    "aggregate": {"method": "gmean", "penalty": "dispersion"},
}

# vignette p. 7-8, summary(ci.comp): one value per year 2014, 2015, 2016, 2017
SHIFT_MIN = [-3, -4, -6, -5]
SHIFT_Q1 = [-1, -1, -1, -2]
SHIFT_MEDIAN = [0, 0, 0, 0]
SHIFT_MEAN = [0, 0, 0, 0]
SHIFT_Q3 = [1, 1, 1, 1]
SHIFT_MAX = [5, 4, 5, 4]
ASR_ALL = [1.333, 1.278, 1.111, 1.611]
ASR_TOP10 = [1.100, 1.100, 1.100, 1.300]
ASR_BOTTOM10 = [1.600, 1.200, 0.400, 1.000]
PER_ALL = [22.22, 36.11, 41.67, 22.22]
PER_TOP10 = [30.00, 40.00, 40.00, 30.00]
PER_BOTTOM10 = [10.00, 30.00, 70.00, 40.00]
ASQ_10 = [0.2222, 0.3889, 0.3889, 0.3889]
# vignette Figure 2 (rank shift plot, 2015): the units in reference (Gini) ranking order
REFERENCE_ORDER_2015 = [
    "Norway", "Sweden", "Denmark", "Australia", "Luxembourg", "Germany", "Iceland",
    "New Zealand", "Finland", "Switzerland", "Belgium", "Netherlands", "France",
    "United States", "Canada", "Ireland", "Austria", "United Kingdom", "Israel", "Japan",
    "Spain", "Czechia", "Estonia", "Italy", "Slovak Republic", "Russia", "Korea",
    "Slovenia", "Poland", "Hungary", "Portugal", "Brazil", "Greece", "Chile", "Türkiye",
    "Mexico",
]  # fmt: skip


@pytest.fixture(scope="module")
def bli_files(tmp_path_factory) -> dict[str, object]:
    """The panel (renamed to unit, year), a flat framework (11 indicators → Index), specs."""
    folder = tmp_path_factory.mktemp("bli")
    raw = pd.read_csv(BLI / "bli_2014_2017.csv")
    raw.rename(columns={"COUNTRY": "unit", "YEAR": "year"}).to_csv(folder / "bli.csv", index=False)
    criteria = pd.read_csv(BLI / "criteria.csv")
    framework = {
        "name": "bli-flat",
        "aggregates": [{"code": "Index"}],
        "indicators": [
            {"code": r.indicator, "parent": "Index", "direction": int(r.direction)}
            for r in criteria.itertuples()
        ],
    }
    (folder / "framework.yaml").write_text(yaml.safe_dump(framework), encoding="utf-8")
    for name, spec in (("gini", GINI_SPEC), ("reci", RECI_SPEC)):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return {"folder": folder, "raw": raw, "criteria": criteria}


def _run(files: dict[str, object], name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = files["folder"]
    out = folder / f"out-{name}"  # type: ignore[operator]
    code = main(
        [
            "index",
            "--data", str(folder / "bli.csv"),  # type: ignore[operator]
            "--meta", str(folder / "framework.yaml"),  # type: ignore[operator]
            "--spec", str(folder / f"{name}.yaml"),  # type: ignore[operator]
            "--years", "all",
            "-o", str(out),
        ]
    )  # fmt: skip
    assert code == 0
    return pd.read_csv(out / "scores.csv"), pd.read_csv(out / "weights.csv")


def test_builtin_specs_are_the_two_indices():
    from analysis.index import load_spec

    assert {k: v for k, v in load_spec("bli-gini").items() if k in GINI_SPEC} == load_spec(GINI_SPEC)
    assert {k: v for k, v in load_spec("bli-reciprocal-gini").items() if k in RECI_SPEC} == load_spec(
        RECI_SPEC
    )


@pytest.fixture(scope="module")
def indices(bli_files) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    return {name: _run(bli_files, name) for name in ("gini", "reci")}


# ---------------------------------------------------------------- independent formulas


def _oracle(raw: pd.DataFrame, criteria: pd.DataFrame, reciprocal: bool) -> pd.DataFrame:
    """giniCI's index written from the vignette's equations, one year at a time."""
    codes = criteria["indicator"].tolist()
    cost = (criteria["direction"] < 0).to_numpy()
    ref = raw.loc[raw["YEAR"] == 2014, codes].to_numpy(float)
    inf, sup, mean = ref.min(axis=0), ref.max(axis=0), ref.mean(axis=0)  # eq. (3)-(4)
    delta = (sup - inf) / 2
    gp_min, gp_max = mean - delta, mean + delta

    def goalposts(x: np.ndarray) -> np.ndarray:
        z = (x - gp_min) / (gp_max - gp_min) * (130 - 70) + 70  # eq. (5)
        return np.where(cost, 70 + 130 - z, z)  # eq. (6)

    z_ref = goalposts(ref)
    n = len(z_ref)
    mad = np.abs(z_ref[:, None, :] - z_ref[None, :, :]).sum(axis=(0, 1)) / n**2
    gini = mad / (2 * z_ref.mean(axis=0))  # Gini = mean absolute difference / (2 mean)
    w = (1 / gini) / (1 / gini).sum() if reciprocal else gini / gini.sum()  # eq. (7)-(8)
    rows = []
    for year in YEARS:
        part = raw.loc[raw["YEAR"] == year]
        z = goalposts(part[codes].to_numpy(float))
        agg = np.exp(np.log(z) @ w) if reciprocal else z @ w
        penalty = z.var(axis=1) / z.mean(axis=1)  # population variance / mean, eq. (9)
        rows.append(pd.DataFrame({"unit": part["COUNTRY"], "year": year, "score": agg - penalty}))
    return pd.concat(rows, ignore_index=True)


@pytest.mark.parametrize("name", ["gini", "reci"])
def test_scores_equal_the_vignettes_formulas(bli_files, indices, name):
    scores, _ = indices[name]
    assert list(scores.columns) == ["unit", "year", "iCode", "score", "rank"]
    assert sorted(scores["year"].unique()) == YEARS and len(scores) == 36 * 4
    expected = _oracle(bli_files["raw"], bli_files["criteria"], reciprocal=name == "reci")
    mine = scores.set_index(["unit", "year"])["score"]
    theirs = expected.set_index(["unit", "year"])["score"].loc[mine.index]
    assert np.max(np.abs(mine.to_numpy() - theirs.to_numpy())) <= 1e-9


@pytest.mark.parametrize("name", ["gini", "reci"])
def test_weights_come_from_the_reference_year_and_hold_every_year(indices, name):
    _, weights = indices[name]
    assert list(weights.columns) == ["year", "iCode", "weight"]
    wide = weights.pivot(index="iCode", columns="year", values="weight")
    assert np.allclose(wide.sum(), 1.0)
    assert np.ptp(wide.to_numpy(), axis=1).max() == 0.0  # the 2014 vector every year


def _rank_comparison(indices) -> dict[int, pd.DataFrame]:
    gini, _ = indices["gini"]
    reci, _ = indices["reci"]
    out = {}
    for year in YEARS:
        ref = gini.loc[gini["year"] == year].set_index("unit")["rank"]
        alt = reci.loc[reci["year"] == year].set_index("unit")["rank"].loc[ref.index]
        out[year] = pd.DataFrame({"ref": ref, "alt": alt, "shift": ref - alt})
    return out


def _quantile_rank(rank: np.ndarray, n: int = 10) -> np.ndarray:
    """R ``cut(-rank, quantile(-rank, 0:n / n), include.lowest = TRUE)`` as bin numbers."""
    value = -rank.astype(float)
    breaks = np.quantile(value, np.linspace(0, 1, n + 1))
    return np.maximum(np.searchsorted(breaks, value, side="left"), 1)


def test_rank_shift_statistics_equal_the_vignette(indices):
    comparison = _rank_comparison(indices)
    for i, year in enumerate(YEARS):
        c = comparison[year]
        shift = c["shift"].to_numpy()
        assert len(c) == 36
        assert shift.min() == SHIFT_MIN[i] and shift.max() == SHIFT_MAX[i]
        q1, median, q3 = np.quantile(shift, [0.25, 0.5, 0.75])  # R's type 7
        assert (q1, median, q3) == (SHIFT_Q1[i], SHIFT_MEDIAN[i], SHIFT_Q3[i])
        assert shift.mean() == SHIFT_MEAN[i]
        top = c.sort_values("alt").head(10)["shift"].to_numpy()
        bottom = c.sort_values("alt", ascending=False).head(10)["shift"].to_numpy()
        assert round(np.abs(shift).mean(), 3) == ASR_ALL[i]
        assert round(np.abs(top).mean(), 3) == ASR_TOP10[i]
        assert round(np.abs(bottom).mean(), 3) == ASR_BOTTOM10[i]
        assert round(100 * (shift == 0).mean(), 2) == PER_ALL[i]
        assert round(100 * (top == 0).mean(), 2) == PER_TOP10[i]
        assert round(100 * (bottom == 0).mean(), 2) == PER_BOTTOM10[i]
        asq = np.abs(_quantile_rank(c["alt"].to_numpy()) - _quantile_rank(c["ref"].to_numpy()))
        assert round(asq.mean(), 4) == ASQ_10[i]


def test_reference_ranking_2015_is_figure_2s_order(indices):
    gini, _ = indices["gini"]
    year = gini.loc[(gini["year"] == 2015) & (gini["iCode"] == "Index")]
    assert year.sort_values("rank")["unit"].tolist() == REFERENCE_ORDER_2015
    assert year["rank"].tolist() == sorted(year["rank"])  # written best first


def test_qci_compare_on_the_two_index_files_prints_the_vignettes_summary(bli_files, indices):
    """``qci compare`` with the alternative (reciprocal) index as nominal: its shift is
    rank - nominal rank = giniCI's ref.rank - alt.rank, its top / bottom 10 those of the
    alternative ranking, as in ``summary.rankComp``."""
    folder = bli_files["folder"]
    for name in ("gini", "reci"):
        indices[name][0].to_csv(folder / f"{name}.csv", index=False)  # type: ignore[operator]
    out = folder / "compare"  # type: ignore[operator]
    files = [str(folder / "gini.csv"), str(folder / "reci.csv")]  # type: ignore[operator]
    assert main(["compare", *files, "--nominal", "reci", "--by", "year", "-o", str(out)]) == 0
    agreement = pd.read_csv(out / "agreement.csv").query("method == 'gini'").set_index("year")
    a = agreement.loc[YEARS]
    assert a["n"].tolist() == [36] * 4
    assert a["min_shift"].tolist() == SHIFT_MIN and a["max_shift"].tolist() == SHIFT_MAX
    assert a["q1_shift"].tolist() == SHIFT_Q1 and a["q3_shift"].tolist() == SHIFT_Q3
    assert a["median_shift"].tolist() == SHIFT_MEDIAN
    assert a["mean_abs_shift"].round(3).tolist() == ASR_ALL
    assert a["mean_abs_shift_top"].round(3).tolist() == ASR_TOP10
    assert a["mean_abs_shift_bottom"].round(3).tolist() == ASR_BOTTOM10
    assert a["share_equal_pct"].round(2).tolist() == PER_ALL
    assert a["share_equal_top_pct"].round(2).tolist() == PER_TOP10
    assert a["share_equal_bottom_pct"].round(2).tolist() == PER_BOTTOM10


def test_qci_compare_writes_a_workbook(bli_files, indices):
    import openpyxl

    folder = bli_files["folder"]
    for name in ("gini", "reci"):
        indices[name][0].to_csv(folder / f"{name}.csv", index=False)  # type: ignore[operator]
    out = folder / "compare.xlsx"  # type: ignore[operator]
    files = [str(folder / "gini.csv"), str(folder / "reci.csv")]  # type: ignore[operator]
    assert main(["compare", *files, "--nominal", "reci", "--by", "year", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["shifts", "agreement"]
    assert len(pd.read_excel(out, sheet_name="shifts")) == 2 * 36 * 4
