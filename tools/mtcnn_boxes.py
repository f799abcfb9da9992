"""Box arithmetic of the MTCNN cascade (docs/mtcnn.md): NMS with +1 widths, regression, square-up, crops.

Boxes are float64 arrays of shape [N, 4] holding (x1, y1, x2, y2) as 1-based inclusive pixel indices.
"""

import numpy as np


def nms(boxes, scores, threshold, overlap="union"):
    """Indices of the boxes that survive non-maximum suppression, highest score first.

    Overlap is intersection over union ("union") or over the smaller area ("min"); a box is dropped when
    its overlap with a kept box exceeds `threshold`. Equal scores keep the earlier box first.
    """
    if len(boxes) == 0:
        return np.zeros(0, dtype=np.int64)
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    areas = (x2 - x1 + 1) * (y2 - y1 + 1)
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    kept = []
    while order.size > 0:
        best = order[0]
        kept.append(best)
        rest = order[1:]
        width = np.maximum(0.0, np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]) + 1)
        height = np.maximum(0.0, np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]) + 1)
        intersection = width * height
        if overlap == "min":
            ratio = intersection / np.minimum(areas[best], areas[rest])
        else:
            ratio = intersection / (areas[best] + areas[rest] - intersection)
        order = rest[ratio <= threshold]
    return np.asarray(kept, dtype=np.int64)


def regress(boxes, regression, plus_one):
    """Boxes moved by the nets' regression, each side by its offset times the box's width or height."""
    width = boxes[:, 2] - boxes[:, 0] + (1 if plus_one else 0)
    height = boxes[:, 3] - boxes[:, 1] + (1 if plus_one else 0)
    reg = regression.astype(np.float64)
    return np.stack([boxes[:, 0] + reg[:, 0] * width, boxes[:, 1] + reg[:, 1] * height,
                     boxes[:, 2] + reg[:, 2] * width, boxes[:, 3] + reg[:, 3] * height], axis=1)


def square_up(boxes):
    """Squares of side max(w, h) (w = x2 − x1, no +1) centred on each box's centre."""
    width = boxes[:, 2] - boxes[:, 0]
    height = boxes[:, 3] - boxes[:, 1]
    side = np.maximum(width, height)
    x1 = boxes[:, 0] + width * 0.5 - side * 0.5
    y1 = boxes[:, 1] + height * 0.5 - side * 0.5
    return np.stack([x1, y1, x1 + side, y1 + side], axis=1)


def crop(image, box):
    """The float32 crop of an H×W×3 image under a 1-based inclusive box; pixels outside the image are 0."""
    x1, y1, x2, y2 = (int(v) for v in box)
    crop_width, crop_height = x2 - x1 + 1, y2 - y1 + 1
    patch = np.zeros((crop_height, crop_width, 3), dtype=np.float32)
    height, width = image.shape[:2]
    src_x0, src_x1 = max(x1 - 1, 0), min(x2, width)
    src_y0, src_y1 = max(y1 - 1, 0), min(y2, height)
    if src_x0 < src_x1 and src_y0 < src_y1:
        patch[src_y0 - y1 + 1:src_y1 - y1 + 1, src_x0 - x1 + 1:src_x1 - x1 + 1] = image[src_y0:src_y1, src_x0:src_x1]
    return patch
