#ifndef IMAGEMAP_CDEFLATE_H
#define IMAGEMAP_CDEFLATE_H
/*
 * libdeflate (one-shot compression, CRC-32, Adler-32), zlib (adler32_combine and the
 * inflate walk below) and ISA-L (streaming inflate), plus the few C lines that let
 * independently compressed deflate streams be joined into one, a fast deflate encoder and
 * PNG unfiltering.
 */
#include <stddef.h>
#include <stdint.h>
#include <libdeflate.h>
#include <zlib.h>

/// Bytes that `cdeflate_make_joinable` may append to a stream.
#define CDEFLATE_JOIN_SLACK 6
static const size_t cdeflate_join_slack = CDEFLATE_JOIN_SLACK;

/*
 * Makes a complete raw deflate stream (as libdeflate_deflate_compress writes it) joinable:
 * clears the BFINAL bit of its last block and appends empty blocks up to the next byte
 * boundary, so that another raw deflate stream can follow it byte for byte and the two
 * decode as one stream. This is zlib's examples/gzjoin.c technique; zlib's inflate is run
 * with Z_BLOCK to find the last block and the end bit (libdeflate has no flush).
 *
 * `stream` holds `length` bytes and has room for `length + CDEFLATE_JOIN_SLACK`.
 * Returns the new length, or 0 if the bytes are not one complete raw deflate stream.
 */
size_t cdeflate_make_joinable(uint8_t *stream, size_t length, size_t capacity);

/*
 * Unfilters the inflated scanlines of a non-interlaced 8-bit PNG with `channels` 3 (RGB) or 4
 * (RGBA) samples a pixel and writes RGBA8 (alpha 255 for RGB) rows of `width * 4` bytes to `out`.
 * `in` holds `height` rows of `1 + width * channels` bytes (a filter type byte, then the row).
 *
 * `in` may lie inside `out`'s buffer, at or after the place where the RGBA rows start, as
 * long as it ends no later than `out + width * height * 4`: each row is read before the
 * bytes that hold it are overwritten (rows only move towards the start of the buffer).
 * So one buffer of `width * height * 4` bytes can hold the inflated data at its end and be
 * unfiltered into in place. (For RGBA the data must start at `out` at the latest and end
 * at `out + width * height * 4 + height`, i.e. the buffer needs `height` bytes of slack.)
 *
 * Returns 0, or -1 if a row has a filter type other than 0...4 (`out` then holds garbage).
 */
int cdeflate_png_unfilter_rgba(const uint8_t *in, uint8_t *out, size_t width, size_t height, unsigned channels);

/// A zlib stream being inflated into one buffer (StreamingInflate.c, ISA-L's igzip).
typedef struct cdeflate_inflater cdeflate_inflater;

/// An inflater writing to `out`, which has room for `capacity` bytes; NULL if memory could
/// not be allocated or `capacity` is 4 GiB or more.
cdeflate_inflater *cdeflate_inflater_new(uint8_t *out, size_t capacity);

/*
 * Inflates the next `count` bytes of the zlib stream. Returns 1 once the stream has ended
 * (its Adler-32 checked), 0 if it wants more input, and -1 if the stream is corrupt, needs a
 * preset dictionary, does not fit the output, or has bytes after its end. After -1 the
 * inflater only answers -1. With `count` 0 it only returns that state (the PNG decoder asks
 * at IEND whether the stream has ended).
 */
int cdeflate_inflater_feed(cdeflate_inflater *inflater, const uint8_t *in, size_t count);

/// Bytes written to the output so far.
size_t cdeflate_inflater_produced(const cdeflate_inflater *inflater);

void cdeflate_inflater_free(cdeflate_inflater *inflater);

/*
 * Compresses `length` bytes as raw deflate blocks with a fast greedy encoder
 * (FastDeflate.c). With `is_last` the last block is final; otherwise the output ends with an
 * empty non-final stored block, on a byte boundary, so that another stream's blocks can
 * follow it byte for byte (each call starts with an empty window: no match reaches back
 * into an earlier call's bytes). `out` must have room for
 * `cdeflate_fast_compress_bound(length)` bytes. Returns the bytes written, or 0 if `out` is
 * too small, `length` is 4 GiB or more, or memory could not be allocated.
 */
size_t cdeflate_fast_compress(const uint8_t *in, size_t length, uint8_t *out, size_t capacity, int is_last);

/// The most bytes `cdeflate_fast_compress` writes for `length` input bytes.
size_t cdeflate_fast_compress_bound(size_t length);

#endif
