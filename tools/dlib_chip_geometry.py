#!/usr/bin/env python3
"""Where dlib's own pipeline puts each face's chip, and the descriptor it computes there.

For each photo: dlib's HOG detector (one upsampling), the face whose box centre is nearest the image centre, the
5-point shape predictor, get_face_chip_details(shape, 150, 0.25) and the ResNet's descriptor of that chip. Prints
one JSON line per photo:
{"image": path, "faces": n, "chipToImage": [a, b, tx, ty], "descriptor": [128 floats]}
where chip pixel (c, r) samples the photo at (a·c − b·r + tx, b·c + a·r + ty), pixel-index coordinates (the
similarity dlib's extract_image_chip uses for a chip that needs no pyramid level). A photo without a face gets
{"image": path, "faces": 0}.

usage: dlib_chip_geometry.py --models DIR --list FILE [--check N]
  --models: a folder with shape_predictor_5_face_landmarks.dat and dlib_face_recognition_resnet_model_v1.dat
  --list:   a file with one photo path per line
  --check:  for the first N photos, also resample the chip through chipToImage and print the largest difference
            from dlib's own chip to standard error (the mapping must agree to rounding)
"""
import argparse
import json
import math
import os
import sys

import dlib
import numpy as np


def chip_to_image(details):
    """The similarity taking chip pixel positions to photo positions, as extract_image_chip builds it: the chip's
    corner pixels (0, 0), (cols − 1, 0), (cols − 1, rows − 1) go to the rectangle's corners, rotated by the angle
    about its centre."""
    rect = details.rect
    centre = ((rect.left() + rect.right()) / 2, (rect.top() + rect.bottom()) / 2)
    cos_a, sin_a = math.cos(details.angle), math.sin(details.angle)

    def rotate(x, y):
        dx, dy = x - centre[0], y - centre[1]
        return (centre[0] + cos_a * dx - sin_a * dy, centre[1] + sin_a * dx + cos_a * dy)

    source = [(0, 0), (details.cols - 1, 0), (details.cols - 1, details.rows - 1)]
    target = [rotate(rect.left(), rect.top()), rotate(rect.right(), rect.top()), rotate(rect.right(), rect.bottom())]
    return fit_similarity(source, target)


def fit_similarity(source, target):
    """Least-squares (a, b, tx, ty) with x' = a·x − b·y + tx, y' = b·x + a·y + ty."""
    p = np.array(source, dtype=np.float64)
    q = np.array(target, dtype=np.float64)
    pm, qm = p.mean(axis=0), q.mean(axis=0)
    pc, qc = p - pm, q - qm
    spread = (pc ** 2).sum()
    a = (pc * qc).sum() / spread
    b = (pc[:, 0] * qc[:, 1] - pc[:, 1] * qc[:, 0]).sum() / spread
    tx = qm[0] - (a * pm[0] - b * pm[1])
    ty = qm[1] - (b * pm[0] + a * pm[1])
    return [a, b, tx, ty]


def resample(image, transform, size):
    """Bilinear samples of `image` at transform(c, r) for every chip pixel (no border handling: interior only)."""
    a, b, tx, ty = transform
    c, r = np.meshgrid(np.arange(size, dtype=np.float64), np.arange(size, dtype=np.float64))
    u = a * c - b * r + tx
    v = b * c + a * r + ty
    x0, y0 = np.floor(u).astype(int), np.floor(v).astype(int)
    fx, fy = (u - x0)[..., None], (v - y0)[..., None]
    h, w = image.shape[:2]
    inside = (x0 >= 0) & (y0 >= 0) & (x0 + 1 < w) & (y0 + 1 < h)
    x0c, y0c = np.clip(x0, 0, w - 2), np.clip(y0, 0, h - 2)
    img = image.astype(np.float64)
    out = ((1 - fx) * (1 - fy) * img[y0c, x0c] + fx * (1 - fy) * img[y0c, x0c + 1]
           + (1 - fx) * fy * img[y0c + 1, x0c] + fx * fy * img[y0c + 1, x0c + 1])
    return out, inside


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", required=True)
    parser.add_argument("--list", required=True)
    parser.add_argument("--check", type=int, default=0)
    arguments = parser.parse_args()

    detector = dlib.get_frontal_face_detector()
    shapes = dlib.shape_predictor(os.path.join(arguments.models, "shape_predictor_5_face_landmarks.dat"))
    network = dlib.face_recognition_model_v1(os.path.join(arguments.models, "dlib_face_recognition_resnet_model_v1.dat"))
    with open(arguments.list) as listing:
        photos = [line.strip() for line in listing if line.strip()]
    for index, photo in enumerate(photos):
        image = dlib.load_rgb_image(photo)
        faces = detector(image, 1)
        if len(faces) == 0:
            print(json.dumps({"image": photo, "faces": 0}), flush=True)
            continue
        h, w = image.shape[:2]
        face = min(faces, key=lambda f: ((f.left() + f.right()) / 2 - w / 2) ** 2 + ((f.top() + f.bottom()) / 2 - h / 2) ** 2)
        details = dlib.get_face_chip_details(shapes(image, face), size=150, padding=0.25)
        chip = dlib.extract_image_chip(image, details)
        transform = chip_to_image(details)
        if index < arguments.check:
            ours, inside = resample(image, transform, 150)
            difference = np.abs(np.floor(ours) - chip.astype(np.float64))[inside]
            print(f"{photo}: largest difference from dlib's chip {difference.max():.0f} (of 255) on {inside.sum()} interior pixels",
                  file=sys.stderr)
        descriptor = np.array(network.compute_face_descriptor(chip), dtype=np.float64)
        print(json.dumps({"image": photo, "faces": len(faces), "chipToImage": transform,
                          "descriptor": [round(v, 7) for v in descriptor.tolist()]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
