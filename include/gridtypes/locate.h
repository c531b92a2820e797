/* gridtypes/locate.h — where things are in a JSON document: the byte offset of the value a
 * JSON path names, and the line and column of any byte offset.
 *
 * Errors from validation carry a JSON path (`workloads[2].data.network.public_ip`) but no
 * offset: a decoded deployment no longer knows where a value was written. A locator reads
 * the document's text again to point at it, for an editor, a playground or a command that
 * prints "file:line:column".
 *
 * Cost: a locator is made in O(1). The first path it resolves pairs every bracket of the
 * document in one pass; the first position it is asked for indexes every newline in one
 * pass. The first visit of an object or array lists its members once, stepping over nested
 * values without reading them again, and sorts an object's keys. After that, each path
 * segment is one binary search among an object's keys or one array lookup, and each
 * position one binary search among the lines. So any number of questions cost, in total,
 * one pass over the document, O(k log k) for each object or array visited (k members), and
 * O(log k) per path segment: linear, whatever the document's shape or nesting.
 * Memory: at most 16 bytes per object or array of the document, 4 bytes per line, and 8 to
 * 40 bytes per member of each object or array a path has visited; all of it released by
 * gt_locator_free.
 *
 * The locator only points, it never decides: it accepts broken or truncated JSON (it then
 * points at the deepest part of the path it could find) and matches keys the way Go's
 * encoding/json does closely enough for pointing (the exact key first, else an ASCII
 * case-insensitive match; of repeated keys, the last one). A locator is not safe to use
 * from several threads at once (its indexes are filled on first use); distinct locators
 * are independent. */
#ifndef GRIDTYPES_LOCATE_H
#define GRIDTYPES_LOCATE_H

#include <stddef.h>
#include <stdint.h>

#include "gridtypes/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_locator gt_locator;

/* The largest document a locator accepts (offsets are kept in 32 bits). */
#define GT_LOCATE_MAX_INPUT ((size_t)UINT32_MAX - 1)

/* A place in the document. */
typedef struct gt_position {
    size_t offset;     /* byte offset from the start of the document */
    size_t line;       /* from 1; lines end with '\n' */
    size_t column;     /* from 1, in bytes from the start of the line */
    size_t line_start; /* byte offset of the line's first byte (to count characters) */
} gt_position;

/* Makes a locator over json[0..len). The bytes are borrowed, not copied: they must stay
 * unchanged until gt_locator_free. Returns GT_OK (*out owns the locator), GT_EARG (NULL
 * out, or NULL json with len > 0), GT_ELIMIT (len > GT_LOCATE_MAX_INPUT) or GT_ENOMEM;
 * on failure *out is NULL. */
int gt_locator_new(const char *json, size_t len, gt_locator **out, gt_error *err);

/* Releases a locator and its indexes (not the document). NULL is fine. */
void gt_locator_free(gt_locator *loc);

/* The byte offset of the value at JSON `path`: names separated by '.', array indexes as
 * `[N]` (`workloads[2].data.size`, `[0]`, or "" for the whole document), as gt_error
 * paths are written. A name runs to the next '.' or '['.
 * Returns GT_OK when the whole path exists (*offset is the first byte of its value).
 * GT_ENOTFOUND when only a prefix exists: *offset is the value of the longest prefix that
 * does (the document's value when none does, GT_NO_OFFSET when the document holds no value
 * at all). *matched (may be NULL) is the length of that prefix in `path`, in both cases.
 * GT_ENOMEM when an index could not be allocated (*offset is GT_NO_OFFSET), GT_EARG on a
 * NULL argument. */
int gt_locator_path(gt_locator *loc, const char *path, size_t *offset, size_t *matched, gt_error *err);

/* The line and column of byte `offset` (0 <= offset <= the document's length; the length
 * itself is the end of the last line). GT_OK, GT_EARG (offset out of range, NULL
 * argument) or GT_ENOMEM. */
int gt_locator_position(gt_locator *loc, size_t offset, gt_position *pos, gt_error *err);

/* Where error `e` points: its offset when it has one (e->offset != GT_NO_OFFSET), else the
 * value its path names (or the deepest part of it that exists). GT_OK with *pos filled;
 * GT_ENOTFOUND when e has neither an offset inside the document nor a path that reaches
 * any value; GT_ENOMEM. */
int gt_locator_error(gt_locator *loc, const gt_error *e, gt_position *pos);

#ifdef __cplusplus
}
#endif
#endif
