"""``qci weights`` and ``qci rank`` on a panel (``--year`` / ``--pooled``, ``--spec``),
criteria CSVs as frameworks, and ``.xlsx`` outputs.

Oracles: the matrix form of the same commands on the year's rows written by hand, and
the weighting / ranking functions (themselves tested against published examples in
tests/test_weights.py and tests/test_rank.py) on matrices normalised here with NumPy.
"""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis import rank as R
from analysis import weights as W
from analysis.cli import main
from analysis.config import RAW_PANELS
from analysis.errors import InputError
from analysis.framework import framework_from_criteria, load_framework

BLI = RAW_PANELS / "oecd-bli-2014-2017"


@pytest.fixture(scope="module")
def bli(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bli-panel")
    raw = pd.read_csv(BLI / "bli_2014_2017.csv").rename(columns={"COUNTRY": "unit", "YEAR": "year"})
    raw.to_csv(folder / "bli.csv", index=False)
    criteria = pd.read_csv(BLI / "criteria.csv")
    criteria[["indicator", "direction"]].to_csv(folder / "criteria.csv", index=False)
    (folder / "pooled.yaml").write_text(
        "normalise: {method: minmax, l: 0, u: 1, scope: pooled}\naggregate: amean\n", encoding="utf-8"
    )
    return folder, raw, criteria


def _codes(criteria):
    return criteria["indicator"].tolist()


def test_year_weights_equal_the_matrix_form(bli, tmp_path):
    folder, raw, criteria = bli
    matrix = raw.loc[raw["year"] == 2015].drop(columns="year")
    matrix.to_csv(tmp_path / "m.csv", index=False)
    args = ["--method", "critic", "--criteria", str(folder / "criteria.csv")]
    assert main(["weights", str(tmp_path / "m.csv"), *args, "-o", str(tmp_path / "a.csv")]) == 0
    assert main(["weights", str(folder / "bli.csv"), *args, "--year", "2015",
                 "-o", str(tmp_path / "b.csv")]) == 0  # fmt: skip
    a, b = pd.read_csv(tmp_path / "a.csv"), pd.read_csv(tmp_path / "b.csv")
    assert a["indicator"].tolist() == b["indicator"].tolist() == _codes(criteria)
    np.testing.assert_allclose(b["weight"], a["weight"], rtol=1e-13)


def _pooled_minmax(raw, criteria):
    x = raw[_codes(criteria)].to_numpy(float) * criteria["direction"].to_numpy(float)
    return (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))


def test_pooled_weights_with_a_spec_are_the_panel_entropy(bli, tmp_path):
    folder, raw, criteria = bli
    out = tmp_path / "w.csv"
    assert main(["weights", str(folder / "bli.csv"), "--method", "entropy", "--criteria",
                 str(folder / "criteria.csv"), "--pooled", "--spec", str(folder / "pooled.yaml"),
                 "-o", str(out)]) == 0  # fmt: skip
    expected = W.entropy(_pooled_minmax(raw, criteria))  # all 144 unit-years, min-max over them
    np.testing.assert_allclose(pd.read_csv(out)["weight"], expected, rtol=1e-12)


def test_pooled_rank_ranks_every_unit_year_together(bli, tmp_path):
    folder, raw, criteria = bli
    weights = tmp_path / "w.csv"
    pd.DataFrame({"indicator": _codes(criteria), "weight": 1.0}).to_csv(weights, index=False)
    out = tmp_path / "r.xlsx"
    assert main(["rank", str(folder / "bli.csv"), "--method", "topsis", "--criteria",
                 str(folder / "criteria.csv"), "--weights", str(weights), "--pooled", "--spec",
                 str(folder / "pooled.yaml"), "-o", str(out)]) == 0  # fmt: skip
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["table"]
    got = pd.read_excel(out)
    assert list(got.columns) == ["unit", "year", "score", "rank"] and len(got) == 144
    x = _pooled_minmax(raw, criteria)
    m = x.shape[1]
    score = R.topsis(x, np.full(m, 1 / m), np.ones(m))
    mine = got.set_index(["unit", "year"])["score"]
    theirs = pd.Series(score, index=pd.MultiIndex.from_frame(raw[["unit", "year"]]))
    np.testing.assert_allclose(mine.loc[theirs.index], theirs, rtol=1e-12)
    assert sorted(got["rank"]) == list(range(1, 145))


def test_year_rank_uses_criteria_weights_and_writes_the_year(bli, tmp_path):
    folder, raw, criteria = bli
    crit = criteria[["indicator", "direction"]].assign(weight=np.arange(1, 12))
    crit.to_csv(tmp_path / "c.csv", index=False)
    out = tmp_path / "r.csv"
    assert main(["rank", str(folder / "bli.csv"), "--method", "wsm", "--criteria",
                 str(tmp_path / "c.csv"), "--year", "2016", "-o", str(out)]) == 0  # fmt: skip
    got = pd.read_csv(out)
    assert set(got["year"]) == {2016} and len(got) == 36
    rows = raw.loc[raw["year"] == 2016]
    expected = R.wsm(rows[_codes(criteria)].to_numpy(float), crit["weight"].to_numpy(float) / 66,
                     criteria["direction"].to_numpy(float))  # fmt: skip
    np.testing.assert_allclose(got["score"], expected, rtol=1e-12)


def test_panel_mode_errors_are_one_line(bli, tmp_path, capsys):
    folder, _, _ = bli
    base = ["weights", str(folder / "bli.csv"), "--method", "entropy", "-o", str(tmp_path / "w.csv")]
    assert main([*base, "--criteria", str(folder / "criteria.csv")]) == 2
    assert "add --year Y or --pooled" in capsys.readouterr().err
    assert main([*base, "--year", "2015"]) == 2
    assert "--criteria CRITERIA.csv or --meta" in capsys.readouterr().err
    assert main([*base, "--criteria", str(folder / "criteria.csv"), "--year", "1999"]) == 2
    assert "1999" in capsys.readouterr().err


def test_criteria_csv_is_a_framework(tmp_path):
    fw = framework_from_criteria(BLI / "criteria.csv")
    assert fw.n_levels == 3 and fw.top == "Index"
    assert set(fw.aggregates) == {"共同富裕", "经济发展", "社会治理", "开放创新", "生态环境", "Index"}
    assert fw.parent_of["EQ_AIRP"] == "生态环境" and fw.direction[fw.indicators.index("EQ_AIRP")] == -1
    pillars = tmp_path / "pillars.csv"  # a dimension named in English too
    pillars.write_text("indicator,direction,dimension,dimension_en\nincome,1,物质生活条件,Material living "
                       "conditions\nhealth,1,生活质量,Quality of life\njobs,1,物质生活条件,\n", encoding="utf-8")
    fw = framework_from_criteria(pillars)
    assert fw.aggregates == ["物质生活条件", "生活质量", "Index"]
    assert fw.table.set_index("code")["name_en"][["物质生活条件", "生活质量"]].tolist() == [
        "Material living conditions", "Quality of life"]  # fmt: skip
    clash = tmp_path / "clash.csv"
    clash.write_text("indicator,direction,dimension,dimension_en\na,1,经济,Economy\nb,1,经济,Growth\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2, column 'dimension_en'"):
        framework_from_criteria(clash)
    flat = tmp_path / "flat.csv"
    flat.write_text("indicator,direction,weight\na,benefit,2\nb,cost,1\n", encoding="utf-8")
    fw = load_framework(flat)
    assert fw.n_levels == 2 and fw.direction.tolist() == [1.0, -1.0]
    assert fw.weights[["a", "b"]].tolist() == [2.0, 1.0]
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,direction\na,up\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1, column 'direction'"):
        framework_from_criteria(bad)


def test_index_takes_a_criteria_csv_as_its_framework(bli, tmp_path):
    folder, _, _ = bli
    out = tmp_path / "out"
    assert main(["index", "--data", str(folder / "bli.csv"), "--meta", str(BLI / "criteria.csv"),
                 "--spec", str(folder / "pooled.yaml"), "--years", "all", "-o", str(out)]) == 0  # fmt: skip
    scores = pd.read_csv(out / "scores.csv")
    assert set(scores["iCode"]) >= {"Index", "共同富裕"} and set(scores["year"]) == {2014, 2015, 2016, 2017}


def test_sensitivity_takes_a_panel_and_a_criteria_csv(bli, tmp_path):
    from analysis.framework import framework_from_table
    from analysis.index import build_index, load_data
    from analysis.sensitivity import run_sensitivity

    folder, _, _ = bli
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "normalise: {method: minmax, l: 1, u: 100}\naggregate: amean\nyear: 2016\n"
        "sensitivity:\n  factors:\n    Aggregation: {aggregate: [amean, gmean]}\n",
        encoding="utf-8",
    )
    result = run_sensitivity(folder / "bli.csv", folder / "criteria.csv", spec, n=8, seed=1)
    fw = framework_from_table(
        [{"code": c, "parent": "Index", "type": "indicator", "direction": d}
         for c, d in pd.read_csv(folder / "criteria.csv").itertuples(index=False)]
        + [{"code": "Index", "type": "aggregate"}]
    )  # fmt: skip
    data = load_data(folder / "bli.csv", fw)
    nominal = build_index(data, fw, {"normalise": {"method": "minmax", "l": 1, "u": 100},
                                     "aggregate": "amean", "year": 2016})  # fmt: skip
    expected = nominal.scores.query("iCode == 'Index'").set_index("uCode")["rank"]
    got = result.nominal["rank"]
    assert got.to_dict() == expected.loc[got.index].astype(float).to_dict()
