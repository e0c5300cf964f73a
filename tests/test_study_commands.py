"""Every command takes ``--study``: the study's panel, framework, spec and years as defaults.

Each command run with ``--study`` must give what the library gives on the study's own
panel, framework and spec (the same engine), and a study without a year where one is
needed is one line and exit 2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import weights as W
from analysis.cli import main
from analysis.index import build_years
from analysis.study import load_study


@pytest.fixture(scope="module")
def bli():
    return load_study("oecd-bli")


def test_index_with_a_study_builds_its_years_with_its_spec(bli, tmp_path):
    assert main(["index", "--study", "oecd-bli", "-o", str(tmp_path / "out")]) == 0
    scores = pd.read_csv(tmp_path / "out" / "scores.csv")
    assert list(scores.columns) == ["unit", "year", "iCode", "score", "rank"]
    assert sorted(scores["year"].unique()) == [2014, 2015, 2016, 2017]
    expected = build_years(bli.panel, bli.framework, bli.spec, years="all").scores
    merged = scores.merge(expected, on=["unit", "year", "iCode"], suffixes=("", "_api"))
    assert len(merged) == len(expected) == len(scores)
    np.testing.assert_allclose(merged["score"], merged["score_api"], rtol=0, atol=1e-12)
    assert (merged["rank"] == merged["rank_api"]).all()


def test_index_with_a_study_takes_the_years_asked(tmp_path):
    assert main(["index", "--study", "oecd-bli", "--years", "2015", "-o", str(tmp_path / "o")]) == 0
    assert set(pd.read_csv(tmp_path / "o" / "scores.csv")["year"]) == {2015}


def test_weights_with_a_study_weigh_the_values_its_index_normalises(bli, tmp_path):
    out = tmp_path / "w.csv"
    assert main(["weights", "--study", "oecd-bli", "--year", "2016", "--method", "entropy",
                 "-o", str(out)]) == 0  # fmt: skip
    got = pd.read_csv(out).set_index("indicator")["weight"]
    spec = {k: v for k, v in bli.spec.items() if k != "aggregate"} | {"aggregate": {"method": "amean"}}
    normalised = build_years(bli.panel, bli.framework, spec, years=[2016]).results[2016]
    x = normalised.datasets["Normalised"][bli.framework.indicators]
    expected = W.entropy(x.to_numpy(), None, list(x.columns))
    np.testing.assert_allclose(got.loc[x.columns].to_numpy(), np.asarray(expected), atol=1e-12)
    assert got.sum() == pytest.approx(1.0)


def test_rank_with_a_study_writes_unit_and_year(tmp_path):
    out = tmp_path / "r.csv"
    assert main(["rank", "--study", "oecd-bli", "--year", "2014", "--method", "topsis",
                 "-o", str(out)]) == 0  # fmt: skip
    ranked = pd.read_csv(out)
    assert list(ranked.columns[:2]) == ["unit", "year"] and set(ranked["year"]) == {2014}
    assert sorted(ranked["rank"]) == list(range(1, 37))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["index", "-o", "OUT"], "--study STUDY"),
        (["rank", "--study", "oecd-bli", "--method", "topsis", "-o", "OUT"], "--year Y or --pooled"),
        (["weights", "--method", "entropy", "-o", "OUT"], "give MATRIX.csv"),
        (["index", "--study", "no-such-study", "-o", "OUT"], "no-such-study"),
    ],
)
def test_missing_inputs_are_one_line(argv, message, tmp_path, capsys):
    argv = [str(tmp_path / a) if a == "OUT" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_sensitivity_with_a_study_draws_the_reports_factors(tmp_path):
    out = tmp_path / "sa"
    assert main(["sensitivity", "--study", "oecd-bli", "--year", "2015", "--n", "8", "--seed", "1",
                 "-o", str(out)]) == 0  # fmt: skip
    sobol = pd.read_csv(out / "sobol.csv")
    assert set(sobol["factor"]) == {"Weights", "Normalisation", "Aggregation", "Winmax"}


def test_index_reads_a_gbk_semicolon_panel_and_refuses_an_empty_one(tmp_path, capsys):
    panel = tmp_path / "panel.csv"
    text = "unit;year;a;b\n甲市;2020;1.5;3\n乙市;2020;2.5;1\n丙市;2020;4.0;2\n"
    panel.write_bytes(text.encode("gbk"))
    criteria = tmp_path / "criteria.csv"
    criteria.write_text("indicator,direction\na,1\nb,-1\n", encoding="utf-8")
    out = tmp_path / "out"
    spec = tmp_path / "spec.yaml"
    spec.write_text("normalise: {method: minmax, l: 0, u: 100}\naggregate: {method: amean}\n",
                    encoding="utf-8")
    assert main(["index", "--data", str(panel), "--meta", str(criteria), "--spec", str(spec),
                 "-o", str(out)]) == 0  # fmt: skip
    scores = pd.read_csv(out / "scores.csv")
    top = scores.loc[scores["iCode"] == "Index"].set_index("unit")["score"]
    # 甲: a 0, b cost (3 is worst) 0 -> 0; 乙: a 100/2.5=40, b best 100 -> 70; 丙: 100, 50 -> 75
    assert top.to_dict() == pytest.approx({"甲市": 0.0, "乙市": 70.0, "丙市": 75.0})
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    capsys.readouterr()
    assert main(["index", "--data", str(empty), "--meta", str(criteria), "-o", str(out)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_an_index_run_into_an_old_folder_keeps_the_writers_rules(tmp_path, capsys):
    import os

    out = tmp_path / "out"
    assert main(["index", "--study", "oecd-bli", "--years", "2015", "-o", str(out)]) == 0
    os.chmod(out / "scores.csv", 0o600)
    assert main(["index", "--study", "oecd-bli", "--years", "2016", "-o", str(out)]) == 0
    assert (os.stat(out / "scores.csv").st_mode & 0o777) == 0o600  # its mode kept
    before = (out / "weights.csv").read_bytes()
    (out / "scores.csv").unlink()
    os.mkfifo(out / "scores.csv")  # not a regular file: refused, nothing moved
    capsys.readouterr()
    assert main(["index", "--study", "oecd-bli", "--years", "2017", "-o", str(out)]) == 2
    assert "FIFO" in capsys.readouterr().err
    assert (out / "weights.csv").read_bytes() == before


def test_index_reads_a_named_sheet_and_named_unit_and_year_columns(tmp_path, capsys):
    from analysis.config import RAW_PANELS

    bli = RAW_PANELS / "oecd-bli-2014-2017"
    raw = pd.read_csv(bli / "bli_2014_2017.csv")
    book = tmp_path / "bli.xlsx"
    with pd.ExcelWriter(book) as writer:  # the data is not on the first sheet
        pd.DataFrame({"note": ["about"]}).to_excel(writer, sheet_name="about", index=False)
        raw.to_excel(writer, sheet_name="data", index=False)
    common = ["--meta", str(bli / "criteria.csv"), "--spec", "bli-gini", "--years", "2016"]
    by_columns, by_sheet = tmp_path / "a", tmp_path / "b"
    assert main(["index", "--data", str(bli / "bli_2014_2017.csv"), "--unit-column", "COUNTRY",
                 "--year-column", "YEAR", *common, "-o", str(by_columns)]) == 0  # fmt: skip
    assert main(["index", "--data", str(book), "--sheet", "data", "--unit-column", "COUNTRY",
                 "--year-column", "YEAR", *common, "-o", str(by_sheet)]) == 0  # fmt: skip
    a, b = (pd.read_csv(p / "scores.csv") for p in (by_columns, by_sheet))
    pd.testing.assert_frame_equal(a, b)
    assert len(a.loc[a["iCode"] == "Index"]) == 36
    assert main(["index", "--data", str(book), *common, "-o", str(tmp_path / "c")]) == 2
    assert "no unit column" in capsys.readouterr().err
