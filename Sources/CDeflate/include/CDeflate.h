#ifndef IMAGEMAP_CDEFLATE_H
#define IMAGEMAP_CDEFLATE_H
/*
 * libdeflate (one-shot compression, CRC-32, Adler-32) and zlib (adler32_combine and the
 * inflate walk below), plus the few C lines that let independently compressed deflate
 * streams be joined into one.
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

#endif
