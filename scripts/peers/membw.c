// The memory-bandwidth floor for compositing on this machine, single core.
//
// "read 2 + write 1" is one blend's traffic (source and destination read, destination
// written: 12 bytes a pixel); "read 4 + write 1" is the traffic of a fused pass over four
// layers (20 bytes a pixel). Each loop ORs 64-byte words and is bound by memory alone.
// Built by scripts/bench-peers.sh with -O2 -march=native; prints GB/s (bytes the loop asks
// for, not counting the read-for-ownership of the written line) and the best ms of 21 runs.
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

#define RUNS 21

static double best_ms(int inputs, uint64_t *restrict const *in, uint64_t *restrict out, size_t words) {
    double t[RUNS];
    for (int r = 0; r < RUNS; r++) {
        const double start = now_ms();
        if (inputs == 2) {
            for (size_t i = 0; i < words; i++) out[i] = in[0][i] | in[1][i];
        } else {
            for (size_t i = 0; i < words; i++) out[i] = in[0][i] | in[1][i] | in[2][i] | in[3][i];
        }
        t[r] = now_ms() - start;
    }
    qsort(t, RUNS, sizeof t[0], by_value);
    return t[0];
}

int main(int argc, char **argv) {
    const size_t side = argc > 1 ? (size_t)atoi(argv[1]) : 2048;
    const size_t bytes = side * side * 4, words = bytes / 8;
    uint64_t *in[4], *out = aligned_alloc(64, bytes);
    for (int i = 0; i < 4; i++) {
        in[i] = aligned_alloc(64, bytes);
        memset(in[i], i + 1, bytes);
    }
    memset(out, 0, bytes);
    const double t2 = best_ms(2, in, out, words), t4 = best_ms(4, in, out, words);
    printf("membw %zux%zu read2+write1: %.3f ms %.1f GB/s (12 B/px)\n", side, side, t2, 3.0 * bytes / t2 / 1e6);
    printf("membw %zux%zu read4+write1: %.3f ms %.1f GB/s (20 B/px)\n", side, side, t4, 5.0 * bytes / t4 / 1e6);
    return out[words / 2] == 42;
}
