#!/usr/bin/env python3
"""Reference MTCNN (onnxruntime + OpenCV, docs/mtcnn.md): one JSON line per image, in facewatch's format.

usage: mtcnn_reference.py IMAGE... [--list FILE] --models DIR [--min-face 20] [--thresholds 0.6 0.7 0.7]
                          [--factor 0.709] [--decoder ffmpeg|opencv] [--bench [--repeat N]]
"""

import argparse
import collections
import concurrent.futures
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from decode_image import DECODERS, DecodeError  # noqa: E402
from mtcnn_cascade import MTCNN  # noqa: E402

DECODE_THREADS = 2


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("images", nargs="*", metavar="IMAGE")
    parser.add_argument("--list", metavar="FILE", help="a file with one image path per line")
    parser.add_argument("--models", required=True, metavar="DIR", help="directory with pnet/rnet/onet.onnx")
    parser.add_argument("--min-face", type=float, default=20)
    parser.add_argument("--thresholds", type=float, nargs=3, default=[0.6, 0.7, 0.7])
    parser.add_argument("--factor", type=float, default=0.709)
    parser.add_argument("--decoder", choices=sorted(DECODERS), default="ffmpeg")
    parser.add_argument("--bench", action="store_true", help="time detection (not decoding) instead")
    parser.add_argument("--repeat", type=int, default=5, help="timed detections per image with --bench (after one warm-up)")
    arguments = parser.parse_args()
    if arguments.list:
        with open(arguments.list) as listing:
            arguments.images += [line.strip() for line in listing if line.strip()]
    if not arguments.images:
        parser.error("no images given")
    return arguments


def decoded_in_order(paths, decode, prefetch):
    """(path, future of pixels) in order; with `prefetch`, a few images decode ahead on other threads."""
    if not prefetch:
        for path in paths:
            future = concurrent.futures.Future()
            try:
                future.set_result(decode(path))
            except DecodeError as error:
                future.set_exception(error)
            yield path, future
        return
    with concurrent.futures.ThreadPoolExecutor(max_workers=DECODE_THREADS) as pool:
        pending = collections.deque()
        for path in paths:
            pending.append((path, pool.submit(decode, path)))
            if len(pending) > 2 * DECODE_THREADS:
                yield pending.popleft()
        while pending:
            yield pending.popleft()


def bench_record(detector, path, pixels, repeat):
    faces = detector.detect(pixels)  # warm-up, not timed
    timings = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        faces = detector.detect(pixels)
        timings.append((time.perf_counter() - start) * 1000)
    return {"image": path, "width": pixels.shape[1], "height": pixels.shape[0], "faces": len(faces),
            "ms": {"min": min(timings), "median": statistics.median(timings), "max": max(timings)}}


def main():
    arguments = parse_arguments()
    for name in ("pnet", "rnet", "onet"):
        model = os.path.join(arguments.models, f"{name}.onnx")
        if not os.path.isfile(model):
            sys.exit(f"mtcnn_reference: {model}: model file not found (run scripts/install-models)")
    detector = MTCNN(arguments.models, arguments.min_face, arguments.thresholds, arguments.factor)
    decode = DECODERS[arguments.decoder]
    failures = 0
    for path, decoded in decoded_in_order(arguments.images, decode, prefetch=not arguments.bench):
        try:
            pixels = decoded.result()
        except DecodeError as error:
            failures += 1
            print(json.dumps({"image": path, "error": str(error)}), flush=True)
            continue
        if arguments.bench:
            record = bench_record(detector, path, pixels, arguments.repeat)
        else:
            record = {"image": path, "width": pixels.shape[1], "height": pixels.shape[0],
                      "faces": detector.detect(pixels)}
        print(json.dumps(record), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
