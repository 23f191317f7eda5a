// Leptonica decodes images (PNG, JPEG, TIFF, BMP, GIF, WebP) and does the cheap image work
// before OCR: headers, rotation, deskew, connected components. Seen only by the OCR target.
#include <stdio.h>
#include <leptonica/allheaders.h>

/// Whether a Leptonica file format is one of the TIFF variants (a macro in the header).
static inline int nokori_format_is_tiff(l_int32 format) { return L_FORMAT_IS_TIFF(format); }
