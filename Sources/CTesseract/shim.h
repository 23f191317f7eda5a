// Tesseract's C API (recognition, orientation detection). Seen only by the OCR target;
// images reach it as Leptonica PIX objects.
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
