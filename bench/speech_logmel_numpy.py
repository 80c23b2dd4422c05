#!/usr/bin/python3
"""Anchor for the speech-frontend benchmark: the numpy reference log-mel (Gilgamesh.Tests/Analysis/Speech/
reference/whisper_logmel.py, np.fft.rfft over all frames of a window at once) on the samples Gilgamesh.Bench wrote.

Usage: speech_logmel_numpy.py <samples.f32> <mels> <runs>
Reads raw little-endian float32 16 kHz mono, cuts it into 30-s windows like the engine, and prints one JSON
line: the seconds of each run over all windows (computation only, not the file read or the import).
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Gilgamesh.Tests", "Analysis", "Speech", "reference"))
import whisper_logmel  # noqa: E402


def main():
    path, mels, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    samples = np.fromfile(path, dtype=np.float32)
    window = whisper_logmel.N_SAMPLES
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        for first in range(0, len(samples), window):
            whisper_logmel.log_mel(samples[first:first + window], mels)
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"seconds": seconds, "windows": (len(samples) + window - 1) // window}))


if __name__ == "__main__":
    main()
