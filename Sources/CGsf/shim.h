// libgsf reads OLE2 compound files (Outlook .msg); only the Gsf wrapper target sees it.
// Only the headers used are included: gsf.h would pull in gsf-libxml.h and with it libxml2's
// headers, which clash with Foundation's ICU (stack.md, pitfall 1).
#include <stdio.h>
#include <gsf/gsf-utils.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-infile-msole.h>

static inline int nokori_gsf_is_infile(GsfInput *input) { return GSF_IS_INFILE(input); }
static inline void nokori_gsf_unref(void *object) { g_object_unref(object); }
static inline void nokori_gsf_clear_error(GError **error) { g_clear_error(error); }
