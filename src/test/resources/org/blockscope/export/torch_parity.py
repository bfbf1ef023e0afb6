"""Loads exported PyTorch projects and writes their logits, for PyTorchParityTest.

Usage: torch_parity.py JOBS.json, where JOBS.json lists {"name", "dir", "inputs"}; for each job
model.py is imported from dir, Network built, weights.safetensors loaded (strictly) and the
network run in eval mode on the "x" tensor of the inputs file; the logits go to dir/logits.safetensors.
Then one training-mode step (every head, the loss, backward). Prints one JSON line per job: the
modules model.py imports that are neither torch nor stdlib, and the heads training returns.
"""
import ast
import importlib.util
import json
import sys

import torch

torch.set_num_threads(2)


def foreign_imports(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    return sorted(n for n in names if n != "torch" and n not in sys.stdlib_module_names)


for i, job in enumerate(json.load(open(sys.argv[1]))):
    spec = importlib.util.spec_from_file_location(f"exported_model_{i}", job["dir"] + "/model.py")
    model_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(model_py)
    net = model_py.Network()
    model_py.load_weights(net, job["dir"] + "/weights.safetensors")
    net.eval()
    tensors, _ = model_py.load_safetensors(job["inputs"])
    with torch.no_grad():
        logits = net(tensors["x"])
    model_py.save_safetensors(job["dir"] + "/logits.safetensors", {"logits": logits}, {})
    net.train()  # one training step: every head comes out and the loss back-propagates
    outputs = net(tensors["x"])
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    targets = torch.zeros(tensors["x"].shape[0], dtype=torch.long)
    loss = sum(w * torch.nn.functional.cross_entropy(z, targets) for w, z in zip(net.HEAD_WEIGHTS, outputs))
    loss.backward()
    print(json.dumps({"name": job["name"], "foreign_imports": foreign_imports(job["dir"] + "/model.py"),
                      "training_heads": len(outputs), "head_weights": list(net.HEAD_WEIGHTS)}), flush=True)
