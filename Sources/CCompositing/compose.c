// The compositing kernel: all layers in one pass over the canvas.
//
// Each row of the canvas is split into runs where the set of covering layers is fixed.
// Inside a run, 16 canvas pixels at a time are held in registers as premultiplied float32
// (structure of arrays: R, G, B premultiplied in 0...255, A in 0...1); every layer blends
// onto them in stacking order, then they are un-premultiplied, rounded and stored once.
// Memory traffic is one read of every visible layer pixel and one write of the canvas
// (20 bytes a pixel for four full layers, against 12 a pixel *per layer* for a pass per
// layer), and float32 keeps the intermediate exact enough that low-alpha pixels
// un-premultiply to within 1 of the exact result.
//
// One portable source, compiled three times: GCC/Clang vector extensions (16 lanes) are
// lowered to SSE2/NEON, AVX2 or AVX-512 by the `target` attribute of the function they
// are inlined into, and `ccomp_compose` picks one at run time with
// `__builtin_cpu_supports`. Plain `swift build -c release` (and a package dependency,
// which may not pass `unsafeFlags`) thus gets AVX-512 on a CPU that has it.
//
// Floating-point contraction is on: `P + k (S - P)` becomes one fused multiply-add where
// the level has FMA (x86-64-v3, x86-64-v4, arm64), which is a third fewer operations.
// Those levels produce bit-identical bytes; the SSE2 baseline rounds the product
// separately and may differ from them by 1 in a channel, still within 1 of exact.
//
// Where the time goes. The fused pass is close to memory-bound at 2048x2048 (2.8-3.3 ms
// against a read-4-write-1 floor of 2.8-3.9 ms in the same runs on the Zen 4 benchmark
// machine) and bound by vector operations when the layers are in cache. Each of these is
// commented where it is, with what it measured, and none changes a byte: a run's layers
// are listed once per run; the first layer of a run blends onto the empty canvas as k S;
// a layer without NoData is tested for 16 transparent pixels before its colors are
// unpacked; a vector whose 16 lanes are opaque is stored without dividing by alpha; and
// every layer is prefetched 512 bytes ahead. Measured and left out: non-temporal stores
// of the canvas (faster only when the canvas and every layer share their offset in a
// 64-byte line; with Swift's heap buffers, 15-50 % slower), and copying 16 opaque pixels
// of an opaque bottom layer at opacity 1 without multiplying by k = 1 (0-3 %, not worth
// a path).

#include "CCompositing.h"

#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT ON

#define LANES 16

typedef float f32v __attribute__((vector_size(LANES * 4)));
typedef int32_t i32v __attribute__((vector_size(LANES * 4)));
typedef uint32_t u32v __attribute__((vector_size(LANES * 4)));

#define INLINE static inline __attribute__((always_inline))

// Vector values only pass between always-inline helpers, never across a real call, so the
// "AVX vector argument changes the ABI" warning does not apply.
#pragma clang diagnostic ignored "-Wpsabi"

/// (x - 0 is x for every float, -0 included, so this folds to a broadcast; x + 0 does not.)
INLINE f32v splat_f(float x) { return x - (f32v){}; }
INLINE i32v splat_i(int32_t x) { return (i32v){} + x; }
INLINE i32v min_i(i32v x, i32v y) { const i32v gt = x > y; return (x & ~gt) | (y & gt); }

/// Loads `n` pixels (1...LANES); lanes past `n` are (0, 0, 0, 0), so they blend nothing.
INLINE i32v load_pixels(const uint8_t *p, int32_t n) {
    i32v v = {};
    if (n >= LANES) memcpy(&v, p, sizeof v);
    else memcpy(&v, p, (size_t)n * 4);
    return v;
}

/// LANES canvas pixels, premultiplied: R, G, B in 0...255 times alpha, A in 0...1.
typedef struct { f32v r, g, b, a; } canvas_vector;

/// Blends LANES pixels of one layer onto `c`: with k = alpha * opacity / 255 (0 where the
/// pixel is NoData), P' = P + k (S - P) for the colors and A' = A + k (1 - A), which is
/// source-over of a straight-alpha source onto a premultiplied destination. `first` says
/// `c` is still the transparent canvas.
INLINE void blend(canvas_vector *c, i32v px, const ccomp_layer *layer, int32_t mode, int first) {
    // Map overlays are mostly transparent: 16 transparent (or NoData) pixels change nothing.
    // Without NoData the test comes before the colors are taken apart, so a skipped vector
    // costs two operations.
    if (mode == CCOMP_NODATA_NONE && __builtin_reduce_or(px & (splat_i(255) << 24)) == 0) return;
    const i32v mask8 = splat_i(255);
    const i32v r = px & mask8;
    const i32v g = (px >> 8) & mask8;
    const i32v b = (px >> 16) & mask8;
    i32v a = (i32v)((u32v)px >> 24);
    if (mode != CCOMP_NODATA_NONE) {
        if (mode == CCOMP_NODATA_ANY) {
            a &= ~((r == splat_i(layer->nodata[0])) | (g == splat_i(layer->nodata[1]))
                   | (b == splat_i(layer->nodata[2])));
        } else {
            a &= ~((r == splat_i(layer->nodata[0])) & (g == splat_i(layer->nodata[1]))
                   & (b == splat_i(layer->nodata[2])));
        }
        if (__builtin_reduce_or(a) == 0) return;
    }
    const f32v k = __builtin_convertvector(a, f32v) * splat_f(layer->alpha_scale);
    if (first) {
        // With P = A = 0 the formulas give exactly k S and k, in 4 operations instead of 8
        // (AVX2: 5-7 % less time at 1024x1024; AVX-512: no difference).
        c->r = k * __builtin_convertvector(r, f32v);
        c->g = k * __builtin_convertvector(g, f32v);
        c->b = k * __builtin_convertvector(b, f32v);
        c->a = k;
        return;
    }
    c->r = c->r + k * (__builtin_convertvector(r, f32v) - c->r);
    c->g = c->g + k * (__builtin_convertvector(g, f32v) - c->g);
    c->b = c->b + k * (__builtin_convertvector(b, f32v) - c->b);
    c->a = c->a + k * (splat_f(1.0f) - c->a);
}

/// Writes `n` pixels (1...LANES) as straight-alpha RGBA8: C = round(P / A),
/// alpha = round(255 A), rounding half up; A = 0 gives (0, 0, 0, 0).
INLINE void store_canvas(uint8_t *out, const canvas_vector *c, int32_t n) {
    const f32v half = splat_f(0.5f);
    const i32v max8 = splat_i(255);
    i32v px;
    if (__builtin_reduce_and(c->a == 1.0f)) {
        // All lanes opaque, as everywhere above an opaque layer at opacity 1 (A' = 1 + k 0):
        // 1 / A is 1, so these are the bytes of the general path without its division, and
        // P <= 255 needs no clamp (4-7 % less time on the benchmark at AVX2 and AVX-512).
        px = __builtin_convertvector(c->r + half, i32v) | (__builtin_convertvector(c->g + half, i32v) << 8)
             | (__builtin_convertvector(c->b + half, i32v) << 16) | (max8 << 24);
    } else {
        const i32v covered = c->a > 0.0f;
        const f32v inv = (f32v)((i32v)(splat_f(1.0f) / c->a) & covered);
        const i32v r = min_i(__builtin_convertvector(c->r * inv + half, i32v), max8);
        const i32v g = min_i(__builtin_convertvector(c->g * inv + half, i32v), max8);
        const i32v b = min_i(__builtin_convertvector(c->b * inv + half, i32v), max8);
        const i32v a = __builtin_convertvector(c->a * splat_f(255.0f) + half, i32v);
        px = r | (g << 8) | (b << 16) | (a << 24);
    }
    if (n >= LANES) memcpy(out, &px, sizeof px);
    else memcpy(out, &px, (size_t)n * 4);
}

INLINE int32_t covers_row(const ccomp_layer *layer, int32_t y) {
    return y >= layer->y && y - layer->y < layer->height;
}

/// A layer that covers a whole run, ready for the inner loop: `pixels` is its pixel under
/// the run's first canvas pixel.
typedef struct {
    const uint8_t *pixels;
    const ccomp_layer *layer;
} run_layer;

/// Composes one vector of a run: `n` (1...LANES) canvas pixels at `out`, `offset` pixels
/// into the run; the vector stays in registers while all the run's layers blend onto it.
INLINE void compose_vector(uint8_t *out, int32_t offset, int32_t n,
                           const run_layer *run, int32_t count) {
    canvas_vector c = {};
    for (int32_t l = 0; l < count; l++) {
        const uint8_t *pixels = run[l].pixels + (ptrdiff_t)offset * 4;
        // Ask for each layer's line 8 vectors ahead: with five streams the hardware
        // prefetcher alone left 10-13 % of the 2048x2048 time on the table (AVX-512 and
        // AVX2; 2-5 % at 1024x1024). 384-512 bytes ahead measured best; 768 or more was 10 %
        // slower than none. A prefetch never faults, past the end of a layer included.
        __builtin_prefetch((const void *)((uintptr_t)pixels + 512));
        const i32v px = load_pixels(pixels, n);
        const ccomp_layer *layer = run[l].layer;
        switch (layer->nodata_mode) {
        case CCOMP_NODATA_ANY: blend(&c, px, layer, CCOMP_NODATA_ANY, l == 0); break;
        case CCOMP_NODATA_ALL: blend(&c, px, layer, CCOMP_NODATA_ALL, l == 0); break;
        default: blend(&c, px, layer, CCOMP_NODATA_NONE, l == 0); break;
        }
    }
    store_canvas(out, &c, n);
}

/// Composes the `n` canvas pixels at `out`, a run that the `count` layers of `run` cover
/// entirely (and no other layer touches). Full vectors and the partial last one are
/// separate calls, so that the full ones load and store whole vectors with no size test.
INLINE void compose_run(uint8_t *out, int32_t n, const run_layer *run, int32_t count) {
    int32_t x = 0;
    for (; n - x >= LANES; x += LANES) compose_vector(out + (size_t)x * 4, x, LANES, run, count);
    if (x < n) compose_vector(out + (size_t)x * 4, x, n - x, run, count);
}

/// Composes the canvas row by row. `run` is scratch room for `count` layers.
INLINE void compose_all(uint8_t *out, int32_t width, int32_t height,
                        const ccomp_layer *layers, int32_t count, run_layer *run) {
    for (int32_t y = 0; y < height; y++) {
        uint8_t *row = out + (size_t)y * (size_t)width * 4;
        // Split the row at every layer edge, so that inside a run [x, end) the set of layers
        // is fixed, and list those layers once per run rather than test every layer's
        // rectangle for every vector (that test cost 10-20 % of the time at 2048x2048).
        for (int32_t x = 0; x < width;) {
            int32_t end = width, active = 0;
            for (int32_t l = 0; l < count; l++) {
                const ccomp_layer *layer = &layers[l];
                if (!covers_row(layer, y)) continue;
                const int32_t right = layer->x + layer->width;
                if (layer->x > x) {
                    if (layer->x < end) end = layer->x;
                } else if (right > x) {
                    if (right < end) end = right;
                    run[active++] = (run_layer){
                        layer->pixels + (ptrdiff_t)(y - layer->y) * layer->row_bytes
                            + (ptrdiff_t)(x - layer->x) * 4,
                        layer};
                }
            }
            compose_run(row + (size_t)x * 4, end - x, run, active);
            x = end;
        }
    }
}

static void compose_portable(uint8_t *out, int32_t width, int32_t height,
                             const ccomp_layer *layers, int32_t count, run_layer *run) {
    compose_all(out, width, height, layers, count, run);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma,bmi,bmi2,f16c,lzcnt,movbe,popcnt")))
static void compose_v3(uint8_t *out, int32_t width, int32_t height,
                       const ccomp_layer *layers, int32_t count, run_layer *run) {
    compose_all(out, width, height, layers, count, run);
}

__attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx512cd,avx2,fma,bmi,bmi2,f16c,lzcnt,movbe,popcnt")))
static void compose_v4(uint8_t *out, int32_t width, int32_t height,
                       const ccomp_layer *layers, int32_t count, run_layer *run) {
    compose_all(out, width, height, layers, count, run);
}
#endif

int32_t ccomp_best_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return CCOMP_LEVEL_X86_64_V4;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
        && __builtin_cpu_supports("bmi2"))
        return CCOMP_LEVEL_X86_64_V3;
#endif
    return CCOMP_LEVEL_PORTABLE;
}

void ccomp_compose_level(int32_t level, uint8_t *out, int32_t width, int32_t height,
                         const ccomp_layer *layers, int32_t count) {
    const int32_t best = ccomp_best_level();
    if (level > best) level = best;
    // One small allocation a call; out of memory ends the process, as it does in Swift.
    run_layer *run = malloc(sizeof *run * (size_t)(count > 0 ? count : 1));
    if (!run) abort();
    switch (level) {
#if defined(__x86_64__)
    case CCOMP_LEVEL_X86_64_V4: compose_v4(out, width, height, layers, count, run); break;
    case CCOMP_LEVEL_X86_64_V3: compose_v3(out, width, height, layers, count, run); break;
#endif
    default: compose_portable(out, width, height, layers, count, run); break;
    }
    free(run);
}

void ccomp_compose(uint8_t *out, int32_t width, int32_t height,
                   const ccomp_layer *layers, int32_t count) {
    ccomp_compose_level(ccomp_best_level(), out, width, height, layers, count);
}
