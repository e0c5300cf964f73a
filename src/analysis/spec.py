"""Pipeline specs: plain data naming each step's method and parameters.

A *spec* is plain data (YAML or a dict), one entry per step, each naming a method of that
step's registry and its parameters::

    name: coinr-default
    denominate: {method: divide}                      # by the framework's 'denominator'
    impute:     {method: group_mean, group: EurAsia_group}
    screen:     {method: by_na, threshold: 0.9}
    treat:      {method: coinr, winmax: 5}
    normalise:  {method: minmax, l: 0, u: 100, scope: year}  # scope: year | pooled | reference_year
    weights:    {method: entropy, scope: pooled}      # or {Conn: 2}: overrides of framework weights
    aggregate:  {method: amean, penalty: none}        # method: or a list, one per level
    year:       2020                                  # optional: a year, a list of years, or all

Steps run in this order; their methods (registries ``METHODS`` of each module; COINr's
names such as ``n_minmax``, ``a_gmean``, ``i_mean_grp``, ``byNA`` are accepted too):

==============  ===============================================================
denominate      divide, none
impute          mean, median, group_mean, group_median (``group: COLUMN``), latest, none
screen          by_na, by_zeros, by_na_and_zeros, none
treat           coinr, winsorise, clip, none
normalise       minmax, zscore, mpi, rank, percentile, goalposts, mp_goalposts, dist2targ,
                dist2max, sum, vector, log, none
weights         (optional) equal, entropy, critic, cv, std, pca, gini, reciprocal_gini,
                linear, multiplicative, game_theory (:mod:`analysis.weights`)
aggregate       amean, gmean, hmean, mpi (Mazziotta–Pareto), median, copeland (required);
                ``penalty: dispersion``
==============  ===============================================================

Time (see :mod:`analysis.engine` for the scopes):

- ``normalise: {method: minmax, l, u, scope: year | pooled}``: ``pooled`` takes the min
  and max over all years of the run; ``scope: reference_year, reference_year: Y`` those
  of year Y.
- ``normalise: {method: goalposts, reference_year: Y, l: 70, u: 130}``: the
  Mazziotta-Pareto goalposts of giniCI (``mp_goalposts``) fixed on year Y. ``goalposts``
  with any of ``reference_year``, ``l``, ``u`` or ``scope`` is this form; with
  ``lower``/``upper``/``scale``/``trunc`` (or nothing) it is COINr's ``n_goalposts``.
- ``weights: {method: M, scope: year | pooled | reference_year, reference_year: Y, ...}``:
  weights from the normalised values within each aggregation group (further keys are the
  method's options, e.g. ``variant: sum`` for entropy). A mapping without ``method``
  overrides framework weights code by code, as before.
- ``aggregate: {method: amean | gmean | ..., penalty: none | dispersion}``.

A step left out (or ``method: none``) is skipped and writes no dataset. Unknown steps,
methods and parameters are errors naming them. Built-in specs live in
``src/analysis/specs/*.yaml`` (``coinr-default`` = COINr's ``build_example_coin()``;
``peers-default`` for panels without denominators or groups).
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from analysis import aggregate, denominate, engine, impute, normalise, screen, treat
from analysis.config import SPECS_DIR
from analysis.errors import InputError

STEPS = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")
DATASETS = {
    "raw": "Raw",
    "denominate": "Denominated",
    "impute": "Imputed",
    "screen": "Screened",
    "treat": "Treated",
    "normalise": "Normalised",
    "aggregate": "Aggregated",
}
REGISTRIES: dict[str, dict[str, Callable[..., Any]]] = {
    "denominate": denominate.METHODS,
    "impute": impute.METHODS,
    "screen": screen.METHODS,
    "treat": treat.METHODS,
    "normalise": normalise.METHODS,
    "aggregate": aggregate.METHODS,
}
ALIASES: dict[str, dict[str, str]] = {
    "normalise": normalise.ALIASES,
    "aggregate": aggregate.ALIASES,
    "screen": {"byNA": "by_na", "byzeros": "by_zeros", "byNAandzeros": "by_na_and_zeros"},
    "impute": {
        "i_mean": "mean",
        "i_median": "median",
        "i_mean_grp": "group_mean",
        "i_median_grp": "group_median",
    },
}
# parameters the pipeline supplies from the data or framework, never from the spec
_SUPPLIED = {"x", "d", "direction", "groups", "stack", "g", "reference"}
# spec parameters the pipeline consumes itself
_PIPELINE_PARAMS = {
    "impute": {"group"},
    "normalise": set(engine.SCOPE_KEYS),
    "aggregate": {"penalty"},
}
# normalise: goalposts with any of these keys is the Mazziotta-Pareto (giniCI) form
_MP_GOALPOSTS_KEYS = {"reference_year", "l", "u", "scope"}
SPEC_KEYS = {"name", "description", "weights", "year", *STEPS}

# ---------------------------------------------------------------------------- specs


def builtin_specs() -> list[str]:
    return sorted(p.stem for p in SPECS_DIR.glob("*.yaml"))


def load_spec(spec: str | os.PathLike[str] | Mapping[str, Any]) -> dict[str, Any]:
    """A spec from a mapping, a YAML path or a built-in name; validated (see :func:`resolve_spec`)."""
    if isinstance(spec, Mapping):
        return resolve_spec(spec)
    p = Path(spec)
    if not (p.suffix.lower() in {".yaml", ".yml"} and p.exists()):
        p = SPECS_DIR / f"{spec}.yaml"
        if not p.exists():
            raise InputError(
                f"spec {str(spec)!r}: neither a YAML file nor a built-in spec ({', '.join(builtin_specs())})"
            )
    from analysis.files import read_yaml

    doc = read_yaml(p, "spec")
    if not isinstance(doc, Mapping):
        raise InputError(f"{p}: a spec is a mapping of steps")
    return resolve_spec(doc, source=str(p))


@functools.cache
def _signature_params(fn: Callable[..., Any]) -> dict[str, Any]:
    """Spec-settable parameters of a step function and their defaults (None: required)."""
    out = {}
    for name, par in inspect.signature(fn).parameters.items():
        if name in _SUPPLIED or par.kind in (par.VAR_POSITIONAL, par.VAR_KEYWORD):
            continue
        out[name] = None if par.default is inspect.Parameter.empty else par.default
    return out


def resolve_spec(spec: Mapping[str, Any], source: str = "spec") -> dict[str, Any]:
    """Check a spec and fill in every parameter's default, so that it records the run.

    Each step becomes ``{"method": name, **params}``; a plain string is a method name.
    """
    unknown = sorted(set(spec) - SPEC_KEYS)
    if unknown:
        raise InputError(f"{source}: unknown key(s) {unknown}; a spec has {sorted(SPEC_KEYS)}")
    out: dict[str, Any] = {k: spec[k] for k in ("name", "description") if k in spec}
    for step in STEPS:
        raw = spec.get(step)
        if raw is None:
            continue
        entry = {"method": raw} if isinstance(raw, str | list) else dict(raw)
        method = entry.pop("method", None)
        if method is None:
            raise InputError(f"{source}: step {step!r} has no 'method'")
        names = method if isinstance(method, list) else [method]
        if isinstance(method, list) and step != "aggregate":
            raise InputError(f"{source}: step {step!r}: only 'aggregate' takes a list of methods")
        allowed: dict[str, Any] = {}
        resolved = []
        for name in names:
            key = ALIASES.get(step, {}).get(name, name)
            if step == "normalise" and key == "goalposts" and _MP_GOALPOSTS_KEYS & set(entry):
                key = "mp_goalposts"
            if key not in REGISTRIES[step]:
                raise InputError(
                    f"{source}: step {step!r}: unknown method {name!r}; choose from {sorted(REGISTRIES[step])}"
                )
            resolved.append(key)
            allowed.update(dict(_signature_params(REGISTRIES[step][key])))
        allowed.update(dict.fromkeys(_PIPELINE_PARAMS.get(step, ())))
        bad = sorted(set(entry) - set(allowed))
        if bad:
            raise InputError(
                f"{source}: step {step!r} ({method}): unknown parameter(s) {bad}; it takes {sorted(allowed)}"
            )
        if len(resolved) == 1 and resolved[0] in impute.GROUPED and "group" not in entry:
            raise InputError(
                f"{source}: step 'impute' ({resolved[0]}) needs 'group': the column of unit groups"
            )
        full = {k: v for k, v in allowed.items() if v is not None or k in entry}
        full.update(entry)
        out[step] = {"method": resolved if isinstance(method, list) else resolved[0], **full}
        if step == "normalise":
            engine.check_scope(f"{source}: normalise", out[step])
        if step == "aggregate" and out[step].get("penalty", "none") not in aggregate.PENALTIES:
            raise InputError(
                f"{source}: aggregate penalty {out[step]['penalty']!r}: "
                f"choose from {list(aggregate.PENALTIES)}"
            )
    if "weights" in spec:
        out["weights"] = _resolve_weights(spec["weights"], source)
    if "year" in spec:
        out["year"] = _resolve_year(spec["year"], source)
    return out


def _resolve_year(value: Any, source: str) -> Any:
    """``year``: one year, a list of years or ``all`` (checked against the data at build time)."""
    items = value if isinstance(value, list) else [value]
    ok = all(
        (isinstance(v, int | np.integer) and not isinstance(v, bool))
        or (isinstance(v, str) and (v.strip().isdigit() or v.strip().lower() == "all"))
        for v in items
    )
    if not ok or not items:
        raise InputError(
            f"{source}: year {value!r}: give a year, a list of years (e.g. [2004, 2012]) or 'all'"
        )
    return value


def _resolve_weights(w: Any, source: str) -> dict[str, Any]:
    """``weights``: overrides ``{CODE: number}``, or a method ``{method: M, scope: ..., ...}``."""
    if not isinstance(w, Mapping):
        raise InputError(
            f"{source}: 'weights' must map codes to numbers, or be {{method: M, scope: ...}}"
        )
    if "method" in w:
        from analysis import weights as weights_mod

        entry = dict(w)
        entry["method"] = weights_mod.resolve_method(str(entry["method"]))
        method, options = engine.weights_entry_options(entry)
        accepted = weights_mod.method_options(method)
        bad = sorted(set(options) - set(accepted))
        if bad:
            raise InputError(
                f"{source}: weights ({method}): unknown parameter(s) {bad}; it takes "
                f"{sorted(accepted) + list(engine.SCOPE_KEYS)}"
            )
        engine.check_scope(f"{source}: weights", entry)
        entry.setdefault("scope", engine.check_scope("weights", entry))
        return entry
    try:
        return {str(k): float(v) for k, v in w.items()}
    except (TypeError, ValueError):
        raise InputError(f"{source}: 'weights' must map codes to numbers") from None


def spec_to_yaml(spec: Mapping[str, Any]) -> str:
    """The spec as YAML text (the ``spec.yaml`` written next to the outputs)."""
    return yaml.safe_dump(dict(spec), allow_unicode=True, sort_keys=False)
