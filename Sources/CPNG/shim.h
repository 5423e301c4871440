#ifndef IMAGEMAP_CPNG_SHIM_H
#define IMAGEMAP_CPNG_SHIM_H
#include <png.h>

/// libpng's compound format macros are not importable into Swift; re-export them.
static const png_uint_32 CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const png_uint_32 CPNG_FORMAT_RGB = PNG_FORMAT_RGB;

/// The simplified API's error or warning text (a `char[64]` imports as a tuple).
static inline const char *cpng_image_message(const png_image *image) { return image->message; }

#endif
