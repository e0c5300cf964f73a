"""The "how this report was made" appendix: a report's settings in readable words.

A page shows no Python reprs and no machine paths: every parameter of the job is named in
the page's language (:data:`SETTING_NAMES`) and its value written as a reader writes it
(the study's title, the unit's display name, "中文"/"English", a path as its file name).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from analysis.render.jobs import ReportJob, effective_parameters

HEADING = {"zh": "本报告的生成方式", "en": "How this report was made"}

#: the name of each known parameter in each language; others are shown by their own name
SETTING_NAMES: dict[str, dict[str, str]] = {
    "study": {"zh": "研究", "en": "Study"},
    "year": {"zh": "年份", "en": "Year"},
    "unit": {"zh": "关注单位", "en": "Followed unit"},
    "lang": {"zh": "语言", "en": "Language"},
    "n": {"zh": "敏感性分析样本数 N", "en": "Sensitivity sample size N"},
    "seed": {"zh": "随机种子", "en": "Random seed"},
    "permutations": {"zh": "置换检验次数", "en": "Permutations"},
    "combinations": {"zh": "权重方法组合", "en": "Weighting combinations"},
    "ahp_pairwise": {"zh": "AHP 判断矩阵", "en": "AHP pairwise matrix"},
    "top": {"zh": "前 K 位重合度的 K", "en": "K of the top-K overlap"},
    "figures_path": {"zh": "数字表", "en": "Figures table"},
    "sources_path": {"zh": "来源表", "en": "Sources table"},
    "doc": {"zh": "文件", "en": "Document"},
    "notebook": {"zh": "笔记本", "en": "Notebook"},
    "made": {"zh": "生成", "en": "Made"},
}
LANGUAGE_NAMES = {"zh": {"zh": "中文", "en": "英文"}, "en": {"zh": "Chinese", "en": "English"}}
MADE_WITH = {"zh": "qci {version}，{date}", "en": "qci {version}, {date}"}
INTRO = {
    "zh": "以下设置决定本报告的内容；用同一版本的 qci、相同的数据和设置可以重新生成本报告。",
    "en": "These settings decide this report's content; the same qci version with the same data and "
    "settings makes this report again.",
}


def page_lang(lang: object) -> str:
    """``zh`` or ``en``: the language family the page is written in (``zh`` by default)."""
    return "en" if isinstance(lang, str) and lang.lower().startswith("en") else "zh"


def file_name(value: str) -> str:
    """A path shown as its file name only (POSIX or Windows separators)."""
    return PureWindowsPath(PurePosixPath(value).name).name or value


@functools.lru_cache(maxsize=8)
def _study(name: object) -> Any:
    """The loaded study named ``name`` (a built-in name or a YAML file), else None
    (cached: a worker renders many pages of one study)."""
    if not isinstance(name, str) or not name:
        return None
    try:
        from analysis.study import load_study

        return load_study(name)
    except Exception:  # a study that does not load: the page still shows its name
        return None


def readable_value(name: str, value: Any, lang: str, study: Any = None) -> str | None:
    """A parameter's value in words, or None to leave the setting out (an unset one)."""
    if value is None or value == "":
        return None
    if name == "study":
        return study.title_in(lang) if study is not None else file_name(str(value))
    if name == "unit":
        return study.display_name(str(value), lang) if study is not None else str(value)
    if name == "lang":
        return LANGUAGE_NAMES.get(str(value), {}).get(lang, str(value))
    if name == "combinations" and isinstance(value, str):
        return combinations_in_words(value, lang)
    if isinstance(value, bool):
        return {"zh": "是", "en": "yes"}[lang] if value else {"zh": "否", "en": "no"}[lang]
    if isinstance(value, int | float):
        return (
            f"{value:,}"
            if isinstance(value, int) and name != "year" and abs(value) >= 10000
            else str(value)
        )
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    text = str(value)
    if name.endswith("_path") or "/" in text or "\\" in text:
        return file_name(text)
    return text


def combinations_in_words(value: str, lang: str) -> str:
    """A comparison's combinations setting (a built-in spec name or a YAML file) with how
    many combinations it holds: ``compare-default（16 种组合）`` / ``compare-default (16
    combinations)``; the name alone when it does not load."""
    name = file_name(value)
    try:
        from analysis.compare.methods import load_combinations

        n = len(load_combinations(value))
    except Exception:  # a setting that does not load: the page still names it
        return name
    return f"{name}（{n} 种组合）" if lang == "zh" else f"{name} ({n} combinations)"


def settings(
    job: ReportJob, lang: str, made: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """The (setting, value) rows of the appendix, in the job's parameter order, the
    followed unit defaulting to the study's focus, then the notebook and what made it."""
    parameters = effective_parameters(job)
    study = _study(parameters.get("study"))
    if parameters.get("unit") is None and study is not None and getattr(study, "focus", None):
        parameters = {**parameters, "unit": study.focus}
    order = ["study", "year", "unit", "lang"] + [
        k for k in parameters if k not in ("study", "year", "unit", "lang")
    ]
    rows = []
    for name in order:
        if name not in parameters:
            continue
        value = readable_value(name, parameters[name], lang, study)
        if value is not None:
            rows.append((SETTING_NAMES.get(name, {}).get(lang, name), value))
    rows.append((SETTING_NAMES["notebook"][lang], job.notebook.stem))
    if made:
        rows.append((SETTING_NAMES["made"][lang], MADE_WITH[lang].format(**made)))
    return rows


def appendix_html(job: ReportJob, lang: str, made: Mapping[str, str] | None = None) -> str:
    """The appendix as an HTML ``<section>`` (every value escaped)."""
    lang = page_lang(lang)
    items = "".join(
        f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in settings(job, lang, made)
    )
    return (
        f'<section class="qci-how-made" id="qci-how-made"><h2>{HEADING[lang]}</h2>'
        f"<p>{INTRO[lang]}</p><dl>{items}</dl></section>"
    )


def made_with(rendered: str = "") -> dict[str, str]:
    """qci's version and the date (``YYYY-MM-DD``) of ``rendered`` (ISO time; '' = today)."""
    from datetime import UTC, datetime

    try:
        from importlib.metadata import version

        qci_version = version("qci")
    except Exception:
        import analysis

        qci_version = getattr(analysis, "__version__", "?")
    date = rendered[:10] if rendered else datetime.now(UTC).strftime("%Y-%m-%d")
    return {"version": qci_version, "date": date}
