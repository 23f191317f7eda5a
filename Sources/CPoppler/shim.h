// poppler-glib parses PDFs; cairo renders pages for OCR. Both are seen only by the Poppler
// wrapper target.
//
// libpoppler-glib is not linked: with libpoppler and what it pulls in (NSS, lcms2, OpenJPEG)
// it cost every nokori process ~15 ms at start, whether it read a PDF or not.
// `nokori_poppler_load` opens it on first use and fills `nokori_poppler_api` with dlsym; the
// field types are taken from the header's declarations, so a signature mismatch is a compile
// error, not a crash. cairo and glib stay linked (cheap, and shared with gmime and libgsf):
// the target's pkg-config file is cairo's, whose flags carry glib's include paths, and
// poppler's header is named by its path under /usr/include.
#include <dlfcn.h>
#include <poppler/glib/poppler.h>
#include <cairo.h>
#include <glib.h>

struct nokori_poppler_api {
  __typeof__(&poppler_error_quark) _Nonnull error_quark;
  __typeof__(&poppler_document_new_from_file) _Nonnull document_new_from_file;
  __typeof__(&poppler_document_get_n_pages) _Nonnull document_get_n_pages;
  __typeof__(&poppler_document_get_page) _Nonnull document_get_page;
  __typeof__(&poppler_document_get_title) _Nonnull document_get_title;
  __typeof__(&poppler_document_get_author) _Nonnull document_get_author;
  __typeof__(&poppler_document_get_subject) _Nonnull document_get_subject;
  __typeof__(&poppler_document_get_keywords) _Nonnull document_get_keywords;
  __typeof__(&poppler_document_get_creator) _Nonnull document_get_creator;
  __typeof__(&poppler_document_get_attachments) _Nonnull document_get_attachments;
  __typeof__(&poppler_attachment_get_name) _Nonnull attachment_get_name;
  __typeof__(&poppler_attachment_save_to_callback) _Nonnull attachment_save_to_callback;
  __typeof__(&poppler_page_get_text) _Nonnull page_get_text;
  __typeof__(&poppler_page_get_text_layout) _Nonnull page_get_text_layout;
  __typeof__(&poppler_page_get_size) _Nonnull page_get_size;
  __typeof__(&poppler_page_render) _Nonnull page_render;
  __typeof__(&poppler_page_get_image_mapping) _Nonnull page_get_image_mapping;
  __typeof__(&poppler_page_free_image_mapping) _Nonnull page_free_image_mapping;
  __typeof__(&poppler_page_get_form_field_mapping) _Nonnull page_get_form_field_mapping;
  __typeof__(&poppler_page_free_form_field_mapping) _Nonnull page_free_form_field_mapping;
  __typeof__(&poppler_form_field_get_field_type) _Nonnull form_field_get_field_type;
  __typeof__(&poppler_form_field_get_name) _Nonnull form_field_get_name;
  __typeof__(&poppler_form_field_text_get_text) _Nonnull form_field_text_get_text;
  __typeof__(&poppler_form_field_choice_get_text) _Nonnull form_field_choice_get_text;
};

#define NOKORI_POPPLER_BIND(field) \
  if (!(api->field = (__typeof__(api->field))dlsym(handle, "poppler_" #field))) return "it lacks poppler_" #field;

/// Opens `library` and fills `api`: NULL when every function was found, else why not (the
/// loader's message, or the missing function). The library stays loaded for the process.
static inline const char *_Nullable nokori_poppler_load(
    const char *_Nonnull library, struct nokori_poppler_api *_Nonnull api) {
  void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *why = dlerror();
    return why ? why : "dlopen failed";
  }
  NOKORI_POPPLER_BIND(error_quark)
  NOKORI_POPPLER_BIND(document_new_from_file)
  NOKORI_POPPLER_BIND(document_get_n_pages)
  NOKORI_POPPLER_BIND(document_get_page)
  NOKORI_POPPLER_BIND(document_get_title)
  NOKORI_POPPLER_BIND(document_get_author)
  NOKORI_POPPLER_BIND(document_get_subject)
  NOKORI_POPPLER_BIND(document_get_keywords)
  NOKORI_POPPLER_BIND(document_get_creator)
  NOKORI_POPPLER_BIND(document_get_attachments)
  NOKORI_POPPLER_BIND(attachment_get_name)
  NOKORI_POPPLER_BIND(attachment_save_to_callback)
  NOKORI_POPPLER_BIND(page_get_text)
  NOKORI_POPPLER_BIND(page_get_text_layout)
  NOKORI_POPPLER_BIND(page_get_size)
  NOKORI_POPPLER_BIND(page_render)
  NOKORI_POPPLER_BIND(page_get_image_mapping)
  NOKORI_POPPLER_BIND(page_free_image_mapping)
  NOKORI_POPPLER_BIND(page_get_form_field_mapping)
  NOKORI_POPPLER_BIND(page_free_form_field_mapping)
  NOKORI_POPPLER_BIND(form_field_get_field_type)
  NOKORI_POPPLER_BIND(form_field_get_name)
  NOKORI_POPPLER_BIND(form_field_text_get_text)
  NOKORI_POPPLER_BIND(form_field_choice_get_text)
  return NULL;
}
#undef NOKORI_POPPLER_BIND

/// Frees a GError and clears the pointer (g_clear_error is a macro-free function but takes
/// a pointer to a pointer, which reads more plainly here).
static inline void nokori_clear_error(GError **error) { g_clear_error(error); }
