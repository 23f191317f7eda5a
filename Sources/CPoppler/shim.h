// poppler-glib parses PDFs; cairo renders pages for OCR. Both are seen only by the Poppler
// wrapper target. poppler.h pulls in glib and cairo, whose include paths come from the
// poppler-glib pkg-config file.
#include <poppler.h>
#include <cairo.h>
#include <glib.h>

/// Frees a GError and clears the pointer (g_clear_error is a macro-free function but takes
/// a pointer to a pointer, which reads more plainly here).
static inline void nokori_clear_error(GError **error) { g_clear_error(error); }

/// The PopplerError domain (a function in C, a macro-wrapped quark in the header).
static inline GQuark nokori_poppler_error_quark(void) { return POPPLER_ERROR; }
