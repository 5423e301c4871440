#!/usr/bin/env bash
# The whole job — read and decode 4 files (a JPEG photo layer, two RGBA PNG overlays, an RGB
# PNG with noData 0 on ~30 %), compose (opacities 1.0/0.6/0.5/0.8, source-over), encode PNG
# (each tool's default) or JPEG q85, write the file — with `imagemap compose` and with
# pyvips, OpenCV, Pillow and ImageMagick `convert`, in one run. Every tool uses its default
# threading (this machine's cores), as a user gets it. Prints times, ratios to ImageMap, file
# sizes, peak RSS, and each output's difference from ImageMap's (so they did the same job).
#
#   scripts/bench-peers.sh pipeline [SIDE] [RUNS]      (defaults 2048 and 11)
#
# Timing is round-robin: each of RUNS rounds runs every tool once, so the load of a shared
# machine falls on all of them alike; each tool's best round and mean CPU are kept. ImageMap,
# its all-at-once variant and ImageMagick are timed as whole processes (bash's `time`:
# process start included, ~9 ms for imagemap); the Python peers inside Python (the job once,
# after a warm-up run in the same process: the interpreter's start and imports left out).
# Peak RSS is /usr/bin/time's maximum resident set size of one process doing the job once.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SIDE="${1:-2048}"
RUNS="${2:-11}"
SCRATCH="${SCRATCH:-$ROOT/Benchmarks/.build}"        # the Benchmarks package's build
MAIN_SCRATCH="${MAIN_SCRATCH:-$ROOT/.build}"        # the imagemap command's build
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(getconf _NPROCESSORS_ONLN) cores; $(swift --version 2>/dev/null | head -1)"
# ImageMap as a user builds it: plain `swift build -c release`, no flags.
(cd "$ROOT" && swift build -c release --scratch-path "$MAIN_SCRATCH" --product imagemap >&2)
(cd "$ROOT/Benchmarks" && swift build -c release --scratch-path "$SCRATCH" --product pipeline-files >&2)
IMAGEMAP="$MAIN_SCRATCH/release/imagemap"
FILES="$SCRATCH/release/pipeline-files"
CONVERT="$(command -v convert-im6.q16 || command -v convert)"
"$FILES" write "$SIDE" "$WORK"
echo "# inputs ${SIDE}x${SIDE}: $(cd "$WORK" && for f in layer*; do printf '%s %s B; ' "$f" "$(stat -c %s "$f")"; done)"

magick_job() {  # FORMAT OUT
    local quality=(); [ "$1" = jpg ] && quality=(-quality 85)
    "$CONVERT" "$WORK/layer0.jpg" \
        \( "$WORK/layer1.png" -channel A -evaluate multiply 0.6 +channel \) -composite \
        \( "$WORK/layer2.png" -channel A -evaluate multiply 0.5 +channel \) -composite \
        \( "$WORK/layer3.png" -transparent black -channel A -evaluate multiply 0.8 +channel \) -composite \
        -alpha off "${quality[@]}" "$2"
}
export -f magick_job
export CONVERT WORK

: > "$WORK/times"; : > "$WORK/memory"
peak() { local name="$1"; shift; /usr/bin/time -f "$name %M" -a -o "$WORK/memory" "$@" >/dev/null; }
run_timed() {  # NAME COMMAND...: one run; appends "NAME wall_ms cpu_ms" to $WORK/raw
    local name="$1" report; shift
    report=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 )
    awk -v n="$name" '{ printf "%s %.1f %.1f\n", n, $1 * 1000, ($2 + $3) * 1000 }' <<<"$report" >> "$WORK/raw"
}
: > "$WORK/raw"
for fmt in png jpg; do
    for tool in "$IMAGEMAP compose $WORK/spec-$fmt.json -o $WORK/imagemap.$fmt" "magick_job $fmt $WORK/imagemagick.$fmt"; do
        eval "$tool" >/dev/null  # warm the page cache and the libraries
    done
    for round in $(seq "$RUNS"); do
        run_timed "imagemap-$fmt" "$IMAGEMAP" compose "$WORK/spec-$fmt.json" -o "$WORK/imagemap.$fmt"
        run_timed "imagemap-all-at-once-$fmt" "$FILES" run "$WORK/spec-$fmt.json" "$WORK/imagemap-all.$fmt" all
        run_timed "imagemagick-$fmt" magick_job "$fmt" "$WORK/imagemagick.$fmt"
        for peer in pyvips opencv pillow; do
            python3 "$ROOT/scripts/peers/pipeline_peers.py" "$WORK" "$peer" "$fmt" 1 "$WORK/$peer.$fmt" \
                | awk '{ line = $0; sub(/.*CPU mean /, "", line); printf "%s %s %.1f\n", $1, $2, line + 0 }' >> "$WORK/raw"
        done
    done
    awk -v fmt="$fmt" '$1 ~ "-" fmt "$" {
            n[$1]++; cpu[$1] += $3; if (!($1 in best) || $2 < best[$1]) best[$1] = $2; walls[$1] = walls[$1] " " $2
            if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
        END { for (i = 1; i <= k; i++) { name = order[i]
            printf "%s %.1f ms (best of %d rounds; all:%s; CPU mean %.1f)\n", name, best[name], n[name], walls[name], cpu[name] / n[name] } }' \
        "$WORK/raw" | tee -a "$WORK/times"
    peak "imagemap-$fmt" "$IMAGEMAP" compose "$WORK/spec-$fmt.json" -o "$WORK/imagemap.$fmt"
    peak "imagemap-all-at-once-$fmt" "$FILES" run "$WORK/spec-$fmt.json" "$WORK/imagemap-all.$fmt" all
    peak "imagemagick-$fmt" bash -c "magick_job $fmt $WORK/imagemagick.$fmt"
    for peer in pyvips opencv pillow; do
        peak "$peer-$fmt" python3 "$ROOT/scripts/peers/pipeline_peers.py" "$WORK" "$peer" "$fmt" 1 "$WORK/$peer.$fmt"
    done
done
# Baselines: the processes doing nothing (imagemap's --help; Python importing the library).
peak imagemap-baseline "$IMAGEMAP" compose --help
for peer in pyvips opencv pillow; do
    peak "$peer-baseline" python3 "$ROOT/scripts/peers/pipeline_peers.py" "$WORK" "$peer" png 0 "$WORK/none"
done
echo "# one verbose run (stage wall times; bounded decoding overlaps read, decode and compose):"
for fmt in png jpg; do "$IMAGEMAP" compose "$WORK/spec-$fmt.json" -o "$WORK/imagemap.$fmt" --verbose 2>&1; done

python3 - "$WORK" "$SIDE" <<'EOF'
import os, sys
import numpy as np
from PIL import Image
work, side = sys.argv[1], int(sys.argv[2])
times, cpu = {}, {}
for line in open(f"{work}/times"):
    name, ms = line.split()[:2]
    times[name] = float(ms)
    cpu[name] = float(line.split("CPU mean ")[1].rstrip(")\n"))
memory = dict((line.split()[0], int(line.split()[1]) / 1024) for line in open(f"{work}/memory"))
canvas_mb = side * side * 4 / 2**20
print(f"\n## whole pipeline {side}x{side}: ratio = tool time / imagemap time (wall: best run; CPU: mean user + system,")
print("## steadier on a shared machine); size ratio = file size / imagemap's;")
print("## diff = largest |channel difference| from imagemap's output of the same format (mean in brackets);")
exact = np.asarray(Image.open(f"{work}/imagemap.png").convert("RGB")).astype(np.int16)
loss = np.abs(np.asarray(Image.open(f"{work}/imagemap.jpg").convert("RGB")).astype(np.int16) - exact)
print(f"## imagemap's own JPEG is {loss.max()} ({loss.mean():.2f}) from its exact composite (the PNG): q85 on the noise layer;")
print(f"## memory target: canvas + two decoded layers + 10 % = {3 * canvas_mb * 1.1:.1f} MB; "
      f"baselines (process doing nothing): " + ", ".join(f"{k.replace('-baseline', '')} {v:.0f} MB" for k, v in memory.items() if k.endswith("baseline")))
for fmt in ("png", "jpg"):
    ours = times[f"imagemap-{fmt}"]
    ref = np.asarray(Image.open(f"{work}/imagemap.{fmt}").convert("RGB")).astype(np.int16)
    ref_size = os.path.getsize(f"{work}/imagemap.{fmt}")
    print(f"\n{'':26} {'ms':>8} {'ratio':>7} {'CPU ms':>8} {'ratio':>7} {'bytes':>10} {'size':>6} {'RSS MB':>7} {'diff':>12}")
    for name in ("imagemap", "imagemap-all-at-once", "pyvips", "opencv", "pillow", "imagemagick"):
        key = f"{name}-{fmt}"
        if key not in times:
            continue
        path = f"{work}/{name.replace('-all-at-once', '-all')}.{fmt}"
        image = np.asarray(Image.open(path).convert("RGB")).astype(np.int16)
        diff = np.abs(image - ref)
        size = os.path.getsize(path)
        print(f"{key:26} {times[key]:8.1f} {times[key] / ours:7.2f} {cpu[key]:8.1f} {cpu[key] / cpu[f'imagemap-{fmt}']:7.2f} "
              f"{size:10d} {size / ref_size:6.2f} "
              f"{memory.get(key, 0):7.0f} {diff.max():5d} ({diff.mean():.2f})")
EOF
