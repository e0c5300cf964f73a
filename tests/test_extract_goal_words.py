"""Guard of the goal-cue shortcut of :func:`analysis.extract.measures._is_target` (issue 15
speed work): before a figure without any of :data:`~analysis.extract.measures._GOAL_WORD`'s
words the goal patterns are not run, and that changes no row.

The shortcut is switched off by a ``_GOAL_WORD`` that matches everywhere (the empty
pattern), so that every goal pattern runs as before; the rows must be the same.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.extract import extract_text, measures

#: Hand cases, one per goal cue (§7 target), each with a measure one of its figures has.
SENTENCES = [
    ("今年确保地区生产总值达到1300亿元。", "target"),
    ("力争新增规上工业企业50家。", "target"),
    ("冲刺全省前三名,新增高新技术企业80家。", "target"),
    ("全年计划实施重大项目120个。", "target"),
    ("目标是引进人才500人。", "target"),
    ("争创国家级园区2个。", "target"),
    ("力求新开工项目30个。", "target"),
    ("将新建学校5所。", "target"),
    ("要新增就业岗位8000个。", "target"),
    ("巩固提升改造农房3000户。", "target"),
    ("打造省级特色小镇2个。", "target"),
    ("到2030年,全市人口达到90万人。", "target"),
    ("到今年年底,建成充电桩600个。", "target"),
    ("预计全年地区生产总值位居全省第5位。", "target"),
    ("今后五年,新增城镇就业5万人。", "target"),
    ("未来五年,建成公园20个。", "target"),
    ("全年新增企业1200家,实现了目标。", "count"),
    ("全市地区生产总值1250亿元,增长6.5%。", "level"),
    ("实现稳产目标,粮食播种面积50万亩。", "level"),
]


def _without_shortcut(monkeypatch: pytest.MonkeyPatch, text: str, published: str | None
                      ) -> pd.DataFrame:
    with monkeypatch.context() as patch:
        patch.setattr(measures, "_GOAL_WORD", re.compile(""))
        return extract_text(text, "g.txt", published)


@pytest.mark.parametrize(("sentence", "measure"), SENTENCES)
def test_each_goal_cue_is_found_with_and_without_the_shortcut(
    monkeypatch: pytest.MonkeyPatch, sentence: str, measure: str
) -> None:
    rows = extract_text(sentence, "g.txt", "2024-01")
    assert measure in set(rows["measure"])
    pd.testing.assert_frame_equal(rows, _without_shortcut(monkeypatch, sentence, "2024-01"))


PIECES = [
    "确保", "力争", "冲刺", "计划", "目标", "争创", "力求", "将", "要", "巩固", "打造", "到2025年",
    "到今年年底", "预计", "今后五年", "未来三年", "实现", "完成", "已", "实现了", "达到了", "年度目标",
    "主要目标", "预期目标", "目标是", "在确保", "全年", "今年", "去年", "地区生产总值", "企业", "新增",
    "增长", "第", "位", "1200", "6.5", "亿元", "家", "个", "%", ",", "，", "。", ";", "；", "、", ":",
    "\n", "一、2024年主要目标", "二、工作回顾", "的", "主要", "需要",
]


@settings(max_examples=200, deadline=None, database=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=40),
       published=st.sampled_from([None, "2024-01", "2023"]))
def test_the_shortcut_changes_no_row(pieces: list[str], published: str | None) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(measures, "_GOAL_WORD", re.compile(""))
        slow = extract_text(text, "g.txt", published)
    pd.testing.assert_frame_equal(extract_text(text, "g.txt", published), slow)
