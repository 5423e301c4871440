// A fast deflate encoder for PNG's fast mode: greedy LZ77 with one hash probe a position,
// dynamic Huffman blocks, and LZ4's acceleration: after every 2^SKIP_SHIFT positions that
// found no match, the next probe is one byte further on (at most MAX_STEP bytes), so data
// that does not compress (the noise of an imagery layer) costs little more than its
// Huffman coding, and the first match found resets the step.
//
// On the up-filtered rows of the 2048x2048 benchmark composite (70 % white noise) it is
// 2.7x faster than libdeflate level 1 at 0.4 % more bytes; on a photo composite it runs at
// libdeflate's speed at 1.7 % more bytes (one core; SKIP_SHIFT 4 and 6 were measured too).
//
// It exists because libdeflate, otherwise the faster library, cannot end a stream on a
// non-final block: joining independently compressed stripes meant an inflate walk over
// every stripe but the last (half the cost of compressing it). Here each stripe simply
// ends with an empty stored block (a sync point), so stripes concatenate byte for byte.
//
// Each block of at most 65535 input bytes is sent as a dynamic Huffman block, or as a
// stored block when that is smaller, so the output never exceeds
// `cdeflate_fast_compress_bound`.

#include "CDeflate.h"

#include <stdlib.h>
#include <string.h>

enum {
    WINDOW = 32768,
    MIN_MATCH = 4,          // a match is found by comparing 4 bytes
    MAX_MATCH = 258,
    HASH_BITS = 15,
    SKIP_SHIFT = 5,         // probes without a match before the step grows by one
    MAX_STEP = 32,
    // Input bytes a block aims for; a block ends at most one match or one step later,
    // and a stored block holds at most 65535 bytes.
    BLOCK_TARGET = 65535 - MAX_MATCH - MAX_STEP,
    MAX_SEQUENCES = BLOCK_TARGET / MIN_MATCH + 2,
    LITLEN_SYMBOLS = 286,
    DIST_SYMBOLS = 30,
    CODELEN_SYMBOLS = 19,
    END_OF_BLOCK = 256,
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "FastDeflate.c writes its bit buffer as little-endian words"
#endif

/// A run of literals, then a match (length 0 for the block's final literals).
typedef struct {
    uint32_t literals;
    uint16_t length;
    uint16_t distance;
} sequence;

typedef struct {
    uint32_t litlen[LITLEN_SYMBOLS];
    uint32_t dist[DIST_SYMBOLS];
    uint64_t extra_bits;  // length and distance extra bits of the block
} frequencies;

typedef struct {
    uint16_t code[LITLEN_SYMBOLS > CODELEN_SYMBOLS ? LITLEN_SYMBOLS : CODELEN_SYMBOLS];
    uint8_t length[LITLEN_SYMBOLS > CODELEN_SYMBOLS ? LITLEN_SYMBOLS : CODELEN_SYMBOLS];
} huffman_code;

/// Bits are gathered LSB first in a 64-bit word and written 8 bytes at a time; the output
/// keeps 8 bytes of slack past its logical end for that.
typedef struct {
    uint64_t bits;
    unsigned count;
    uint8_t *out;
} bit_writer;

static inline uint32_t load32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t load64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/// Adds `n` bits; callers keep the total between flushes at 56 or less.
static inline void put(bit_writer *w, uint32_t bits, unsigned n) {
    w->bits |= (uint64_t)bits << w->count;
    w->count += n;
}

/// Writes the whole bytes gathered; at most 7 bits stay.
static inline void flush(bit_writer *w) {
    memcpy(w->out, &w->bits, 8);
    const unsigned bytes = w->count >> 3;
    w->out += bytes;
    w->bits = bytes == 8 ? 0 : w->bits >> (bytes * 8);
    w->count &= 7;
}

/// Pads with zero bits to the next byte boundary and writes everything gathered.
static inline void align(bit_writer *w) {
    w->count = (w->count + 7) & ~7u;
    flush(w);
}

// Symbols of lengths 3...258 and distances 1...32768 (RFC 1951 §3.2.5), with the number and
// value of their extra bits, by arithmetic on the bit length instead of tables.

static inline unsigned length_symbol(unsigned length, unsigned *extra_count, unsigned *extra) {
    const unsigned l = length - 3;
    if (l < 8) { *extra_count = 0; *extra = 0; return 257 + l; }
    if (length == 258) { *extra_count = 0; *extra = 0; return 285; }
    const unsigned nb = 31 - (unsigned)__builtin_clz(l);
    *extra_count = nb - 2;
    *extra = l & ((1u << (nb - 2)) - 1);
    return 257 + 4 * (nb - 1) + ((l >> (nb - 2)) & 3);
}

static inline unsigned distance_symbol(unsigned distance, unsigned *extra_count, unsigned *extra) {
    const unsigned d = distance - 1;
    if (d < 4) { *extra_count = 0; *extra = 0; return d; }
    const unsigned nb = 31 - (unsigned)__builtin_clz(d);
    *extra_count = nb - 1;
    *extra = d & ((1u << (nb - 1)) - 1);
    return 2 * nb + ((d >> (nb - 1)) & 1);
}

/// Bytes that `a` and `b` have in common from the start, up to `limit`.
static inline unsigned common_prefix(const uint8_t *a, const uint8_t *b, unsigned limit) {
    unsigned n = 0;
    while (n + 8 <= limit) {
        const uint64_t x = load64(a + n) ^ load64(b + n);
        if (x != 0) return n + ((unsigned)__builtin_ctzll(x) >> 3);
        n += 8;
    }
    while (n < limit && a[n] == b[n]) n++;
    return n;
}

// ---- Huffman codes ----------------------------------------------------------------------

typedef struct { uint32_t weight; uint16_t symbol; } weighted_symbol;

static int by_weight(const void *x, const void *y) {
    const weighted_symbol *a = x, *b = y;
    if (a->weight != b->weight) return a->weight < b->weight ? -1 : 1;
    return a->symbol < b->symbol ? -1 : a->symbol > b->symbol;
}

/// Code lengths of at most `limit` bits for the symbols of nonzero `freq`, written to
/// `lengths` (0 for unused symbols). The code is always complete: when fewer than two
/// symbols are used, unused ones are given a length too, since an inflater refuses an
/// incomplete code-length code and a litlen code of one symbol.
static void build_lengths(const uint32_t *freq, unsigned count, unsigned limit, uint8_t *lengths) {
    weighted_symbol sorted[LITLEN_SYMBOLS];
    unsigned n = 0;
    for (unsigned s = 0; s < count; s++) {
        lengths[s] = 0;
        if (freq[s]) sorted[n++] = (weighted_symbol){freq[s], (uint16_t)s};
    }
    for (unsigned s = 0; n < 2 && s < count; s++) {
        if (!freq[s]) sorted[n++] = (weighted_symbol){1, (uint16_t)s};
    }
    qsort(sorted, n, sizeof sorted[0], by_weight);

    // Moffat and Katajainen's in-place minimum-redundancy code: the weights, ascending,
    // become parent indices of the internal nodes, then node depths, then leaf depths.
    uint32_t a[LITLEN_SYMBOLS] = {0};
    for (unsigned i = 0; i < n; i++) a[i] = sorted[i].weight;
    a[0] += a[1];
    unsigned root = 0, leaf = 2;
    for (unsigned next = 1; next < n - 1; next++) {
        if (leaf >= n || a[root] < a[leaf]) { a[next] = a[root]; a[root++] = next; }
        else a[next] = a[leaf++];
        if (leaf >= n || (root < next && a[root] < a[leaf])) { a[next] += a[root]; a[root++] = next; }
        else a[next] += a[leaf++];
    }
    a[n - 2] = 0;
    for (int next = (int)n - 3; next >= 0; next--) a[next] = a[a[next]] + 1;
    int available = 1, used = 0, depth = 0, internal = (int)n - 2, next = (int)n - 1;
    while (available > 0) {
        while (internal >= 0 && (int)a[internal] == depth) { used++; internal--; }
        while (available > used) { a[next--] = (uint32_t)depth; available--; }
        available = 2 * used;
        depth++;
        used = 0;
    }

    // Lengths over the limit become the limit; then leaves are moved down from shorter
    // lengths until the Kraft sum is exactly 1 again.
    unsigned per_length[16] = {0};
    for (unsigned i = 0; i < n; i++) per_length[a[i] < limit ? a[i] : limit]++;
    uint32_t kraft = 0;
    for (unsigned l = 1; l <= limit; l++) kraft += per_length[l] << (limit - l);
    while (kraft > (1u << limit)) {
        per_length[limit]--;
        for (unsigned l = limit - 1; l > 0; l--) {
            if (per_length[l]) { per_length[l]--; per_length[l + 1] += 2; break; }
        }
        kraft--;
    }
    // The most frequent symbols (the end of `sorted`) get the shortest lengths.
    unsigned k = n;
    for (unsigned l = 1; l <= limit; l++) {
        for (unsigned j = per_length[l]; j > 0; j--) lengths[sorted[--k].symbol] = (uint8_t)l;
    }
}

/// The canonical code for `lengths` (RFC 1951 §3.2.2), bit-reversed for LSB-first output.
static void assign_codes(const uint8_t *lengths, unsigned count, uint16_t *codes) {
    unsigned per_length[16] = {0}, next_code[16];
    for (unsigned s = 0; s < count; s++) per_length[lengths[s]]++;
    per_length[0] = 0;
    unsigned code = 0;
    for (unsigned l = 1; l < 16; l++) {
        code = (code + per_length[l - 1]) << 1;
        next_code[l] = code;
    }
    for (unsigned s = 0; s < count; s++) {
        const unsigned l = lengths[s];
        if (!l) { codes[s] = 0; continue; }
        unsigned c = next_code[l]++, reversed = 0;
        for (unsigned i = 0; i < l; i++) { reversed = (reversed << 1) | (c & 1); c >>= 1; }
        codes[s] = (uint16_t)reversed;
    }
}

// ---- Blocks -------------------------------------------------------------------------------

/// A dynamic block's header: the code lengths of both alphabets, run-length coded with
/// symbols 16 (repeat the previous 3-6 times), 17 (3-10 zeros) and 18 (11-138 zeros).
typedef struct {
    unsigned hlit, hdist, hclen;
    uint8_t symbols[LITLEN_SYMBOLS + DIST_SYMBOLS];
    uint8_t extras[LITLEN_SYMBOLS + DIST_SYMBOLS];
    unsigned count;
    uint8_t codelen_lengths[CODELEN_SYMBOLS];
    uint16_t codelen_codes[CODELEN_SYMBOLS];
    uint64_t bits;  // the header's size in bits
} block_header;

static const uint8_t codelen_order[CODELEN_SYMBOLS] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
static const uint8_t codelen_extra_bits[CODELEN_SYMBOLS] = {[16] = 2, [17] = 3, [18] = 7};

static void plan_header(block_header *h, const uint8_t *litlen_lengths, const uint8_t *dist_lengths) {
    h->hlit = LITLEN_SYMBOLS;
    while (h->hlit > 257 && litlen_lengths[h->hlit - 1] == 0) h->hlit--;
    h->hdist = DIST_SYMBOLS;
    while (h->hdist > 1 && dist_lengths[h->hdist - 1] == 0) h->hdist--;
    uint8_t all[LITLEN_SYMBOLS + DIST_SYMBOLS];
    memcpy(all, litlen_lengths, h->hlit);
    memcpy(all + h->hlit, dist_lengths, h->hdist);
    const unsigned total = h->hlit + h->hdist;

    uint32_t freq[CODELEN_SYMBOLS] = {0};
    h->count = 0;
#define EMIT(symbol, extra) do { h->symbols[h->count] = (symbol); h->extras[h->count++] = (extra); freq[(symbol)]++; } while (0)
    for (unsigned i = 0; i < total;) {
        const uint8_t value = all[i];
        unsigned run = 1;
        while (i + run < total && all[i + run] == value) run++;
        i += run;
        if (value == 0) {
            while (run >= 11) { const unsigned r = run < 138 ? run : 138; EMIT(18, r - 11); run -= r; }
            if (run >= 3) { EMIT(17, run - 3); run = 0; }
        } else {
            EMIT(value, 0);
            run--;
            while (run >= 3) { const unsigned r = run < 6 ? run : 6; EMIT(16, r - 3); run -= r; }
        }
        while (run--) EMIT(value, 0);
    }
#undef EMIT
    build_lengths(freq, CODELEN_SYMBOLS, 7, h->codelen_lengths);
    assign_codes(h->codelen_lengths, CODELEN_SYMBOLS, h->codelen_codes);
    h->hclen = CODELEN_SYMBOLS;
    while (h->hclen > 4 && h->codelen_lengths[codelen_order[h->hclen - 1]] == 0) h->hclen--;
    h->bits = 3 + 5 + 5 + 4 + 3 * (uint64_t)h->hclen;
    for (unsigned s = 0; s < CODELEN_SYMBOLS; s++) {
        h->bits += (uint64_t)freq[s] * (h->codelen_lengths[s] + codelen_extra_bits[s]);
    }
}

static void write_header(bit_writer *w, const block_header *h, int final) {
    put(w, (unsigned)final, 1);
    put(w, 2, 2);  // BTYPE 10: dynamic Huffman codes
    put(w, h->hlit - 257, 5);
    put(w, h->hdist - 1, 5);
    put(w, h->hclen - 4, 4);
    flush(w);
    for (unsigned i = 0; i < h->hclen; i++) {
        put(w, h->codelen_lengths[codelen_order[i]], 3);
        if (i % 8 == 7) flush(w);
    }
    flush(w);
    for (unsigned i = 0; i < h->count; i++) {
        const unsigned s = h->symbols[i];
        put(w, h->codelen_codes[s], h->codelen_lengths[s]);
        put(w, h->extras[i], codelen_extra_bits[s]);
        flush(w);
    }
}

static void write_stored(bit_writer *w, const uint8_t *data, unsigned length, int final) {
    put(w, (unsigned)final, 1);
    put(w, 0, 2);  // BTYPE 00: stored
    align(w);
    put(w, length, 16);
    put(w, ~length & 0xFFFF, 16);
    flush(w);
    memcpy(w->out, data, length);
    w->out += length;
}

/// Emits a block of `count` sequences that cover `data` with its dynamic code, or the bytes
/// stored if that is smaller.
static void write_block(bit_writer *w, const uint8_t *data, unsigned length, const sequence *seqs, size_t count,
                        frequencies *f, int final) {
    f->litlen[END_OF_BLOCK] = 1;
    huffman_code litlen, dist;
    build_lengths(f->litlen, LITLEN_SYMBOLS, 15, litlen.length);
    build_lengths(f->dist, DIST_SYMBOLS, 15, dist.length);
    block_header header;
    plan_header(&header, litlen.length, dist.length);
    uint64_t bits = header.bits + f->extra_bits;
    for (unsigned s = 0; s < LITLEN_SYMBOLS; s++) bits += (uint64_t)f->litlen[s] * litlen.length[s];
    for (unsigned s = 0; s < DIST_SYMBOLS; s++) bits += (uint64_t)f->dist[s] * dist.length[s];
    // A stored block: 3 header bits, up to 7 to align, LEN and NLEN, the bytes.
    if (bits >= 3 + 7 + 32 + 8 * (uint64_t)length) { write_stored(w, data, length, final); return; }

    assign_codes(litlen.length, LITLEN_SYMBOLS, litlen.code);
    assign_codes(dist.length, DIST_SYMBOLS, dist.code);
    write_header(w, &header, final);
    const uint8_t *p = data;
    for (size_t i = 0; i < count; i++) {
        uint32_t n = seqs[i].literals;
        for (; n >= 3; n -= 3, p += 3) {
            put(w, litlen.code[p[0]], litlen.length[p[0]]);
            put(w, litlen.code[p[1]], litlen.length[p[1]]);
            put(w, litlen.code[p[2]], litlen.length[p[2]]);
            flush(w);
        }
        for (; n > 0; n--, p++) put(w, litlen.code[*p], litlen.length[*p]);
        flush(w);
        if (seqs[i].length) {
            unsigned extra_count, extra;
            const unsigned ls = length_symbol(seqs[i].length, &extra_count, &extra);
            put(w, litlen.code[ls], litlen.length[ls]);
            put(w, extra, extra_count);
            const unsigned ds = distance_symbol(seqs[i].distance, &extra_count, &extra);
            put(w, dist.code[ds], dist.length[ds]);
            put(w, extra, extra_count);
            flush(w);
            p += seqs[i].length;
        }
    }
    put(w, litlen.code[END_OF_BLOCK], litlen.length[END_OF_BLOCK]);
    flush(w);
}

// ---- Match finding -----------------------------------------------------------------------

static inline uint32_t hash4(uint32_t v) { return (v * 0x1E35A7BDu) >> (32 - HASH_BITS); }

static inline void record(sequence *seqs, size_t *count, frequencies *f, const uint8_t *literals, uint32_t n,
                          unsigned length, unsigned distance) {
    for (uint32_t i = 0; i < n; i++) f->litlen[literals[i]]++;
    seqs[*count] = (sequence){n, (uint16_t)length, (uint16_t)distance};
    (*count)++;
    if (length) {
        unsigned extra_count, extra;
        f->litlen[length_symbol(length, &extra_count, &extra)]++;
        f->extra_bits += extra_count;
        f->dist[distance_symbol(distance, &extra_count, &extra)]++;
        f->extra_bits += extra_count;
    }
}

size_t cdeflate_fast_compress_bound(size_t length) {
    // Every block is at worst stored (5 bytes of framing per block of >= BLOCK_TARGET
    // bytes), plus the closing sync block and the writer's 8 bytes of slack.
    return length + 5 * (length / BLOCK_TARGET + 2) + 16;
}

size_t cdeflate_fast_compress(const uint8_t *in, size_t length, uint8_t *out, size_t capacity, int is_last) {
    // Positions are kept in 32 bits; callers compress stripes of a few MiB.
    if (length > UINT32_MAX || capacity < cdeflate_fast_compress_bound(length)) return 0;
    uint32_t *table = calloc((size_t)1 << HASH_BITS, sizeof *table);
    sequence *seqs = malloc(MAX_SEQUENCES * sizeof *seqs);
    if (table == NULL || seqs == NULL) { free(table); free(seqs); return 0; }

    bit_writer w = {0, 0, out};
    const uint8_t *const end = in + length;
    // The last position where 4 bytes can be read and a match can still be recorded.
    const uint8_t *const last_probe = length >= MIN_MATCH ? end - MIN_MATCH : in;
    const uint8_t *block = in;
    while (block < end) {
        frequencies f;
        memset(&f, 0, sizeof f);
        size_t count = 0;
        const uint8_t *const target = end - block > BLOCK_TARGET ? block + BLOCK_TARGET : end;
        const uint8_t *p = block, *anchor = block;
        unsigned attempts = 1u << SKIP_SHIFT;
        while (p < target && p < last_probe) {
            const uint32_t v = load32(p);
            const uint32_t h = hash4(v);
            const uint8_t *candidate = in + table[h];
            table[h] = (uint32_t)(p - in);
            const size_t distance = (size_t)(p - candidate);
            if (distance - 1 < WINDOW && load32(candidate) == v) {
                const size_t room = (size_t)(end - p) < MAX_MATCH ? (size_t)(end - p) : MAX_MATCH;
                unsigned match = MIN_MATCH + common_prefix(p + MIN_MATCH, candidate + MIN_MATCH, (unsigned)room - MIN_MATCH);
                // The step may have jumped past the start of the match: extend it back.
                while (p > anchor && candidate > in && match < MAX_MATCH && p[-1] == candidate[-1]) {
                    p--; candidate--; match++;
                }
                record(seqs, &count, &f, anchor, (uint32_t)(p - anchor), match, (unsigned)distance);
                // Every position inside the match goes into the table too (as libdeflate's
                // fastest level does): images repeat row patterns, and on the photo composite
                // of scripts/codec-measurements.md this made the output 7 % smaller.
                const uint8_t *const covered = p + match < last_probe ? p + match : last_probe;
                for (const uint8_t *q = p + 1; q < covered; q++) table[hash4(load32(q))] = (uint32_t)(q - in);
                p += match;
                anchor = p;
                attempts = 1u << SKIP_SHIFT;
            } else {
                const unsigned step = attempts++ >> SKIP_SHIFT;
                p += step < MAX_STEP ? step : MAX_STEP;
            }
        }
        // The block ends where matching stopped (the stream's end once past the last probe).
        const uint8_t *block_end = p >= last_probe || p > end ? end : p;
        record(seqs, &count, &f, anchor, (uint32_t)(block_end - anchor), 0, 0);
        const int final = is_last && block_end == end;
        write_block(&w, block, (unsigned)(block_end - block), seqs, count, &f, final);
        block = block_end;
    }
    if (length == 0 && is_last) {
        write_stored(&w, in, 0, 1);
    } else if (!is_last) {
        write_stored(&w, in, 0, 0);  // the sync point: an empty stored block ends byte-aligned
    }
    align(&w);
    free(table);
    free(seqs);
    return (size_t)(w.out - out);
}
