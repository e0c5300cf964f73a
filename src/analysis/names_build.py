"""Build the names tables (``unit, name_zh, name_en``) of the shipped Chinese studies.

Run once when a study's units change, and commit the tables: the reports read them and
need nothing of this at run time::

    python -m analysis.names_build            # rewrites src/analysis/studies/*/names.csv

English names follow the usual rule for Chinese place names: the established English
name where there is one (:data:`ESTABLISHED`: Harbin, Hohhot, Urumqi ...), else Hanyu
Pinyin without tones, without the administrative suffix (市, 县, 区, 盟, 地区, 自治州),
syllables written together with an apostrophe before a syllable starting with a, e or o
(GB/T 16159-2012 §6.1.7: 海安 → Hai'an, 六安 → Lu'an). Readings are pypinyin's phrase
readings (build time only), checked by hand where a character has more than one
(:data:`READINGS`: 长治 Changzhi, 朝阳 Chaoyang, 漯河 Luohe ...). Two units of one study
with the same spelling are told apart by their province (:data:`ESTABLISHED`). The
OECD study's country names (``oecd-bli/names.csv``) are written by hand.
"""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.study import STUDIES_DIR, load_study

#: the studies whose units are Chinese places named by this module
CHINESE_STUDIES = ("liyang", "prefecture-cities")
#: administrative suffixes left out of the English name, longest first
SUFFIXES = ("自治州", "地区", "市", "县", "区", "盟")

#: hand-checked readings of names with a polyphonic character (pypinyin's phrase tables
#: get most right; these are the ones it does not, or that are worth pinning)
READINGS: dict[str, str] = {
    "长沙": "Changsha", "长春": "Changchun", "长治": "Changzhi", "重庆": "Chongqing",
    "厦门": "Xiamen", "六安": "Lu'an", "蚌埠": "Bengbu", "亳州": "Bozhou", "朝阳": "Chaoyang",
    "漯河": "Luohe", "吕梁": "Lüliang", "乐山": "Leshan", "莆田": "Putian", "济南": "Jinan",
    "济宁": "Jining", "曲靖": "Qujing", "东莞": "Dongguan", "丽水": "Lishui", "丽江": "Lijiang",
    "大理": "Dali", "单县": "Shanxian",
}  # fmt: skip

#: established English names (and spellings told apart by province), whole names
ESTABLISHED: dict[str, str] = {
    "哈尔滨市": "Harbin", "呼和浩特市": "Hohhot", "乌鲁木齐市": "Urumqi", "克拉玛依市": "Karamay",
    "齐齐哈尔市": "Qiqihar", "呼伦贝尔市": "Hulunbuir", "鄂尔多斯市": "Ordos",
    "巴彦淖尔市": "Bayannur", "乌兰察布市": "Ulanqab",
    "伊春市": "Yichun (Heilongjiang)", "宜春市": "Yichun (Jiangxi)",
    "台州市": "Taizhou (Zhejiang)", "泰州市": "Taizhou (Jiangsu)",
    "宿州市": "Suzhou (Anhui)", "苏州市": "Suzhou (Jiangsu)",
    "福州市": "Fuzhou (Fujian)", "抚州市": "Fuzhou (Jiangxi)",
    "榆林市": "Yulin (Shaanxi)", "玉林市": "Yulin (Guangxi)",
    # the source spells 亳州 with 毫 in 2005: the same city, named so that both stay apart
    "毫州市": "Bozhou (misspelt in the 2005 source)",
}  # fmt: skip


def without_suffix(name: str) -> str:
    """``name`` without its administrative suffix (溧阳市 → 溧阳); a name that would be
    left with one character keeps it (a one-character place name plus 县 is read whole)."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def join_syllables(syllables: list[str]) -> str:
    """Pinyin syllables written as one word, capitalised, with an apostrophe before a
    syllable that starts with a, e or o (xi + an → Xi'an; GB/T 16159-2012 §6.1.7)."""
    word = ""
    for k, syllable in enumerate(s.lower() for s in syllables):
        word += ("'" if k and syllable[:1] in "aeo" else "") + syllable
    return word[:1].upper() + word[1:]


def english_name(name_zh: str) -> str:
    """The English display name of a Chinese place name: :data:`ESTABLISHED`, else the
    hand-checked reading (:data:`READINGS`), else pypinyin's reading, without tones and
    suffix (ü kept as ü)."""
    if name_zh in ESTABLISHED:
        return ESTABLISHED[name_zh]
    base = without_suffix(name_zh)
    if base in READINGS:
        return READINGS[base]
    from pypinyin import Style, lazy_pinyin  # build time only

    return join_syllables(lazy_pinyin(base, style=Style.NORMAL, v_to_u=True))


def names_table(units: list[str]) -> list[dict[str, str]]:
    """``unit, name_zh, name_en`` rows of ``units`` (Chinese names), sorted by unit."""
    return [{"unit": u, "name_zh": u, "name_en": english_name(u)} for u in sorted(units)]


def write_names(study: str, directory: Path = STUDIES_DIR) -> Path:
    """Write ``<study>/names.csv`` for a Chinese study's units; returns its path."""
    rows = names_table(load_study(study).units())
    path = directory / study / "names.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["unit", "name_zh", "name_en"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


if __name__ == "__main__":
    for name in CHINESE_STUDIES:
        print(write_names(name))
