#ifndef IMAGEMAP_CTURBOJPEG_SHIM_H
#define IMAGEMAP_CTURBOJPEG_SHIM_H
#include <turbojpeg.h>
#endif
