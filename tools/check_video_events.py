#!/usr/bin/env python3
"""Checks the event logs that scripts/check-videos made, one per clip of ../shared/data/videos.

usage: check_video_events.py DIR      (DIR holds CLIP.jsonl for each clip, CLIP being the file name without suffix)
Only Lin-Manuel Miranda is enrolled. The Hamilton clip must name him in at least one identity event; no other clip
may name anyone (every identity is "unknown"); ultralight_test1, a doorway filmed from above, may give at most 3
tracks; every clip must be read to its end (the last event is its stream.down "end of file").
"""
import glob
import json
import os
import sys

ENROLLED = "Lin-Manuel Miranda"
# Clip → the enrolled people who must be named in it; every other clip must name nobody.
EXPECTED_NAMES = {"face_recognition_short_hamilton_clip": {ENROLLED}}
# Clip → the most tracks it may give.
MAX_TRACKS = {"ultralight_test1": 3}


def summarise(path):
    tracks, names, last = 0, {}, None
    with open(path) as lines:
        for line in lines:
            event = json.loads(line)
            last = event
            if event["type"] == "track.start":
                tracks += 1
            elif event["type"] == "identity":
                names[event["identity"]] = names.get(event["identity"], 0) + 1
    return tracks, names, last


def main():
    directory = sys.argv[1]
    problems = []
    logs = sorted(glob.glob(os.path.join(directory, "*.jsonl")))
    clips = {os.path.splitext(os.path.basename(log))[0]: log for log in logs}
    problems += [f"{clip}: no event log" for clip in sorted(set(EXPECTED_NAMES) - set(clips))]
    for clip, log in clips.items():
        tracks, names, last = summarise(log)
        identities = ", ".join(f"{name} ×{count}" for name, count in sorted(names.items())) or "none"
        print(f"{clip}: {tracks} tracks; identities: {identities}")
        named = {name for name in names if name != "unknown"}
        expected = EXPECTED_NAMES.get(clip, set())
        if named != expected:
            problems.append(f"{clip}: named {sorted(named)}, expected {sorted(expected)}")
        if clip in MAX_TRACKS and tracks > MAX_TRACKS[clip]:
            problems.append(f"{clip}: {tracks} tracks, at most {MAX_TRACKS[clip]} expected")
        if last is None or last["type"] != "stream.down" or last.get("reason") != "end of file":
            problems.append(f"{clip}: not read to its end (last event: {json.dumps(last)})")
    for problem in problems:
        print("  " + problem)
    print("check_video_events: " + ("FAIL" if problems else "PASS"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
