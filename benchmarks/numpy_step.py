#!/usr/bin/env python3
"""The tutorial's numpy network, timed the way the JMH benchmarks time the Java sides.

Two layers, ReLU, softmax + cross-entropy, one SGD step (forward, backward, update), float64, as
the tutorial writes it in numpy; `infer` is the forward pass to class probabilities. Same shapes
as the JMH benchmarks (nIn-hidden-nOut x batch), same kind of inputs (`data`: the quadrant points
for 2 inputs, Fashion-MNIST training images / 255 for 784; `dense`: N(0,1) noise, no zeros), 8
distinct batches cycled, parameters 0.01·N(0,1), biases 0, lr 0.1. The flops are counted as in
benchmarks/README.md: the matrix products only, dX = dz1·W1ᵀ not computed (the tutorial's code
does not compute it either).

Each shape is warmed up, then timed in `--iterations` windows of `--seconds`; the score is the
mean time per step over all windows (JMH's average time), and the windows' own means are logged.
Results are appended to a CSV in JMH's format (benchmark nnparity.bench.NumpyStep.step|infer,
params shape, input, openblas, threads = OPENBLAS_NUM_THREADS or default), which benchmarks' Table reads alongside JMH's.

    python3 benchmarks/numpy_step.py --csv out.csv --shapes 2-50-4x4,784-50-10x100 --input data

The OPENBLAS_* variables are read by OpenBLAS when numpy is imported: run the script once as the
environment has them and once under `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE` to compare.

glibc's malloc hands the memory of large freed blocks back to the kernel (munmap, or trimming the
top of its heap), so each step's new arrays of 313 KB (dW1 and lr·dW1 at 784-50) are fresh pages
that fault in again. On a VM whose page faults are slow (the Firecracker guest of 2026-11-30:
2.3 ms per step, against 0.40 ms once memory is kept) that, not the arithmetic, is numpy's step.
`MALLOC_MMAP_THRESHOLD_=67108864` (which also fixes glibc's trim threshold) keeps such blocks in
the heap; the column `malloc` records it (`default` or `mmap-threshold=N`). The JVM has no such
cost: its heap is reserved once and reused.
"""
import argparse
import gzip
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    sys.exit("numpy_step.py: numpy is not installed; Debian: apt-get install python3-numpy (or pip install numpy)")

BATCHES = 8
SEED = 7
LR = 0.1


def parse_shape(s):
    sizes, batch = s.split("x")
    n_in, hidden, n_out = (int(v) for v in sizes.split("-"))
    return n_in, hidden, n_out, int(batch)


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion_train():
    root = os.environ.get("MNIST_DIR", "/usr/share/datasets/fashion-mnist")
    for images, labels in (("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),):
        for ext in ("", ".gz"):
            ip, lp = os.path.join(root, images + ext), os.path.join(root, labels + ext)
            if os.path.exists(ip) and os.path.exists(lp):
                x = read_idx(ip).reshape(-1, 784).astype(np.float64) / 255.0
                return x, read_idx(lp).astype(np.int64)
    sys.exit(f"numpy_step.py: no Fashion-MNIST training files under {root} "
             "(apt-get install dataset-fashion-mnist, or set MNIST_DIR); or use --input dense")


def batches(shape, kind, rng):
    n_in, _, n_out, b = shape
    out = []
    if kind == "dense":
        for _ in range(BATCHES):
            x = rng.standard_normal((b, n_in))
            out.append((x, np.eye(n_out)[rng.integers(0, n_out, b)]))
    elif n_in == 2:
        for _ in range(BATCHES):
            x = rng.uniform(-1, 1, (b, 2))
            label = (x[:, 0] < 0).astype(int) * 1 + (x[:, 1] < 0).astype(int) * 2   # the quadrant
            out.append((x, np.eye(n_out)[label % n_out]))
    else:
        x_all, y_all = fashion_train()
        order = rng.permutation(len(x_all))
        for i in range(BATCHES):
            idx = order[i * b:(i + 1) * b]
            out.append((np.ascontiguousarray(x_all[idx]), np.eye(n_out)[y_all[idx] % n_out]))
    return out


class TwoLayerNet:
    """The tutorial's net: H = X·W1 + b1, ReLU, S = H·W2 + b2, softmax, cross-entropy, SGD."""

    def __init__(self, n_in, hidden, n_out, rng):
        self.W1 = 0.01 * rng.standard_normal((n_in, hidden))
        self.b1 = np.zeros(hidden)
        self.W2 = 0.01 * rng.standard_normal((hidden, n_out))
        self.b2 = np.zeros(n_out)

    def probabilities(self, X):
        H = np.maximum(0, np.dot(X, self.W1) + self.b1)
        S = np.dot(H, self.W2) + self.b2
        E = np.exp(S - S.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)

    def step(self, X, T):
        B = X.shape[0]
        Z1 = np.dot(X, self.W1) + self.b1
        H = np.maximum(0, Z1)
        S = np.dot(H, self.W2) + self.b2
        E = np.exp(S - S.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        loss = -np.sum(T * np.log(P + 1e-300)) / B
        dS = (P - T) / B
        dW2 = np.dot(H.T, dS)
        db2 = dS.sum(axis=0)
        dH = np.dot(dS, self.W2.T)
        dH[Z1 <= 0] = 0
        dW1 = np.dot(X.T, dH)
        db1 = dH.sum(axis=0)
        self.W1 -= LR * dW1
        self.b1 -= LR * db1
        self.W2 -= LR * dW2
        self.b2 -= LR * db2
        return loss


def time_windows(fn, warmup_s, seconds, iterations):
    """Mean seconds per call in each window, after a warm-up."""
    end = time.perf_counter() + warmup_s
    i = 0
    while time.perf_counter() < end:
        fn(i)
        i += 1
    means = []
    for _ in range(iterations):
        calls, start = 0, time.perf_counter()
        while True:
            fn(i)
            i += 1
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        means.append(elapsed / calls)
    return means


def openblas_label():
    core, l2 = os.environ.get("OPENBLAS_CORETYPE"), os.environ.get("OPENBLAS_L2_SIZE")
    if core is None and l2 is None:
        return "unset"
    return f"CORETYPE={core or '-'};L2_SIZE={l2 or '-'}"


def malloc_label():
    threshold = os.environ.get("MALLOC_MMAP_THRESHOLD_")
    return "default" if threshold is None else f"mmap-threshold={threshold}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shapes", default="2-50-4x4,784-50-10x100")
    ap.add_argument("--input", default="data", choices=["data", "dense"])
    ap.add_argument("--passes", default="step", help="step, infer or step,infer")
    ap.add_argument("--warmup", type=float, default=0.5, help="seconds of warm-up per shape")
    ap.add_argument("--seconds", type=float, default=0.5, help="seconds per timed window")
    ap.add_argument("--iterations", type=int, default=5, help="timed windows per shape")
    ap.add_argument("--csv", required=True, help="JMH-format CSV to append to")
    args = ap.parse_args()

    label = openblas_label()
    malloc = malloc_label()
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"numpy {np.__version__}, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, "
          f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '(unset)')}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}, malloc {malloc}")
    try:
        from threadpoolctl import threadpool_info
        for p in threadpool_info():
            print(f"  {p.get('internal_api')} {p.get('version')} threads={p.get('num_threads')} "
                  f"core={p.get('architecture')}")
    except ImportError:
        pass
    new = not os.path.exists(args.csv) or os.path.getsize(args.csv) == 0
    with open(args.csv, "a") as out:
        if new:
            out.write('"Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",'
                      '"Param: shape","Param: input","Param: openblas","Param: threads","Param: malloc"\n')
        for s in args.shapes.split(","):
            shape = parse_shape(s)
            rng = np.random.default_rng(SEED)
            data = batches(shape, args.input, rng)
            for pass_ in args.passes.split(","):
                net = TwoLayerNet(shape[0], shape[1], shape[2], np.random.default_rng(42))
                if pass_ == "step":
                    fn = lambda i: net.step(*data[i & (BATCHES - 1)])
                else:
                    fn = lambda i: net.probabilities(data[i & (BATCHES - 1)][0])
                means = time_windows(fn, args.warmup, args.seconds, args.iterations)
                score = sum(means) / len(means) * 1e6
                print(f"{s} {pass_} {args.input}: {score:,.1f} us/op (windows: "
                      + ", ".join(f"{m * 1e6:,.1f}" for m in means) + ")")
                out.write(f'"nnparity.bench.NumpyStep.{pass_}","avgt",1,{len(means)},{score:.6f},NaN,"us/op",'
                          f'{s},{args.input},"{label}",{threads},{malloc}\n')
                out.flush()


if __name__ == "__main__":
    main()
