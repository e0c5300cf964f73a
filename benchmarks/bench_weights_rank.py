"""Speed of the weighting and ranking methods on 3,000 units × 60 criteria.

Bars (issue 5): every weighting method and every ranking at least as fast as pymcdm's
same method; entropy + TOPSIS within 2× of a bare NumPy implementation. Methods pymcdm
does not have are timed and shown without a bar. Each figure is the best of several
repeats (``time.perf_counter``), after a warm-up call.
"""

from __future__ import annotations

import warnings

import numpy as np

from analysis import ahp
from analysis import rank as R
from analysis import weights as W
from benchmarks.timing import best_time

N_UNITS, N_CRITERIA, SEED = 3_000, 60, 20_260_101


def data() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    x = 1.0 + rng.random((N_UNITS, N_CRITERIA)) * rng.uniform(1, 1_000, N_CRITERIA)
    w = rng.random(N_CRITERIA)
    d = np.where(rng.random(N_CRITERIA) < 0.3, -1.0, 1.0)
    return x, w / w.sum(), d


def pairwise(n: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
    a = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    a[iu] = rng.choice(scale, size=len(iu[0]))
    a[(iu[1], iu[0])] = 1 / a[iu]
    return a


def bare_entropy_topsis(x: np.ndarray, d: np.ndarray) -> np.ndarray:
    """The textbook entropy weights and TOPSIS, with no checks at all."""
    lo, hi = x.min(0), x.max(0)
    r = np.where(d > 0, x - lo, hi - x) / (hi - lo)
    p = r / r.sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        e = -np.nansum(p * np.log(p), axis=0) / np.log(len(x))
    w = (1 - e) / (1 - e).sum()
    v = x / np.sqrt((x * x).sum(0)) * w
    best = np.where(d > 0, v.max(0), v.min(0))
    worst = np.where(d > 0, v.min(0), v.max(0))
    sp = np.sqrt(((v - best) ** 2).sum(1))
    sm = np.sqrt(((v - worst) ** 2).sum(1))
    return sm / (sp + sm)


def row(name: str, ours: float, peer: float | None, bar: str) -> bool:
    if peer is None:
        print(f"  {name:<34} {ours * 1e3:10.2f} ms   {'-':>10}   {'-':>7}   (no counterpart)")
        return True
    if bar == "info":
        print(f"  {name:<34} {ours * 1e3:10.2f} ms {peer * 1e3:10.2f} ms {peer / ours:7.1f}×   "
              "(our extra variant: pymcdm has no min-max step)")
        return True
    ok = ours <= peer if bar == "≤ peer" else ours <= 2 * peer
    print(f"  {name:<34} {ours * 1e3:10.2f} ms {peer * 1e3:10.2f} ms {peer / ours:7.1f}×   "
          f"{bar:<8} {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> None:
    from pymcdm import methods as M
    from pymcdm import normalizations as N
    from pymcdm import weights as PW
    from pymcdm.weights.subjective import AHP as PymcdmAHP

    x, w, d = data()
    print(f"{N_UNITS} units × {N_CRITERIA} criteria (seed {SEED}); best of repeats")
    print(f"  {'method':<34} {'ours':>13} {'pymcdm':>13} {'speed-up':>8}   bar")
    ok = True

    print("weights")
    ok &= row("equal", best_time(lambda: W.equal(x)), best_time(lambda: PW.equal_weights(x)), "≤ peer")
    ok &= row("entropy (variant=sum, as pymcdm)", best_time(lambda: W.entropy(x, variant="sum")),
              best_time(lambda: PW.entropy_weights(x)), "≤ peer")
    ok &= row("entropy (variant=minmax, default)", best_time(lambda: W.entropy(x, d)),
              best_time(lambda: PW.entropy_weights(x)), "≤ peer")
    ok &= row("critic", best_time(lambda: W.critic(x, d)), best_time(lambda: PW.critic_weights(x)),
              "≤ peer")
    ok &= row("std (normalisation=none, as pymcdm)",
              best_time(lambda: W.standard_deviation(x, normalisation="none")),
              best_time(lambda: PW.standard_deviation_weights(x)), "≤ peer")
    ok &= row("std (normalisation=minmax, default)", best_time(lambda: W.standard_deviation(x)),
              best_time(lambda: PW.standard_deviation_weights(x)), "info")
    ok &= row("cv", best_time(lambda: W.coefficient_of_variation(x)), None, "")
    ok &= row("gini", best_time(lambda: W.gini(x)), None, "")
    ok &= row("reciprocal_gini", best_time(lambda: W.reciprocal_gini(x)), None, "")
    for variant in W.PCA_VARIANTS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # coinr: negative loadings on random data
            ok &= row(f"pca (variant={variant})",
                      best_time(lambda v=variant: W.pca(x, d, variant=v)), None, "")
    # pymcdm's random-index table stops at n = 15, so AHP is timed at that size
    a = pairwise(15)

    def pymcdm_ahp() -> tuple[object, float]:
        model = PymcdmAHP(matrix=a)
        return model(), model.get_cr()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ok &= row("ahp (15 × 15 pairwise, weights + CR)",
                  best_time(lambda: ahp.analyse(a, ri="tummala-ling", warn=False)),
                  best_time(pymcdm_ahp), "≤ peer")
    sets = [W.entropy(x, d), W.critic(x, d), W.standard_deviation(x)]
    ok &= row("linear combination", best_time(lambda: W.linear(x, sets=sets)), None, "")
    ok &= row("multiplicative combination", best_time(lambda: W.multiplicative(x, sets=sets)),
              None, "")
    ok &= row("game_theory combination", best_time(lambda: W.game_theory(x, sets=sets)), None, "")

    print("rankings")
    ok &= row("wsm (minmax)", best_time(lambda: R.wsm(x, w, d)),
              best_time(lambda: M.WSM(N.minmax_normalization)(x, w, d)), "≤ peer")
    ok &= row("wsm (sum)", best_time(lambda: R.wsm(x, w, d, normalisation="sum")),
              best_time(lambda: M.WSM(N.sum_normalization)(x, w, d)), "≤ peer")
    ok &= row("wsm (vector)", best_time(lambda: R.wsm(x, w, d, normalisation="vector")),
              best_time(lambda: M.WSM(N.vector_normalization)(x, w, d)), "≤ peer")
    ok &= row("wpm", best_time(lambda: R.wpm(x, w, d)), best_time(lambda: M.WPM()(x, w, d)),
              "≤ peer")
    ok &= row("topsis (vector)", best_time(lambda: R.topsis(x, w, d)),
              best_time(lambda: M.TOPSIS(N.vector_normalization)(x, w, d)), "≤ peer")
    ok &= row("topsis (minmax)", best_time(lambda: R.topsis(x, w, d, normalisation="minmax")),
              best_time(lambda: M.TOPSIS()(x, w, d)), "≤ peer")
    ok &= row("vikor", best_time(lambda: R.vikor(x, w, d)), best_time(lambda: M.VIKOR()(x, w, d)),
              "≤ peer")
    ok &= row("gra", best_time(lambda: R.gra(x, w, d)), None, "")
    ok &= row("copeland (n² pairs)", best_time(lambda: R.copeland(x, w, d), repeat=3), None, "")

    print("entropy weights + TOPSIS vs bare NumPy")
    ours = best_time(lambda: R.topsis(x, W.entropy(x, d), d))
    bare = best_time(lambda: bare_entropy_topsis(x, d))
    np.testing.assert_allclose(R.topsis(x, W.entropy(x, d), d), bare_entropy_topsis(x, d))
    ok &= row("entropy + topsis", ours, bare, "≤ 2× bare")
    print("all bars met" if ok else "SOME BARS NOT MET")


if __name__ == "__main__":
    main()
