#!/usr/bin/env bash
#   scripts/bench-peers.sh pipeline [SIDE] [RUNS]   the whole job (decode 4 files, compose,
#       encode PNG / JPEG q85, write) against pyvips, OpenCV, Pillow and ImageMagick:
#       see scripts/peers/pipeline.sh. Without "pipeline", compose alone:
#
# The compose job (4 layers: photo, two sparse RGBA overlays, RGB with noData (0,0,0) on
# ~30 %; opacities 1.0/0.6/0.5/0.8; source-over) with ImageMap and with pixman, Pillow,
# OpenCV, pyvips and ImageMagick, in one run on one core, and the memory-bandwidth floor;
# prints best-of times, ratios (peer / ImageMap) and peak memory.
#
#   scripts/bench-peers.sh [SIDE] [RUNS]         (defaults 2048 and 31)
#   INSTALL=1 scripts/bench-peers.sh             installs the peers first (apt-get, pip):
#       libpixman-1-dev libvips42 imagemagick pkg-config; pillow opencv-python-headless pyvips numpy
#
# ImageMap is built the way a user gets it: plain `swift build -c release`, no flags.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = pipeline ]; then
    shift
    if [ "${INSTALL:-0}" = 1 ]; then
        apt-get install -y libvips42 imagemagick hyperfine time
        pip install pillow opencv-python-headless pyvips numpy
    fi
    exec "$ROOT/scripts/peers/pipeline.sh" "$@"
fi
[ "${1:-}" = compose ] && shift
SIDE="${1:-2048}"
RUNS="${2:-31}"
SCRATCH="${SCRATCH:-$ROOT/Benchmarks/.build}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export VIPS_CONCURRENCY=1 MAGICK_THREAD_LIMIT=1 OMP_NUM_THREADS=1  # one core, as ours

if [ "${INSTALL:-0}" = 1 ]; then
    apt-get install -y libpixman-1-dev libvips42 imagemagick pkg-config
    pip install pillow opencv-python-headless pyvips numpy
fi

echo "# $(lscpu | sed -n 's/^Model name: *//p'), $(getconf _NPROCESSORS_ONLN) cores; $(swift --version 2>/dev/null | head -1)"
(cd "$ROOT/Benchmarks" && swift build -c release --scratch-path "$SCRATCH" --product compose-timer >&2)
TIMER="$SCRATCH/release/compose-timer"
cc -O3 -march=native "$ROOT/scripts/peers/membw.c" -o "$WORK/membw"
cc -O3 -march=native "$ROOT/scripts/peers/pixman_compose.c" $(pkg-config --cflags --libs pixman-1) -o "$WORK/pixman_compose"

# "name ms" lines go to $WORK/times; peak resident memory (KB) to $WORK/memory.
peak() { local name="$1"; shift; /usr/bin/time -f "$name %M" -a -o "$WORK/memory" "$@"; }
peak imagemap "$TIMER" --side "$SIDE" --runs "$RUNS" --write "$WORK" | tee -a "$WORK/times"
"$WORK/membw" "$SIDE" | tee "$WORK/floor"
peak pixman "$WORK/pixman_compose" "$WORK" "$SIDE" "$RUNS" | tee -a "$WORK/times"
for peer in pillow opencv pyvips; do
    peak "$peer" python3 "$ROOT/scripts/peers/python_peers.py" "$WORK" "$SIDE" 5 "$peer" | tee -a "$WORK/times"
done

# ImageMagick from the command line: the best compose run minus the best run that only
# reads the four layers and writes one, so that the I/O cancels out.
S="${SIDE}x${SIDE}"
im_compose() {
    convert -size "$S" -depth 8 "rgba:$WORK/layer0.rgba" \
        \( "rgba:$WORK/layer1.rgba" -channel A -evaluate multiply 0.6 +channel \) -composite \
        \( "rgba:$WORK/layer2.rgba" -channel A -evaluate multiply 0.5 +channel \) -composite \
        \( "rgba:$WORK/layer3.rgba" -transparent black -channel A -evaluate multiply 0.8 +channel \) -composite \
        "rgba:$WORK/magick.rgba"
}
im_io() {
    convert -size "$S" -depth 8 "rgba:$WORK/layer0.rgba" "rgba:$WORK/layer1.rgba" "rgba:$WORK/layer2.rgba" \
        "rgba:$WORK/layer3.rgba" -delete 1--1 "rgba:$WORK/io.rgba"
}
best_ms() {  # best wall time of 5 runs of "$@", in ms
    for _ in 1 2 3 4 5; do
        local start; start=$(date +%s%N); "$@"; echo $(( ($(date +%s%N) - start) / 1000 ))
    done | sort -n | head -1 | awk '{ printf "%.3f", $1 / 1000 }'
}
if command -v convert >/dev/null; then
    peak imagemagick convert -size "$S" -depth 8 "rgba:$WORK/layer0.rgba" "rgba:$WORK/layer1.rgba" \
        -composite "rgba:$WORK/m.rgba"
    full=$(best_ms im_compose); io=$(best_ms im_io)
    diff=$(python3 -c "import numpy as n; a=n.fromfile('$WORK/magick.rgba',n.uint8).reshape(-1,4).astype(int); b=n.fromfile('$WORK/imagemap.rgba',n.uint8).reshape(-1,4).astype(int); print(abs(a-b)[b[:,3]>0].max())")
    echo "imagemagick $(awk -v f="$full" -v i="$io" 'BEGIN { printf "%.3f", f - i }') ms (run $full ms minus I/O-only run $io ms; max diff vs imagemap $diff)" | tee -a "$WORK/times"
fi
peak imagemap-again "$TIMER" --side "$SIDE" --runs "$RUNS" | sed 's/^imagemap/imagemap-again/' | tee -a "$WORK/times"

echo
echo "## compose ${SIDE}x${SIDE}: best-of times (shared machines are noisy; medians are in the lines above),"
echo "## ratios = peer time / ImageMap time (ImageMap: the better of its two runs)"
awk '
    FNR == NR { kb[$1] = $2; next }
    { ms[$1] = $2; order[++n] = $1 }
    END {
        ours = ms["imagemap"] < ms["imagemap-again"] ? ms["imagemap"] : ms["imagemap-again"]
        printf "%-14s %10s %8s %12s\n", "", "ms", "ratio", "peak RSS MB"
        for (i = 1; i <= n; i++) {
            name = order[i]
            mb = (name in kb) ? sprintf("%.0f", kb[name] / 1024) : "-"
            printf "%-14s %10.3f %8.2f %12s\n", name, ms[name], ms[name] / ours, mb
        }
    }' "$WORK/memory" "$WORK/times"
awk -v a="$(awk '/imagemap /{print $2}' "$WORK/times")" -v b="$(awk '/imagemap-again /{print $2}' "$WORK/times")" \
    '/read4\+write1/ { floor = $4 } END {
        ours = a < b ? a : b
        printf "\nmemory floor (read 4 + write 1, 20 B/px, one core): %.3f ms; ImageMap moves the same bytes at %.0f %% of it\n", floor, 100 * floor / ours }' "$WORK/floor"
