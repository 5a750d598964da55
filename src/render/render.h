/*
 * render.h: helpers shared by the renderers (JSON, Markdown).  Internal;
 * prefix xc_.
 */
#ifndef XC_RENDER_H
#define XC_RENDER_H

#include "crosscheck.h"

#include <jansson.h>

/* A JSON string of S (null when S is NULL), invalid UTF-8 bytes replaced
   by U+FFFD.  New reference, or NULL when out of memory. */
json_t *xc_json_str(const char *s);

/* The dossier id of document INDEX ("d1" for 0), written into BUF. */
char *xc_doc_id(size_t index, char buf[32]);

#endif
