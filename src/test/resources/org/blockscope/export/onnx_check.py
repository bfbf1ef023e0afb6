"""Checks exported ONNX files with the onnx package (the reference implementation of the format):
onnx.checker with full_check (which runs strict shape inference), then prints per file the operator
types used, their domains and the node names, as JSON lines."""
import json
import sys

import onnx

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    outputs = {o.name: [d.dim_value or d.dim_param for d in o.type.tensor_type.shape.dim] for o in inferred.graph.output}
    print(json.dumps({
        "file": path,
        "ops": sorted({n.op_type for n in model.graph.node}),
        "domains": sorted({n.domain for n in model.graph.node}),
        "names": [n.name for n in model.graph.node],
        "initializers": [t.name for t in model.graph.initializer],
        "outputs": outputs,
        "opset": [o.version for o in model.opset_import],
        "ir_version": model.ir_version,
    }), flush=True)
