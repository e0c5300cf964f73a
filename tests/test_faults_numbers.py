"""Issue 14, "done when": every command that reads numbers, fed random tables with NaN,
±inf, huge and tiny values, either computes what it computes on the cleaned table or
stops with exit status 2 and one line.

Each command is run in process (:func:`analysis.cli.main`) on a small random table
(``values``: units × columns, positive) written in the command's own input format, then:

1. one cell made non-finite (``inf``, ``-inf``, ``Infinity``, ``1e999``): exit 2, one line;
2. one cell made missing (``nan``, ``NaN``, empty): exit 2, or the output of the table
   without that cell (a long table: without that row);
3. one column (or, where the output is per table, every cell) multiplied by 10^±150:
   the same ranks (and the same scale-free values) as the clean table, or both exit 2;
4. one cell made extreme but finite (±1e300, 1e-300, the largest and the smallest
   double): exit 2, or an output with no infinite number and NaN only where the clean
   output has NaN.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.cli import main

NON_FINITE = ["inf", "-inf", "Infinity", "1e999", "-1e999"]
MISSING = ["nan", "NaN", ""]
EXTREME = ["1e300", "-1e300", "1e-300", "1.7976931348623157e308", "5e-324", "-1e-300"]
N_UNITS, N_COLUMNS = 5, 3
UNITS = [f"u{i}" for i in range(N_UNITS)]
CODES = ["a", "b", "c"]

#: a cell the long formats leave out (the row is absent)
ABSENT = None

Cells = list[list[str | None]]


@dataclass(frozen=True)
class Outcome:
    code: int
    err: str
    table: pd.DataFrame | None


def cli(argv: list[str]) -> tuple[int, str]:
    """Run ``qci`` in process; (exit status, stderr)."""
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main([str(a) for a in argv])
    return code, err.getvalue()


def write_matrix(path: Path, cells: Cells, header: list[str] = CODES) -> Path:
    """A decision matrix ``unit,a,b,c``."""
    path.write_text("unit," + ",".join(header) + "\n" + "".join(
        f"{u},{','.join('' if c is None else c for c in row)}\n" for u, row in zip(UNITS, cells, strict=True)),
        encoding="utf-8")
    return path


def write_long(path: Path, cells: Cells, head: str, row: Callable[[str, int, str], str]) -> Path:
    """A long table: one line per present cell (``row(unit, column, cell)``)."""
    lines = [head] + [row(u, j, c) for u, cells_u in zip(UNITS, cells, strict=True)
                      for j, c in enumerate(cells_u) if c is not ABSENT]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ commands

CRITERIA = "indicator,direction,weight\na,1,0.5\nb,1,0.3\nc,-1,0.2\n"
FRAMEWORK = "indicator,direction\na,1\nb,1\nc,-1\n"
SPEC = "normalise: {method: minmax}\naggregate: amean\n"


def run_weights(folder: Path, cells: Cells, method: str) -> Outcome:
    code, err = cli(["weights", write_matrix(folder / "m.csv", cells), "--method", method,
                     "-o", folder / "w.csv"])
    return Outcome(code, err, pd.read_csv(folder / "w.csv") if code == 0 else None)


def run_rank(folder: Path, cells: Cells, method: str) -> Outcome:
    (folder / "criteria.csv").write_text(CRITERIA)
    code, err = cli(["rank", write_matrix(folder / "m.csv", cells), "--criteria",
                     folder / "criteria.csv", "--method", method, "-o", folder / "r.csv"])
    return Outcome(code, err, pd.read_csv(folder / "r.csv")[["unit", "rank"]] if code == 0 else None)


def run_obstacle(folder: Path, cells: Cells, _: str) -> Outcome:
    (folder / "criteria.csv").write_text(CRITERIA)
    code, err = cli(["obstacle", write_matrix(folder / "m.csv", cells), "--criteria",
                     folder / "criteria.csv", "-o", folder / "o.csv"])
    return Outcome(code, err, pd.read_csv(folder / "o.csv") if code == 0 else None)


def long_panel(folder: Path, cells: Cells) -> Path:
    return write_long(folder / "panel.csv", cells, "unit,year,indicator,value",
                      lambda u, j, c: f"{u},2020,{CODES[j]},{c}")


def run_index(folder: Path, cells: Cells, spec: str) -> Outcome:
    (folder / "fw.csv").write_text(FRAMEWORK)
    (folder / "spec.yaml").write_text(spec)
    code, err = cli(["index", "--data", long_panel(folder, cells), "--meta", folder / "fw.csv",
                     "--spec", folder / "spec.yaml", "-o", folder / "out"])
    if code:
        return Outcome(code, err, None)
    scores = pd.read_csv(folder / "out" / "scores.csv")
    return Outcome(code, err, scores.loc[scores["iCode"] == "Index", ["unit", "score", "rank"]])


def run_sensitivity(folder: Path, cells: Cells, _: str) -> Outcome:
    (folder / "fw.csv").write_text(FRAMEWORK)
    (folder / "spec.yaml").write_text(SPEC + textwrap.dedent("""\
        sensitivity:
          factors:
            Normalisation: {normalise: ["n_minmax(1,100)", "n_zscore(100,10)"]}
        """))
    code, err = cli(["sensitivity", "--data", long_panel(folder, cells), "--meta", folder / "fw.csv",
                     "--spec", folder / "spec.yaml", "--n", "2", "--seed", "1", "--n-boot", "2",
                     "-o", folder / "out"])
    if code:
        return Outcome(code, err, None)
    return Outcome(code, err, pd.read_csv(folder / "out" / "ranks.csv").filter(
        regex="unit|nominal|median"))


def run_panel(folder: Path, cells: Cells, layout: str) -> Outcome:
    """``qci panel --study``: a study whose panel is long or wide."""
    (folder / "fw.csv").write_text(FRAMEWORK)
    if layout == "long":
        data = long_panel(folder, cells)
    else:
        data = write_long(folder / "panel.csv", [[",".join("" if c is None else c for c in row)]
                                                 for row in cells],
                          "unit,year," + ",".join(CODES), lambda u, j, c: f"{u},2020,{c}")
    (folder / "study.yaml").write_text(
        f"name: probe\ntitle: probe\npanel: {data.name}\nframework: fw.csv\nspec: peers-default\nyears: all\n")
    code, err = cli(["panel", "--study", folder / "study.yaml", "-o", folder / "out.csv"])
    if code:
        return Outcome(code, err, None)
    out = pd.read_csv(folder / "out.csv")
    return Outcome(code, err, out.dropna(subset=["value"]).sort_values(["unit", "indicator"])
                   .reset_index(drop=True))


def run_compare(folder: Path, cells: Cells, _: str) -> Outcome:
    """Column j is the scores of method m{j}; m0 is the nominal."""
    files = []
    for j in range(N_COLUMNS):
        files.append(write_long(folder / f"m{j}.csv", [[row[j]] for row in cells], "unit,score",
                                lambda u, _, c: f"{u},{c}"))
    code, err = cli(["compare", *files, "--nominal", "m0", "--top", "2", "-o", folder / "cmp"])
    if code:
        return Outcome(code, err, None)
    shifts = pd.read_csv(folder / "cmp" / "shifts.csv")
    return Outcome(code, err, shifts.sort_values(["method", "unit"]).reset_index(drop=True))


def scores_file(folder: Path, cells: Cells, codes: list[str], years: list[int]) -> Path:
    """Long scores ``unit,year,iCode,score``: column j is (codes[j], years[j])."""
    return write_long(folder / "scores.csv", cells, "unit,year,iCode,score",
                      lambda u, j, c: f"{u},{years[j]},{codes[j]},{c}")


def run_coupling(folder: Path, cells: Cells, model: str) -> Outcome:
    scores = scores_file(folder, cells, ["A", "B", "C"], [2020] * 3)
    code, err = cli(["coupling", scores, "--systems", "A,B,C", "--model", model, "--max", "1000",
                     "-o", folder / "c.csv"])
    return Outcome(code, err, pd.read_csv(folder / "c.csv") if code == 0 else None)


def run_disparity(folder: Path, cells: Cells, method: str) -> Outcome:
    scores = scores_file(folder, cells, ["Index"] * 3, [2020, 2021, 2022])
    (folder / "groups.csv").write_text("unit,group\n" + "".join(
        f"{u},{'east' if i < 2 else 'west'}\n" for i, u in enumerate(UNITS)))
    code, err = cli(["disparity", scores, "--method", method, "--groups", folder / "groups.csv",
                     "-o", folder / "d.csv"])
    return Outcome(code, err, pd.read_csv(folder / "d.csv") if code == 0 else None)


def run_convergence(folder: Path, cells: Cells, method: str) -> Outcome:
    scores = scores_file(folder, cells, ["Index"] * 3, [2020, 2021, 2022])
    code, err = cli(["convergence", scores, "--method", method, "-o", folder / "v.csv"])
    if code:
        return Outcome(code, err, None)
    table = pd.read_csv(folder / "v.csv")
    # scale-free columns: σ's coefficient of variation; β's slope and its test (not the
    # intercept-dependent speed fields are the same too, they derive from β)
    return Outcome(code, err, table.drop(columns=[c for c in ("mean", "sd") if c in table]))


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[Path, Cells, str], Outcome]
    variants: tuple[str, ...]
    #: "column": one column scaled leaves the output unchanged; "all": every cell; "": no
    #: scale-free output to compare
    scale: str = "column"
    #: a missing cell may be compared with the table without it (long formats)
    long: bool = False
    #: output columns that may be NaN for some finite inputs (documented)
    nan_ok: tuple[str, ...] = ()


COMMANDS = [
    Command("weights", run_weights, ("entropy", "critic", "cv", "std", "pca", "gini")),
    Command("rank", run_rank, ("wsm", "wpm", "topsis", "vikor", "gra", "copeland")),
    Command("obstacle", run_obstacle, ("",)),
    Command("index", run_index, (SPEC, "normalise: {method: zscore}\naggregate: amean\n",
                                 "normalise: {method: minmax, l: 1, u: 100}\naggregate: gmean\n"),
            long=True),
    Command("sensitivity", run_sensitivity, ("",), long=True),
    Command("panel", run_panel, ("long", "wide"), scale="", long=True),
    Command("compare", run_compare, ("",), long=True),
    Command("coupling", run_coupling, ("classic", "wang2021"), scale="", long=True),
    Command("disparity", run_disparity, ("gini", "theil", "dagum"), long=True),
    Command("convergence", run_convergence, ("sigma",), long=True),
    # speed and half-life are NaN unless −1 < β < 0 (analysis.regional.convergence)
    Command("convergence-beta", run_convergence, ("beta",), scale="all", long=True,
            nan_ok=("speed", "half_life")),
]


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal tables: ranks and text exactly, other numbers to 1e-6 (relative)."""
    assert list(a.columns) == list(b.columns) and len(a) == len(b)
    for col in a.columns:
        x, y = a[col], b[col]
        if pd.api.types.is_float_dtype(x) or pd.api.types.is_float_dtype(y):
            np.testing.assert_allclose(x.to_numpy(float), y.to_numpy(float), rtol=1e-6, atol=1e-9,
                                       err_msg=col)
        else:
            assert x.astype(str).tolist() == y.astype(str).tolist(), col


def refused(outcome: Outcome) -> bool:
    """Exit 2 with exactly one line on stderr (never a traceback)."""
    if outcome.code != 2:
        return False
    lines = outcome.err.strip().splitlines()
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == 1 and "Traceback" not in outcome.err, outcome.err
    return True


def finite_where_clean(outcome: Outcome, clean: Outcome, nan_ok: tuple[str, ...]) -> None:
    """No infinite number in the output, NaN only where the clean output has NaN (or in a
    column documented to be NaN for some inputs)."""
    numbers = outcome.table.select_dtypes("number")
    assert not np.isinf(numbers.to_numpy(float)).any(), numbers
    if clean.table is not None and clean.table.shape == outcome.table.shape:
        checked = [c for c in outcome.table.columns if c not in nan_ok]
        nan = outcome.table[checked].isna().to_numpy()
        assert not (nan & ~clean.table[checked].isna().to_numpy()).any(), outcome.table


def as_text(values: np.ndarray) -> Cells:
    return [[repr(float(v)) for v in row] for row in values]


@pytest.mark.parametrize("command", COMMANDS, ids=[c.name for c in COMMANDS])
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(st.floats(0.5, 100.0), min_size=N_UNITS * N_COLUMNS, max_size=N_UNITS * N_COLUMNS),
    cell=st.tuples(st.integers(0, N_UNITS - 1), st.integers(0, N_COLUMNS - 1)),
    bad=st.sampled_from(NON_FINITE),
    missing=st.sampled_from(MISSING),
    extreme=st.sampled_from(EXTREME),
    power=st.integers(-150, 150),
    variant=st.integers(0, 5),
)
def test_every_numeric_reader_refuses_or_matches_the_clean_table(
    tmp_path_factory, command, values, cell, bad, missing, extreme, power, variant
):
    folder = tmp_path_factory.mktemp(command.name)
    option = command.variants[variant % len(command.variants)]
    x = np.array(values).reshape(N_UNITS, N_COLUMNS)
    i, j = cell

    def run(cells: Cells) -> Outcome:
        return command.run(folder, cells, option)

    def with_cell(text: str | None) -> Cells:
        cells = as_text(x)
        cells[i][j] = text
        return cells

    clean = run(as_text(x))
    assert clean.code in (0, 2)
    if clean.code == 2:
        refused(clean)

    # 1. a non-finite cell is refused
    assert refused(run(with_cell(bad))), f"{command.name} {option}: {bad} not refused"

    # 2. a missing cell: refused, or the table without it
    gap = run(with_cell(missing))
    if not refused(gap):
        assert gap.code == 0, gap.err
        if command.long:
            cleaned = run(with_cell(ABSENT))
            assert cleaned.code == 0, cleaned.err
            same(gap.table, cleaned.table)

    # 3. scale: the same ranks and scale-free values, or both refused
    if command.scale:
        scaled = x.copy()
        if command.scale == "all":
            scaled = scaled * 10.0**power
        else:
            scaled[:, j] = scaled[:, j] * 10.0**power
        outcome = run(as_text(scaled))
        assert outcome.code == clean.code, outcome.err or clean.err
        if outcome.code == 0:
            same(outcome.table, clean.table)
        else:
            refused(outcome)

    # 4. an extreme but finite cell: refused, or finite where the clean table is
    outcome = run(with_cell(extreme))
    if not refused(outcome):
        assert outcome.code == 0, outcome.err
        finite_where_clean(outcome, clean, command.nan_ok)


# ------------------------------------------------------------------- panel --figures

FIGURES = Path(__file__).parent / "data" / "panel"


@pytest.fixture(scope="module")
def figures_in_panel(tmp_path_factory) -> tuple[pd.DataFrame, list[int]]:
    """The dev-gold figures (read as text) and the rows whose value reaches the panel."""
    figures = pd.read_csv(FIGURES / "figures_dev_gold.csv", dtype=str, keep_default_na=False)
    out = tmp_path_factory.mktemp("figures") / "panel.csv"
    assert cli(["panel", "--figures", FIGURES / "figures_dev_gold.csv", "--sources",
                FIGURES / "sources.csv", "-o", out])[0] == 0
    used = pd.read_csv(out, dtype={"doc": str, "start": str})
    keys = set(zip(used["doc"], used["start"], strict=True))
    rows = [i for i, key in enumerate(zip(figures["doc"], figures["start"], strict=True)) if key in keys]
    return figures, rows


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pick=st.integers(0, 1000), bad=st.sampled_from(NON_FINITE), extreme=st.sampled_from(EXTREME))
def test_panel_from_figures_refuses_a_non_finite_value_and_keeps_extremes_finite(
    tmp_path_factory, figures_in_panel, pick, bad, extreme
):
    """A figure whose value is not finite (a 400-digit numeral read as ``inf`` once
    reached the panel) stops ``qci panel --figures`` with one line; an extreme finite one
    gives a finite panel or stops the same way."""
    figures, rows = figures_in_panel
    folder = tmp_path_factory.mktemp("figures")
    row = rows[pick % len(rows)]

    def run(value: str) -> Outcome:
        table = figures.copy()
        table.loc[row, "value"] = value
        table.to_csv(folder / "figures.csv", index=False)
        code, err = cli(["panel", "--figures", folder / "figures.csv", "--sources",
                         FIGURES / "sources.csv", "-o", folder / "panel.csv"])
        return Outcome(code, err, pd.read_csv(folder / "panel.csv") if code == 0 else None)

    assert refused(run(bad))
    outcome = run(extreme)
    if not refused(outcome):
        assert outcome.code == 0 and np.isfinite(outcome.table["value"].to_numpy(float)).all()
