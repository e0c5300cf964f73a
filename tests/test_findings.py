"""The annual report's key findings, read back against the data behind them.

For each shipped study (liyang 2024 in Chinese and English, prefecture-cities 2012 whose
focus has no data that year, oecd-bli 2017 without a focus) the findings are computed as
the notebook computes them (analysis.annual.key_findings) and rendered; every number in
every sentence must be one the test re-computes independently: ranks and scores from the
index built directly, ranks without an indicator from an index rebuilt on the framework
without it (COINr's remove_elements), Monte Carlo intervals as percentiles of the runs'
rank columns, like-for-like ranks from an index rebuilt on the units both years rank,
method ranks from the method comparison's scores table.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from analysis import annual, compare, findings, report
from analysis import leave_out as lo
from analysis.index import build_index

N, SEED = 16, 3
NUMBER = re.compile(r"(?<![\w.])[−-]?\d+(?:\.\d+)?(?:/\d+)?")


def numbers(sentence: str) -> list[str]:
    """Every number of a sentence as written (``1/6`` kept whole, ``6th`` → ``6``), names
    in quotes (「...」, "...": indicator names such as 15岁及以上...) left out."""
    unquoted = re.sub(r'「[^」]*」|"[^"]*"', "", sentence)
    return [n.replace("−", "-") for n in NUMBER.findall(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", unquoted))]


def top_scores(panel: pd.DataFrame, fw, spec: dict, year: int) -> pd.Series:
    scores = build_index(panel, fw, {**spec, "year": year}).scores
    return scores.loc[scores["iCode"] == fw.top].set_index("uCode")


def interval(robust, unit: str) -> tuple[int, int]:
    """The unit's 5–95 % rank interval from the runs' rank columns (linear interpolation),
    in whole ranks as the pages print it: the 5 % quantile rounded down, the 95 % up."""
    ranks = robust.result.runs[unit].to_numpy(np.float64)
    return int(np.floor(np.percentile(ranks, 5))), int(np.ceil(np.percentile(ranks, 95)))


def built(study: str, year: int, lang: str) -> dict:
    ctx = report.report_context(study, year, None, lang)
    nominal = build_index(ctx.study.panel, ctx.framework, ctx.spec)
    methods = compare.compare_methods(ctx.study.panel, ctx.framework, spec=ctx.spec, year=ctx.data_year)
    robust = annual.report_sensitivity(ctx, N, SEED)
    left = lo.leave_out(nominal)
    over = annual.comparison_of(ctx)
    found = annual.key_findings(ctx, nominal, robust, SEED, left, over, methods)
    return {"ctx": ctx, "robust": robust, "methods": methods, "found": found, "nominal": nominal,
            "left": left, "over": over}  # fmt: skip


@pytest.fixture(scope="module", params=["zh", "en"])
def liyang(request) -> dict:
    return built("liyang", 2024, request.param)


def sentences(case: dict) -> dict[str, str]:
    return {f.key: findings.sentence(case["ctx"], f) for f in case["found"]}


def assert_numbers(sentence: str, expected: set) -> None:
    """Every number of the sentence is an expected one (as text, e.g. '61.0', '1/6')."""
    shown = numbers(sentence)
    assert shown, sentence
    unexpected = [n for n in shown if n not in {str(e) for e in expected}]
    assert not unexpected, (sentence, unexpected, expected)


def test_liyang_findings_say_what_the_tables_say(liyang: dict) -> None:
    ctx, study = liyang["ctx"], liyang["ctx"].study
    fw, unit, spec = study.framework, "溧阳市", study.spec
    said = sentences(liyang)
    assert list(said) == ["f_rank", "f_strongest", "f_weakest", "f_change_same", "f_methods"]
    top = top_scores(study.panel, fw, spec, 2020)
    rank, n, score = int(top.at[unit, "rank"]), len(top), f"{top.at[unit, 'score']:.1f}"
    q05, q95 = interval(liyang["robust"], unit)
    assert_numbers(said["f_rank"], {rank, n, score, q05, q95})
    assert f"{rank}" in numbers(said["f_rank"]) and score in said["f_rank"]

    # strongest: ecology, one indicator, 1/6 of the index, 6th → 12th without it
    dims = [c for c in fw.aggregates if c != fw.top]
    all_scores = build_index(study.panel, fw, {**spec, "year": 2020}).scores
    quality_rank = all_scores.loc[all_scores["uCode"] == unit].set_index("iCode")["rank"]
    ratio = quality_rank[dims] / n
    best, worst = ratio.idxmin(), ratio.idxmax()
    assert (best, worst) == ("ecology", "governance")

    def without(removed: list[str]) -> tuple[int, int]:
        kept = [c for c in fw.indicators if c not in removed]
        panel = study.panel.loc[study.panel["indicator"].isin(kept)]
        sub = fw.subset(kept)
        s = build_index(panel, sub, {**spec, "year": 2020}).scores.set_index(["uCode", "iCode"])["rank"]
        parent = fw.parent_of[removed[0]]
        return int(s[(unit, sub.top)]), (int(s[(unit, parent)]) if parent in sub.aggregates else -1)

    children = fw.table.loc[fw.table["parent"] == best, "code"].tolist()
    share = Fraction(1, len(dims))
    index_without = {c: without([c])[0] for c in children}
    assert_numbers(said["f_strongest"], {int(quality_rank[best]), n, len(children),
                                         f"{int(quality_rank[best])}/{n}",
                                         f"{share.numerator}/{share.denominator}", rank,
                                         *index_without.values()})  # fmt: skip
    assert "12" in numbers(said["f_strongest"]) and "1/6" in numbers(said["f_strongest"])

    children = fw.table.loc[fw.table["parent"] == worst, "code"].tolist()
    both = {c: without([c]) for c in children}
    expected = {int(quality_rank[worst]), n, len(children), f"{share.numerator}/{share.denominator}",
                f"{int(quality_rank[worst])}/{n}"}
    expected |= {min(q for _, q in both.values()), max(q for _, q in both.values())}
    expected |= {min(i for i, _ in both.values()), max(i for i, _ in both.values())}
    expected |= set(both["divorce_pct_15plus"])
    assert_numbers(said["f_weakest"], expected)
    assert str(both["divorce_pct_15plus"][1]) in numbers(said["f_weakest"])  # 12th without it
    weakest = next(f for f in liyang["found"] if f.key == "f_weakest")
    caveat = findings.caveat(ctx, weakest)
    assert ("有争议" in caveat) if ctx.lang == "zh" else ("contested" in caveat)
    data = build_index(study.panel, fw, {**spec, "year": 2020}).datasets["Aggregated"]
    rho = data["divorce_pct_15plus"].corr(data["governance"], method="spearman")
    assert rho < 0 and f"{rho:.2f}".replace("-", "−") in caveat

    # like for like: the units both censuses rank, rebuilt on them alone
    before, after = top_scores(study.panel, fw, spec, 2010), top_scores(study.panel, fw, spec, 2020)
    common = sorted(set(before.index) & set(after.index))
    panel = study.panel.loc[study.panel["unit"].isin(common)]
    r10 = int(top_scores(panel, fw, spec, 2010).at[unit, "rank"])
    r20 = int(top_scores(panel, fw, spec, 2020).at[unit, "rank"])
    assert (len(common), r10, r20) == (20, 11, 6)  # the numbers
    assert_numbers(said["f_change_same"], {2024, 2023, 2020, 2010, len(common), r10, r20})

    # methods: the unit's rank range over every combination
    m = liyang["methods"].scores
    mine = m.loc[(m["unit"] == unit) & (m["iCode"] == fw.top)].set_index("method")["rank"]
    assert_numbers(said["f_methods"], {m["method"].nunique(), int(mine.min()), int(mine.max()),
                                       int(mine[liyang["methods"].nominal])})  # fmt: skip


def test_liyang_findings_render_with_caveats_and_links(liyang: dict) -> None:
    text = findings.render_findings(liyang["ctx"], liyang["found"])
    assert text.count("](#sec-") == len(liyang["found"]) == 5
    label = "注意" if liyang["ctx"].lang == "zh" else "Caveat"
    assert text.count(label) == 5
    if liyang["ctx"].lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", text)


@pytest.mark.parametrize(("study", "year"), [("prefecture-cities", 2012), ("oecd-bli", 2017)])
def test_ranking_findings_say_what_the_tables_say(study: str, year: int) -> None:
    case = built(study, year, "en")
    ctx = case["ctx"]
    fw, spec, panel = ctx.framework, ctx.study.spec, ctx.study.panel
    said = sentences(case)
    assert list(said) == ["f_top", "f_robust_all", "f_leave_out_all", "f_change_all", "f_methods_all"]
    top = top_scores(panel, fw, spec, year).sort_values(["rank"], kind="stable")
    first, last = top.index[0], top.index[-1]
    q05, q95 = interval(case["robust"], first)
    assert_numbers(said["f_top"], {len(top), f"{top['score'].iloc[0]:.1f}", q05, q95,
                                   f"{top['score'].iloc[-1]:.1f}"})  # fmt: skip
    assert ctx.names.get(first, first) in said["f_top"] and ctx.names.get(last, last) in said["f_top"]

    bounds = {u: interval(case["robust"], u) for u in top.index}
    widths = pd.Series({u: float(bounds[u][1] - bounds[u][0]) for u in top.index})
    widest = widths.idxmax()
    assert_numbers(said["f_robust_all"], {f"{widths.median():.1f}", *bounds[widest]})

    # leave out: the indicator whose removal moves the ranks most, rebuilt without it
    shifts = {}
    for code in fw.indicators:
        kept = [c for c in fw.indicators if c != code]
        rebuilt = top_scores(panel.loc[panel["indicator"].isin(kept)], fw.subset(kept), spec, year)
        shifts[code] = float((rebuilt.loc[top.index, "rank"] - top["rank"]).abs().mean())
    most = max(shifts, key=shifts.get)
    assert_numbers(said["f_leave_out_all"], {len(fw.indicators), f"{shifts[most]:.2f}"})
    assert ctx.indicator_names[most] in said["f_leave_out_all"]

    before = top_scores(panel, fw, spec, year - 1)
    common = sorted(set(before.index) & set(top.index))
    same = panel.loc[panel["unit"].isin(common)]
    a, b = top_scores(same, fw, spec, year - 1)["rank"], top_scores(same, fw, spec, year)["rank"]
    rise = (a - b.loc[a.index]).sort_values(ascending=False, kind="stable")
    riser = rise.index[rise == rise.iloc[0]]
    riser = min(riser, key=lambda u: b[u])
    rho = a.corr(b.loc[a.index], method="spearman")
    assert_numbers(said["f_change_all"], {year - 1, len(common), f"{rho:.2f}", int(a[riser]), int(b[riser])})

    agreement = case["methods"].agreement
    others = agreement.loc[agreement["method"] != case["methods"].nominal]
    far = others.loc[others["spearman"].idxmin()]
    assert_numbers(said["f_methods_all"], {agreement["method"].nunique(), f"{far['spearman']:.2f}",
                                           f"{far['mean_abs_shift']:.1f}",
                                           *numbers(str(far["method"]))})  # fmt: skip


def test_official_rankings_stand_beside_the_rank(liyang: dict) -> None:
    ctx = liyang["ctx"]
    official = pd.DataFrame(
        {"ranking": ["全省县市排名"], "rank": [7], "out_of": [40],
         "what_it_measures": ["high-quality development assessment"], "source": ["doc"],
         "quote": ["全省40个县市第7位"]}  # fmt: skip
    )
    found = annual.key_findings(ctx, liyang["nominal"], liyang["robust"], SEED, liyang["left"],
                                liyang["over"], liyang["methods"], official)  # fmt: skip
    caveat = findings.caveat(ctx, found[0])
    assert "全省县市排名" in caveat and "high-quality development assessment" in caveat
    assert ("第 7/40 位" in caveat) if ctx.lang == "zh" else ("7th of 40" in caveat)
    assert list(official.columns) == list(findings.OFFICIAL_COLUMNS)
