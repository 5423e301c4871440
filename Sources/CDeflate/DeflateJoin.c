#include "CDeflate.h"
#include <stdlib.h>

size_t cdeflate_make_joinable(uint8_t *stream, size_t length, size_t capacity) {
    if (length == 0 || capacity < length + CDEFLATE_JOIN_SLACK) return 0;
    enum { JUNK = 1 << 16 };
    uint8_t *junk = malloc(JUNK);
    if (junk == NULL) return 0;
    z_stream z = {0};
    if (inflateInit2(&z, -15) != Z_OK) { free(junk); return 0; }
    z.next_in = stream;
    z.avail_in = (uInt)length; /* callers keep stripes far below 4 GiB */

    /* Where the BFINAL bit of the block being decoded lives: the first block starts at bit 0. */
    size_t headerByte = 0;
    uint8_t headerMask = 1;
    int ok = 0;
    for (;;) {
        z.next_out = junk;
        z.avail_out = JUNK;
        int ret = inflate(&z, Z_BLOCK);
        if (ret != Z_OK && ret != Z_BUF_ERROR) break;
        if (ret == Z_BUF_ERROR && z.avail_in == 0) break; /* truncated */
        if (z.data_type & 128) {                /* stopped at a block boundary */
            if (z.data_type & 64) {           /* ...after the last block: done */
                ok = 1;
                break;
            }
            unsigned unused = (unsigned)z.data_type & 7;
            size_t used = (size_t)(z.next_in - stream);
            if (unused != 0) {                 /* next header is in the last used byte */
                headerByte = used - 1;
                headerMask = (uint8_t)(0x100 >> unused);
            } else {
                headerByte = used;
                headerMask = 1;
                if (headerByte >= length) break;
            }
        }
    }
    unsigned unused = (unsigned)z.data_type & 7;
    size_t used = (size_t)(z.next_in - stream);
    inflateEnd(&z);
    free(junk);
    if (!ok || used != length) return 0;

    stream[headerByte] &= (uint8_t)~headerMask; /* the last block is no longer last */
    if (unused == 0) return length;             /* already ends on a byte boundary */

    /* Pad with empty non-final blocks to a byte boundary (as gzjoin does). */
    size_t n = length - 1;
    uint8_t last = stream[n] & (uint8_t)((0x100 >> unused) - 1);
    if (unused & 1) {
        /* odd: an empty stored block, whose 3 header bits fit, then aligns */
        stream[n++] = last;
        if (unused == 1) stream[n++] = 0;
        stream[n++] = 0; stream[n++] = 0; stream[n++] = 0xff; stream[n++] = 0xff;
    } else {
        /* even: one, two or three empty fixed-Huffman blocks of 10 bits each */
        switch (unused) {
        case 6: stream[n++] = last | 0x08; last = 0; /* fallthrough */
        case 4: stream[n++] = last | 0x20; last = 0; /* fallthrough */
        case 2: stream[n++] = last | 0x80; stream[n++] = 0;
        }
    }
    return n;
}
