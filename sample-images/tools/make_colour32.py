#!/usr/bin/python3
"""Build the `colour32` set: 32x32 RGB crops of real photographs shipped in Debian.

Usage: /usr/bin/python3 make_colour32.py <out-dir>

Reads only locally installed Debian packages (bookworm):
  mate-backgrounds 1.26.0-1            -> /usr/share/backgrounds/mate/nature/*.jpg
  plasma-workspace-wallpapers 4:5.27.5-2 -> /usr/share/wallpapers/<Name>/contents/images/*

Each class is a list of (photo, region) where region = (x0, y0, x1, y1) as
fractions of the photo.  Inside a region the left 75 % is used for train crops
and the right 25 % for val crops, so no train pixel appears in a val image.
A crop is a random square whose side is 20-50 % of the smaller side of the
(train or val) sub-region, resized to 32x32 with a box filter (area average).
Crops are spread round-robin over the class's photos.  Seeded, so re-running
gives the same files.  The class (and region) choice is a hand-made labelling
of photo content -- see ../colour32/README.md.
"""
import glob, os, random, sys
from PIL import Image

MATE = "/usr/share/backgrounds/mate/nature/"
def plasma(name):
    fs = glob.glob(f"/usr/share/wallpapers/{name}/contents/images/*")
    return max(fs, key=lambda f: Image.open(f).size[0])   # largest landscape version

FULL = (0, 0, 1, 1)
CLASSES = {
    "flower": [(MATE + "FreshFlower.jpg", FULL), (MATE + "Garden.jpg", (0.25, 0, 1, 1)),
               (MATE + "YellowFlower.jpg", FULL), (MATE + "TwoWings.jpg", FULL)],
    "foliage": [(MATE + "Blinds.jpg", FULL), (MATE + "GreenMeadow.jpg", FULL),
                (MATE + "RainDrops.jpg", FULL), (MATE + "LadyBird.jpg", FULL),
                (plasma("OneStandsOut"), FULL), (plasma("Path"), FULL)],
    "water": [(MATE + "Aqua.jpg", FULL), (plasma("Volna"), (0.4, 0, 1, 1)),
              (plasma("summer_1am"), (0, 0.64, 1, 1)), (plasma("DarkestHour"), (0, 0.62, 1, 1))],
    "sky": [(MATE + "Storm.jpg", (0, 0, 1, 0.55)), (plasma("summer_1am"), (0, 0, 1, 0.55)),
            (plasma("DarkestHour"), (0, 0, 1, 0.5)), (plasma("EveningGlow"), (0, 0, 1, 0.33))],
}
N = {"train": 200, "val": 50}
WORK = 1024   # photos are first reduced to this width (speed); crops are still >= ~100 px

def main(out):
    rng = random.Random(20240601)
    cache = {}
    for cls, sources in CLASSES.items():
        for split, n in N.items():
            d = os.path.join(out, split, cls); os.makedirs(d, exist_ok=True)
            for k in range(n):
                path, (x0, y0, x1, y1) = sources[k % len(sources)]
                if path not in cache:
                    im = Image.open(path).convert("RGB")
                    im = im.resize((WORK, round(im.height * WORK / im.width)), Image.LANCZOS)
                    cache[path] = im
                im = cache[path]; W, H = im.size
                xm = x0 + 0.75 * (x1 - x0)
                sx0, sx1 = (x0, xm) if split == "train" else (xm, x1)
                L, T, R, B = sx0 * W, y0 * H, sx1 * W, y1 * H
                s = int(rng.uniform(0.2, 0.5) * min(R - L, B - T))
                cx = int(rng.uniform(L, R - s)); cy = int(rng.uniform(T, B - s))
                crop = im.crop((cx, cy, cx + s, cy + s)).resize((32, 32), Image.BOX)
                crop.save(os.path.join(d, f"{k:05d}.png"), optimize=True)
        print(cls, [p.split("/")[4] if "/wallpapers/" in p else os.path.basename(p) for p, _ in sources])

if __name__ == "__main__":
    main(sys.argv[1])
