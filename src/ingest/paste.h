/*
 * paste.h: what a pasted news report says about itself.  Text copied out of
 * a browser carries the page with it: a headline, an outlet's name in a
 * dateline or a title suffix, a date line, and page furniture (photo
 * captions, view counters, membership banners, related-article teasers,
 * disclaimers, share buttons).  This module finds the metadata and marks
 * the furniture as boilerplate spans, using line-level features (length,
 * punctuation, capitalization, position, cue words), never a list of any
 * one outlet's strings.  Internal; prefix xc_paste_.
 */
#ifndef XC_PASTE_H
#define XC_PASTE_H

#include "crosscheck.h"

/*
 * Mark page furniture in DOC->text: sets DOC->boilerplate/nboilerplate
 * (sorted, non-overlapping, each span a whole line or run of lines, without
 * the final newline).  Returns XC_ERR_NOMEM on failure, leaving none set.
 */
xc_code xc_paste_boilerplate(xc_doc *doc);

/*
 * Fill DOC->title, DOC->outlet and DOC->published from the text where they
 * are NULL (never overwrite a value given by the caller or the format).
 * Leaves a field NULL when the text does not say it clearly: never a guess.
 * Runs after xc_paste_boilerplate and may use its spans.
 */
xc_code xc_paste_metadata(xc_doc *doc);

/*
 * xc_paste_boilerplate then xc_paste_metadata, reading the lines' features
 * once for both.  Fails as they do.
 */
xc_code xc_paste_read(xc_doc *doc);

#endif
