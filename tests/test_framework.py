"""Frameworks load from YAML and COINr iMeta, and every malformed tree is an error naming the code."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.framework import (
    COLUMNS,
    builtin_frameworks,
    effective_weights,
    framework_from_dict,
    framework_from_imeta,
    framework_from_table,
    framework_table,
    framework_to_imeta,
    lineage,
    load_framework,
)


@pytest.fixture(scope="module")
def asem(test_data):
    return framework_from_imeta(test_data / "coinr-asem" / "inputs" / "ASEM_iMeta.csv")


def _rows(**changes):
    rows = {
        "a": {"code": "a", "parent": "P", "type": "indicator"},
        "b": {"code": "b", "parent": "P", "type": "indicator", "direction": -1},
        "c": {"code": "c", "parent": "Q", "type": "indicator", "weight": 2},
        "P": {"code": "P", "parent": "Index", "type": "aggregate"},
        "Q": {"code": "Q", "parent": "Index", "type": "aggregate"},
        "Index": {"code": "Index", "type": "aggregate"},
    }
    for code, change in changes.items():
        rows[code] = {**rows.get(code, {"code": code, "type": "indicator"}), **change}
    return list(rows.values())


def test_asem_imeta_loads_as_coinr_describes(asem):
    assert len(asem.indicators) == 49
    assert asem.codes_at(2) == [
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
        "Environ",
        "Social",
        "SusEcFin",
    ]
    assert asem.codes_at(3) == ["Conn", "Sust"]
    assert asem.top == "Index" and asem.n_levels == 4
    assert (asem.direction == -1).sum() == 14
    assert asem.groups == ("GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group")
    assert asem.denominators == ("Area", "Energy", "GDP", "Population")
    table = framework_table(asem)
    assert tuple(table.columns) == COLUMNS
    assert table["denominator"].notna().sum() == 17
    assert set(table["type"]) == {"indicator", "aggregate"}


def test_effective_weights_equal_coinr(asem, test_data):
    ref = pd.read_csv(test_data / "coinr-asem" / "example_coin" / "weights_effective.csv")
    mine = effective_weights(asem)
    np.testing.assert_allclose(
        mine.loc[ref["iCode"]].to_numpy(), ref["EffWeight"].to_numpy(), atol=1e-12
    )


def test_lineage_equals_coinr(asem, test_data):
    ref = pd.read_csv(test_data / "coinr-asem" / "example_coin" / "lineage.csv").set_index(
        "Indicator"
    )
    mine = lineage(asem).set_index("level_1").loc[ref.index]
    assert (mine.to_numpy() == ref.to_numpy()).all()


def test_imeta_round_trip(asem):
    back = framework_from_imeta(framework_to_imeta(asem))
    pd.testing.assert_frame_equal(
        back.table.drop(columns="name_en"), asem.table.drop(columns="name_en")
    )


def test_levels_and_defaults_are_derived():
    fw = framework_from_table(_rows())
    t = fw.table.set_index("code")
    assert t.loc["a", "level"] == 1 and t.loc["P", "level"] == 2 and t.loc["Index", "level"] == 3
    assert (
        t.loc["a", "weight"] == 1.0 and t.loc["a", "direction"] == 1.0 and t.loc["a", "name"] == "a"
    )
    assert fw.indicators == ["a", "b", "c"] and fw.aggregates == ["P", "Q", "Index"]
    assert fw.children("P") == ["a", "b"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"a": {"parent": "Nowhere"}}, r"code 'a': unknown parent 'Nowhere'"),
        ({"a": {"direction": 2}}, r"code 'a': direction 2 is not \+1 or -1"),
        ({"c": {"weight": 0}}, r"code 'c': weight 0.0 must be a number > 0"),
        ({"c": {"weight": -1}}, r"code 'c': weight -1.0"),
        ({"c": {"weight": "heavy"}}, r"code 'c': weight 'heavy' is not a number"),
        ({"P": {"parent": "Q"}, "Q": {"parent": "P"}}, r"cycle"),
        ({"Q": {"parent": None}}, r"exactly one top node"),
        ({"R": {"parent": "Index", "type": "aggregate"}}, r"code 'R': aggregate without children"),
        ({"a": {"parent": "b"}}, r"code 'a': parent 'b' is an indicator"),
        (
            {"c": {"parent": "Index"}, "d": {"parent": "Q"}},
            r"code 'c': level 1 but its parent 'Index' is at level 3",
        ),
        ({"a": {"level": 2}}, r"code 'a': level 2 given, 1 from the tree"),
        ({"a": {"type": "pillar"}}, r"code 'a': type 'pillar'"),
    ],
)
def test_malformed_frameworks_name_the_code(changes, message):
    with pytest.raises(InputError, match=message):
        framework_from_table(_rows(**changes))


def test_duplicate_code_names_both_rows():
    rows = _rows()
    rows.append({"code": "a", "parent": "Q", "type": "indicator"})
    with pytest.raises(InputError, match=r"code 'a': duplicate code \(rows 1 and 7\)"):
        framework_from_table(rows)


def test_self_parent_is_a_cycle():
    with pytest.raises(InputError, match=r"code 'P': cycle P -> P"):
        framework_from_table(_rows(P={"parent": "P"}))


def test_yaml_layout_with_patterns_and_unknown_keys():
    doc = {
        "name": "t",
        "aggregates": [{"code": "Index"}, {"code": "P", "parent": "Index"}],
        "indicators": [{"code": "gdp", "parent": "P", "patterns": ["地区生产总值", "GDP"]}],
    }
    fw = framework_from_dict(doc)
    assert fw.patterns == {"gdp": ("地区生产总值", "GDP")}
    with pytest.raises(InputError, match=r"'gdp'.*unknown key\(s\) \['colour'\]"):
        framework_from_dict(
            {**doc, "indicators": [{"code": "gdp", "parent": "P", "colour": "red"}]}
        )


def test_with_weights_and_subset():
    fw = framework_from_table(_rows())
    heavier = fw.with_weights({"P": 3})
    assert heavier.weights["P"] == 3 and fw.weights["P"] == 1
    with pytest.raises(InputError, match="unknown code"):
        fw.with_weights({"zz": 1})
    with pytest.raises(InputError, match="'P'"):
        fw.with_weights({"P": 0})
    small = fw.subset(["a", "b"])
    assert small.codes == ["a", "b", "P", "Index"]


@pytest.mark.parametrize("name", ["liyang-quality-city", "jiangsu-census-peers"])
def test_builtin_frameworks_load(name):
    assert name in builtin_frameworks()
    fw = load_framework(name)
    assert fw.top == "Index"
    assert len(fw.codes_at(2)) == 6
    assert fw.notes


def test_unknown_framework_name_lists_builtins():
    with pytest.raises(InputError, match="built-in framework"):
        load_framework("no-such-framework")


def test_yaml_file_errors_name_the_file_and_code(tmp_path):
    path = tmp_path / "fw.yaml"
    path.write_text(
        "aggregates:\n  - {code: Index}\nindicators:\n  - {code: pm25, parent: Index, direction: -2}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"fw.yaml: framework code 'pm25': direction -2"):
        load_framework(path)
    path.write_text("aggregates: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_framework(path)


def test_imeta_csv_with_an_unknown_type_names_row_and_column(tmp_path, test_data):
    text = (test_data / "coinr-asem" / "inputs" / "ASEM_iMeta.csv").read_text(encoding="utf-8")
    bad = tmp_path / "iMeta.csv"
    bad.write_text(
        text.replace('"Physical","Indicator"', '"Physical","Indikator"', 1), encoding="utf-8"
    )
    with pytest.raises(
        InputError, match=r"iMeta.csv, row 1, column 'Type': unknown type 'indikator'"
    ):
        load_framework(bad)
