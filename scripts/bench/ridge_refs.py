#!/usr/bin/env python3
"""Reference side of the ridge benchmark (see scripts/bench/ridge-bench).

Subcommands, each printing one JSON object on stdout:
  gen       --out DIR --n N --p P --v V [--seed S]   write X.npy, Y.npy (float32) for a workload
  blas                                              numpy's BLAS (threadpoolctl) and its GEMM rates
  himalaya  --x X --y Y --alphas A --folds K --out DIR   himalaya RidgeCV (numpy backend, K-fold, R2)
  sklearn   --x X --y Y --alphas A --out DIR             scikit-learn RidgeCV(alpha_per_target=True), LOO
  compare   --ours DIR --ref DIR                          agreement of best alphas, cv scores and coefficients

himalaya is imported from PYTHONPATH; nothing here downloads it. Timings cover fit() only, not file I/O.
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def alpha_grid(spec):
    lo, hi, count = spec.split(":")
    grid = np.logspace(np.log10(float(lo)), np.log10(float(hi)), int(count))
    grid[0], grid[-1] = float(lo), float(hi)
    return grid


def blas_info():
    try:
        import threadpoolctl
        info = [
            {k: d.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
            for d in threadpoolctl.threadpool_info()
        ]
    except ImportError:
        info = "threadpoolctl not installed"
    return info


def gemm_rate(dtype, size=2000, repeats=3):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size)).astype(dtype)
    b = rng.standard_normal((size, size)).astype(dtype)
    a @ b
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2.0 * size ** 3 / best / 1e9


def cmd_gen(args):
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    n, p, v = args.n, args.p, args.v
    x = rng.standard_normal((n, p)).astype(np.float32)
    # smooth-ish features on an offset, as real feature spaces are: add a shared low-rank part
    x += (rng.standard_normal((n, 10)) @ rng.standard_normal((10, p))).astype(np.float32) * 0.3
    x += 3.0
    weights = (rng.standard_normal((p, v)) / np.sqrt(p)).astype(np.float32)
    # signal-to-noise spread over three decades, so that the best alpha differs from voxel to voxel
    noise = np.logspace(-1, 2, v).astype(np.float32)
    y = (x - 3.0) @ weights + noise * rng.standard_normal((n, v)).astype(np.float32) + 10.0
    np.save(os.path.join(args.out, "X.npy"), x)
    np.save(os.path.join(args.out, "Y.npy"), y.astype(np.float32))
    print(json.dumps({"n": n, "p": p, "v": v, "dtype": "float32", "dir": args.out}))


def cmd_blas(args):
    print(json.dumps({
        "numpy": np.__version__,
        "blas": blas_info(),
        "gemm_gflops_float64": round(gemm_rate(np.float64), 1),
        "gemm_gflops_float32": round(gemm_rate(np.float32), 1),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
    }))


def load(args):
    return np.load(args.x), np.load(args.y)


def save(out, best_alpha, coef, intercept, cv_score=None):
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "best_alpha.npy"), np.asarray(best_alpha, dtype=np.float64))
    np.save(os.path.join(out, "coef.npy"), np.asarray(coef, dtype=np.float64))
    np.save(os.path.join(out, "intercept.npy"), np.asarray(intercept, dtype=np.float64))
    if cv_score is not None:
        np.save(os.path.join(out, "cv_score.npy"), np.asarray(cv_score, dtype=np.float64))


def cmd_himalaya(args):
    import warnings

    import himalaya
    from himalaya.backend import set_backend
    from himalaya.ridge import RidgeCV
    from himalaya.scoring import r2_score
    from sklearn.model_selection import KFold

    set_backend("numpy")
    x, y = load(args)
    alphas = alpha_grid(args.alphas)
    model = RidgeCV(alphas=alphas, fit_intercept=True, cv=KFold(args.folds),
                    solver_params=dict(score_func=r2_score, warn=False))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        model.fit(x, y)
        seconds = time.perf_counter() - start
    # himalaya keeps float32 input in float32; its alphas come back through exp(-log(alpha))
    best = alphas[np.argmin(np.abs(np.log(alphas)[:, None] - np.log(np.asarray(model.best_alphas_, dtype=np.float64))[None, :]), axis=0)]
    save(args.out, best, model.coef_, model.intercept_, model.cv_scores_)
    print(json.dumps({"impl": "himalaya", "version": himalaya.__version__, "fit_seconds": seconds,
                      "dtype": str(np.asarray(model.coef_).dtype), "x_shape": list(x.shape), "y_shape": list(y.shape)}))


def cmd_sklearn(args):
    import sklearn
    from sklearn.linear_model import RidgeCV

    x, y = load(args)
    alphas = alpha_grid(args.alphas)
    model = RidgeCV(alphas=alphas, alpha_per_target=True)
    start = time.perf_counter()
    model.fit(x, y)
    seconds = time.perf_counter() - start
    save(args.out, model.alpha_, np.asarray(model.coef_).T, model.intercept_)
    print(json.dumps({"impl": "sklearn", "version": sklearn.__version__, "fit_seconds": seconds, "gcv_mode": "auto (LOO)",
                      "dtype": str(np.asarray(model.coef_).dtype), "x_shape": list(x.shape), "y_shape": list(y.shape)}))


def cmd_compare(args):
    ours = {k: np.load(os.path.join(args.ours, k + ".npy")) for k in ("best_alpha", "coef", "intercept", "cv_score")}
    ref = {}
    for k in ("best_alpha", "coef", "intercept", "cv_score"):
        path = os.path.join(args.ref, k + ".npy")
        if os.path.exists(path):
            ref[k] = np.load(path)
    same = np.isclose(ours["best_alpha"], ref["best_alpha"], rtol=1e-3)
    result = {"best_alpha_agreement": float(np.mean(same))}
    if same.any():
        scale = np.max(np.abs(ref["coef"][:, same]))
        result["coef_max_rel_diff_same_alpha"] = float(np.max(np.abs(ours["coef"][:, same] - ref["coef"][:, same])) / scale)
        if "cv_score" in ref:
            result["cv_score_max_abs_diff_same_alpha"] = float(np.max(np.abs(ours["cv_score"][same] - ref["cv_score"][same])))
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("gen")
    gen.add_argument("--out", required=True)
    gen.add_argument("--n", type=int, required=True)
    gen.add_argument("--p", type=int, required=True)
    gen.add_argument("--v", type=int, required=True)
    gen.add_argument("--seed", type=int, default=0)
    sub.add_parser("blas")
    for name in ("himalaya", "sklearn"):
        ref = sub.add_parser(name)
        ref.add_argument("--x", required=True)
        ref.add_argument("--y", required=True)
        ref.add_argument("--alphas", default="1e-2:1e5:10")
        ref.add_argument("--folds", type=int, default=5)
        ref.add_argument("--out", required=True)
    compare = sub.add_parser("compare")
    compare.add_argument("--ours", required=True)
    compare.add_argument("--ref", required=True)
    args = parser.parse_args()
    {"gen": cmd_gen, "blas": cmd_blas, "himalaya": cmd_himalaya, "sklearn": cmd_sklearn, "compare": cmd_compare}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
