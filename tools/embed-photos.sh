#!/usr/bin/env bash
# The photos dlib cuts its reference chips from, one path a line, sorted: with the data set directory as
# argument (../shared/data), face_recognition's and facenet_pytorch's photos; without, the Debian sample photos
# that show faces. Shared by scripts/check-shared and scripts/bench-embed so that both use the same chips.
set -euo pipefail
if [[ $# -ge 1 && -d "$1/photos" ]]; then
    find "$1/photos/face_recognition" "$1/photos/facenet_pytorch" -type f \( -iname '*.jpg' -o -iname '*.png' \) | sort
else
    for photo in /usr/lib/python3/dist-packages/skimage/data/astronaut.png /usr/share/doc/opencv-doc/examples/data/messi5.jpg; do
        [[ -f "$photo" ]] && echo "$photo"
    done
fi
