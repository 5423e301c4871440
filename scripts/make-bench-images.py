"""Builds the codec measurement images in a directory (default /tmp/codecbench) from
Debian's marble-qt-data NASA Blue Marble, Schagen 1689 and Clementine maps:
  mkdir -p /tmp/marble && cd /tmp/marble && apt-get download marble-qt-data && dpkg -x *.deb x
  pip install Pillow numpy && python3 scripts/make-bench-images.py
base.jpg (q85 4:2:0 photo), overlay1.png (RGBA, alpha ramp), overlay_rgb.png (RGB, 30 % black
noData), composite.rgba (opaque 2048x2048 blend of the three, raw RGBA) and composite_alpha.rgba
(the same with the overlay's alpha kept: an RGBA composite)."""
import sys
import numpy as np
from PIL import Image

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/codecbench"
maps = "/tmp/marble/x/usr/share/marble/data/maps/"
size = (2048, 2048)
base = Image.open(maps + "earth/bluemarble/bluemarble.jpg").convert("RGB").resize(size, Image.LANCZOS)
base.save(f"{out}/base.jpg", quality=85, subsampling=2)
overlay = np.array(Image.open(maps + "earth/schagen1689/schagen1689.jpg").convert("RGBA").resize(size, Image.LANCZOS))
yy, xx = np.mgrid[0:2048, 0:2048]
overlay[..., 3] = ((xx + yy) * 255 // 4094).astype(np.uint8)
overlay[:, :300, 3] = 0
Image.fromarray(overlay, "RGBA").save(f"{out}/overlay1.png")
rgb = np.array(Image.open(maps + "moon/clementine/clementine.jpg").convert("RGB").resize(size, Image.LANCZOS))
rgb[int(2048 * 0.7):, :, :] = 0
Image.fromarray(rgb, "RGB").save(f"{out}/overlay_rgb.png")
composite = np.array(base).astype(np.float32)
alpha = overlay[..., 3:4].astype(np.float32) / 255 * 0.6
composite = composite * (1 - alpha) + overlay[..., :3] * alpha
mask = (rgb.sum(axis=2) != 0)[..., None]
composite = np.where(mask, composite * 0.2 + rgb * 0.8, composite)
rgb8 = np.clip(composite + 0.5, 0, 255).astype(np.uint8)
np.dstack([rgb8, np.full(size, 255, np.uint8)]).tofile(f"{out}/composite.rgba")
# An RGBA composite: the base is transparent where the overlay's ramp is below 1/4.
a = np.where(overlay[..., 3] < 64, overlay[..., 3] * 4, 255).astype(np.uint8)
np.dstack([rgb8, a]).tofile(f"{out}/composite_alpha.rgba")
