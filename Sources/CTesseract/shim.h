// Tesseract's C API (recognition). Seen only by the OCR target; images reach it as Leptonica
// PIX objects.
//
// libtesseract is not linked: with what it pulls in (libcurl, libgomp, ICU, libarchive's
// codecs) it cost every nokori process ~25 ms at start, whether it read an image or not.
// `nokori_tesseract_load` opens it on first use and fills `nokori_tesseract_api` with dlsym;
// the field types are taken from the header's declarations, so a signature mismatch is a
// compile error, not a crash.
#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

struct nokori_tesseract_api {
  __typeof__(&TessBaseAPICreate) _Nonnull create;
  __typeof__(&TessBaseAPIInit3) _Nonnull init3;
  __typeof__(&TessBaseAPIDelete) _Nonnull delete_api;
  __typeof__(&TessBaseAPISetVariable) _Nonnull set_variable;
  __typeof__(&TessBaseAPISetImage2) _Nonnull set_image2;
  __typeof__(&TessBaseAPISetSourceResolution) _Nonnull set_source_resolution;
  __typeof__(&TessBaseAPIRecognize) _Nonnull recognize;
  __typeof__(&TessBaseAPIGetUTF8Text) _Nonnull get_utf8_text;
  __typeof__(&TessBaseAPIMeanTextConf) _Nonnull mean_text_conf;
  __typeof__(&TessBaseAPIClear) _Nonnull clear;
  __typeof__(&TessDeleteText) _Nonnull delete_text;
};

#define NOKORI_TESSERACT_BIND(field, symbol) \
  if (!(api->field = (__typeof__(api->field))dlsym(handle, #symbol))) return "it lacks " #symbol;

/// Opens `library` and fills `api`: NULL when every function was found, else why not (the
/// loader's message, or the missing function). The library stays loaded for the process.
static inline const char *_Nullable nokori_tesseract_load(
    const char *_Nonnull library, struct nokori_tesseract_api *_Nonnull api) {
  void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *why = dlerror();
    return why ? why : "dlopen failed";
  }
  NOKORI_TESSERACT_BIND(create, TessBaseAPICreate)
  NOKORI_TESSERACT_BIND(init3, TessBaseAPIInit3)
  NOKORI_TESSERACT_BIND(delete_api, TessBaseAPIDelete)
  NOKORI_TESSERACT_BIND(set_variable, TessBaseAPISetVariable)
  NOKORI_TESSERACT_BIND(set_image2, TessBaseAPISetImage2)
  NOKORI_TESSERACT_BIND(set_source_resolution, TessBaseAPISetSourceResolution)
  NOKORI_TESSERACT_BIND(recognize, TessBaseAPIRecognize)
  NOKORI_TESSERACT_BIND(get_utf8_text, TessBaseAPIGetUTF8Text)
  NOKORI_TESSERACT_BIND(mean_text_conf, TessBaseAPIMeanTextConf)
  NOKORI_TESSERACT_BIND(clear, TessBaseAPIClear)
  NOKORI_TESSERACT_BIND(delete_text, TessDeleteText)
  return NULL;
}
#undef NOKORI_TESSERACT_BIND
