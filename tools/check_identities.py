#!/usr/bin/env python3
"""Checks `facewatch identify --json` on face_recognition's knn_examples/test against who is in each photo.

usage: check_identities.py IDENTIFY.jsonl
The people enrolled are the folder names of knn_examples/train. Every enrolled person in a photo must be named,
nobody may be named twice or named where they are not, and every other face must be "unknown".
"""
import json
import os
import sys

# Who of the enrolled people appears in each test photo (from the photos themselves).
EXPECTED = {
    "alex_lacamoire1.jpg": {"alex_lacamoire"},
    "johnsnow_test1.jpg": {"kit_harington"},
    "kit_with_rose.jpg": {"kit_harington", "rose_leslie"},
    "obama1.jpg": {"obama"},
    "obama_and_biden.jpg": {"obama", "biden"},
}


def main():
    problems, seen = [], set()
    with open(sys.argv[1]) as lines:
        for line in lines:
            record = json.loads(line)
            photo = os.path.basename(record["image"])
            seen.add(photo)
            named = [face["identity"] for face in record["faces"] if face["identity"] != "unknown"]
            expected = EXPECTED.get(photo, set())
            print(f"{photo}: {', '.join(face['identity'] for face in record['faces']) or 'no faces'}")
            if sorted(named) != sorted(expected):
                problems.append(f"{photo}: named {sorted(named)}, expected {sorted(expected)}")
    problems += [f"{photo}: not in the output" for photo in sorted(set(EXPECTED) - seen)]
    for problem in problems:
        print("  " + problem)
    print("check_identities: " + ("FAIL" if problems else "PASS"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
