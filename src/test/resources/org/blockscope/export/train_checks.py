"""Runs pieces of an exported train.py on data given by TrainScriptTest and prints the results as JSON:
the stratified split by seed, the fitted normalisation, and images converted to other shapes."""
import json
import sys
from pathlib import Path

import torch

import train

job = json.load(open(sys.argv[1]))
result = {}
_, val = train.stratified_split(job["labels"], job["classes"], job["fraction"], job["seed"])
result["val"] = val
pixels = torch.tensor(job["pixels"], dtype=torch.uint8).reshape(job["pixel_shape"])
mean, std = train.fit_normalization(pixels)
result["mean"], result["std"] = mean.tolist(), std.tolist()
result["table"] = train.normalizer(mean, std).tolist()
result["images"] = {}
for f in job["images"]:
    for shape in job["shapes"]:
        key = f + " " + "x".join(map(str, shape))
        result["images"][key] = train.convert(train.decode(Path(f)), *shape).reshape(-1).tolist()
print(json.dumps(result))
