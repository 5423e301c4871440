#ifndef IMAGEMAP_CCOMPOSITING_H
#define IMAGEMAP_CCOMPOSITING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What makes a pixel of a layer NoData (transparent).
typedef enum {
    CCOMP_NODATA_NONE = 0,  ///< no noData test
    CCOMP_NODATA_ANY = 1,   ///< transparent when any of R, G, B equals its value
    CCOMP_NODATA_ALL = 2,   ///< transparent when R, G and B all equal their values
} ccomp_nodata_mode;

/// One layer, already clipped to the canvas by the caller.
///
/// `pixels` points at the layer pixel that lands on canvas pixel (`x`, `y`); rows are
/// `row_bytes` apart. The visible rectangle is `width` x `height` canvas pixels, inside
/// the canvas. Pixels are RGBA8 with straight (not premultiplied) alpha.
typedef struct {
    const uint8_t *pixels;
    ptrdiff_t row_bytes;
    int32_t x, y, width, height;
    /// Layer opacity in 0...1 divided by 255: multiplies the 8-bit alpha.
    float alpha_scale;
    /// A `ccomp_nodata_mode`.
    int32_t nodata_mode;
    /// The noData value of R, G, B; -1 (or anything outside 0...255) never matches.
    int32_t nodata[3];
} ccomp_layer;

/// Instruction-set levels of the kernel, as `ccomp_compose_level` takes them.
enum {
    CCOMP_LEVEL_PORTABLE = 0,   ///< the baseline of the target (SSE2 on x86-64, NEON on arm64)
    CCOMP_LEVEL_X86_64_V3 = 1,  ///< AVX2 + FMA
    CCOMP_LEVEL_X86_64_V4 = 2,  ///< AVX-512 F/BW/DQ/VL
};

/// The best level this CPU runs.
int32_t ccomp_best_level(void);

/// Composes `count` layers, bottom first, with source-over onto a transparent canvas of
/// `width` x `height` and writes the straight-alpha RGBA8 result to `out`
/// (`width * height * 4` bytes, every byte written). Uses the best level of this CPU.
void ccomp_compose(uint8_t *out, int32_t width, int32_t height,
                   const ccomp_layer *layers, int32_t count);

/// `ccomp_compose` at a given level; a level above `ccomp_best_level()` runs the best one.
/// Every level gives bit-identical results.
void ccomp_compose_level(int32_t level, uint8_t *out, int32_t width, int32_t height,
                         const ccomp_layer *layers, int32_t count);

#ifdef __cplusplus
}
#endif

#endif
