"""Sensitivity runs of a spec that weighs by a method (``weights: {method: entropy}``, issue 11).

Every run recomputes the method's weights from its own treated and normalised data, as the
index build does; the expected ranks here come from :func:`analysis.index.build_index` with
the run's settings written into the spec, an independent path through the pipeline.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
import yaml

from analysis.cli import main
from analysis.errors import InputError
from analysis.index import build_index
from analysis.ranking import rank
from analysis.sensitivity import parse_call, run_sensitivity


@functools.cache
def _liyang():
    from analysis import report

    ctx = report.report_context("liyang", 2024, None, "en")
    return ctx.data, ctx.framework, dict(ctx.spec)


def _top_ranks(data, fw, spec):
    built = build_index(data, fw, spec)
    top = built.scores.loc[built.scores["iCode"] == fw.top].set_index("uCode")
    return built, top["rank"]


@pytest.mark.parametrize("method", ["entropy", "critic"])
def test_each_run_recomputes_the_method_weights_from_its_own_data(method):
    data, fw, spec = _liyang()
    spec = {**spec, "weights": {"method": method}}
    factors = {"factors": {
        "Normalisation": {"normalise": ["n_minmax(1,100)", "n_zscore(100,10)"]},
        "Aggregation": {"aggregate": ["a_amean", "a_gmean"]},
    }}  # fmt: skip
    result = run_sensitivity(data, fw, spec, n=8, seed=3, factors=factors, sampler="salib")
    units = result.ranks["unit"].tolist()
    for (norm, agg), runs in result.runs.groupby(["Normalisation", "Aggregation"]):
        variant = {**spec, "normalise": parse_call("normalise", norm),
                   "aggregate": parse_call("aggregate", agg)}  # fmt: skip
        _, expected = _top_ranks(data, fw, variant)
        got = runs[units].to_numpy(np.float64)
        assert (got == expected.reindex(units).to_numpy(np.float64)).all(), (norm, agg)


def test_drawn_weights_perturb_the_recomputed_method_weights():
    data, fw, spec = _liyang()
    spec = {**spec, "weights": {"method": "entropy"}}
    factors = {"factors": {
        "Weights": {"weights": {"noise": 0.25, "sets": 5}},
        "Normalisation": {"normalise": ["n_minmax(1,100)", "n_zscore(100,10)"]},
    }}  # fmt: skip
    result = run_sensitivity(data, fw, spec, n=8, seed=4, factors=factors, sampler="salib")
    nominal_build, nominal_ranks = _top_ranks(data, fw, spec)
    nominal = nominal_build.weights.reindex(fw.codes).to_numpy()
    sets = result.weight_sets.pivot(index="set", columns="iCode", values="Weight")[fw.codes]
    units = result.ranks["unit"].tolist()
    # the nominal ranks are the nominal build's
    assert (
        result.nominal["rank"].reindex(units).to_numpy() == nominal_ranks.reindex(units).to_numpy()
    ).all()
    for _, run in result.runs.drop_duplicates(["Weights", "Normalisation"]).iterrows():
        variant = {**spec, "normalise": parse_call("normalise", run["Normalisation"])}
        method_weights = build_index(data, fw, variant).weights.reindex(fw.codes).to_numpy()
        multiplier = np.where(nominal > 0, sets.loc[run["Weights"]].to_numpy() / nominal, 1.0)
        fixed = {**variant}
        fixed.pop("weights")
        fixed["weights"] = dict(zip(fw.codes[:-1], (method_weights * multiplier)[:-1], strict=True))
        _, expected = _top_ranks(data, fw, fixed)
        got = run[units].to_numpy(np.float64)
        assert (got == expected.reindex(units).to_numpy(np.float64)).all()


def test_a_nominal_run_of_a_method_spec_reproduces_the_nominal_ranking():
    data, fw, spec = _liyang()
    spec = {**spec, "weights": {"method": "pca"}}
    nominal = spec["normalise"]
    label = f"n_minmax({nominal['l']},{nominal['u']})"
    factors = {"factors": {"Normalisation": {"normalise": [label]}}}
    result = run_sensitivity(data, fw, spec, n=4, seed=1, factors=factors, sampler="salib")
    assert (result.y == 0).all()
    assert (rank(result.nominal["score"].to_numpy()) == result.nominal["rank"].to_numpy()).all()


def test_a_pooled_or_other_reference_year_scope_is_refused_in_one_words():
    data, fw, spec = _liyang()
    spec = {
        **spec,
        "weights": {"method": "entropy", "scope": "reference_year", "reference_year": 2010},
    }
    factors = {"factors": {"Aggregation": {"aggregate": ["a_amean", "a_gmean"]}}}
    with pytest.raises(InputError, match="reference_year 2010 is not the year analysed"):
        run_sensitivity(data, fw, spec, n=4, seed=1, factors=factors)


def test_qci_sensitivity_with_a_study_takes_a_spec_weighing_by_a_method(tmp_path, capsys):
    from analysis.study import load_study

    study = load_study("oecd-bli")
    spec = {**study.spec, "weights": {"method": "entropy"}}
    path = tmp_path / "entropy.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    argv = ["sensitivity", "--study", "oecd-bli", "--year", "2015", "--spec", str(path),
            "--n", "8", "--seed", "1", "-o", str(tmp_path / "out")]  # fmt: skip
    assert main(argv) == 0
    written = yaml.safe_load((tmp_path / "out" / "spec.yaml").read_text(encoding="utf-8"))
    assert written["weights"]["method"] == "entropy"
    assert "runs" in capsys.readouterr().out
