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
