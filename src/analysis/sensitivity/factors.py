"""Uncertain factors (what a run varies), weight sets, and a spec's ``sensitivity:`` section."""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import InputError, where
from analysis.files import read_csv, read_yaml
from analysis.sensitivity._consts import Seed
from analysis.sensitivity.design import dirichlet_weights, noisy_weights

if TYPE_CHECKING:
    from analysis.framework import Framework

# --------------------------------------------------------------------------------------
# Uncertain factors: what a run varies
#
# A factor is one column of a design: a name, a kind (which part of the pipeline it
# varies) and its alternatives. Each alternative has a *label* (how it is written in a
# design and in runs.csv) and a *setting* (what the engine uses). Kinds:
#
#   winmax     the treat step's winsorisation limit (COINr's Treat(winmax)); setting: a treat entry
#   treat      a whole treat entry, e.g. coinr(winmax=3) or {method: winsorise, upper: 0.95}
#   impute     a whole impute entry, e.g. group_mean(EurAsia_group), mean, none
#   normalise  a whole normalise entry, e.g. n_minmax(1,100), n_zscore(10,2), {method: rank}
#   aggregate  the aggregation method(s), e.g. a_amean, a_gmean, gmean(shift=1), [amean, gmean]
#   weights    a weight set: one weight per framework code (replaces every level's weights)
#   exclude    codes whose weight is set to 0 ("none", or codes joined by "+")

FACTOR_KINDS = ("impute", "winmax", "treat", "normalise", "aggregate", "weights", "exclude")
_KIND_ALIASES = {
    "winmax": "winmax",
    "winsorisation": "winmax",
    "winsorization": "winmax",
    "treat": "treat",
    "treatment": "treat",
    "impute": "impute",
    "imputation": "impute",
    "normalise": "normalise",
    "normalize": "normalise",
    "normalisation": "normalise",
    "normalization": "normalise",
    "aggregate": "aggregate",
    "aggregation": "aggregate",
    "weights": "weights",
    "weight": "weights",
    "exclude": "exclude",
    "exclusion": "exclude",
}
DESIGN_IGNORED_COLUMNS = ("rep", "run", "block")
VECTOR_AGGREGATIONS = ("amean", "gmean", "hmean")
NO_EXCLUSION = "none"
_CALL = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(?:\((.*)\))?\s*$", re.DOTALL)


@dataclass(frozen=True, eq=False)
class Factor:
    """One uncertain factor: ``name`` (its design column), ``kind`` and its alternatives.

    ``labels[k]`` is how alternative k is written in a design and in runs.csv;
    ``settings[k]`` is what the engine uses: a step entry (``{"method": ..., **params}``)
    for impute / winmax / treat / normalise / aggregate, a weight vector in
    ``framework.codes`` order for weights, a frozenset of codes for exclude.

    ``relative`` (weights drawn around the nominal weights: ``noise``, ``dirichlet``):
    when the spec weighs by a method (``weights: {method: entropy}``), a run takes the
    method's weights recomputed for its own data times ``set / nominal``, the draw's
    perturbation; other weight sets (a list, a file) replace the weights as given.
    """

    name: str
    kind: str
    labels: tuple[Any, ...]
    settings: tuple[Any, ...]
    relative: bool = False

    def describe(self) -> dict[str, Any]:
        """The factor as plain data for spec.yaml: kind and labels."""
        if self.kind == "weights":
            return {"kind": self.kind, "sets": len(self.labels), "table": "weight_sets.csv"}
        return {"kind": self.kind, "alternatives": [_plain(label) for label in self.labels]}


#: the uncertain factors the reports' robustness sections and ``qci sensitivity --study`` draw: each a list of alternatives
#: (``n_zscore(100,10)`` stays above 0 for any panel of up to 101 units, so that the
#: geometric mean can meet it)
DEFAULT_FACTORS: dict[str, Any] = {
    "factors": {
        "Weights": {"weights": {"noise": 0.25, "sets": 100}},
        "Normalisation": {"normalise": ["n_minmax(1,100)", "n_zscore(100,10)"]},
        "Aggregation": {"aggregate": ["a_amean", "a_gmean"]},
        "Winmax": {"winmax": [1, 2, 3, 4, 5]},
    }
}


def _plain(value: Any) -> Any:
    """A YAML-safe scalar (NumPy numbers become Python numbers)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def _coerce(raw: str) -> Any:
    """``'1'`` → 1, ``'0.5'`` → 0.5, ``'true'`` → True, ``'"a"'`` → 'a', else the text."""
    text = raw.strip().strip("'\"")
    if text.lower() in {"true", "false"}:
        return text.lower() == "true"
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def _positional(step: str, method: str) -> list[str]:
    """Parameter names that positional arguments of ``method(a, b)`` fill, in order.

    COINr's conventions: ``n_minmax(l, u)``, ``n_zscore(m, s)``, ``group_mean(group)``;
    generally the spec-settable parameters of the step function in signature order.
    """
    from analysis import impute
    from analysis.index import ALIASES, REGISTRIES

    key = ALIASES.get(step, {}).get(method, method)
    if step == "impute" and key in impute.GROUPED:
        return ["group"]
    fn = REGISTRIES[step].get(key)
    if fn is None:
        return []
    supplied = {"x", "d", "direction", "groups", "stack", "g"}
    return [
        name
        for name, par in inspect.signature(fn).parameters.items()
        if name not in supplied and par.kind not in (par.VAR_POSITIONAL, par.VAR_KEYWORD)
    ]


def parse_call(step: str, text: str) -> dict[str, Any]:
    """A step entry from COINr-style text: ``"n_minmax(1,100)"`` → ``{method: n_minmax, l: 1, u: 100}``.

    Arguments are positional (in the order of :func:`_positional`) or ``name=value``;
    ``"a_gmean"`` without parentheses is just the method. Raises :class:`InputError`
    for text that is not ``name`` or ``name(args)``.
    """
    match = _CALL.match(str(text))
    if not match:
        raise InputError(f"{text!r} is not a method name or a call such as name(1, 100)")
    method, args = match.group(1), match.group(2)
    from analysis.index import ALIASES, REGISTRIES

    if ALIASES.get(step, {}).get(method, method) not in REGISTRIES[step]:
        aliases = sorted(ALIASES.get(step, {}))
        raise InputError(
            f"unknown {step} method {method!r}; choose from {sorted(REGISTRIES[step])}"
            + (f" or COINr's {', '.join(aliases)}" if aliases else "")
        )
    entry: dict[str, Any] = {"method": method}
    if args is None or not args.strip():
        return entry
    names = _positional(step, method)
    for i, arg in enumerate(a for a in args.split(",")):
        key, sep, value = arg.partition("=")
        if sep:
            entry[key.strip()] = _coerce(value)
        elif i < len(names):
            entry[names[i]] = _coerce(arg)
        else:
            raise InputError(
                f"{text!r}: {method} takes at most {len(names)} positional argument(s) "
                f"({', '.join(names) or 'none'})"
            )
    return entry


def _resolve_entry(step: str, entry: Any) -> dict[str, Any]:
    """Validate one step entry with the pipeline's own rules and fill its defaults."""
    from analysis.index import resolve_spec

    if isinstance(entry, str):
        entry = parse_call(step, entry)
    resolved = resolve_spec({step: entry}, source="alternative")
    return resolved[step]


def _entry_label(entry: Any) -> Any:
    """The label of a spec-given alternative: text as given, a mapping as ``method(k=v, ...)``."""
    if isinstance(entry, str | int | float):
        return entry
    if isinstance(entry, list):
        return "[" + ", ".join(str(e) for e in entry) + "]"
    params = ", ".join(f"{k}={v}" for k, v in entry.items() if k != "method")
    method = entry.get("method")
    method = "[" + ", ".join(method) + "]" if isinstance(method, list) else method
    return f"{method}({params})" if params else str(method)


def _step_setting(kind: str, value: Any, base: Mapping[str, Any], fw: Framework) -> dict[str, Any]:
    """The setting of one alternative of a pipeline-step factor (validated, defaults filled)."""
    if kind == "winmax":
        try:
            winmax = float(value)
        except (TypeError, ValueError):
            raise InputError(f"{value!r} is not a winsorisation limit (a whole number)") from None
        if not (winmax.is_integer() and winmax >= 0):
            raise InputError(f"{value!r} is not a winsorisation limit (a whole number >= 0)")
        treat = base.get("treat") or {"method": "coinr"}
        if treat["method"] != "coinr":
            raise InputError(
                f"winmax varies COINr's treatment, but the spec treats with {treat['method']!r}"
            )
        return _resolve_entry("treat", {**treat, "winmax": int(winmax)})
    if kind == "impute":
        entry = parse_call("impute", value) if isinstance(value, str) else dict(value)
        from analysis import impute

        key = _resolve_entry("impute", {"method": entry["method"], "group": "_"})["method"]
        if key in impute.GROUPED and "group" not in entry:
            base_group = (base.get("impute") or {}).get("group")
            if base_group is None:
                raise InputError(f"{value!r} needs a group column, e.g. {key}(EurAsia_group)")
            entry["group"] = base_group
        return _resolve_entry("impute", entry)
    step = "normalise" if kind == "normalise" else kind
    setting = _resolve_entry(step, value)
    if kind == "aggregate":
        methods = setting["method"] if isinstance(setting["method"], list) else [setting["method"]]
        slow = [m for m in methods if m not in VECTOR_AGGREGATIONS]
        if slow:
            raise InputError(
                f"{value!r}: aggregation {slow[0]!r} is not evaluated over many weight sets at "
                f"once; the sensitivity engine takes {', '.join(VECTOR_AGGREGATIONS)}"
            )
        if len(methods) > 1 and len(methods) != fw.n_levels - 1:
            raise InputError(
                f"{value!r}: {len(methods)} methods for {fw.n_levels - 1} aggregation levels"
            )
        if setting.get("shift") and any(m == "amean" for m in methods):
            raise InputError(f"{value!r}: a shift applies to gmean and hmean, not amean")
    return setting


def _exclude_setting(value: Any, fw: Framework) -> frozenset[str]:
    """Codes an exclusion alternative drops: ``none`` / empty → nothing; ``A+B`` → {A, B}."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return frozenset()
    items = value if isinstance(value, list | tuple) else re.split(r"[+;,\s]+", str(value))
    codes = frozenset(str(c) for c in items if str(c) and str(c).lower() != NO_EXCLUSION)
    unknown = sorted(codes - set(fw.codes[:-1]))
    if unknown:
        raise InputError(
            f"{value!r}: {', '.join(map(repr, unknown))} is not an indicator or aggregate below "
            f"the top of framework {fw.name!r}"
        )
    return codes


def _setting(kind: str, value: Any, base: Mapping[str, Any], fw: Framework) -> Any:
    if kind == "exclude":
        return _exclude_setting(value, fw)
    return _step_setting(kind, value, base, fw)


def _kind_of(name: str, source: str) -> str:
    kind = _KIND_ALIASES.get(str(name).strip().lower())
    if kind is None:
        raise InputError(
            f"{source}, column {name!r}: not a known factor; name a column after its kind "
            f"({', '.join(FACTOR_KINDS)}, or COINr's Winmax, Normalisation, Weights, "
            "Aggregation) or define it in the spec's 'sensitivity: factors:'"
        )
    return kind


# --------------------------------------------------------------------------------------
# Weight sets


WEIGHT_SET_COLUMNS = ("set", "iCode", "Level", "Weight")


def read_weight_sets(
    sets: pd.DataFrame | str | os.PathLike[str], fw: Framework, source: str | None = None
) -> tuple[list[Any], np.ndarray]:
    """Weight sets from COINr's long table ``set, iCode, Level, Weight``.

    Returns the set labels (in order of first appearance) and an (S, n_codes) array of
    weights in ``fw.codes`` order. Every set must give a weight to every code of the
    framework (indicators and aggregates) except the top node, whose weight is never used
    (the framework's is kept when absent). Errors (:class:`InputError`, naming the file,
    row and column): a missing column, an unknown code, a ``Level`` that disagrees with
    the framework, a weight that is not a number >= 0, a code given twice in one set, a set
    that does not cover the framework.
    """
    if not isinstance(sets, pd.DataFrame):
        source = source or str(sets)
        sets = read_csv(
            sets,
            required=("set", "iCode", "Weight"),
            what="weight sets CSV",
            keep_default_na=False,
            na_values=["", "NA"],
        )
    source = source or "weight sets"
    missing = [c for c in ("set", "iCode", "Weight") if c not in sets.columns]
    if missing:
        raise InputError(f"{source}: missing column(s) {missing}; found {list(sets.columns)}")
    codes = sets["iCode"].astype(str).to_numpy(dtype=object)
    columns = pd.Index(fw.codes).get_indexer(codes)
    unknown = np.flatnonzero(columns < 0)
    if unknown.size:
        row = int(unknown[0])
        raise InputError(
            f"{where(source, row + 1, 'iCode')}{codes[row]!r} is not a code of framework {fw.name!r}"
        )
    weight = pd.to_numeric(sets["Weight"], errors="coerce").to_numpy(np.float64)
    bad = np.flatnonzero(~(np.isfinite(weight) & (weight >= 0)))
    if bad.size:
        row = int(bad[0])
        raise InputError(
            f"{where(source, row + 1, 'Weight')}{sets['Weight'].iloc[row]!r} is not a weight "
            "(a number >= 0)"
        )
    if "Level" in sets.columns:
        level = pd.to_numeric(sets["Level"], errors="coerce").to_numpy(np.float64)
        expected = fw.table["level"].to_numpy(np.float64)[columns]
        wrong = np.flatnonzero(level != expected)
        if wrong.size:
            row = int(wrong[0])
            raise InputError(
                f"{where(source, row + 1, 'Level')}{codes[row]!r} is at level "
                f"{int(expected[row])} of the framework, not {sets['Level'].iloc[row]!r}"
            )
    keys = sets["set"].astype(str).to_numpy(dtype=object)
    set_keys, rows = _first_seen(keys)
    cell = rows * len(fw.codes) + columns
    _, first = np.unique(cell, return_index=True)
    if first.size < cell.size:
        seen = np.zeros(cell.size, dtype=bool)
        seen[first] = True
        row = int(np.flatnonzero(~seen)[0])
        raise InputError(
            f"{where(source, row + 1, 'iCode')}{codes[row]!r} appears twice in set {keys[row]!r}"
        )
    labels_raw = sets["set"].to_numpy(dtype=object)[_first_seen(keys, positions=True)]
    matrix = np.full((len(set_keys), len(fw.codes)), np.nan)
    matrix[:, len(fw.codes) - 1] = fw.weights[fw.top]  # the top node is the last code
    matrix[rows, columns] = weight
    holes = np.argwhere(np.isnan(matrix))
    if holes.size:
        s = int(holes[0, 0])
        missed = [fw.codes[j] for j in np.flatnonzero(np.isnan(matrix[s]))]
        shown = ", ".join(map(repr, missed[:8])) + (" ..." if len(missed) > 8 else "")
        raise InputError(
            f"{source}: weight set {set_keys[s]!r} does not cover framework {fw.name!r}: no "
            f"weight for {len(missed)} code(s) {shown}; a set needs every indicator and aggregate"
        )
    return [_plain(v) for v in labels_raw], matrix


def _first_seen(keys: np.ndarray, positions: bool = False) -> Any:
    """Distinct keys in order of first appearance and each key's number (or, with
    ``positions``, the position of each distinct key's first appearance)."""
    distinct, first, inverse = np.unique(keys.astype(str), return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    if positions:
        return first[order]
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return distinct[order].tolist(), rank[inverse.ravel()]


def weight_sets_table(labels: Sequence[Any], matrix: np.ndarray, fw: Framework) -> pd.DataFrame:
    """The long ``set, iCode, Level, Weight`` table of weight sets (as COINr writes them)."""
    n_sets, n_codes = matrix.shape
    return pd.DataFrame(
        {
            "set": np.repeat(np.asarray(labels, dtype=object), n_codes),
            "iCode": np.tile(np.asarray(fw.codes, dtype=object), n_sets),
            "Level": np.tile([fw.level_of[c] for c in fw.codes], n_sets),
            "Weight": matrix.ravel(),
        }
    )


def draw_weight_sets(
    fw: Framework, nominal: np.ndarray, spec: Mapping[str, Any], seed: Seed = None
) -> np.ndarray:
    """Weight sets drawn around the nominal weights, as a spec's ``weights:`` factor asks.

    ``spec`` has ``sets`` (how many, default 100) and one of

    - ``noise``: COINr's ``get_noisy_weights()``: each weight times (1 + u), u ~ U[-f, f];
      f is one number for every level below the top, or a mapping level → f (COINr's
      ASEM example: ``{2: 0.25, 3: 0.25}``); levels not named keep their weights.
    - ``dirichlet``: the weights of each group of siblings drawn from a Dirichlet
      distribution centred on their nominal shares (:func:`dirichlet_weights`), with
      ``concentration`` (default 10) and ``levels`` (default every level below the top).

    Returns an (sets, n_codes) array in ``fw.codes`` order.
    """
    n_sets = int(spec.get("sets", 100))
    if n_sets < 1:
        raise InputError(f"weights: sets must be >= 1, got {n_sets}")
    levels = np.array([fw.level_of[c] for c in fw.codes])
    below_top = list(range(1, fw.n_levels))
    rng = np.random.default_rng(seed)
    if "noise" in spec:
        noise = spec["noise"]
        per_level = (
            {int(k): float(v) for k, v in noise.items()}
            if isinstance(noise, Mapping)
            else dict.fromkeys(below_top, float(noise))
        )
        f = np.array([per_level.get(int(lv), 0.0) for lv in levels])
        return noisy_weights(nominal, n_sets, noise=f, seed=rng)
    if "dirichlet" in spec:
        options = spec["dirichlet"] if isinstance(spec["dirichlet"], Mapping) else {}
        concentration = float(
            options.get("concentration", spec["dirichlet"] if not options else 10.0)
        )
        wanted = [int(v) for v in options.get("levels", below_top)]
        out = np.broadcast_to(nominal, (n_sets, nominal.size)).copy()
        for parent in fw.aggregates:
            kids = [fw.codes.index(c) for c in fw.children(parent)]
            if fw.level_of[parent] - 1 in wanted and len(kids) > 1:
                out[:, kids] = dirichlet_weights(nominal[kids], n_sets, concentration, seed=rng)
        return out
    raise InputError("weights factor: give 'noise', 'dirichlet', 'file' or a list of weight sets")


# --------------------------------------------------------------------------------------
# Specs with a sensitivity section


def load_sensitivity_spec(
    spec: str | os.PathLike[str] | Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a spec into the pipeline spec (validated) and its ``sensitivity:`` section.

    ``spec`` is a mapping, a YAML file or a built-in spec name, as for
    :func:`analysis.index.load_spec`; the pipeline never sees the ``sensitivity`` key.
    """
    from analysis.config import SPECS_DIR
    from analysis.index import load_spec

    if isinstance(spec, Mapping):
        doc = dict(spec)
    else:
        path = Path(spec)
        if not (path.suffix.lower() in {".yaml", ".yml"} and path.exists()):
            path = SPECS_DIR / f"{spec}.yaml"
        if not path.exists():
            return load_spec(spec), {}  # load_spec names the choices
        doc = read_yaml(path, "spec")
        if not isinstance(doc, Mapping):
            raise InputError(f"{path}: a spec is a mapping of steps")
        doc = dict(doc)
    section = doc.pop("sensitivity", None) or {}
    if not isinstance(section, Mapping):
        raise InputError("spec: 'sensitivity' must be a mapping (factors, n, seed, ...)")
    return load_spec(doc), dict(section)


SENSITIVITY_KEYS = ("factors", "n", "seed", "sampler", "n_boot")


def load_factors_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A separate factors spec: YAML with a ``sensitivity:`` section, or the section itself."""
    p = Path(path)
    doc = read_yaml(p, "factors file")
    if isinstance(doc, Mapping) and "sensitivity" in doc:
        doc = doc["sensitivity"]
    if not isinstance(doc, Mapping):
        raise InputError(f"{p}: expected a mapping with 'factors'")
    return dict(doc)


def factors_from_spec(
    section: Mapping[str, Any],
    fw: Framework,
    base: Mapping[str, Any],
    nominal_weights: np.ndarray,
    weight_sets: tuple[list[Any], np.ndarray] | None = None,
    seed: Seed = None,
) -> list[Factor]:
    """The factors of a spec's ``sensitivity:`` section, in order (see the module docs).

    ``factors`` maps each factor's name to ``{kind: alternatives}``, e.g.
    ``Winmax: {winmax: [1, 2, 3, 4, 5]}`` or ``Weights: {weights: {noise: 0.25, sets: 100}}``.
    A weights factor is a list of weight-override mappings, ``{file: SETS.csv}``,
    ``{noise: ...}`` / ``{dirichlet: ...}`` draws (:func:`draw_weight_sets`, seeded by the
    factor's own ``seed`` or else ``seed``; the drawn sets are written to weight_sets.csv),
    or ``{}`` for the sets of the ``--weights-sets`` file.
    """
    unknown = sorted(set(section) - set(SENSITIVITY_KEYS))
    if unknown:
        raise InputError(
            f"spec: sensitivity: unknown key(s) {unknown}; it takes {list(SENSITIVITY_KEYS)}"
        )
    entries = section.get("factors") or {}
    if not isinstance(entries, Mapping):
        raise InputError("spec: sensitivity: 'factors' maps factor names to {kind: alternatives}")
    factors = []
    for name, body in entries.items():
        where_ = f"spec: sensitivity: factor {name!r}"
        if not (isinstance(body, Mapping) and len(body) == 1):
            raise InputError(f"{where_}: expected one {{kind: alternatives}}, kinds {FACTOR_KINDS}")
        ((kind_raw, alternatives),) = body.items()
        kind = _KIND_ALIASES.get(str(kind_raw).lower())
        if kind is None:
            raise InputError(f"{where_}: unknown kind {kind_raw!r}; choose from {FACTOR_KINDS}")
        if kind == "weights":
            labels, matrix = _weights_alternatives(
                alternatives, fw, nominal_weights, weight_sets, seed, where_
            )
            drawn = isinstance(alternatives, Mapping) and bool(
                {"noise", "dirichlet"} & set(alternatives)
            )
            factors.append(Factor(str(name), kind, tuple(labels), tuple(matrix), relative=drawn))
            continue
        if not isinstance(alternatives, list) or not alternatives:
            raise InputError(f"{where_}: {kind} alternatives must be a non-empty list")
        settings = []
        for value in alternatives:
            try:
                settings.append(_setting(kind, value, base, fw))
            except InputError as err:
                raise InputError(f"{where_}: {err}") from None
        labels = [
            _entry_label(v) if kind != "exclude" else _exclusion_label(v) for v in alternatives
        ]
        factors.append(Factor(str(name), kind, tuple(labels), tuple(settings)))
    kinds = [f.kind for f in factors]
    _check_kinds(kinds, [f.name for f in factors], "spec: sensitivity")
    return factors


def _exclusion_label(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "+".join(map(str, value)) or NO_EXCLUSION
    return str(value) if value not in (None, "") else NO_EXCLUSION


def _check_kinds(kinds: Sequence[str], names: Sequence[str], source: str) -> None:
    """At most one factor per kind, and winmax and treat (both the treat step) not together."""
    stages = ["treat" if k == "winmax" else k for k in kinds]
    for stage in set(stages):
        twins = [n for n, s in zip(names, stages, strict=True) if s == stage]
        if len(twins) > 1:
            raise InputError(
                f"{source}: factors {', '.join(map(repr, twins))} both vary the {stage} step; "
                "merge them into one factor"
            )


def _weights_alternatives(
    spec: Any,
    fw: Framework,
    nominal: np.ndarray,
    given: tuple[list[Any], np.ndarray] | None,
    seed: Seed,
    source: str,
) -> tuple[list[Any], np.ndarray]:
    from analysis.aggregate import weight_vector

    if isinstance(spec, list):
        if not spec:
            raise InputError(f"{source}: an empty list of weight sets")
        try:
            matrix = np.stack([weight_vector(fw, dict(w)) for w in spec])
        except (InputError, TypeError, ValueError) as err:
            raise InputError(f"{source}: {err}") from None
        return list(range(1, len(spec) + 1)), matrix
    spec = dict(spec or {})
    if "file" in spec:
        return read_weight_sets(spec["file"], fw)
    if "noise" in spec or "dirichlet" in spec:
        matrix = draw_weight_sets(fw, nominal, spec, seed=spec.get("seed", seed))
        return list(range(1, len(matrix) + 1)), matrix
    if given is not None:
        return given
    raise InputError(
        f"{source}: give weight sets: a list, {{file: SETS.csv}}, {{noise: ...}}, "
        "{dirichlet: ...}, or --weights-sets"
    )


def factors_for_design(
    design: pd.DataFrame,
    declared: Sequence[Factor],
    fw: Framework,
    base: Mapping[str, Any],
    weight_sets: tuple[list[Any], np.ndarray] | None,
    source: str = "design",
) -> tuple[list[Factor], np.ndarray]:
    """The factors of a given design and each run's alternative of each factor.

    Factor columns are every column but ``rep``, ``run`` and ``block``, in order. A column
    named like a factor of the spec takes that factor's alternatives (a value not among
    them is parsed as a new alternative, except weight sets); otherwise its kind comes from
    its name (:data:`FACTOR_KINDS`, or COINr's ``Winmax``, ``Normalisation``, ``Weights``,
    ``Aggregation``) and its alternatives from its values. Weight-set values name sets of
    ``weight_sets`` (``--weights-sets``) or of the spec's weights factor.

    Returns the factors (in column order) and an (runs, factors) int array of alternative
    indices. Errors name the column, the first row (1-based, as in the file) and the value.
    """
    by_name = {f.name: f for f in declared}
    columns = [c for c in design.columns if str(c).strip().lower() not in DESIGN_IGNORED_COLUMNS]
    if not columns or len(design) == 0:
        raise InputError(f"{source}: no runs or no factor columns")
    factors: list[Factor] = []
    codes = np.empty((len(design), len(columns)), dtype=np.int64)
    for j, column in enumerate(columns):
        declared_factor = by_name.get(str(column))
        kind = declared_factor.kind if declared_factor else _kind_of(column, source)
        values = design[column]
        if values.isna().any() and kind != "exclude":
            row = int(np.flatnonzero(values.isna().to_numpy())[0])
            raise InputError(f"{where(source, row + 1, column)}empty value")
        if declared_factor is not None:
            labels, settings = list(declared_factor.labels), list(declared_factor.settings)
        elif kind == "weights":
            if weight_sets is None:
                raise InputError(
                    f"{source}, column {column!r}: names weight sets; pass them "
                    "(--weights-sets SETS.csv, or a weights factor in the spec)"
                )
            labels, settings = list(weight_sets[0]), list(weight_sets[1])
        else:
            labels, settings = [], []
        inverse, distinct_values = pd.factorize(values, use_na_sentinel=False)
        distinct = [str(_plain(v)).strip() for v in distinct_values]
        label_keys = [str(lab).strip() for lab in labels]
        mapping = np.empty(len(distinct), dtype=np.int64)
        for k, key in enumerate(distinct):
            if key in label_keys:
                mapping[k] = label_keys.index(key)
                continue
            row = int(np.flatnonzero(inverse == k)[0])
            value = _plain(values.iloc[row])
            if kind == "weights":
                raise InputError(
                    f"{where(source, row + 1, column)}weight set {value!r} is not among the "
                    f"{len(labels)} sets given ({_preview(labels)})"
                )
            try:
                setting = _setting(kind, value, base, fw)
            except InputError as err:
                raise InputError(
                    f"{where(source, row + 1, column)}{_kind_word(kind)} {err}"
                ) from None
            labels.append(value)
            label_keys.append(key)
            settings.append(setting)
            mapping[k] = len(labels) - 1
        codes[:, j] = mapping[inverse]
        relative = declared_factor.relative if declared_factor is not None else False
        factors.append(Factor(str(column), kind, tuple(labels), tuple(settings), relative))
    _check_kinds([f.kind for f in factors], [f.name for f in factors], source)
    return factors, codes


def _kind_word(kind: str) -> str:
    return {
        "winmax": "winsorisation limit",
        "treat": "treatment",
        "impute": "imputation",
        "normalise": "normalisation",
        "aggregate": "aggregation",
        "exclude": "exclusion",
    }[kind]


def _preview(labels: Sequence[Any]) -> str:
    shown = ", ".join(map(str, labels[:5]))
    return shown + (", ..." if len(labels) > 5 else "")
