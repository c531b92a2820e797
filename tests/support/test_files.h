/* Reading the files unit tests take their inputs from. */
#ifndef GT_TEST_FILES_H
#define GT_TEST_FILES_H

#include <stddef.h>

/* The whole file at `path`, malloc'd and NUL-terminated (*len bytes before the NUL), or
 * NULL when it cannot be opened or read. */
char *gt_test_read_file(const char *path, size_t *len);

/* The same for a path relative to the source tree ("examples/deployment.json"). */
char *gt_test_source_file(const char *rel, size_t *len);

#endif
