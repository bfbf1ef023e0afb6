#!/usr/bin/python3
"""PyTorch equivalents of Blockscope's CIFAR templates, for speed comparison with EngineBench.

Nets mirror src/main/java/org/blockscope/templates/ClassroomTemplates.java and the block expansions in
src/main/java/org/blockscope/block/expand/ (ResidualExpansion, Shortcut, SqueezeExcitationExpansion,
DenseBlockExpansion, TransitionExpansion):
  resnet20      conv3x3(16, no bias)-BN-ReLU, 3 stages x 3 basic blocks (16/32/64, stride 2 at the first
                block of stages 2 and 3), 1x1 conv+BN projection shortcut when the shape changes, GAP, FC 10
  se_resnet20   same, SE (GAP, FC C->C/4 + bias, ReLU, FC C/4->C + bias, sigmoid, scale) on the residual
                branch after bn2, before the add
  densenet_bc40 conv3x3(24, no bias), 3 dense blocks of 6 bottleneck layers (BN-ReLU-1x1(48)-BN-ReLU-3x3(12),
                concat), transitions BN-ReLU-1x1(floor(C/2))-avgpool2, final BN-ReLU, GAP, FC 10
BN: eps 1e-5, momentum 0.1 (PyTorch defaults, as Blockscope).

Usage: /usr/bin/python3 bench/pytorch_bench.py [--batch 64] [--warmup 120] [--iterations 10] [--threads 2]
       [--profile] [templates...]
Measures train img/s (forward + cross-entropy + backward + SGD step with momentum 0.9 and weight decay
5e-4, as EngineBench) and inference img/s (eval mode, no_grad) on random data, from the median iteration
time (robust to bursts of other load on a shared machine), after a warm-up of training and inference
iterations that lasts until the median iteration time stops moving (at most --warmup seconds), and the
process's peak resident memory (VmHWM, reset per net), as EngineBench.
--profile: after the timed iterations, the same number of iterations again under torch.autograd.profiler,
with the time of each op kind per iteration (see PROFILE_KINDS): forward ops by the top-level aten op
the model called, backward by the autograd node that ran it, so that bench/compare.py can set each kind
beside EngineBench's time for the same primitives.
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class SE(nn.Module):
    def __init__(self, c, ratio):
        super().__init__()
        hidden = max(1, c // ratio)
        self.fc1 = nn.Linear(c, hidden)
        self.fc2 = nn.Linear(hidden, c)

    def forward(self, x):
        s = x.mean((2, 3))
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(s))))
        return x * s[:, :, None, None]


class Basic(nn.Module):
    def __init__(self, cin, f, stride, se):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, f, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(f)
        self.conv2 = nn.Conv2d(f, f, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(f)
        self.se = SE(f, 4) if se else None
        self.shortcut = None
        if stride != 1 or cin != f:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, f, 1, stride, 0, bias=False), nn.BatchNorm2d(f))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        if self.se is not None:
            y = self.se(y)
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class ResNet20(nn.Module):
    def __init__(self, se=False):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        blocks = []
        cin = 16
        for stage, w in enumerate([16, 32, 64]):
            for i in range(3):
                blocks.append(Basic(cin, w, 2 if stage > 0 and i == 0 else 1, se))
                cin = w
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.blocks(x)
        return self.fc(x.mean((2, 3)))


class DenseLayer(nn.Module):
    def __init__(self, cin, k, bn_size=4):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, bn_size * k, 1, 1, 0, bias=False)
        self.bn2 = nn.BatchNorm2d(bn_size * k)
        self.conv2 = nn.Conv2d(bn_size * k, k, 3, 1, 1, bias=False)

    def forward(self, x):
        y = self.conv1(F.relu(self.bn1(x)))
        y = self.conv2(F.relu(self.bn2(y)))
        return torch.cat([x, y], 1)


class Transition(nn.Module):
    def __init__(self, cin, theta):
        super().__init__()
        self.out = int(theta * cin)
        self.bn = nn.BatchNorm2d(cin)
        self.conv = nn.Conv2d(cin, self.out, 1, 1, 0, bias=False)

    def forward(self, x):
        return F.avg_pool2d(self.conv(F.relu(self.bn(x))), 2, 2)


class DenseNetBC40(nn.Module):
    def __init__(self, layers=6, k=12, theta=0.5):
        super().__init__()
        mods = [nn.Conv2d(3, 24, 3, 1, 1, bias=False)]
        c = 24
        for i in range(3):
            for _ in range(layers):
                mods.append(DenseLayer(c, k))
                c += k
            if i < 2:
                t = Transition(c, theta)
                mods.append(t)
                c = t.out
        self.features = nn.Sequential(*mods)
        self.bn = nn.BatchNorm2d(c)
        self.fc = nn.Linear(c, 10)

    def forward(self, x):
        x = F.relu(self.bn(self.features(x)))
        return self.fc(x.mean((2, 3)))


def torchvision_net(name):
    import torchvision  # Debian's python3-torchvision; only the ImageNet nets need it

    return getattr(torchvision.models, name)()


NETS = {
    "resnet20": lambda: ResNet20(False),
    "se_resnet20": lambda: ResNet20(True),
    "densenet_bc40": DenseNetBC40,
    "resnet50": lambda: torchvision_net("resnet50"),  # issue 14: ResNet-50 at 224x224, batch 16
}
# input side and classes where they are not CIFAR's (the templates' own, as EngineBench uses them)
INPUT = {"resnet50": 224}
CLASSES = {"resnet50": 1000}


# warm-up by convergence, as EngineBench (engine/bench/Warmup.java): until the median of the last WINDOW
# training iterations and of the last WINDOW inference passes each moved by at most TOLERANCE from the
# median of the WINDOW before, after at least MIN_WARMUP iterations, within at most --warmup seconds
WARMUP = 120.0
MIN_WARMUP = 3
WINDOW = 5
TOLERANCE = 0.03


def settled(times):
    n = len(times)
    if n < 2 * WINDOW:
        return False
    last = statistics.median(times[n - WINDOW:])
    before = statistics.median(times[n - 2 * WINDOW:n - WINDOW])
    return abs(last - before) <= TOLERANCE * last


def warming_up(train_times, infer_times, start, seconds):
    if len(train_times) < MIN_WARMUP:
        return True
    if time.perf_counter() - start >= seconds:
        return False
    return not (settled(train_times) and settled(infer_times))


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def cpu_capability():
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            return line.split(":", 1)[1].strip()
    return "?"


# op kind of a top-level forward aten op, or of an autograd node (its name without the trailing digit)
PROFILE_KINDS = {
    "conv": ("aten::conv2d", "ConvolutionBackward"),
    "batch norm": ("aten::batch_norm", "NativeBatchNormBackward"),
    "activation": ("aten::relu", "aten::relu_", "aten::sigmoid", "ReluBackward", "SigmoidBackward"),
    "add": ("aten::add", "aten::add_", "AddBackward"),
    "pooling": ("aten::mean", "aten::avg_pool2d", "aten::max_pool2d", "aten::adaptive_avg_pool2d",
                "MeanBackward", "AvgPool2DBackward", "MaxPool2DWithIndicesBackward",
                "AdaptiveAvgPool2DBackward"),
    "fully connected": ("aten::linear", "AddmmBackward", "TBackward"),
    "scale": ("aten::mul", "MulBackward"),
    "concat": ("aten::cat", "CatBackward"),
    "loss": ("aten::cross_entropy_loss", "aten::softmax", "NllLossBackward", "LogSoftmaxBackward"),
}
KIND_OF = {op: kind for kind, ops in PROFILE_KINDS.items() for op in ops}
BACKWARD_NODE = "autograd::engine::evaluate_function: "


def profile_kinds(step, iterations, training):
    """ms per iteration by kind: [forward, backward]; 'optimizer' is the SGD step and zero_grad, 'other'
    whatever the iteration spent outside the kinds (Python, autograd's bookkeeping, AccumulateGrad)."""
    from torch.autograd.profiler import profile
    with profile() as prof:
        for _ in range(iterations):
            step()
    ms = {}

    def add(kind, col, us):
        ms.setdefault(kind, [0.0, 0.0])[col] += us / 1000.0 / iterations

    total = 0.0
    for e in prof.function_events:
        if e.name.startswith("bench."):
            total += e.cpu_time_total
            if e.name == "bench.optimizer":
                add("optimizer", 1, e.cpu_time_total)
        elif e.name.startswith(BACKWARD_NODE):
            node = e.name[len(BACKWARD_NODE):].rstrip("0123456789")
            add(KIND_OF.get(node, "other"), 1, e.cpu_time_total)
        elif e.cpu_parent is not None and e.cpu_parent.name in ("bench.forward", "bench.loss"):
            add(KIND_OF.get(e.name, "other"), 0, e.cpu_time_total)
    attributed = sum(f + b for f, b in ms.values())
    add("other", 1 if training else 0, total - attributed * 1000.0 * iterations)
    return ms


def bench(name, batch, iterations, warmup=WARMUP, profiling=False):
    reset_peak_rss()
    torch.manual_seed(1)
    net = NETS[name]()
    params = sum(p.numel() for p in net.parameters())
    side = INPUT.get(name, 32)
    x = torch.randn(batch, 3, side, side)
    labels = torch.arange(batch) % CLASSES.get(name, 10)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)

    from torch.autograd.profiler import record_function

    def train_step():
        opt.zero_grad()
        loss = F.cross_entropy(net(x), labels)
        loss.backward()
        opt.step()

    def profiled_train_step():
        with record_function("bench.optimizer"):
            opt.zero_grad()
        with record_function("bench.forward"):
            y = net(x)
        with record_function("bench.loss"):
            loss = F.cross_entropy(y, labels)
        with record_function("bench.backward"):
            loss.backward()
        with record_function("bench.optimizer"):
            opt.step()

    def profiled_infer_step():
        with record_function("bench.forward"):
            torch.softmax(net(x), 1)

    net.train()
    start = time.perf_counter()
    warm_train, warm_infer = [], []
    while warming_up(warm_train, warm_infer, start, warmup):
        t0 = time.perf_counter()
        train_step()
        t1 = time.perf_counter()
        net.eval()
        with torch.no_grad():
            torch.softmax(net(x), 1)
        net.train()
        warm_train.append(t1 - t0)
        warm_infer.append(time.perf_counter() - t1)
    warm = (len(warm_train), time.perf_counter() - start)
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        train_step()
        times.append(time.perf_counter() - t0)
    train = batch / statistics.median(times)

    net.eval()
    with torch.no_grad():
        times = []
        for _ in range(iterations):
            t0 = time.perf_counter()
            torch.softmax(net(x), 1)
            times.append(time.perf_counter() - t0)
        infer = batch / statistics.median(times)
    rss = peak_rss_bytes()  # before profiling: the profiler's records would add to it
    profiles = {}
    if profiling:
        net.train()
        profiles["train"] = profile_kinds(profiled_train_step, iterations, True)
        net.eval()
        with torch.no_grad():
            profiles["infer"] = profile_kinds(profiled_infer_step, iterations, False)
    return params, train, infer, rss, warm, profiles


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--warmup", type=float, default=WARMUP, help="longest warm-up per net, seconds")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--profile", action="store_true", help="time per op kind (PROFILE lines)")
    ap.add_argument("templates", nargs="*", default=["resnet20", "se_resnet20", "densenet_bc40"])
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, CPU capability {cpu_capability()}")
    for name in a.templates:
        params, train, infer, rss, (warm_n, warm_s), profiles = bench(
            name, a.batch, a.iterations, a.warmup, a.profile)
        print(f"{name:<14} batch {a.batch:3d}  train {train:7.1f} img/s  inference {infer:7.1f} img/s  "
              f"peak RSS {rss >> 20:5d} MB  params {params:,}  (warm-up {warm_n} iterations, {warm_s:.0f} s)")
        for mode, kinds in profiles.items():
            for kind, (fwd, bwd) in kinds.items():
                print(f"PROFILE {name} {mode} {kind.replace(' ', '_')} {fwd:.3f} {bwd:.3f}")
        print(f"RESULT {name} {a.batch} {train:.2f} {infer:.2f} {rss}", flush=True)


if __name__ == "__main__":
    main()
