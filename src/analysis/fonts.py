"""A CJK font that the install itself provides, registered with matplotlib.

No system font may be assumed on a fresh machine, so the suite depends on the PyPI
package ``mplfonts``, which ships Noto Sans CJK SC (SIL Open Font Licence). This module
finds the font file inside that package, registers it with matplotlib's font manager
and puts it first in the sans-serif list, so that Chinese labels render in every plot.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
CJK_FONT_FAMILY = "Noto Sans CJK SC"


def cjk_font_path() -> Path:
    """Path of the bundled Noto Sans CJK SC font; an error if the package is missing."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the package 'mplfonts' (which ships Noto Sans CJK SC) is not installed: "
            "run `make venv` or `pip install -e .`"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / CJK_FONT_FILE
    if not path.exists():
        raise RuntimeError(f"{path}: the CJK font file is missing from the mplfonts package")
    return path


@cache
@cache
def show_in_notebooks() -> None:
    """Load a Jupyter kernel's inline backend once, so that its PNG formatter shows our figures.

    The figures here are not pyplot's (nothing leaks in a long session), so pyplot may
    never have loaded the kernel's inline backend; IPython would then show a figure as
    its text repr ("<Figure size …>") instead of a picture. Outside a kernel: nothing.
    """
    import matplotlib

    backend = str(matplotlib.rcParams._get_backend_or_none() or "")
    if "inline" in backend:
        import matplotlib.pyplot as plt

        plt.switch_backend(backend)  # importing backend_inline registers the formatter


def use_cjk_font() -> str:
    """Register the bundled CJK font with matplotlib and make it the default sans-serif.

    Returns the family name. Safe to call many times (the work is done once).
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    sans = [family] + [f for f in mpl.rcParams["font.sans-serif"] if f != family]
    mpl.rcParams["font.sans-serif"] = sans
    mpl.rcParams["font.family"] = "sans-serif"
    # the CJK font has a proper minus glyph, but keep ASCII hyphen-minus for safety
    mpl.rcParams["axes.unicode_minus"] = False
    show_in_notebooks()  # every figure factory calls this function first
    from analysis.display import register_alt_text

    register_alt_text()  # every figure a notebook shows carries alt text (analysis.display)
    return family
