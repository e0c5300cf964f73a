"""``qci disparity | coupling | convergence --study S``: the study as a source of defaults.

Each command given ``--study`` alone must write what it writes when given the study's
index as SCORES.csv (written here by ``qci index`` from the study's long panel) and the
study's groups file or its framework's dimensions explicitly.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.cli import main
from analysis.study import load_study


@pytest.fixture(scope="module")
def liyang_scores(tmp_path_factory: pytest.TempPathFactory):
    """The liyang study's index over both census years, through ``qci index``."""
    study = load_study("liyang")
    folder = tmp_path_factory.mktemp("liyang-index")
    panel = folder / "panel.csv"
    study.panel[["unit", "year", "indicator", "value"]].to_csv(panel, index=False)
    assert main(["index", "--data", str(panel), "--meta", "jiangsu-census-peers", "--spec",
                 "peers-default", "--years", "all", "-o", str(folder / "index")]) == 0
    return study, folder / "index" / "scores.csv"


def read(path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False)


def test_disparity_takes_the_studys_groups(liyang_scores, tmp_path):
    study, scores = liyang_scores
    groups = study.path.parent / "liyang" / "groups.csv"
    explicit, implicit = tmp_path / "explicit.csv", tmp_path / "implicit.csv"
    assert main(["disparity", str(scores), "--method", "dagum", "--groups", str(groups),
                 "-o", str(explicit)]) == 0
    assert main(["disparity", "--study", "liyang", "--method", "dagum", "-o", str(implicit)]) == 0
    pd.testing.assert_frame_equal(read(implicit), read(explicit), rtol=1e-12)
    assert {"苏南", "苏中", "苏北"} <= set(read(implicit)["group"])
    # a SCORES.csv with --study: the study only supplies the groups
    assert main(["disparity", str(scores), "--study", "liyang", "--method", "dagum",
                 "-o", str(implicit)]) == 0
    pd.testing.assert_frame_equal(read(implicit), read(explicit), rtol=1e-12)


def test_coupling_takes_the_studys_dimensions(liyang_scores, tmp_path):
    study, scores = liyang_scores
    systems = study.framework.children(study.framework.top)
    explicit, implicit = tmp_path / "explicit.csv", tmp_path / "implicit.csv"
    assert main(["coupling", str(scores), "--systems", ",".join(systems), "-o", str(explicit)]) == 0
    assert main(["coupling", "--study", "liyang", "-o", str(implicit)]) == 0
    pd.testing.assert_frame_equal(read(implicit), read(explicit), rtol=1e-12)


def test_convergence_reads_the_studys_index(liyang_scores, tmp_path):
    _, scores = liyang_scores
    explicit, implicit = tmp_path / "explicit.csv", tmp_path / "implicit.csv"
    assert main(["convergence", str(scores), "--method", "sigma", "-o", str(explicit)]) == 0
    assert main(["convergence", "--study", "liyang", "--method", "sigma", "-o", str(implicit)]) == 0
    pd.testing.assert_frame_equal(read(implicit), read(explicit), rtol=1e-12)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["disparity", "--study", "prefecture-cities", "--method", "dagum"],
         "study 'prefecture-cities' has no groups"),
        (["convergence", "--method", "sigma"], "give SCORES.csv or --study S"),
        (["coupling", "--study", "nope"], "study 'nope'"),
    ],
)
def test_study_options_name_what_is_wrong(tmp_path, capsys, argv, message):
    assert main([*argv, "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err, err
