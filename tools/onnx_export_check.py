"""Runs a model exported by facewatch in onnxruntime and compares its outputs with facewatch's own.

usage: onnx_export_check.py SAMPLE_DIR [--tolerance T]

SAMPLE_DIR holds model.onnx, input.f32 and output.f32 (raw little-endian float32) and shapes.txt (the input's
shape, then the output's, one a line). Prints the largest absolute difference; exits 1 when it exceeds the
tolerance (default 1e-4), 2 when the sample is incomplete.
"""

import argparse
import pathlib
import sys

import numpy as np
import onnxruntime

from output_comparison import compare


def read_sample(folder: pathlib.Path):
    lines = (folder / "shapes.txt").read_text().split("\n")
    input_shape, output_shape = ([int(size) for size in line.split()] for line in lines[:2])
    inputs = np.fromfile(folder / "input.f32", dtype="<f4").reshape(input_shape)
    outputs = np.fromfile(folder / "output.f32", dtype="<f4").reshape(output_shape)
    return inputs, outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sample", type=pathlib.Path)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    arguments = parser.parse_args()
    try:
        inputs, expected = read_sample(arguments.sample)
    except (OSError, ValueError) as problem:
        print(f"onnx_export_check: incomplete sample in {arguments.sample}: {problem}", file=sys.stderr)
        return 2
    session = onnxruntime.InferenceSession(str(arguments.sample / "model.onnx"), providers=["CPUExecutionProvider"])
    input_name = session.get_inputs()[0].name
    (computed,) = session.run(None, {input_name: inputs})
    return compare("onnx_export_check", f"{computed.shape[0]} inputs", computed, expected, arguments.tolerance)


if __name__ == "__main__":
    sys.exit(main())
