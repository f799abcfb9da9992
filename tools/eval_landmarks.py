#!/usr/bin/env python3
"""Detection quality against the net_7876 ground truth (one labelled face per image): recall and landmark error.

usage: eval_landmarks.py DETECTIONS.jsonl [--truth net7876_boxes_landmarks.txt] [--min-recall 99.5]
                         [--max-landmark-error 5.5] [--worst N]

For each labelled image the detection with the highest IoU against the labelled box is taken; it is found when
that IoU ≥ 0.4. Landmark error of a found face: mean over the 5 points of the distance to the labelled point,
divided by the distance between the labelled eyes; averaged over found faces. Exits 1 below either target.
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from detections_io import DetectionsFileError, faces_of, iou, read_detections  # noqa: E402

DEFAULT_TRUTH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data",
                             "detection", "net7876_boxes_landmarks.txt")
FOUND_IOU = 0.4


class TruthFileError(Exception):
    """A ground-truth file that cannot be read; the message is one line naming the file, line and cause."""


def read_truth(path):
    """[(relative image path, box [x, y, w, h], 5 landmarks)] from `net_7876\\FILE left right top bottom` + 10 numbers."""
    truth = []
    try:
        with open(path) as lines:
            for number, line in enumerate(lines, 1):
                fields = line.split()
                if not fields:
                    continue
                if len(fields) != 15:
                    raise TruthFileError(f"{path}:{number}: expected 15 fields, found {len(fields)}")
                left, right, top, bottom = (float(v) for v in fields[1:5])
                values = [float(v) for v in fields[5:15]]
                points = [(values[2 * k], values[2 * k + 1]) for k in range(5)]
                truth.append((fields[0].replace("\\", "/"), [left, top, right - left, bottom - top], points))
    except OSError as error:
        raise TruthFileError(f"{path}: cannot read ground truth ({error.strerror})") from error
    except ValueError as error:
        raise TruthFileError(f"{path}: not a number in the ground truth ({error})") from error
    return truth


def index_by_relative_path(records, relative_paths):
    """{relative path: record} for detection records whose image path ends with a ground-truth relative path."""
    wanted = {os.path.basename(p): p for p in relative_paths}
    found = {}
    for image, record in records.items():
        normalised = image.replace("\\", "/")
        relative = wanted.get(os.path.basename(normalised))
        if relative and ("/" + normalised).endswith("/" + relative):
            found[relative] = record
    return found


def evaluate(truth, records):
    by_path = index_by_relative_path(records, [t[0] for t in truth])
    results = []  # (relative path, best IoU, landmark error or None, note)
    for relative, box, points in truth:
        faces = faces_of(by_path.get(relative))
        if faces is None:
            note = "missing" if relative not in by_path else "failed"
            results.append((relative, 0.0, None, note))
            continue
        best = max(faces, key=lambda face: iou(face["box"], box), default=None)
        overlap = iou(best["box"], box) if best else 0.0
        if overlap < FOUND_IOU:
            results.append((relative, overlap, None, f"not found ({len(faces)} faces)"))
            continue
        interocular = math.dist(points[0], points[1])
        error = sum(math.dist(p, q) for p, q in zip(best["landmarks"], points)) / 5 / interocular
        results.append((relative, overlap, error, ""))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("detections")
    parser.add_argument("--truth", default=DEFAULT_TRUTH)
    parser.add_argument("--min-recall", type=float, default=99.5, help="percent")
    parser.add_argument("--max-landmark-error", type=float, default=5.5, help="percent of inter-ocular distance")
    parser.add_argument("--worst", type=int, default=5)
    parser.add_argument("--or-reference", metavar="REFERENCE.jsonl",
                        help="also pass when recall is no lower than this reference's on the same images (the "
                             "reference MTCNN itself stays below 99.5 %% on net_7876: it misses 6 faces)")
    parser.add_argument("--informational", action="store_true", help="print the figures, never fail")
    arguments = parser.parse_args()
    try:
        truth = read_truth(arguments.truth)
        records = read_detections(arguments.detections)
    except (TruthFileError, DetectionsFileError) as error:
        sys.exit(f"eval_landmarks: {error}")
    if not truth:
        sys.exit(f"eval_landmarks: {arguments.truth}: no labelled faces")

    results = evaluate(truth, records)
    found = [r for r in results if r[2] is not None]
    recall = 100.0 * len(found) / len(results)
    reference_recall = None
    if arguments.or_reference:
        try:
            reference_results = evaluate(truth, read_detections(arguments.or_reference))
        except DetectionsFileError as error:
            sys.exit(f"eval_landmarks: {error}")
        reference_recall = 100.0 * sum(1 for r in reference_results if r[2] is not None) / len(reference_results)
    error = 100.0 * sum(r[2] for r in found) / len(found) if found else math.inf
    missed = [r for r in results if r[2] is None]

    print(f"labelled faces: {len(results)}  found (IoU ≥ {FOUND_IOU}): {len(found)}  recall {recall:.2f} %")
    print(f"mean landmark error: {error:.2f} % of inter-ocular distance")
    if missed:
        print(f"missed ({len(missed)}, first {arguments.worst}):")
        for relative, overlap, _, note in missed[:arguments.worst]:
            print(f"  {relative}: best IoU {overlap:.3f} {note}")
    worst = sorted(found, key=lambda r: -r[2])[:arguments.worst]
    if worst:
        print("largest landmark errors:")
        for relative, overlap, landmark_error, _ in worst:
            print(f"  {relative}: {100 * landmark_error:.1f} % (IoU {overlap:.3f})")

    failures = []
    if reference_recall is not None:
        print(f"reference recall on the same images: {reference_recall:.2f} %")
    if recall < arguments.min_recall and (reference_recall is None or recall < reference_recall):
        failures.append(f"recall {recall:.2f} % < {arguments.min_recall} %"
                        + (f" and < the reference's {reference_recall:.2f} %" if reference_recall is not None else ""))
    if error > arguments.max_landmark_error:
        failures.append(f"landmark error {error:.2f} % > {arguments.max_landmark_error} %")
    if arguments.informational:
        print("eval_landmarks: " + ("below target: " + "; ".join(failures) if failures else "meets target"))
        return 0
    print("eval_landmarks: " + ("FAIL: " + "; ".join(failures) if failures else "PASS"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
