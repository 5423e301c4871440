/*
 * The C side of the codec measurements: libpng (simplified API) and TurboJPEG decode,
 * libpng default PNG encode (zlib 6, adaptive filters) and TurboJPEG q85 4:2:0 encode,
 * on the same files the Swift side (scripts/codec-bench-swift) times. min / median of N runs,
 * CPU milliseconds, one thread, a fresh output buffer per run as a decoder returning an image must allocate.
 *
 *   cc -O2 -o /tmp/codec-bench scripts/codec-bench.c -lpng16 -lturbojpeg
 *   /tmp/codec-bench /tmp/codecbench
 */
#include <png.h>
#include <turbojpeg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Process CPU time: on a shared, loaded machine it is steadier than wall time (one thread here). */
static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }
static double median(double *v, int n) { qsort(v, n, sizeof *v, cmp); return v[n / 2]; }
/* "min / median" of n sorted-in-place timings: the minimum is the least disturbed run on a shared machine. */
static const char *stats(double *v, int n) { static char text[64]; double m = median(v, n); snprintf(text, sizeof text, "%.2f / %.2f", v[0], m); return text; }

static unsigned char *slurp(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb"); if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END); *size = (size_t)ftell(f); fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(*size); if (fread(b, 1, *size, f) != *size) exit(1); fclose(f); return b;
}

enum { RUNS = 31 };

static void bench_png_decode(const char *path) {
    size_t size; unsigned char *bytes = slurp(path, &size); double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double s = now_ms();
        png_image image; memset(&image, 0, sizeof image); image.version = PNG_IMAGE_VERSION;
        if (!png_image_begin_read_from_memory(&image, bytes, size)) exit(2);
        image.format = PNG_FORMAT_RGBA; image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
        unsigned char *out = malloc(PNG_IMAGE_SIZE(image));
        if (!png_image_finish_read(&image, NULL, out, 0, NULL)) exit(3);
        t[r] = now_ms() - s; free(out);
    }
    printf("C libpng decode %s: %s ms\n", strrchr(path, '/') + 1, stats(t, RUNS)); free(bytes);
}

static void bench_jpeg_decode(const char *path) {
    size_t size; unsigned char *bytes = slurp(path, &size); double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
        double s = now_ms();
        tjhandle h = tjInitDecompress(); int w, hh, ss, cs;
        if (tjDecompressHeader3(h, bytes, size, &w, &hh, &ss, &cs)) exit(4);
        unsigned char *out = malloc((size_t)w * hh * 4);
        if (tjDecompress2(h, bytes, size, out, w, 0, hh, TJPF_RGBA, TJFLAG_LIMITSCANS | TJFLAG_STOPONWARNING)) exit(5);
        tjDestroy(h); t[r] = now_ms() - s; free(out);
    }
    printf("C TurboJPEG decode %s: %s ms\n", strrchr(path, '/') + 1, stats(t, RUNS)); free(bytes);
}

typedef struct { unsigned char *p; size_t n, cap; } membuf;
static void mem_write(png_structp p, png_bytep d, png_size_t n) {
    membuf *b = png_get_io_ptr(p);
    if (b->n + n > b->cap) { b->cap = (b->n + n) * 2; b->p = realloc(b->p, b->cap); }
    memcpy(b->p + b->n, d, n); b->n += n;
}
static void mem_flush(png_structp p) { (void)p; }

static void bench_encode(const char *path, int w, int h) {
    size_t size; unsigned char *rgba = slurp(path, &size);
    int opaque = 1; for (size_t i = 3; i < size; i += 4) if (rgba[i] != 255) { opaque = 0; break; }
    int channels = opaque ? 3 : 4;
    unsigned char *rows = malloc((size_t)w * h * channels);
    for (size_t i = 0; i < (size_t)w * h; i++) memcpy(rows + i * channels, rgba + i * 4, channels);
    int runs = 5; double t[RUNS]; size_t png_size = 0;
    for (int r = 0; r < runs; r++) {
        double s = now_ms(); membuf b = {0};
        png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
        png_infop info = png_create_info_struct(p);
        if (setjmp(png_jmpbuf(p))) exit(6);
        png_set_write_fn(p, &b, mem_write, mem_flush);
        png_set_IHDR(p, info, w, h, 8, opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA, 0, 0, 0);
        png_write_info(p, info);
        for (int y = 0; y < h; y++) png_write_row(p, rows + (size_t)y * w * channels);
        png_write_end(p, info); png_destroy_write_struct(&p, &info);
        t[r] = now_ms() - s; png_size = b.n; free(b.p);
    }
    printf("C libpng default encode %s: %s ms, %zu bytes\n", strrchr(path, '/') + 1, stats(t, runs), png_size);
    unsigned long jsize = 0;
    for (int r = 0; r < RUNS; r++) {
        double s = now_ms(); tjhandle hd = tjInitCompress(); unsigned char *jpeg = NULL;
        if (tjCompress2(hd, rgba, w, 0, h, TJPF_RGBX, &jpeg, &jsize, TJSAMP_420, 85, 0)) exit(7);
        unsigned char *copy = malloc(jsize); memcpy(copy, jpeg, jsize); /* returned as the caller's buffer */
        tjFree(jpeg); tjDestroy(hd); free(copy); t[r] = now_ms() - s;
    }
    printf("C TurboJPEG q85 4:2:0 encode %s (alpha ignored): %s ms, %lu bytes\n", strrchr(path, '/') + 1, stats(t, RUNS), jsize);
    free(rows); free(rgba);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp/codecbench";
    char path[4096];
    snprintf(path, sizeof path, "%s/overlay1.png", dir); bench_png_decode(path);
    snprintf(path, sizeof path, "%s/overlay_rgb.png", dir); bench_png_decode(path);
    snprintf(path, sizeof path, "%s/base.jpg", dir); bench_jpeg_decode(path);
    snprintf(path, sizeof path, "%s/composite.rgba", dir); bench_encode(path, 2048, 2048);
    snprintf(path, sizeof path, "%s/composite_alpha.rgba", dir); bench_encode(path, 2048, 2048);
    return 0;
}
