"""Page furniture of a forum copy: the counters a bulletin board prints around a post.

A report copied from a forum (Discuz! and its kin) carries the board's header above the
post: ``查看: 66|回复: 0``, the poster's card (``签到天数: 742 天``, ``[LV.9]``, ``1万`` over
``主题``, ``Rank: 7``, ``积分`` and its number) and ``发表于 2024-5-10 22:08:25``. Every digit
there is a row (§2), but none measures the county: ``other``, no period, no indicator
(GUIDELINE §14 round 14). Counts keep their base with the unit their label implies
(views and replies in 次, topics and posts in 个, points in 分, check-in days in 天); level
and badge names (``LV.9``, ``Rank: 7``) have no base, like other name numbers (§6).
"""

from __future__ import annotations

import re

#: Where a board's header ends: the line of the post's own date (``发表于 2024-5-10 …``).
_POSTED = "发表于"
_POSTED_DATE = re.compile(r"发表于[ \t]*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
#: How far into a text a board's header may reach.
_HEADER_REACH = 3000
#: A counter's label before its number on one line (``查看: 66``, ``签到天数: 742 天``).
_LABEL_BEFORE = re.compile(r"(查看|回复|阅读|签到天数|在线时间|积分|金钱|威望|贡献)\s*[:：]\s*$")
#: A label on a line of its own above or below a number of the poster's card.
_CARD_LABELS = {"主题": "个", "帖子": "个", "回帖": "个", "精华": "个", "好友": "个",
                "积分": "分", "金钱": "分", "威望": "分", "贡献": "分"}
_BASE_OF_LABEL = {"查看": "次", "回复": "次", "阅读": "次", "签到天数": "天", "在线时间": "小时",
                  **_CARD_LABELS}
#: A level or badge name around a number (``[LV.9]``, ``Rank: 7``, ``Lv 3``).
_BADGE_BEFORE = re.compile(r"(?:LV|Lv|lv|Rank|RANK|rank|等级)\s*[.:：]?\s*$")
#: A unit after a space closing a counter's line (``742 天``).
_SPACED_UNIT_AFTER = re.compile(r"[ \t]+(天|次|个|分|小时)(?=[ \t]*(?:\n|$))")
#: Rows of these kinds already say what they are (the post's date and time, a title's year).
_KEEP_KINDS = frozenset({"date", "year", "time"})
#: How a furniture row's note begins; the rest names its label (its subject, §9).
FURNITURE_NOTE = "forum page furniture: "
_BADGE = "a level or badge name"


def furniture_subject(note: str) -> str:
    """The subject of a furniture row from its note: ``查看(论坛页面)``, ``论坛等级(名称)``."""
    label = note[len(FURNITURE_NOTE):]
    return "论坛等级(名称)" if label == _BADGE else f"{label}(论坛页面)"


def _forum_header_end(text: str) -> int:
    """The end of a forum's header (the line of ``发表于``), or 0 when the text has none.

    A header is recognised by ``发表于`` and a date in the first characters with a board's
    counters before it (``查看:``…``回复``, ``签到天数``, or ``积分`` with ``帖子``).
    """
    posted = text.find(_POSTED, 0, _HEADER_REACH)
    if posted < 0 or not _POSTED_DATE.match(text, posted):
        return 0
    head = text[:posted]
    if not (("查看" in head and "回复" in head) or "签到天数" in head
            or ("积分" in head and "帖子" in head)):
        return 0
    line_end = text.find("\n", posted)
    return line_end if line_end >= 0 else len(text)


def _card_label(text: str, start: int, end: int) -> str:
    """The label on the line below a number alone on its line, else on the line above."""
    below = text[end : end + 40].split("\n")
    for line in below[1:3]:
        if line.strip():
            if line.strip() in _CARD_LABELS:
                return line.strip()
            break
    above = text[max(0, start - 40) : start].split("\n")
    for line in reversed(above[:-1]):
        if line.strip():
            return line.strip() if line.strip() in _CARD_LABELS else ""
    return ""


def _mark_forum_furniture(rows: list[dict], text: str) -> None:
    """Rows of a forum's header made page furniture, in place (GUIDELINE §14 round 14).

    Called on the raw rows, before context is added: a furniture row becomes a ``label``
    (no period, no indicator, dimension ``none``) with measure ``other``.
    """
    header_end = _forum_header_end(text)
    if not header_end:
        return
    for row in rows:
        if row["start"] >= header_end:
            break
        if row["kind"] in _KEEP_KINDS:
            continue
        start, end = row["start"], row["end"]
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        row["kind"], row["measure"], row["period"] = "label", "other", ""
        if _BADGE_BEFORE.search(before):
            row["value_base"], row["base_unit"] = None, ""
            row["note"] = FURNITURE_NOTE + _BADGE
            continue
        labelled = _LABEL_BEFORE.search(before)
        label = labelled.group(1) if labelled else (
            _card_label(text, start, end) if not before.strip() else "")
        if row["value_base"] is None and row["value"] is not None:
            row["value_base"] = row["value"]
        if not row["unit"] and (spaced := _SPACED_UNIT_AFTER.match(text, end)):
            row["end"] = spaced.end()
            row["unit"] = spaced.group(1)
        row["base_unit"] = row["unit"] if row["unit"] in {"天", "次", "小时"} else (
            _BASE_OF_LABEL.get(label, ""))
        row["note"] = FURNITURE_NOTE + (label or "计数")
