// GMime 3 parses RFC 5322 / MIME messages; only the Mime wrapper target sees it. The
// include paths (glib, gmime-3.0) come from the gmime-3.0 pkg-config file.
#include <gmime/gmime.h>

// GObject type checks are macros in C; Swift needs functions.
static inline int nokori_mime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }
static inline int nokori_mime_is_multipart(GMimeObject *object) { return GMIME_IS_MULTIPART(object); }
static inline int nokori_mime_is_message_part(GMimeObject *object) { return GMIME_IS_MESSAGE_PART(object); }

static inline void nokori_mime_unref(void *object) { g_object_unref(object); }
static inline void nokori_mime_ref(void *object) { g_object_ref(object); }
