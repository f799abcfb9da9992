#!/usr/bin/env python3
"""Side-by-side table of `facewatch bench embed` and `dlib_embed_bench.py` JSON lines, one row per batch size.

usage: embed_bench_table.py FACEWATCH.jsonl DLIB.jsonl
Columns: batch, chips, facewatch and dlib median ms per face (min in brackets), and facewatch/dlib.
"""
import json
import sys


def read(path):
    records = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"embed_bench_table: {path}:{number}: not JSON ({error.msg})")
            if isinstance(record, dict) and "batch" in record:
                records[record["batch"]] = record
    return records


def timing(record, key):
    ms = (record or {}).get("msPerFace") or {}
    return ms.get(key)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    ours, theirs = read(sys.argv[1]), read(sys.argv[2])
    rows = [("batch", "chips", "facewatch ms/face", "dlib ms/face", "facewatch/dlib")]
    for batch in sorted(set(ours) | set(theirs)):
        mine, reference = ours.get(batch), theirs.get(batch)

        def cell(record):
            median, minimum = timing(record, "median"), timing(record, "min")
            return "-" if median is None else f"{median:.2f} ({minimum:.2f})"

        ratio = "-"
        if timing(mine, "median") is not None and timing(reference, "median"):
            ratio = f"{timing(mine, 'median') / timing(reference, 'median'):.2f}"
        chips = (mine or reference or {}).get("chips", "-")
        rows.append((str(batch), str(chips), cell(mine), cell(reference), ratio))
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    for row in rows:
        print("  ".join(value.rjust(width) for value, width in zip(row, widths)))
    print("(median over the timed passes, fastest in brackets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
