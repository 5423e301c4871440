// The compose job with pixman, for scripts/bench-peers.sh: layers read as raw straight-alpha
// RGBA, made premultiplied a8r8g8b8 with noData (0,0,0) made transparent on layer 3 (pixman
// has no straight-alpha input, so this pass is part of the job), then three OVERs with a
// solid mask carrying the opacity. The result stays premultiplied (no un-premultiply pass,
// which our compose does and this leaves out). Prints the best and median time of the
// blends alone and of the whole job.
//
//   pixman_compose DIR SIDE RUNS
#include <pixman.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/// Straight RGBA bytes to premultiplied native-endian ARGB words, noData (0,0,0) -> 0.
static void premultiply(const uint8_t *restrict in, uint32_t *restrict out, size_t n, int nodata) {
    for (size_t i = 0; i < n; i++) {
        const uint32_t r = in[4 * i], g = in[4 * i + 1], b = in[4 * i + 2];
        uint32_t a = in[4 * i + 3];
        if (nodata && (r == 0 || g == 0 || b == 0)) a = 0;
        const uint32_t pr = (r * a + 127) / 255, pg = (g * a + 127) / 255, pb = (b * a + 127) / 255;
        out[i] = a << 24 | pr << 16 | pg << 8 | pb;
    }
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: pixman_compose DIR SIDE RUNS\n"); return 2; }
    const int side = atoi(argv[2]), runs = atoi(argv[3]);
    const size_t n = (size_t)side * side;
    const double opacity[4] = {1.0, 0.6, 0.5, 0.8};
    uint8_t *raw[4];
    uint32_t *pre[4], *dst = aligned_alloc(64, n * 4);
    for (int l = 0; l < 4; l++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/layer%d.rgba", argv[1], l);
        FILE *f = fopen(path, "rb");
        raw[l] = malloc(n * 4);
        pre[l] = aligned_alloc(64, n * 4);
        if (!f || fread(raw[l], 4, n, f) != n) { fprintf(stderr, "cannot read %s\n", path); return 1; }
        fclose(f);
    }
    double *blend = malloc(sizeof(double) * runs), *total = malloc(sizeof(double) * runs);
    for (int r = 0; r < runs; r++) {
        const double t0 = now_ms();
        for (int l = 0; l < 4; l++) premultiply(raw[l], l == 0 ? dst : pre[l], n, l == 3);
        const double t1 = now_ms();
        pixman_image_t *d = pixman_image_create_bits(PIXMAN_a8r8g8b8, side, side, dst, side * 4);
        for (int l = 1; l < 4; l++) {
            pixman_image_t *s = pixman_image_create_bits(PIXMAN_a8r8g8b8, side, side, pre[l], side * 4);
            const pixman_color_t c = {0, 0, 0, (uint16_t)(opacity[l] * 0xffff + 0.5)};
            pixman_image_t *m = pixman_image_create_solid_fill(&c);
            pixman_image_composite32(PIXMAN_OP_OVER, s, m, d, 0, 0, 0, 0, 0, 0, side, side);
            pixman_image_unref(m);
            pixman_image_unref(s);
        }
        pixman_image_unref(d);
        const double t2 = now_ms();
        blend[r] = t2 - t1;
        total[r] = t2 - t0;
    }
    qsort(blend, runs, sizeof(double), by_value);
    qsort(total, runs, sizeof(double), by_value);
    printf("pixman-blend %.3f ms (best of %d; median %.3f)\n", blend[0], runs, blend[runs / 2]);
    printf("pixman %.3f ms (best of %d; median %.3f)\n", total[0], runs, total[runs / 2]);
    return dst[n / 2] == 1;
}
