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
    effective_weights,
    level_counts,
    most_common_obstacles,
    regional_inputs,
    scores_inputs,
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
    for expected in ("溧阳市", "transvariation", "log_level", "p_sim"):
        assert expected in text
