"""The whole job with Pillow, OpenCV and pyvips, for scripts/bench-peers.sh pipeline.

The same job as `imagemap compose DIR/spec-FORMAT.json`: read and decode DIR/layer0.jpg and
DIR/layer1-3.png, make noData 0 (any band) transparent on layer 3, apply the opacities
1.0/0.6/0.5/0.8, source-over bottom first, encode PNG (the library's default settings) or
JPEG q85, write the file. The base is an opaque JPEG, so every peer writes RGB, as ImageMap
does for an opaque composite. Each library uses its default threading, as a user gets it.

    python3 pipeline_peers.py DIR PEER FORMAT RUNS OUT     PEER: pillow | opencv | pyvips

Prints "PEER-FORMAT ms (best of RUNS; median ...; CPU mean ...)" after one untimed warm-up run
(CPU: user + system time of all the process's threads, steadier than wall time on a shared machine); with
RUNS = 0 it only imports the library (for the interpreter's baseline memory).
"""
import statistics
import sys
import time

import numpy as np

directory, peer, fmt, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
OPACITY = [1.0, 0.6, 0.5, 0.8]
NAMES = ["layer0.jpg", "layer1.png", "layer2.png", "layer3.png"]
paths = [f"{directory}/{name}" for name in NAMES]


def pillow():
    from PIL import Image

    def job():
        canvas = Image.open(paths[0]).convert("RGBA")
        for i in (1, 2, 3):
            array = np.array(Image.open(paths[i]).convert("RGBA"))
            if i == 3:  # noData 0, MatchAny
                array[(array[..., :3] == 0).any(axis=2), 3] = 0
            array[..., 3] = np.round(array[..., 3] * OPACITY[i]).astype(np.uint8)
            canvas = Image.alpha_composite(canvas, Image.fromarray(array, "RGBA"))
        rgb = canvas.convert("RGB")
        if fmt == "png":
            rgb.save(out, "PNG")
        else:
            rgb.save(out, "JPEG", quality=85)
    return job


def opencv():
    import cv2

    def job():
        base = cv2.imread(paths[0], cv2.IMREAD_COLOR)
        color = base.astype(np.float32)  # premultiplied over an opaque base: alpha stays 1
        for i in (1, 2, 3):
            layer = cv2.imread(paths[i], cv2.IMREAD_UNCHANGED)
            alpha = layer[..., 3] if layer.shape[2] == 4 else np.full(layer.shape[:2], 255, np.uint8)
            k = alpha.astype(np.float32) * (OPACITY[i] / 255)
            if i == 3:
                k[(layer[..., :3] == 0).any(axis=2)] = 0
            k3 = cv2.merge([k, k, k])
            color = cv2.add(cv2.multiply(layer[..., :3].astype(np.float32), k3), cv2.multiply(color, 1 - k3))
        result = np.clip(color + 0.5, 0, 255).astype(np.uint8)
        if fmt == "png":
            cv2.imwrite(out, result)
        else:
            cv2.imwrite(out, result, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return job


def pyvips():
    import pyvips as vips

    def job():
        images = [vips.Image.new_from_file(path, access="sequential") for path in paths]
        base = images[0].bandjoin(255).copy(interpretation="srgb")
        overlays = []
        for i in (1, 2, 3):
            image = images[i]
            if image.bands == 3:
                image = image.bandjoin(255)
            a = image[3] * OPACITY[i]
            if i == 3:
                a = (image[0:3] == 0).bandor().ifthenelse(0, a)
            overlays.append(image[0:3].bandjoin(a).cast("uchar").copy(interpretation="srgb"))
        result = base.composite(overlays, "over")[0:3].cast("uchar")
        if fmt == "png":
            result.write_to_file(out)
        else:
            result.write_to_file(out, Q=85)
    return job


job = {"pillow": pillow, "opencv": opencv, "pyvips": pyvips}[peer]()
if runs > 0:
    job()  # warm-up: libraries load their codecs on first use
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        job()
        times.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
    print(f"{peer}-{fmt} {min(times):.1f} ms (best of {runs}; median {statistics.median(times):.1f}; "
          f"CPU mean {statistics.mean(cpu):.1f})", flush=True)
