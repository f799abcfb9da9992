#!/usr/bin/env python3
"""Times dlib's own face-recognition ResNet (PyPI dlib-bin) on aligned 150×150 chips, for scripts/bench-embed.

Every timed pass embeds all chips, --batch at a time (dlib's batch overload of compute_face_descriptor), after
one untimed warm-up pass. Prints one JSON line shaped like `facewatch bench embed`'s:
{"implementation": "dlib", "chips": n, "batch": b, "repeat": r, "msPerFace": {"min", "median", "max"}}.
Set OMP_NUM_THREADS / OPENBLAS_NUM_THREADS before starting it to fix the thread count.

usage: dlib_embed_bench.py CHIP... --model dlib_face_recognition_resnet_model_v1.dat [--repeat N] [--batch B]
"""
import argparse
import json
import sys
import time

import dlib


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("chips", nargs="+")
    parser.add_argument("--model", required=True)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--batch", type=int, default=1)
    arguments = parser.parse_args()
    if arguments.repeat < 1 or arguments.batch < 1:
        sys.exit("dlib_embed_bench: --repeat and --batch must be at least 1")

    network = dlib.face_recognition_model_v1(arguments.model)
    chips = [dlib.load_rgb_image(path) for path in arguments.chips]
    for path, chip in zip(arguments.chips, chips):
        if chip.shape[:2] != (150, 150):
            sys.exit(f"dlib_embed_bench: {path}: {chip.shape[1]}×{chip.shape[0]}, dlib's ResNet takes 150×150 chips")
    batches = [chips[i:i + arguments.batch] for i in range(0, len(chips), arguments.batch)]

    def one_pass():
        start = time.perf_counter()
        for batch in batches:
            network.compute_face_descriptor(batch)
        return time.perf_counter() - start

    one_pass()
    seconds = sorted(one_pass() for _ in range(arguments.repeat))
    per_face = [s * 1000 / len(chips) for s in seconds]
    print(json.dumps({
        "implementation": "dlib",
        "version": dlib.__version__,
        "chips": len(chips),
        "batch": arguments.batch,
        "repeat": arguments.repeat,
        "msPerFace": {"min": round(per_face[0], 3), "median": round(per_face[len(per_face) // 2], 3),
                      "max": round(per_face[-1], 3)},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
