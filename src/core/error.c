/* The caller-owned error record: formatting helpers only, no global state. */
#include "gridtypes/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void gt_error_clear(gt_error *err)
{
    if (!err)
        return;
    err->code = GT_OK;
    err->offset = GT_NO_OFFSET;
    err->path[0] = '\0';
    err->message[0] = '\0';
}

int gt_error_set(gt_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->offset = GT_NO_OFFSET;
    err->path[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

int gt_error_at(gt_error *err, size_t offset, const char *path)
{
    if (!err)
        return GT_OK;
    err->offset = offset;
    if (path) {
        size_t n = strlen(path);
        if (n >= sizeof err->path)
            n = sizeof err->path - 1;
        memcpy(err->path, path, n);
        err->path[n] = '\0';
    }
    return err->code;
}

const char *gt_status_name(int code)
{
    switch (code) {
    case GT_OK: return "ok";
    case GT_EARG: return "argument";
    case GT_ENOMEM: return "memory";
    case GT_ESYNTAX: return "syntax";
    case GT_ETYPE: return "type";
    case GT_EVALUE: return "value";
    case GT_EDATA: return "data";
    case GT_EINVALID: return "invalid";
    case GT_ENOTFOUND: return "not-found";
    case GT_EUPGRADE: return "upgrade";
    case GT_EPANIC: return "panic";
    case GT_ELIMIT: return "limit";
    case GT_EVERIFY: return "verify";
    case GT_EKEY: return "key";
    case GT_EIO: return "io";
    default: return "unknown";
    }
}
