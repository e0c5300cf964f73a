"""What the extraction rule tests share: a sentence of our own extracted as one text
published on a given date, and the row of one surface in it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.extract import extract_text

#: A default publication date that is no date: the test must give one in every call.
REQUIRED = "required"


def rule_helpers(
    default_published: str | None, *, one_row: bool = True
) -> tuple[Callable[..., pd.DataFrame], Callable[..., pd.Series]]:
    """``figures(text, published)`` and ``row(text, surface, published, nth)`` with
    ``published`` defaulting to ``default_published`` (:data:`REQUIRED`: no default).

    ``row`` asserts that exactly one row has the surface when ``one_row`` (the default),
    else that there are more than ``nth``, and returns the ``nth``; the assertion shows
    every surface and value found.
    """

    def figures(text: str, published: str | None = default_published) -> pd.DataFrame:
        if published is REQUIRED:
            raise TypeError("figures() needs the publication date of the text")
        return extract_text(text, "t.txt", published)

    def row(text: str, surface: str, published: str | None = default_published,
            nth: int = 0) -> pd.Series:
        found = figures(text, published)
        hits = found[found["surface"] == surface]
        listing = found[["surface", "value"]].to_dict("records")
        if one_row:
            assert nth == 0 and len(hits) == 1, listing
        else:
            assert len(hits) > nth, listing
        return hits.iloc[nth]

    return figures, row
