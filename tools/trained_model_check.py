"""Compares a model that `facewatch train` exported, run by onnxruntime, with facewatch's own descriptors.

usage: trained_model_check.py MODEL.onnx CHIP_DIR --facewatch BIN [--count N] [--tolerance T] [--work DIR]

Takes the first N chips (PNG, any size at least the model's input) under CHIP_DIR, crops their centre to the
model's input size (as training evaluates), writes the crops as PNG, embeds them with `facewatch embed --chip
--embedder MODEL.onnx --json`, runs the model in onnxruntime on the same pixels normalised as facewatch does
((x - 127.5) / 127.5, RGB, NCHW) and prints the largest absolute difference. Exits 1 above the tolerance
(default 1e-4), 2 on a usage problem.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

import cv2
import numpy as np
import onnxruntime

from output_comparison import compare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", type=pathlib.Path)
    parser.add_argument("chips", type=pathlib.Path)
    parser.add_argument("--facewatch", required=True)
    parser.add_argument("--count", type=int, default=32)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--work", type=pathlib.Path)
    arguments = parser.parse_args()

    session = onnxruntime.InferenceSession(str(arguments.model), providers=["CPUExecutionProvider"])
    model_input = session.get_inputs()[0]
    side = model_input.shape[2]
    if not isinstance(side, int):
        print(f"trained_model_check: {arguments.model}: input side is not fixed ({model_input.shape})", file=sys.stderr)
        return 2
    sources = sorted(arguments.chips.rglob("*.png"))[: arguments.count]
    if not sources:
        print(f"trained_model_check: no PNG chips under {arguments.chips}", file=sys.stderr)
        return 2

    work = arguments.work or pathlib.Path(tempfile.mkdtemp(prefix="trained-model-check-"))
    work.mkdir(parents=True, exist_ok=True)
    crops, paths = [], []
    for index, source in enumerate(sources):
        bgr = cv2.imread(str(source), cv2.IMREAD_COLOR)
        if bgr is None or min(bgr.shape[:2]) < side:
            print(f"trained_model_check: {source}: unreadable or smaller than {side}×{side}", file=sys.stderr)
            return 2
        top, left = (bgr.shape[0] - side) // 2, (bgr.shape[1] - side) // 2
        crop = bgr[top : top + side, left : left + side]
        path = work / f"crop{index:03d}.png"
        cv2.imwrite(str(path), crop)
        crops.append(crop[:, :, ::-1].astype(np.float32))
        paths.append(str(path))

    result = subprocess.run(
        [arguments.facewatch, "embed", "--embedder", str(arguments.model), "--chip", "--json", *paths],
        capture_output=True, text=True)
    if result.returncode != 0:
        print(f"trained_model_check: facewatch embed failed: {result.stderr.strip()}", file=sys.stderr)
        return 1
    facewatch = np.array([json.loads(line)["faces"][0]["descriptor"] for line in result.stdout.splitlines()],
                         dtype=np.float32)
    inputs = ((np.stack(crops) - 127.5) / 127.5).transpose(0, 3, 1, 2).astype(np.float32)
    (computed,) = session.run(None, {model_input.name: inputs})
    return compare("trained_model_check", f"{len(paths)} chips of {side}×{side}", computed, facewatch,
                   arguments.tolerance)


if __name__ == "__main__":
    sys.exit(main())
