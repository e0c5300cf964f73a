"""The notebook convention, seen from inside a notebook's kernel.

Every notebook in ``notebooks/`` has one cell tagged ``parameters`` (literals, one per
line, each commented) and, right after it, a cell that calls
:func:`validate_parameters`. Papermill injects the parameters it is given as a cell
tagged ``injected-parameters`` after the ``parameters`` cell, and only *warns* about a
name the notebook does not declare; the validation cell stops the run instead, with a
message naming the parameter, and checks the type of every declared one.

This module also holds the two kernel-side steps of the warm-kernel renderer
(:mod:`analysis.render`): :func:`warm_up`, which imports the heavy libraries once per
kernel, and :func:`reset_session`, which gives every report a fresh namespace on that
kernel. It imports only the standard library, so the validation cell costs nothing.
"""

from __future__ import annotations

import ast
import importlib
import os
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from analysis.errors import InputError

#: papermill's header of the cell it injects (``parameterize_notebook(comment="Parameters")``)
INJECTED_HEADER = "# Parameters"

#: an allowed type: a class, ``None`` (the value None), or a tuple of those
Allowed = type | None | tuple[type | None, ...]

_RC_SNAPSHOT: dict[str, Any] = {}


def validate_parameters(namespace: Mapping[str, Any], schema: Mapping[str, Allowed]) -> dict:
    """Check a notebook's parameters; return them as ``{name: value}``.

    Call it in the cell right after the ``parameters`` cell as
    ``validate_parameters(globals(), {"year": int, "doc": (str, None)})``.

    Parameters
    ----------
    namespace
        The notebook's global namespace (``globals()``). Under IPython it holds the
        input history (``In``), in which the cell papermill injected is found; every
        name that cell assigns must be in ``schema``.
    schema
        Every parameter the notebook declares, with its allowed type(s): a class, ``None``
        for the value None, or a tuple of those. ``int`` does not accept ``bool``;
        ``float`` accepts ``int``.

    Raises
    ------
    InputError
        For an injected name the notebook does not declare, a declared name that is not
        set, or a value of the wrong type; the message names the parameter.
    """
    declared = ", ".join(schema)
    unknown = [name for name in injected_names(namespace) if name not in schema]
    if unknown:
        raise InputError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}; this notebook takes: {declared}"
        )
    values = {}
    for name, allowed in schema.items():
        if name not in namespace:
            raise InputError(f"parameter {name!r} is not set (the parameters cell must set it)")
        value = namespace[name]
        if not _is_instance(value, allowed):
            raise InputError(
                f"parameter {name!r} must be {_describe(allowed)}, "
                f"got {type(value).__name__} {value!r}"
            )
        values[name] = value
    return values


def injected_names(namespace: Mapping[str, Any]) -> list[str]:
    """Names assigned by the last cell papermill injected, from IPython's input history.

    Empty outside IPython (no ``In`` list) or when no parameters were injected.
    """
    history = namespace.get("In") or namespace.get("_ih") or []
    for source in reversed(list(history)):
        if isinstance(source, str) and source.lstrip().startswith(INJECTED_HEADER):
            return _assigned_names(source)
    return []


def _assigned_names(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return names


def _alternatives(allowed: Allowed) -> tuple[type | None, ...]:
    return allowed if isinstance(allowed, tuple) else (allowed,)


def _is_instance(value: Any, allowed: Allowed) -> bool:
    for kind in _alternatives(allowed):
        if kind is None:
            if value is None:
                return True
        elif isinstance(value, bool) and kind is not bool:
            continue
        elif isinstance(value, kind) or (kind is float and isinstance(value, int)):
            return True
    return False


def _describe(allowed: Allowed) -> str:
    return " or ".join("None" if k is None else k.__name__ for k in _alternatives(allowed))


def warm_up(modules: Iterable[str]) -> list[str]:
    """Import ``modules`` and set the CJK font, once per kernel; return what failed.

    Afterwards matplotlib's settings are recorded, and :func:`reset_session` puts them
    back before every report, so that no report inherits another's style changes.
    """
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            failed.append(name)
    if "matplotlib" in sys.modules:
        from analysis.fonts import use_cjk_font

        use_cjk_font()
        import matplotlib as mpl

        _RC_SNAPSHOT.clear()
        _RC_SNAPSHOT.update(mpl.rcParams.copy())
    return failed


def reset_session(cwd: str | None = None) -> None:
    """Give the next notebook a fresh session on this kernel.

    Closes every figure, restores matplotlib's settings (as :func:`warm_up` left them)
    and pandas' options, moves to ``cwd``, then clears the namespace and the input
    history and restarts the execution count at 1 (IPython's ``reset``). Imported
    modules stay imported: that is the point.
    """
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")
    if _RC_SNAPSHOT:
        import matplotlib as mpl

        mpl.rcParams.update(_RC_SNAPSHOT)
    if "pandas" in sys.modules:
        import pandas as pd

        pd.reset_option("all")
    if cwd and os.path.isdir(cwd):
        os.chdir(cwd)
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)
