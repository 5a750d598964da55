/*
 * assets.h: the files of the web page (web/ in the source tree), embedded
 * into the library at build time.  tools/embed.c turns web/ into
 * $(BUILD)/gen/assets.c, which defines xc_asset_find; the server
 * (crosscheck serve) answers GET requests for these paths with them.
 * Internal; prefix xc_asset_.
 */
#ifndef XC_ASSETS_H
#define XC_ASSETS_H

#include <stddef.h>

typedef struct xc_asset { const char *path; const char *type; const unsigned char *data; size_t len; } xc_asset;

/* The asset served at PATH, the path part of a request URL: "/app.js",
 * "/style.css"; "/" (and "") is "/index.html".  A query string or
 * fragment ("?v=2", "#x") is ignored.  Returns NULL when there is none.
 * The asset and its bytes are static: never freed, never changed; DATA is
 * followed by a NUL byte that LEN does not count.  TYPE is the
 * Content-Type to send, with a charset for text. */
const xc_asset *xc_asset_find(const char *path);

#endif
