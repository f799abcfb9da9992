#!/usr/bin/env python3
"""Compares facewatch's descriptors of aligned chips with dlib's on the same chips.

usage: compare_descriptors.py OURS.jsonl DLIB.jsonl [--max-difference 1e-4]
  OURS: `facewatch embed --chip --json` output; DLIB: tools/dlib_reference.py output.
Prints the largest absolute difference over all chips and elements; exits 1 above the bound or when a chip is
missing from either side.
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ours")
    parser.add_argument("dlib")
    parser.add_argument("--max-difference", type=float, default=1e-4)
    arguments = parser.parse_args()

    reference = {}
    with open(arguments.dlib) as lines:
        for line in lines:
            record = json.loads(line)
            reference[record["chip"]] = record["descriptor"]
    ours = {}
    with open(arguments.ours) as lines:
        for line in lines:
            record = json.loads(line)
            faces = record.get("faces") or []
            if len(faces) == 1:
                ours[record["image"]] = faces[0]["descriptor"]

    missing = sorted(set(reference) ^ set(ours))
    worst, worst_chip = 0.0, None
    for chip in sorted(set(reference) & set(ours)):
        difference = max(abs(a - b) for a, b in zip(ours[chip], reference[chip]))
        if len(ours[chip]) != len(reference[chip]):
            difference = float("inf")
        if difference > worst:
            worst, worst_chip = difference, chip
    print(f"chips compared: {len(set(reference) & set(ours))}  missing on one side: {len(missing)}")
    print(f"largest absolute difference: {worst:.3g} ({worst_chip})")
    failed = bool(missing) or worst > arguments.max_difference or not reference
    print("compare_descriptors: " + ("FAIL" if failed else "PASS") + f" (bound {arguments.max_difference})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
