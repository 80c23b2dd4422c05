#!/usr/bin/python3
"""Independent reference for Gilgamesh's Whisper log-mel front end (numpy only: Debian python3-numpy).

Implements whisper.audio.log_mel_spectrogram from its definition -- 30-s window, n_fft 400, hop 160,
periodic Hann, centred frames with reflect padding, |STFT|^2 without the last frame, librosa's Slaney
mel filters (htk=False, norm='slaney') written out from the formulas, log10(max(x, 1e-10)),
max(x, max - 8), (x + 4) / 4 -- on a deterministic signal that the C# test regenerates sample for
sample (three tones and a 32-bit LCG noise, computed in float64, stored as float32).

Writes logmel_reference.json: selected frames x every mel bin, for 80 and 128 bins.
Usage: /usr/bin/python3 whisper_logmel.py [output.json]
"""
import json
import sys

import numpy as np

SR, N_FFT, HOP = 16000, 400, 160
N_SAMPLES = 30 * SR
SECONDS = 3
FRAMES = [0, 1, 2, 3, 100, 150, 151, 299, 300, 301, 2999]


def signal():
    n = SECONDS * SR
    t = np.arange(n, dtype=np.float64) / SR
    x = 0.3 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(2 * np.pi * 1234.5 * t)
    x += np.where(t < 1.5, 0.1 * np.sin(2 * np.pi * 3000 * t), 0.0)
    state = 12345
    noise = np.empty(n)
    for i in range(n):
        state = (1664525 * state + 1013904223) % 2**32
        noise[i] = (state / 2**32 - 0.5) * 0.05
    return (x + noise).astype(np.float32)


def hz_to_mel(f):
    f = np.asarray(f, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep, f / f_sp)


def mel_to_hz(m):
    m = np.asarray(m, dtype=np.float64)
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, logstep = min_log_hz / f_sp, np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel_filters(n_mels):
    fftfreqs = np.linspace(0, SR / 2, 1 + N_FFT // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SR / 2), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fftfreqs[None, :]
    weights = np.zeros((n_mels, len(fftfreqs)))
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels])
    return weights * enorm[:, None]


def log_mel(audio, n_mels):
    audio = np.pad(audio.astype(np.float64), (0, N_SAMPLES - len(audio)))
    x = np.pad(audio, N_FFT // 2, mode="reflect")
    n_frames = 1 + (len(x) - N_FFT) // HOP
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    frames = np.stack([x[i * HOP:i * HOP + N_FFT] for i in range(n_frames)]) * window
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    power = power[:-1].T
    mel = mel_filters(n_mels) @ power
    log_spec = np.log10(np.maximum(mel, 1e-10))
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return (log_spec + 4.0) / 4.0


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "logmel_reference.json"
    audio = signal()
    result = {"sampleRate": SR, "seconds": SECONDS, "frames": FRAMES, "mels": {}}
    for n_mels in (80, 128):
        spec = log_mel(audio, n_mels)
        assert spec.shape == (n_mels, 3000)
        result["mels"][str(n_mels)] = {
            "values": [[round(float(spec[m, f]), 7) for m in range(n_mels)] for f in FRAMES],
            "max": round(float(spec.max()), 7),
            "mean": round(float(spec.mean()), 7),
        }
    with open(out, "w") as fh:
        json.dump(result, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main()
