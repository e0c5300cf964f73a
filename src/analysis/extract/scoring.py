"""Scoring an extraction against hand annotations (P, R, F1 and per-column agreement).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.extract.columns import FIGURE_COLUMNS
from analysis.extract.files import extract_paths, read_figures
from analysis.sources import read_sources


def _values_equal(a: float, b: float) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if pd.isna(a) or pd.isna(b):
        return False
    return bool(np.isclose(a, b, rtol=1e-9, atol=1e-9))


def score_annotated_folder(
    folder: str | os.PathLike[str], gold: str = "gold_*.csv", sources: str = "sources.csv"
) -> dict:
    """:func:`score_figures` of the texts of ``folder`` against its hand annotations.

    ``gold`` is a glob of annotation files in the figures format inside ``folder``; the
    texts scored are the docs they name, extracted with the publication dates of
    ``folder/sources``.
    """
    folder = Path(folder)
    annotations = sorted(folder.glob(gold))
    if not annotations:
        raise InputError(f"{folder}: no annotation files {gold}")
    expected = pd.concat([read_figures(p) for p in annotations], ignore_index=True)
    texts = [folder / doc for doc in sorted(expected["doc"].unique())]
    predicted = extract_paths(texts, read_sources(folder / sources))
    return score_figures(predicted, expected)


def score_figures(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Precision, recall and F1 of ``predicted`` against ``gold``, then column agreement.

    A predicted row matches a gold row of the same doc when their spans overlap and their
    values are equal (both empty counts as equal); each gold and each predicted row is
    matched at most once (greedy, in order of start). On matched pairs, every other
    column is compared (numbers with a tolerance, text exactly). Returns a dict with
    ``precision``, ``recall``, ``f1``, ``matched``, ``predicted``, ``gold``,
    ``columns`` (column → share of matched pairs that agree) and ``pairs`` (a DataFrame of
    the matched index pairs).
    """
    pairs: list[tuple[int, int]] = []
    gold_by_doc = {doc: g for doc, g in gold.groupby("doc", sort=False)}
    for doc, pred in predicted.groupby("doc", sort=False):
        if doc not in gold_by_doc:
            continue
        g = gold_by_doc[doc]
        used: set[int] = set()
        g_rows = list(zip(g.index, g["start"], g["end"], g["value"], strict=True))
        for p_index, p_start, p_end, p_value in zip(
            pred.index, pred["start"], pred["end"], pred["value"], strict=True
        ):
            for g_index, g_start, g_end, g_value in g_rows:
                if g_index in used or g_start >= p_end or p_start >= g_end:
                    continue
                if _values_equal(p_value, g_value):
                    used.add(g_index)
                    pairs.append((p_index, g_index))
                    break
    matched = len(pairs)
    precision = matched / len(predicted) if len(predicted) else 0.0
    recall = matched / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    columns = {}
    compare = [c for c in FIGURE_COLUMNS if c not in {"doc", "start", "end", "value"}
               and c in predicted.columns and c in gold.columns]
    for column in compare:
        if not pairs:
            columns[column] = float("nan")
            continue
        agree = 0
        for p_index, g_index in pairs:
            a, b = predicted.at[p_index, column], gold.at[g_index, column]
            if column == "value_base":
                agree += _values_equal(a, b)
            else:
                agree += (str(a) if not pd.isna(a) else "") == (str(b) if not pd.isna(b) else "")
        columns[column] = agree / matched
    return {
        "precision": precision, "recall": recall, "f1": f1, "matched": matched,
        "predicted": len(predicted), "gold": len(gold), "columns": columns,
        "pairs": pd.DataFrame(pairs, columns=["predicted", "gold"]),
    }  # fmt: skip
