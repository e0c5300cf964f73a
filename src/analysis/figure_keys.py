"""Subjects and periods of the figures quoted in texts, as the panel from figures keys them.

Two figures make one series only when they name one thing (:func:`same_subject`) and
cover the same part of their year (:func:`period_kind`): 各类研发机构 (近100家) and
先进研发机构 (13家) are two subjects; 1–8月 and a whole year are two kinds of period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_SUBJECT_ENDINGS = re.compile(r"(?:增长|增速|增幅)?(?:总数|数量|个数|数)?$")


def subject_key(subject: object) -> str:
    """A subject without spaces, brackets and the endings that name the measure rather
    than the thing measured (增长/增速/增幅, 数/数量/个数/总数): ``先进研发机构数`` →
    ``先进研发机构``, ``地区生产总值增长`` → ``地区生产总值``."""
    text = _BRACKETS.sub("", re.sub(r"\s+", "", str(subject or "")))
    return _SUBJECT_ENDINGS.sub("", text) or text


def same_subject(a: object, b: object) -> bool:
    """Whether two subjects name one thing: one's :func:`subject_key` holds the other's
    (``日间照料惠及`` and ``日间照料惠及老人数``; not ``各类研发机构数`` and ``先进研发机构数``)."""
    ka, kb = subject_key(a), subject_key(b)
    return bool(ka and kb) and (ka in kb or kb in ka)


def subject_groups(subjects: Sequence[str]) -> list[list[str]]:
    """The distinct subjects in groups naming one thing (connected components of
    :func:`same_subject`), in order of first appearance."""
    distinct = list(dict.fromkeys(str(s) for s in subjects))
    group_of = list(range(len(distinct)))
    for i in range(len(distinct)):
        for j in range(i):
            if same_subject(distinct[i], distinct[j]) and group_of[i] != group_of[j]:
                old, new = group_of[i], group_of[j]
                group_of = [new if g == old else g for g in group_of]
    groups: dict[int, list[str]] = {}
    for subject, g in zip(distinct, group_of, strict=True):
        groups.setdefault(g, []).append(subject)
    return list(groups.values())


def likeness(subjects: Sequence[str], name: str) -> int:
    """The longest run of characters one of ``subjects`` shares with ``name``."""
    from difflib import SequenceMatcher

    key = subject_key(name)
    return max(
        SequenceMatcher(None, subject_key(s), key, autojunk=False)
        .find_longest_match(0, len(subject_key(s)), 0, len(key))
        .size
        for s in subjects
    )


def period_kind(period: object) -> str:
    """The part of its last year a period covers, the same label in every year: ``year``
    (a whole year), ``H1``/``H2``, ``MM..MM`` (months of one year: ``2023-01..2023-11`` →
    ``01..11``; one month ``2024-08`` → ``08..08``), ``day`` (a date), ``N years`` (whole
    years: ``2021..2024`` → ``4 years``), else ``other``."""
    text = str(period or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return "year"
    if found := re.fullmatch(r"\d{4}(H[12])", text):
        return found.group(1)
    found = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", text)
    if found and found.group(1) == found.group(3):
        return f"{found.group(2)}..{found.group(4)}"
    if found := re.fullmatch(r"\d{4}-(\d{2})", text):
        return f"{found.group(1)}..{found.group(1)}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return "day"
    if found := re.fullmatch(r"(\d{4})\.\.(\d{4})", text):
        return f"{int(found.group(2)) - int(found.group(1)) + 1} years"
    return "other"
