"""Decoding image files to RGB pixel arrays, the way facewatch sees them."""

import re
import subprocess

import numpy as np


class DecodeError(Exception):
    """An image file that could not be turned into pixels; the message is one line naming the file."""


_PPM_HEADER = re.compile(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s")


def _last_line(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def decode_with_ffmpeg(path):
    """Decodes `path` with the ffmpeg CLI (libavcodec + swscale to rgb24) to an H×W×3 uint8 RGB array.

    The frame comes back as a binary PPM, which carries its size, so one process does it all.
    """
    result = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-frames:v", "1", "-f", "image2pipe", "-c:v", "ppm",
         "-pix_fmt", "rgb24", "-"],
        capture_output=True)
    header = _PPM_HEADER.match(result.stdout)
    if result.returncode != 0 or not header:
        reason = _last_line(result.stderr.decode(errors="replace"))
        raise DecodeError(f"{path}: not a decodable image (ffmpeg: {reason})")
    width, height, maxval = (int(group) for group in header.groups())
    pixels = result.stdout[header.end():]
    if maxval != 255 or len(pixels) != width * height * 3:
        raise DecodeError(f"{path}: not a decodable image (ffmpeg gave {len(pixels)} bytes for {width}×{height})")
    return np.frombuffer(pixels, dtype=np.uint8).reshape(height, width, 3)


def decode_with_opencv(path):
    """Decodes `path` with cv2.imread to an H×W×3 uint8 RGB array."""
    import cv2

    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    if bgr is None:
        raise DecodeError(f"{path}: not a decodable image (OpenCV imread failed)")
    return np.ascontiguousarray(bgr[:, :, ::-1])


DECODERS = {"ffmpeg": decode_with_ffmpeg, "opencv": decode_with_opencv}
