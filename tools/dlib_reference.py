#!/usr/bin/env python3
"""dlib's own face pipeline, as the reference for facewatch's embedder.

For each photo: dlib's HOG detector, its 5-point shape predictor, get_face_chip (150×150, padding 0.25), then the
ResNet's compute_face_descriptor. Writes each chip as PNG into --chips and prints one JSON line per chip:
{"chip": path, "source": photo, "descriptor": [128 floats]}. facewatch then embeds the same chips with
`facewatch embed --chip --json`, so both see identical input.

usage: dlib_reference.py PHOTO... --models DIR --chips DIR
  --models: a folder with shape_predictor_5_face_landmarks.dat and dlib_face_recognition_resnet_model_v1.dat
"""
import argparse
import json
import os
import sys

import dlib
import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("photos", nargs="+")
    parser.add_argument("--models", required=True)
    parser.add_argument("--chips", required=True)
    arguments = parser.parse_args()

    detector = dlib.get_frontal_face_detector()
    shapes = dlib.shape_predictor(os.path.join(arguments.models, "shape_predictor_5_face_landmarks.dat"))
    network = dlib.face_recognition_model_v1(os.path.join(arguments.models, "dlib_face_recognition_resnet_model_v1.dat"))
    os.makedirs(arguments.chips, exist_ok=True)
    for index, photo in enumerate(arguments.photos):
        image = dlib.load_rgb_image(photo)
        for face_index, face in enumerate(detector(image, 1)):
            chip = dlib.get_face_chip(image, shapes(image, face), size=150, padding=0.25)
            path = os.path.join(arguments.chips, f"chip{index:03d}_{face_index}.png")
            dlib.save_image(chip, path)
            descriptor = np.array(network.compute_face_descriptor(chip), dtype=np.float64)
            print(json.dumps({"chip": path, "source": photo, "descriptor": descriptor.tolist()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
