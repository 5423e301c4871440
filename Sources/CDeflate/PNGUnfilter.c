#include "CDeflate.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/*
 * One pixel at a time, in 32-bit words: `in` has `bpp` (3 or 4) bytes a pixel, `out` and
 * `prior` (the previous output row, or NULL for the first row) have 4. Every pixel is loaded
 * before its output is stored, which is what lets `in` overlap `out` (see CDeflate.h).
 * Bytewise sums without carries between bytes (SWAR); Paeth in SSE2's 16-bit lanes.
 */

__attribute__((always_inline)) static inline uint32_t load_pixel(const uint8_t *p, unsigned bpp) {
    uint32_t v = 0;
    memcpy(&v, p, bpp); /* little and big endian alike: bytes stay in memory order */
    return v;
}

static inline void store_pixel(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* x + y in each byte, modulo 256. */
static inline uint32_t add_bytes(uint32_t x, uint32_t y) {
    return ((x & 0x7f7f7f7fu) + (y & 0x7f7f7f7fu)) ^ ((x ^ y) & 0x80808080u);
}

/* floor((x + y) / 2) in each byte. */
static inline uint32_t average_bytes(uint32_t x, uint32_t y) {
    return (x & y) + (((x ^ y) >> 1) & 0x7f7f7f7fu);
}

static inline int paeth_byte(int a, int b, int c) {
    int pa = b - c, pb = a - c, pc = pa + pb;
    pa = pa < 0 ? -pa : pa;
    pb = pb < 0 ? -pb : pb;
    pc = pc < 0 ? -pc : pc;
    int nearest = pb <= pc ? b : c;
    return pa <= pb && pa <= pc ? a : nearest;
}

__attribute__((always_inline)) static inline int unfilter_row(unsigned filter, const uint8_t *in, uint8_t *out, const uint8_t *prior,
                               size_t width, unsigned bpp) {
    /* An opaque alpha byte for RGB; for RGBA the alpha is a sample like the others. */
    uint32_t opaque = 0;
    if (bpp == 3) { const uint8_t ff[4] = {0, 0, 0, 0xff}; memcpy(&opaque, ff, 4); }
    if (prior == NULL) {
        if (filter == 2) filter = 0;      /* Up over a zero row is None */
        else if (filter == 4) filter = 1; /* Paeth over a zero row is Sub */
    }
    switch (filter) {
    case 0:
        for (size_t x = 0; x < width; x++) store_pixel(out + 4 * x, load_pixel(in + bpp * x, bpp) | opaque);
        return 0;
    case 1: {
        uint32_t a = 0;
        for (size_t x = 0; x < width; x++) {
            a = add_bytes(load_pixel(in + bpp * x, bpp), a);
            store_pixel(out + 4 * x, a | opaque);
        }
        return 0;
    }
    case 2:
        for (size_t x = 0; x < width; x++) {
            uint32_t b = load_pixel(prior + 4 * x, 4);
            store_pixel(out + 4 * x, add_bytes(load_pixel(in + bpp * x, bpp), b) | opaque);
        }
        return 0;
    case 3: {
        uint32_t a = 0;
        if (prior == NULL) {
            for (size_t x = 0; x < width; x++) {
                a = add_bytes(load_pixel(in + bpp * x, bpp), (a >> 1) & 0x7f7f7f7fu);
                store_pixel(out + 4 * x, a | opaque);
                a &= ~opaque;
            }
        } else {
            for (size_t x = 0; x < width; x++) {
                uint32_t b = load_pixel(prior + 4 * x, 4) & ~opaque;
                a = add_bytes(load_pixel(in + bpp * x, bpp), average_bytes(a, b));
                store_pixel(out + 4 * x, a | opaque);
                a &= ~opaque;
            }
        }
        return 0;
    }
    case 4: {
#if defined(__SSE2__)
        const __m128i zero = _mm_setzero_si128();
        const __m128i alpha = _mm_cvtsi32_si128((int)opaque);
        __m128i a = zero, c = zero;
        for (size_t x = 0; x < width; x++) {
            __m128i b = _mm_unpacklo_epi8(_mm_cvtsi32_si128((int)load_pixel(prior + 4 * x, 4)), zero);
            __m128i pa = _mm_sub_epi16(b, c); /* p - a */
            __m128i pb = _mm_sub_epi16(a, c); /* p - b */
            __m128i pc = _mm_add_epi16(pa, pb); /* p - c */
            pa = _mm_max_epi16(pa, _mm_sub_epi16(zero, pa));
            pb = _mm_max_epi16(pb, _mm_sub_epi16(zero, pb));
            pc = _mm_max_epi16(pc, _mm_sub_epi16(zero, pc));
            __m128i smallest = _mm_min_epi16(pc, _mm_min_epi16(pa, pb));
            /* Ties go to a, then b, then c. */
            __m128i useB = _mm_cmpeq_epi16(smallest, pb);
            __m128i nearest = _mm_or_si128(_mm_and_si128(useB, b), _mm_andnot_si128(useB, c));
            __m128i useA = _mm_cmpeq_epi16(smallest, pa);
            nearest = _mm_or_si128(_mm_and_si128(useA, a), _mm_andnot_si128(useA, nearest));
            __m128i sum = _mm_add_epi8(_mm_cvtsi32_si128((int)load_pixel(in + bpp * x, bpp)),
                                       _mm_packus_epi16(nearest, nearest));
            store_pixel(out + 4 * x, (uint32_t)_mm_cvtsi128_si32(_mm_or_si128(sum, alpha)));
            a = _mm_unpacklo_epi8(sum, zero);
            c = b;
        }
#else
        for (size_t x = 0; x < width; x++) {
            const uint8_t *raw = in + bpp * x;
            uint8_t *o = out + 4 * x;
            const uint8_t *up = prior + 4 * x;
            uint8_t pixel[4];
            for (unsigned k = 0; k < bpp; k++) {
                int a = x > 0 ? (o - 4)[k] : 0, b = up[k], c = x > 0 ? (up - 4)[k] : 0;
                pixel[k] = (uint8_t)(raw[k] + paeth_byte(a, b, c));
            }
            if (bpp == 3) pixel[3] = 0xff;
            memcpy(o, pixel, 4);
        }
#endif
        return 0;
    }
    default:
        return -1;
    }
}

int cdeflate_png_unfilter_rgba(const uint8_t *in, uint8_t *out, size_t width, size_t height, unsigned channels) {
    if (channels != 3 && channels != 4) return -1;
    const size_t inStride = 1 + width * channels, outStride = width * 4;
    const uint8_t *prior = NULL;
    for (size_t y = 0; y < height; y++) {
        const uint8_t *row = in + y * inStride;
        uint8_t *dest = out + y * outStride;
        int status = channels == 3 ? unfilter_row(row[0], row + 1, dest, prior, width, 3)
                                   : unfilter_row(row[0], row + 1, dest, prior, width, 4);
        if (status != 0) return status;
        prior = dest;
    }
    return 0;
}
