// yajl: a streaming (SAX-style) JSON parser; only the Yajl wrapper target sees it.
#include <yajl/yajl_parse.h>

// yajl_config is variadic in C; Swift calls these instead.
static inline int nokori_yajl_enable(yajl_handle handle, yajl_option option) { return yajl_config(handle, option, 1); }
