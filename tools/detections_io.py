"""Reading facewatch / reference detection JSONL files into {image path: record}."""

import json


class DetectionsFileError(Exception):
    """A detections file that cannot be read; the message is one line naming the file and the cause."""


def read_detections(path):
    """{image: record} for every line of `path`; records with an "error" key or no "faces" list are failures.

    Lines that are not JSON objects with an "image" key (for example log lines) are skipped.
    """
    records = {}
    try:
        with open(path) as lines:
            for line in lines:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict) and "image" in record:
                    records[record["image"]] = record
    except OSError as error:
        raise DetectionsFileError(f"{path}: cannot read detections ({error.strerror})") from error
    return records


def faces_of(record):
    """The record's face list, or None when the record is an error or has no faces list."""
    if record is None or "error" in record or not isinstance(record.get("faces"), list):
        return None
    return record["faces"]


def iou(box_a, box_b):
    """Intersection over union of two [x, y, w, h] boxes (continuous coordinates)."""
    ax, ay, aw, ah = box_a
    bx, by, bw, bh = box_b
    width = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    height = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    intersection = width * height
    union = aw * ah + bw * bh - intersection
    return intersection / union if union > 0 else 0.0
