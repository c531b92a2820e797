/* The Go-compatible JSON writer: what json.Marshal would print for a value. */
#ifndef GT_JSON_WRITER_H
#define GT_JSON_WRITER_H

#include "core/buf.h"
#include "gridtypes/schema.h"

/* Appends json.Marshal of the value at `src` (described by `s`) to `out`. Returns 0,
 * or -1 when a value cannot be marshalled (an IP of a length other than 4 or 16, as
 * Go) or memory ran out. */
int gt_json_encode(gt_buf *out, const gt_schema *s, const void *src);

/* Appends a Go-encoded JSON string (HTML-safe escaping, invalid UTF-8 as \ufffd). */
void gt_json_put_string(gt_buf *out, const char *s, size_t n);

/* Appends raw JSON compacted the way Go's marshaller does for json.RawMessage:
 * insignificant whitespace removed, <, >, & and U+2028/U+2029 escaped, other bytes
 * verbatim. `raw` must be valid JSON. */
void gt_json_put_compact(gt_buf *out, const char *raw, size_t n);

#endif
