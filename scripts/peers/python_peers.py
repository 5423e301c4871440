"""The compose job with Pillow, OpenCV and pyvips, for scripts/bench-peers.sh.

Same inputs as ours (raw straight-alpha RGBA layers written by compose-timer), same job:
noData (0,0,0) transparent on layer 3, opacities 1.0/0.6/0.5/0.8, source-over, straight
RGBA out. Timed in memory, best and median of RUNS; prints "name ms" lines and, for information,
each result's largest channel difference from ours where alpha > 0.

    python3 python_peers.py DIR SIDE RUNS [pillow|opencv|pyvips]
"""
import statistics
import sys
import time

import numpy as np

directory, side, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
OPACITY = [1.0, 0.6, 0.5, 0.8]
layers = [np.fromfile(f"{directory}/layer{i}.rgba", dtype=np.uint8).reshape(side, side, 4) for i in range(4)]
ours = np.fromfile(f"{directory}/imagemap.rgba", dtype=np.uint8).reshape(side, side, 4)


def timed(name, job):
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = job()
        times.append((time.perf_counter() - start) * 1e3)
    covered = ours[..., 3] > 0
    diff = np.abs(out.astype(np.int16) - ours.astype(np.int16))[covered].max()
    print(f"{name} {min(times):.3f} ms (best of {runs}; median {statistics.median(times):.3f}; "
          f"max diff vs imagemap {diff})", flush=True)


def pillow():
    from PIL import Image
    images = [Image.fromarray(layer, "RGBA") for layer in layers]

    def job():
        out = images[0]
        for i in (1, 2, 3):
            image = images[i]
            if i == 3:  # noData: alpha 0 where any band is 0
                array = np.asarray(image).copy()
                array[(array[..., :3] == 0).any(axis=2), 3] = 0
                image = Image.fromarray(array, "RGBA")
            lut = [round(v * OPACITY[i]) for v in range(256)]
            image = image.copy()
            image.putalpha(image.getchannel("A").point(lut))
            out = Image.alpha_composite(out, image)
        return np.asarray(out)
    timed("pillow", job)


def opencv():
    import cv2
    cv2.setNumThreads(1)

    def job():
        color = np.zeros((side, side, 3), np.float32)  # premultiplied
        alpha = np.zeros((side, side), np.float32)
        for i, layer in enumerate(layers):
            k = layer[..., 3].astype(np.float32) * (OPACITY[i] / 255)
            if i == 3:
                k[(layer[..., :3] == 0).any(axis=2)] = 0
            k3 = cv2.merge([k, k, k])
            color = cv2.add(cv2.multiply(layer[..., :3].astype(np.float32), k3), cv2.multiply(color, 1 - k3))
            alpha = cv2.add(k, cv2.multiply(alpha, 1 - k))
        a3 = cv2.merge([alpha, alpha, alpha])
        straight = cv2.divide(color, np.maximum(a3, 1e-12))
        out = cv2.merge([*cv2.split(straight), alpha * 255])
        return np.clip(out + 0.5, 0, 255).astype(np.uint8)
    timed("opencv", job)


def vips():
    import pyvips
    images = [pyvips.Image.new_from_memory(layer.tobytes(), side, side, 4, "uchar")
              .copy(interpretation="srgb") for layer in layers]

    def job():
        overlays = []
        for i in (1, 2, 3):
            image = images[i]
            a = image[3] * OPACITY[i]
            if i == 3:
                a = (image[0:3] == 0).bandor().ifthenelse(0, a)
            overlays.append(image[0:3].bandjoin(a).cast("uchar").copy(interpretation="srgb"))
        out = images[0].composite(overlays, "over").cast("uchar")
        return np.ndarray(buffer=out.write_to_memory(), dtype=np.uint8, shape=(side, side, 4))
    timed("pyvips", job)


chosen = sys.argv[4] if len(sys.argv) > 4 else None
for peer in (pillow, opencv, vips):
    if chosen and peer.__name__ != {"pyvips": "vips"}.get(chosen, chosen):
        continue
    try:
        peer()
    except ImportError as error:
        print(f"# {peer.__name__} skipped: {error}", flush=True)
