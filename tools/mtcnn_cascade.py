"""The MTCNN cascade of docs/mtcnn.md on onnxruntime and OpenCV: the reference facewatch is compared with."""

import math
import os

import cv2
import numpy as np
import onnxruntime

from mtcnn_boxes import crop, nms, regress, square_up


def _session(path):
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    return onnxruntime.InferenceSession(path, sess_options=options, providers=["CPUExecutionProvider"])


def _normalise(pixels):
    """(v − 127.5) × 0.0078125, laid out [N, W, H, 3] (the nets' first spatial axis is image x)."""
    values = (pixels.astype(np.float32) - np.float32(127.5)) * np.float32(0.0078125)
    return np.ascontiguousarray(np.swapaxes(values, -3, -2))


class MTCNN:
    """The three nets plus the cascade's parameters; `detect` turns an RGB image into faces."""

    def __init__(self, models_dir, min_face=20, thresholds=(0.6, 0.7, 0.7), factor=0.709):
        self.pnet = _session(os.path.join(models_dir, "pnet.onnx"))
        self.rnet = _session(os.path.join(models_dir, "rnet.onnx"))
        self.onet = _session(os.path.join(models_dir, "onet.onnx"))
        self.min_face = min_face
        self.thresholds = [float(t) for t in thresholds]
        self.factor = factor

    def scales(self, width, height):
        """m·factorᵏ while min(W, H)·m·factorᵏ ≥ 12, the left side computed as a running product (as classic)."""
        m = 12.0 / self.min_face
        side = min(width, height) * m
        result = []
        k = 0
        while side >= 12:
            result.append(m * self.factor ** k)
            side *= self.factor
            k += 1
        return result

    def _run(self, session, batch):
        outputs = session.run(None, {session.get_inputs()[0].name: batch})
        return {meta.name: value for meta, value in zip(session.get_outputs(), outputs)}

    def _pnet_level(self, image, scale):
        height, width = image.shape[:2]
        level = cv2.resize(image, (math.ceil(width * scale), math.ceil(height * scale)),
                           interpolation=cv2.INTER_AREA)
        out = self._run(self.pnet, _normalise(level[np.newaxis]))
        probability = out["softmax"][0, :, :, 1].astype(np.float64)
        regression = out["conv2d_4"][0]
        i, j = np.nonzero(probability >= self.thresholds[0])  # candidates ordered by x, then y
        boxes = np.stack([np.trunc((2 * i + 1) / scale), np.trunc((2 * j + 1) / scale),
                          np.trunc((2 * i + 12) / scale), np.trunc((2 * j + 12) / scale)], axis=1)
        scores = probability[i, j]
        regressions = regression[i, j]
        keep = nms(boxes, scores, 0.5)
        return boxes[keep], scores[keep], regressions[keep]

    def _crops(self, image, boxes, size):
        patches = [cv2.resize(crop(image, box), (size, size), interpolation=cv2.INTER_AREA) for box in boxes]
        return _normalise(np.stack(patches))

    def detect(self, image):
        """Faces in an H×W×3 uint8 RGB image, by descending score: dicts with box [x, y, w, h], score, landmarks."""
        height, width = image.shape[:2]
        levels = [self._pnet_level(image, s) for s in self.scales(width, height)]
        boxes = np.concatenate([lvl[0] for lvl in levels]) if levels else np.zeros((0, 4))
        if len(boxes) == 0:
            return []
        scores = np.concatenate([lvl[1] for lvl in levels])
        regressions = np.concatenate([lvl[2] for lvl in levels])
        keep = nms(boxes, scores, 0.7)
        boxes = np.trunc(square_up(regress(boxes[keep], regressions[keep], plus_one=False)))

        boxes = boxes[(boxes[:, 2] >= boxes[:, 0]) & (boxes[:, 3] >= boxes[:, 1])]
        if len(boxes) == 0:
            return []
        out = self._run(self.rnet, self._crops(image, boxes, 24))
        probability = out["softmax_1"][:, 1].astype(np.float64)
        passed = probability > self.thresholds[1]
        boxes, scores, regressions = boxes[passed], probability[passed], out["dense_2"][passed]
        keep = nms(boxes, scores, 0.7)
        boxes = square_up(regress(boxes[keep], regressions[keep], plus_one=True))

        boxes = np.trunc(boxes)
        boxes = boxes[(boxes[:, 2] >= boxes[:, 0]) & (boxes[:, 3] >= boxes[:, 1])]
        if len(boxes) == 0:
            return []
        out = self._run(self.onet, self._crops(image, boxes, 48))
        probability = out["softmax_2"][:, 1].astype(np.float64)
        passed = probability > self.thresholds[2]
        boxes, scores = boxes[passed], probability[passed]
        regressions, points = out["dense_5"][passed], out["dense_6"][passed].astype(np.float64)
        box_width = (boxes[:, 2] - boxes[:, 0] + 1)[:, np.newaxis]
        box_height = (boxes[:, 3] - boxes[:, 1] + 1)[:, np.newaxis]
        landmark_x = boxes[:, 0:1] + box_width * points[:, 0:5] - 1
        landmark_y = boxes[:, 1:2] + box_height * points[:, 5:10] - 1
        boxes = regress(boxes, regressions, plus_one=True)
        keep = nms(boxes, scores, 0.7, overlap="min")

        faces = []
        for index in keep:
            x1, y1 = max(boxes[index, 0], 0.0), max(boxes[index, 1], 0.0)
            x2, y2 = min(boxes[index, 2], float(width)), min(boxes[index, 3], float(height))
            faces.append({
                "box": [x1, y1, x2 - x1, y2 - y1],
                "score": float(scores[index]),
                "landmarks": [[float(landmark_x[index, k]), float(landmark_y[index, k])] for k in range(5)],
            })
        faces.sort(key=lambda face: -face["score"])
        return faces
