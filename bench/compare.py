#!/usr/bin/python3
"""Side-by-side runs of Blockscope's EngineBench and PyTorch (bench/pytorch_bench.py), summarised.

Each net runs in a fresh process on each side (Blockscope, then PyTorch, same minute), --runs times; the
summary gives, per net, the median of the per-run ratios Blockscope / PyTorch for training and inference
speed (with their spread), both processes' peak resident memory (medians) and their ratio, and the CPU's
instruction set as oneDNN (Blockscope) and ATen (PyTorch) see it. Called by bench/compare.sh.
With --isa avx2 every vector path on both sides stops at AVX2, as on a CPU without AVX-512: oneDNN
(DNNL_MAX_CPU_ISA, ours and PyTorch's), ATen's kernels (ATEN_CPU_CAPABILITY), OpenBLAS
(OPENBLAS_CORETYPE) and HotSpot's compiled Java loops (-XX:UseAVX=2).
With --profile both sides also time each op kind (EngineBench --profile, pytorch_bench.py --profile), and
the summary sets them side by side per net: which op holds a net back, by how many ms per iteration.
"""
import argparse
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the app's JVM options (installer/build-*.sh): the heap follows the machine's memory
JAVA = ["java", "-XX:MaxRAMPercentage=40", "-XX:MaxNewSize=64m"]


# EngineBench's primitive kinds, in the op kinds of pytorch_bench.py's PROFILE_KINDS
KIND = {"CONV2D": "conv", "DEPTHWISE_CONV2D": "conv", "DEFORM_CONV2D": "conv", "BATCH_NORM": "batch norm",
        "ACTIVATION": "activation", "ADD": "add", "MAX_POOL": "pooling", "AVG_POOL": "pooling",
        "GLOBAL_AVG_POOL": "pooling", "FULLY_CONNECTED": "fully connected", "FLATTEN": "fully connected",
        "SCALE": "scale", "CONCAT": "concat", "CLASSIFIER": "loss", "OPTIMIZER": "optimizer"}
ORDER = ["conv", "batch norm", "activation", "add", "pooling", "fully connected", "scale", "concat", "loss",
         "optimizer", "other"]


def profile(lines, translate):
    """{mode: {kind: [fwd, bwd]}} from PROFILE lines, kinds translated to the common ones."""
    out = {}
    for line in lines:
        if line.startswith("PROFILE "):
            _, _, mode, kind, fwd, bwd = line.split()
            k = translate(kind)
            v = out.setdefault(mode, {}).setdefault(k, [0.0, 0.0])
            v[0] += float(fwd)
            v[1] += float(bwd)
    return out


def print_profiles(t, ours, theirs):
    for mode, title in (("train", "training, ms per iteration"), ("infer", "inference, ms per batch")):
        def med(runs, kind, col):
            return statistics.median(r.get(mode, {}).get(kind, [0.0, 0.0])[col] for r in runs)
        print(f"{t} {title} (median of the runs): Blockscope fwd / bwd / total, PyTorch fwd / bwd / total, "
              f"difference of the totals (Blockscope - PyTorch)")
        tot_o = tot_p = 0.0
        for kind in ORDER:
            o = [med(ours, kind, 0), med(ours, kind, 1)]
            p = [med(theirs, kind, 0), med(theirs, kind, 1)]
            if sum(o) + sum(p) < 0.005:
                continue
            tot_o += sum(o)
            tot_p += sum(p)
            print(f"  {kind:<16} {o[0]:7.2f} {o[1]:7.2f} {sum(o):7.2f}   {p[0]:7.2f} {p[1]:7.2f} {sum(p):7.2f}   "
                  f"{sum(o) - sum(p):+7.2f}")
        print(f"  {'total':<16} {'':>15} {tot_o:7.2f}   {'':>15} {tot_p:7.2f}   {tot_o - tot_p:+7.2f}")
    print("  (Blockscope fuses a ReLU after batch norm into the batch norm when training, and folds batch norm "
          "and its ReLU into the convolution at inference: compare those kinds together.)")


def result(lines):
    for line in lines:
        if line.startswith("RESULT "):
            _, name, batch, train, infer, rss = line.split()
            return float(train), float(infer), int(rss)
    raise RuntimeError("no RESULT line in:\n" + "\n".join(lines))


# --isa avx2: the environment of both sides and the JVM option that hold every vector path to AVX2
AVX2_ENV = {"DNNL_MAX_CPU_ISA": "AVX2", "ATEN_CPU_CAPABILITY": "avx2", "OPENBLAS_CORETYPE": "Haswell"}
AVX2_JAVA = ["-XX:UseAVX=2"]


def run(cmd, echo, env=None):
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    lines = p.stdout.splitlines()
    for line in lines:
        if not line.startswith("RESULT ") and echo(line):
            print("  " + line, flush=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise RuntimeError(f"{cmd[0]} failed with exit code {p.returncode}")
    return lines


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--warmup", type=float, default=120.0, help="longest warm-up per net, seconds")
    ap.add_argument("--profile", action="store_true", help="time per op kind on both sides, side by side")
    ap.add_argument("--isa", choices=["native", "avx2"], default="native",
                    help="avx2: hold oneDNN, ATen, OpenBLAS and the JVM's JIT to AVX2 on both sides")
    ap.add_argument("templates", nargs="*", default=["resnet20", "se_resnet20", "densenet_bc40"])
    a = ap.parse_args()
    with open(os.path.join(ROOT, "target", "bench-classpath.txt")) as f:
        cp = "target/classes:" + f.read().strip()
    env, java_opts = None, JAVA
    if a.isa == "avx2":
        env, java_opts = dict(os.environ, **AVX2_ENV), JAVA + AVX2_JAVA
    common = ["--batch", str(a.batch), "--iterations", str(a.iterations), "--warmup", str(a.warmup)]
    if a.profile:
        common.append("--profile")
    ours, theirs = {t: [] for t in a.templates}, {t: [] for t in a.templates}
    prof_o, prof_p = {t: [] for t in a.templates}, {t: [] for t in a.templates}
    isa = {}
    for r in range(1, a.runs + 1):
        print(f"run {r}/{a.runs}, load average {load()}", flush=True)
        for t in a.templates:
            java = run(java_opts + ["-cp", cp, "org.blockscope.engine.bench.EngineBench"] + common + [t],
                       lambda l: l.startswith("threads") and "blockscope" not in isa or l.startswith(t + " ") and " img/s " in l, env)
            py = run(["/usr/bin/python3", "bench/pytorch_bench.py"] + common + [t],
                     lambda l: l.startswith("torch") and "pytorch" not in isa or l.startswith(t + " ") and " img/s " in l, env)
            for line in java:
                if line.startswith("threads") and "ISA " in line:
                    isa["blockscope"] = line.split("ISA ", 1)[1].split(";")[0].strip()
                if line.startswith("threads") and "Java vectors " in line:
                    isa["java"] = line.split("Java vectors ", 1)[1].split(",")[0].split(";")[0].strip()
            for line in py:
                if line.startswith("torch") and "CPU capability " in line:
                    isa["pytorch"] = line.split("CPU capability ", 1)[1].strip()
            ours[t].append(result(java))
            theirs[t].append(result(py))
            prof_o[t].append(profile(java, lambda k: KIND.get(k, "other")))
            prof_p[t].append(profile(py, lambda k: k.replace("_", " ")))
    print(f"load average after: {load()}")
    print()
    print(f"CPU instruction set: oneDNN (Blockscope) {isa.get('blockscope', '?')}, Java loops "
          f"{isa.get('java', '?')}, PyTorch {isa.get('pytorch', '?')}"
          f"{' (all held to AVX2: ' + ', '.join(k + '=' + v for k, v in AVX2_ENV.items()) + ', -XX:UseAVX=2)' if a.isa == 'avx2' else ''}; batch {a.batch}, {a.runs} runs, median of {a.iterations} "
          f"iterations each; ratio = Blockscope / PyTorch (speed: higher is better; memory: lower is better)")
    header = (f"{'net':<14} {'training':>24} {'inference':>24} {'peak RSS Blockscope':>20} "
              f"{'peak RSS PyTorch':>17} {'memory':>7}")
    print(header)
    for t in a.templates:
        tr = [o[0] / p[0] for o, p in zip(ours[t], theirs[t])]
        inf = [o[1] / p[1] for o, p in zip(ours[t], theirs[t])]
        rss_o = statistics.median(o[2] for o in ours[t])
        rss_p = statistics.median(p[2] for p in theirs[t])

        def cell(v):
            return f"{statistics.median(v):.2f}x ({min(v):.2f}-{max(v):.2f})"

        print(f"{t:<14} {cell(tr):>24} {cell(inf):>24} {rss_o / 2**20:>17.0f} MB "
              f"{rss_p / 2**20:>14.0f} MB {rss_o / rss_p:>6.2f}x")
    print()
    for t in a.templates:
        print(f"{t:<14} img/s Blockscope train {statistics.median(o[0] for o in ours[t]):7.1f} infer "
              f"{statistics.median(o[1] for o in ours[t]):7.1f}   PyTorch train "
              f"{statistics.median(p[0] for p in theirs[t]):7.1f} infer {statistics.median(p[1] for p in theirs[t]):7.1f}")
    if a.profile:
        for t in a.templates:
            print()
            print_profiles(t, prof_o[t], prof_p[t])


if __name__ == "__main__":
    main()
