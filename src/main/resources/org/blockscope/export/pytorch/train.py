"""Trains the exported network as Blockscope does: the same data layouts, preprocessing, augmentation,
optimizer, learning-rate schedule, epochs and seed (see DEFAULTS below).

One process (CPU, or the first GPU):

    python train.py --data DIR

Several processes with DistributedDataParallel (nccl on GPUs, gloo on CPUs), one machine:

    torchrun --nproc_per_node G train.py --data DIR

Several machines (run on each, R = 0 .. N-1, HOST = the machine of rank 0):

    torchrun --nnodes N --node_rank R --nproc_per_node G --master_addr HOST --master_port 29500 train.py --data DIR

--batch is the global batch: each of the W processes takes batch / W images per step, and a
DistributedSampler gives each process its own part of every epoch. Rank 0 evaluates on the
validation images after every epoch, writes OUT/weights.safetensors (the weights Blockscope's
`import-weights` reads) and appends one JSON object per line to OUT/metrics.jsonl.
"""

import argparse
import gzip
import json
import math
import os
import sys
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data.distributed import DistributedSampler

from model import INPUT_SHAPE, Network, load_weights, save_safetensors

# {{DEFAULTS}}

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".gif"}
MASK64 = (1 << 64) - 1


# ---- data, read as Blockscope reads it --------------------------------------------------------------


class SplittableRandom:
    """Java's java.util.SplittableRandom (SplitMix64, Steele et al. 2014) for nextInt(bound), so a
    validation split by seed holds the same images as Blockscope's."""

    GOLDEN_GAMMA = 0x9E3779B97F4A7C15

    def __init__(self, seed):
        self.seed = seed & MASK64

    def next_int(self):
        self.seed = (self.seed + self.GOLDEN_GAMMA) & MASK64
        z = self.seed
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
        z = (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32
        return z - (1 << 32) if z >= 1 << 31 else z  # as a signed 32-bit int

    def next_bounded(self, bound):
        r = self.next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if u + m - r < 1 << 31:  # no 32-bit overflow: accept
                return r
            u = (self.next_int() & 0xFFFFFFFF) >> 1


def stratified_split(labels, classes, fraction, seed):
    """In each class, round(count · fraction) images picked with the seed go to validation (at least
    one if the class has two or more); both parts keep the data order (Blockscope's Split.bySeed)."""
    to_val = [False] * len(labels)
    for c in range(classes):
        members = [i for i, label in enumerate(labels) if label == c]
        take = math.floor(len(members) * fraction + 0.5)
        if take == 0 and fraction > 0 and len(members) >= 2:
            take = 1
        rng = SplittableRandom(seed * 1_000_003 + c)
        for k in range(take):
            j = k + rng.next_bounded(len(members) - k)
            members[k], members[j] = members[j], members[k]
            to_val[members[k]] = True
    train = [i for i, v in enumerate(to_val) if not v]
    val = [i for i, v in enumerate(to_val) if v]
    return train, val


def decode(path):
    """An image file as float planes in [0, 1]: (channels, height, width), grey or RGB, alpha ignored."""
    try:
        from PIL import Image
    except ImportError:
        sys.exit("train.py reads image folders with Pillow: pip install pillow")
    with Image.open(path) as image:
        if image.mode in ("L", "LA"):
            grey = image.getchannel(0)
            values = torch.frombuffer(bytearray(grey.tobytes()), dtype=torch.uint8).float() / 255.0
            return values.reshape(1, image.height, image.width)
        if image.mode in ("I;16", "I;16B", "I"):
            values = torch.tensor(list(image.getdata()), dtype=torch.float32) / 65535.0
            return values.reshape(1, image.height, image.width)
        rgb = image.convert("RGB")
        values = torch.frombuffer(bytearray(rgb.tobytes()), dtype=torch.uint8).float() / 255.0
        return values.reshape(image.height, image.width, 3).permute(2, 0, 1).contiguous()


def resize_axis(n_in, n_out):
    """Source indices and weights of each output index: area averaging when shrinking, bilinear with
    half-pixel centres when enlarging (Blockscope's Resize)."""
    scale = n_in / n_out
    taps = []
    for o in range(n_out):
        if n_in == n_out:
            taps.append([(o, 1.0)])
        elif n_out < n_in:
            start, end = o * scale, (o + 1) * scale
            first, last = math.floor(start), min(n_in - 1, math.ceil(end) - 1)
            taps.append([(i, (min(end, i + 1) - max(start, i)) / scale) for i in range(first, last + 1)])
        else:
            src = max(0.0, min(n_in - 1.0, (o + 0.5) * scale - 0.5))
            i0 = math.floor(src)
            frac = src - i0
            taps.append([(i0, 1.0 - frac), (min(i0 + 1, n_in - 1), frac)])
    width = max(len(t) for t in taps)
    index = torch.tensor([[t[k][0] if k < len(t) else 0 for k in range(width)] for t in taps])
    weight = torch.tensor([[t[k][1] if k < len(t) else 0.0 for k in range(width)] for t in taps]).float()
    if n_out > n_in:
        weight[:, 0] = 1 - weight[:, 1]  # 1 − frac in float, as Blockscope computes it
    return index, weight


def resample(planes, axis, index, weight):
    """Weighted sum over the taps, one tap after another in float (the order Blockscope adds them)."""
    out = None
    for k in range(index.shape[1]):
        shape = [1, 1, 1]
        shape[axis] = -1
        term = weight[:, k].reshape(shape) * planes.index_select(axis, index[:, k])
        out = term if out is None else out + term
    return out


def convert(planes, channels, height, width):
    """Colour first, then resizing, then rounding to 8 bits (Blockscope's PixelConverter)."""
    if planes.shape[0] == 3 and channels == 1:  # Y' = 0.299 R' + 0.587 G' + 0.114 B' (ITU-R BT.601)
        w = [torch.tensor(v, dtype=torch.float32) for v in (0.299, 0.587, 0.114)]
        planes = (w[0] * planes[0] + w[1] * planes[1] + w[2] * planes[2]).unsqueeze(0)
    elif planes.shape[0] == 1 and channels == 3:
        planes = planes.expand(3, -1, -1)
    if planes.shape[2] != width:
        planes = resample(planes, 2, *resize_axis(planes.shape[2], width))
    if planes.shape[1] != height:
        planes = resample(planes, 1, *resize_axis(planes.shape[1], height))
    scaled = planes.clamp(0, 1) * 255.0
    return torch.floor(scaled.double() + 0.5).to(torch.uint8)  # Java's Math.round


def load_folder(folder, shape):
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    images, labels, names = [], [], []
    for label, name in enumerate(classes):
        files = sorted(p for p in (folder / name).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
                       and not p.name.startswith(".") and p.is_file())
        if not files:
            continue
        names.append(name)
        for f in files:
            images.append(convert(decode(f), *shape))
            labels.append(len(names) - 1)
    if len(names) < 2:
        sys.exit(f"{folder}: expected at least two class folders with images")
    return torch.stack(images), labels, names


def read_maybe_gzip(path):
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def find(folder, *names):
    for name in names:
        for candidate in (folder / name, folder / (name + ".gz")):
            if candidate.is_file():
                return candidate
    return None


def load_idx(images_file, labels_file, shape):
    images, labels = read_maybe_gzip(images_file), read_maybe_gzip(labels_file)
    n, rows, cols = (int.from_bytes(images[4 + 4 * d: 8 + 4 * d], "big") for d in range(3))
    raw = torch.frombuffer(bytearray(images[16:16 + n * rows * cols]), dtype=torch.uint8)
    planes = raw.float().reshape(n, 1, rows, cols) / 255.0
    y = list(labels[8:8 + n])
    names = [str(i) for i in range(max(10, max(y) + 1))]
    return torch.stack([convert(p, *shape) for p in planes]), y, names


def load_cifar(files, shape):
    meta = files[0].parent / "batches.meta.txt"
    names = ([s.strip() for s in meta.read_text().splitlines() if s.strip()] if meta.is_file() else
             ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"])
    images, labels = [], []
    for f in files:
        data = f.read_bytes()
        for r in range(len(data) // 3073):
            record = data[r * 3073:(r + 1) * 3073]
            labels.append(record[0])
            planes = torch.frombuffer(bytearray(record[1:]), dtype=torch.uint8).float().reshape(3, 32, 32) / 255.0
            images.append(convert(planes, *shape))
    return torch.stack(images), labels, names


def load_data(data, val_dir, val_split, seed, shape):
    """(train images, train labels, val images, val labels, class names), images as uint8 N×C×H×W.
    The layouts of `blockscope train --data`: MNIST IDX files, CIFAR-10 batches, train/ and val/
    class folders, or one folder of class folders split by seed."""
    mnist = find(data, "train-images-idx3-ubyte", "train-images.idx3-ubyte")
    if mnist is not None:
        x, y, names = load_idx(mnist, find(data, "train-labels-idx1-ubyte", "train-labels.idx1-ubyte"), shape)
        test = find(data, "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte")
        if test is not None:
            vx, vy, _ = load_idx(test, find(data, "t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"), shape)
            return x, y, vx, vy, names
    elif (data / "data_batch_1.bin").is_file():
        x, y, names = load_cifar(sorted(data.glob("data_batch_*")), shape)
        if (data / "test_batch.bin").is_file():
            vx, vy, _ = load_cifar([data / "test_batch.bin"], shape)
            return x, y, vx, vy, names
    else:
        if val_dir is None and (data / "train").is_dir() and (data / "val").is_dir():
            data, val_dir = data / "train", data / "val"
        x, y, names = load_folder(data, shape)
        if val_dir is not None:
            vx, vy, val_names = load_folder(val_dir, shape)
            if val_names != names:
                sys.exit(f"{val_dir} has classes {val_names}, {data} has {names}")
            return x, y, vx, vy, names
    train, val = stratified_split(y, len(names), val_split, seed)
    return x[train], [y[i] for i in train], x[val], [y[i] for i in val], names


def fit_normalization(images):
    """Mean and population std per channel of the training pixels in [0, 1], from 8-bit histograms
    (Blockscope's Normalization.fit); a channel without spread gets std 1."""
    mean, std = [], []
    values = [v / 255.0 for v in range(256)]
    for c in range(images.shape[1]):
        histogram = torch.bincount(images[:, c].reshape(-1).long(), minlength=256).tolist()
        count = sum(histogram)
        total = sum(h * v for h, v in zip(histogram, values))
        squares = sum(h * v * v for h, v in zip(histogram, values))
        m = total / count
        variance = max(0.0, squares / count - m * m)
        mean.append(m)
        std.append(math.sqrt(variance) if variance > 1e-12 else 1.0)
    return torch.tensor(mean, dtype=torch.float32), torch.tensor(std, dtype=torch.float32)


def normalizer(mean, std):
    """A lookup table per channel: (v / 255 − mean) / std for every 8-bit value v, in float."""
    v = torch.arange(256, dtype=torch.float32) / 255.0
    return (v[None, :] - mean[:, None]) / std[:, None]


def batch_of(images, indices, table, crop, flip, generator):
    """Normalised images; with crop p > 0 each is padded by p black pixels and cropped back at a random
    offset in [−p, p]², then mirrored with probability 1/2 when flip is on (crop first, then flip)."""
    x = images[indices].long()
    n, c, h, w = x.shape
    if crop > 0:
        padded = F.pad(x, (crop, crop, crop, crop))
        offsets = torch.randint(0, 2 * crop + 1, (n, 2), generator=generator)
        x = torch.stack([padded[i, :, dy:dy + h, dx:dx + w] for i, (dy, dx) in enumerate(offsets.tolist())])
    if flip:
        mirror = torch.rand(n, generator=generator) < 0.5
        x[mirror] = x[mirror].flip(3)
    return torch.stack([table[ch][x[:, ch]] for ch in range(c)], 1)


# ---- training ---------------------------------------------------------------------------------------


def learning_rate(args, epoch, fraction):
    if args.schedule == "step":  # lr · gamma^floor(epoch / every)   (PyTorch StepLR)
        return args.lr * args.step_gamma ** (epoch // args.step_every)
    if args.schedule == "cosine":  # lr · (1 + cos(π t / T)) / 2 per iteration (SGDR without restarts)
        t = min(1.0, (epoch + fraction) / max(1, args.epochs))
        return args.lr * 0.5 * (1 + math.cos(math.pi * t))
    return args.lr


def make_optimizer(args, model):
    if args.optimizer == "sgd":
        return torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum, nesterov=args.nesterov,
                               weight_decay=args.weight_decay)
    return torch.optim.Adam(model.parameters(), lr=args.lr, betas=(args.beta1, args.beta2), eps=args.eps,
                            weight_decay=args.weight_decay)


def heads_loss(model, outputs, y):
    """Σ weight × cross-entropy over the heads (auxiliary ones only while training)."""
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    return sum(w * F.cross_entropy(z, y) for w, z in zip(model.HEAD_WEIGHTS, outputs)), outputs


def evaluate(model, images, labels, table, device, batch):
    """Loss and accuracy of the main output in eval mode (running batch-norm statistics, no dropout)."""
    model.eval()
    correct, loss_sum = 0, 0.0
    with torch.no_grad():
        for start in range(0, len(labels), batch):
            idx = torch.arange(start, min(len(labels), start + batch))
            x = batch_of(images, idx, table, 0, False, None).to(device)
            y = torch.tensor([labels[i] for i in idx.tolist()], device=device)
            logits = model(x)
            loss_sum += float(F.cross_entropy(logits, y, reduction="sum")) * model.HEAD_WEIGHTS[0]
            correct += int((logits.argmax(1) == y).sum())
    model.train()
    return loss_sum / max(1, len(labels)), correct


def main():
    d = DEFAULTS
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, type=Path, help="the folder given to `blockscope train --data`")
    p.add_argument("--val", type=Path, help="validation class folders (default: val/ next to train/, or a split)")
    p.add_argument("--val-split", type=float, default=d["val_split"])
    p.add_argument("--epochs", type=int, default=d["epochs"])
    p.add_argument("--batch", type=int, default=d["batch"], help="global batch size (all processes)")
    p.add_argument("--lr", type=float, default=d["lr"])
    p.add_argument("--optimizer", choices=["adam", "sgd"], default=d["optimizer"])
    p.add_argument("--momentum", type=float, default=d["momentum"])
    p.add_argument("--nesterov", action=argparse.BooleanOptionalAction, default=d["nesterov"])
    p.add_argument("--beta1", type=float, default=d["beta1"])
    p.add_argument("--beta2", type=float, default=d["beta2"])
    p.add_argument("--eps", type=float, default=d["eps"])
    p.add_argument("--weight-decay", type=float, default=d["weight_decay"])
    p.add_argument("--schedule", choices=["constant", "step", "cosine"], default=d["schedule"])
    p.add_argument("--step-every", type=int, default=d["step_every"])
    p.add_argument("--step-gamma", type=float, default=d["step_gamma"])
    p.add_argument("--crop-padding", type=int, default=d["crop_padding"])
    p.add_argument("--flip", action=argparse.BooleanOptionalAction, default=d["flip"])
    p.add_argument("--seed", type=int, default=d["seed"])
    p.add_argument("--init", default="weights.safetensors",
                   help="weights to start from (default: the exported ones); 'none' for PyTorch's initialisation")
    p.add_argument("--out", type=Path, default=Path("runs"), help="where rank 0 writes weights and metrics")
    p.add_argument("--log-every", type=int, default=10, help="iterations between metric lines")
    p.add_argument("--device", default="auto", help="auto, cpu or cuda")
    args = p.parse_args()

    distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    if distributed:
        dist.init_process_group("nccl" if use_cuda else "gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        rank, world = 0, 1
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    device = torch.device(f"cuda:{local_rank}" if use_cuda else "cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    elif distributed:
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // int(os.environ.get("LOCAL_WORLD_SIZE", world))))
    torch.manual_seed(args.seed)

    x, y, vx, vy, names = load_data(args.data, args.val, args.val_split, args.seed, INPUT_SHAPE)
    mean, std = fit_normalization(x)
    table = normalizer(mean, std)

    model = Network()
    if args.init != "none":
        init = Path(args.init)
        load_weights(model, init if init.exists() else Path(__file__).parent / init)
    model.eval()
    with torch.no_grad():
        predicted = model(torch.zeros(1, *INPUT_SHAPE)).shape[1]
    model.train()
    if predicted != len(names):
        sys.exit(f"the network predicts {predicted} classes but {args.data} has {len(names)}: {names}; "
                 "train it on this data in Blockscope (which matches its last layer) and export again")
    model.to(device)
    ddp = DistributedDataParallel(model, device_ids=[local_rank] if use_cuda else None) if distributed else model
    optimizer = make_optimizer(args, model)
    sampler = DistributedSampler(range(len(y)), num_replicas=world, rank=rank, shuffle=True, seed=args.seed)
    per_process = max(1, args.batch // world)
    labels = torch.tensor(y)
    if rank == 0:
        args.out.mkdir(parents=True, exist_ok=True)
        metrics = open(args.out / "metrics.jsonl", "w", buffering=1)
        print(f"{len(y)} training and {len(vy)} validation images, {len(names)} classes, {world} process(es), "
              f"batch {per_process} per process, normalisation mean {mean.tolist()} std {std.tolist()}")

    iteration = 0
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        order = list(sampler)
        batches = [order[i:i + per_process] for i in range(0, len(order), per_process)]
        generator = torch.Generator().manual_seed(args.seed * 1_000_003 + epoch * world + rank)
        started, loss_sum, correct, seen = time.time(), 0.0, 0, 0
        for b, idx in enumerate(batches):
            lr = learning_rate(args, epoch, b / len(batches))
            for group in optimizer.param_groups:
                group["lr"] = lr
            inputs = batch_of(x, torch.tensor(idx), table, args.crop_padding, args.flip, generator).to(device)
            targets = labels[idx].to(device)
            loss, outputs = heads_loss(model, ddp(inputs), targets)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            iteration += 1
            stats = torch.tensor([float(loss) * len(idx), float((outputs[0].argmax(1) == targets).sum()), len(idx)])
            if distributed:
                dist.all_reduce(stats)
            loss_sum, correct, seen = loss_sum + float(stats[0]), correct + int(stats[1]), seen + int(stats[2])
            if rank == 0 and iteration % args.log_every == 0:
                metrics.write(json.dumps({"kind": "iteration", "epoch": epoch + 1, "iteration": iteration,
                                          "loss": float(stats[0] / stats[2]), "lr": lr}) + "\n")
        seconds = time.time() - started
        if rank == 0:
            val_loss, val_correct = evaluate(model, vx, vy, table, device, max(64, per_process))
            line = {"kind": "epoch", "epoch": epoch + 1, "epochs": args.epochs, "loss": loss_sum / seen,
                    "accuracy": correct / seen, "val_loss": val_loss, "val_accuracy": val_correct / max(1, len(vy)),
                    "val_correct": val_correct, "val_total": len(vy), "lr": lr, "seconds": seconds,
                    "images_per_second": seen / seconds, "processes": world}
            metrics.write(json.dumps(line) + "\n")
            print(json.dumps(line), flush=True)
            weights = dict(model.state_dict())
            meta = {"format": "pt", "classes": json.dumps(names), "mean": json.dumps(mean.tolist()),
                    "std": json.dumps(std.tolist()), "input": "x".join(map(str, INPUT_SHAPE)),
                    "epoch": str(epoch + 1), "source": "train.py"}
            tmp = args.out / "weights.safetensors.tmp"
            save_safetensors(tmp, weights, meta)
            os.replace(tmp, args.out / "weights.safetensors")
        if distributed:
            dist.barrier()
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
