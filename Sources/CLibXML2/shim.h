// Debian's libxml2 is built with ICU: with LIBXML_ICU_ENABLED, encoding.h includes the system
// <unicode/ucnv.h>, whose UErrorCode clashes with Foundation's bundled ICU on a clean build
// (stack.md, pitfall 1). Nokori never asks libxml2 for an ICU converter, so the define is
// dropped before any header that reads it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/entities.h>
#include <libxml/HTMLparser.h>

// libxml2 reports some problems (encoding conversion failures, I/O errors) through its
// generic error function, which prints to stderr and is variadic, so Swift cannot supply
// one. The structured handler set per parser sees the parser errors that matter.
static void nokori_ignore_generic_error(void *context, const char *message, ...) {
  (void)context;
  (void)message;
}

/// Silences libxml2's generic error output on the calling thread (libxml2 keeps it per thread).
static inline void nokori_silence_generic_errors(void) {
  xmlSetGenericErrorFunc(NULL, nokori_ignore_generic_error);
}
