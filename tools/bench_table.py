#!/usr/bin/env python3
"""Side-by-side table of `facewatch bench detect` and `mtcnn_reference.py --bench` JSON lines.

usage: bench_table.py FACEWATCH.jsonl REFERENCE.jsonl
Columns: image, size, faces (facewatch/reference), median ms of each, their ratio; then facewatch's per-stage
median ms, the candidates that entered R-Net and O-Net, and GFLOP/s where it reports them. Unknown keys are ignored; missing ones show as "-".
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from detections_io import DetectionsFileError, read_detections  # noqa: E402

STAGES = ("pyramid", "pnet", "rnet", "onet", "nms")


def median_ms(record):
    ms = (record or {}).get("ms")
    return ms.get("median") if isinstance(ms, dict) else None


def cell(value, pattern="{:.1f}"):
    return "-" if value is None else pattern.format(value)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    try:
        ours, reference = read_detections(sys.argv[1]), read_detections(sys.argv[2])
    except DetectionsFileError as error:
        sys.exit(f"bench_table: {error}")
    images = list(dict.fromkeys(list(reference) + list(ours)))
    rows = [("image", "size", "faces fw/ref", "facewatch ms", "reference ms", "fw/ref")]
    stage_rows = [("image",) + STAGES + ("R-Net in", "O-Net in", "GFLOP/s")]
    for image in images:
        mine, theirs = ours.get(image), reference.get(image)
        known = mine if mine and "width" in mine else theirs or {}
        size = f"{known.get('width', '?')}×{known.get('height', '?')}"
        faces = f"{cell((mine or {}).get('faces'), '{}')}/{cell((theirs or {}).get('faces'), '{}')}"
        our_ms, their_ms = median_ms(mine), median_ms(theirs)
        ratio = our_ms / their_ms if our_ms is not None and their_ms else None
        name = os.path.basename(image)
        if mine and "error" in mine:
            name += f" (facewatch: {mine['error']})"
        if theirs and "error" in theirs:
            name += f" (reference: {theirs['error']})"
        rows.append((name, size, faces, cell(our_ms), cell(their_ms), cell(ratio, "{:.2f}")))
        stages = (mine or {}).get("stages") if isinstance((mine or {}).get("stages"), dict) else {}
        candidates = (mine or {}).get("candidates") if isinstance((mine or {}).get("candidates"), dict) else {}
        stage_rows.append((os.path.basename(image),) + tuple(cell(stages.get(s), "{:.2f}") for s in STAGES)
                          + (cell(candidates.get("rnet"), "{}"), cell(candidates.get("onet"), "{}"),
                             cell((mine or {}).get("gflops"))))
    for table in (rows, stage_rows):
        widths = [max(len(str(row[c])) for row in table) for c in range(len(table[0]))]
        for row in table:
            print("  ".join(str(v).ljust(w) if c == 0 else str(v).rjust(w) for c, (v, w) in enumerate(zip(row, widths))))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
