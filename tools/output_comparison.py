"""The verdict shared by the export checks: onnxruntime's outputs against facewatch's."""

import numpy as np


def compare(tool, what, computed, expected, tolerance):
    """Prints one line with the largest absolute difference; returns the exit status (0 within tolerance)."""
    if computed.shape != expected.shape:
        print(f"{tool}: onnxruntime gives shape {computed.shape}, facewatch {expected.shape}")
        return 1
    largest = float(np.max(np.abs(computed - expected)))
    verdict = "ok" if largest <= tolerance else "FAILED"
    print(f"{tool}: {what}, outputs {computed.shape}, "
          f"max |onnxruntime - facewatch| = {largest:.3g} (tolerance {tolerance:g}): {verdict}")
    return 0 if largest <= tolerance else 1
