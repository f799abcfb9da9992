#!/usr/bin/env python3
"""Compares two detection JSONL files (facewatch vs the reference) face by face.

usage: compare_detections.py OURS.jsonl REF.jsonl [--worst N] [--min-same-count 99] [--min-iou 0.95]
                             [--max-landmark 0.02]

Per image: same face count and every face paired (greedy by IoU, pairs need IoU ≥ 0.5) counts as agreeing.
Over paired faces: box IoU and landmark deviation (largest of the 5 point distances / reference box width).
Exits 1 when agreeing images < --min-same-count %, any paired IoU < --min-iou, or any deviation > --max-landmark.
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from detections_io import DetectionsFileError, faces_of, iou, read_detections  # noqa: E402

PAIRING_IOU = 0.5


def pair_faces(ours, reference):
    """Greedy pairs (our index, reference index, IoU), highest IoU first, each face used at most once."""
    candidates = sorted(((iou(a["box"], b["box"]), i, j) for i, a in enumerate(ours) for j, b in enumerate(reference)),
                        key=lambda c: -c[0])
    used_ours, used_reference, pairs = set(), set(), []
    for overlap, i, j in candidates:
        if overlap < PAIRING_IOU:
            break
        if i not in used_ours and j not in used_reference:
            used_ours.add(i)
            used_reference.add(j)
            pairs.append((i, j, overlap))
    return pairs


def landmark_deviation(ours, reference):
    width = reference["box"][2]
    distances = [math.dist(p, q) for p, q in zip(ours["landmarks"], reference["landmarks"])]
    return max(distances) / width if width > 0 else math.inf


def compare(ours_records, reference_records):
    images = sorted(set(ours_records) | set(reference_records))
    problems = []  # (image, description)
    pairs = []  # (image, iou, deviation)
    agreeing = 0
    for image in images:
        ours, reference = faces_of(ours_records.get(image)), faces_of(reference_records.get(image))
        if image not in ours_records or image not in reference_records:
            side = "ours" if image not in ours_records else "reference"
            problems.append((image, f"missing from {side}"))
            continue
        if ours is None or reference is None:
            if ours is None and reference is None:
                agreeing += 1
            else:
                failed = ours_records[image] if ours is None else reference_records[image]
                side = "ours" if ours is None else "reference"
                problems.append((image, f"{side} failed: {failed.get('error', 'no faces list')}"))
            continue
        matched = pair_faces(ours, reference)
        for i, j, overlap in matched:
            pairs.append((image, overlap, landmark_deviation(ours[i], reference[j])))
        if len(ours) == len(reference) and len(matched) == len(ours):
            agreeing += 1
        else:
            problems.append((image, f"{len(ours)} faces vs {len(reference)} in reference, {len(matched)} paired"))
    return images, agreeing, pairs, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ours")
    parser.add_argument("reference")
    parser.add_argument("--worst", type=int, default=10, help="offenders listed per criterion")
    parser.add_argument("--min-same-count", type=float, default=99.0, help="percent of images")
    parser.add_argument("--min-iou", type=float, default=0.95)
    parser.add_argument("--max-landmark", type=float, default=0.02)
    parser.add_argument("--tolerate", type=float, default=0.5,
                        help="percent of paired faces that may miss the IoU or landmark bound: a float-rounding "
                             "difference can move a box coordinate across an integer where the cascade truncates")
    arguments = parser.parse_args()
    try:
        ours_records, reference_records = read_detections(arguments.ours), read_detections(arguments.reference)
    except DetectionsFileError as error:
        sys.exit(f"compare_detections: {error}")

    images, agreeing, pairs, problems = compare(ours_records, reference_records)
    if not images:
        sys.exit(f"compare_detections: no detections in {arguments.ours} or {arguments.reference}")
    agreeing_percent = 100.0 * agreeing / len(images)
    good_iou = sum(1 for _, overlap, _ in pairs if overlap >= arguments.min_iou)
    min_iou = min((overlap for _, overlap, _ in pairs), default=math.nan)
    max_deviation = max((deviation for _, _, deviation in pairs), default=math.nan)
    mean_deviation = sum(d for _, _, d in pairs) / len(pairs) if pairs else math.nan

    failures = []
    if agreeing_percent < arguments.min_same_count:
        failures.append(f"same face count {agreeing_percent:.2f} % < {arguments.min_same_count} %")
    outliers = sum(1 for _, overlap, deviation in pairs
                   if overlap < arguments.min_iou or deviation > arguments.max_landmark)
    if pairs and 100.0 * outliers / len(pairs) > arguments.tolerate:
        failures.append(f"{outliers} of {len(pairs)} paired faces have IoU < {arguments.min_iou} or landmark "
                        f"deviation > {arguments.max_landmark} (more than {arguments.tolerate} %)")

    print(f"images: {len(images)}  same face count: {agreeing} ({agreeing_percent:.2f} %)")
    print(f"paired faces outside IoU ≥ {arguments.min_iou} or landmark deviation ≤ {arguments.max_landmark}: "
          f"{outliers} (tolerated: {arguments.tolerate} %)")
    print(f"paired faces: {len(pairs)}  IoU ≥ {arguments.min_iou}: {good_iou} "
          f"({100.0 * good_iou / len(pairs) if pairs else 0:.2f} %)  min IoU: {min_iou:.4f}")
    print(f"landmark deviation / ref box width: mean {mean_deviation:.5f}  max {max_deviation:.5f}")
    if problems:
        print(f"images that disagree ({len(problems)}, first {arguments.worst}):")
        for image, description in problems[:arguments.worst]:
            print(f"  {image}: {description}")
    offenders = (("lowest IoU", 1, False, lambda p: p[1] < arguments.min_iou),
                 ("largest landmark deviation", 2, True, lambda p: p[2] > arguments.max_landmark))
    for title, key, reverse, fails in offenders:
        ranked = sorted(pairs, key=lambda p: p[key], reverse=reverse)
        worst = [p for p in ranked if fails(p)][:arguments.worst] or ranked[:1]
        if worst:
            print(f"{title}:")
            for image, overlap, deviation in worst:
                print(f"  {image}: IoU {overlap:.4f}  landmark deviation {deviation:.5f}")
    print("compare_detections: " + ("FAIL: " + "; ".join(failures) if failures else "PASS"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
