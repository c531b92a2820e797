/* The caller-owned error record: formatting helpers only, no global state. */
#include "gridtypes/error.h"

#include "core/gonet.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* err (not NULL) with `code`, no offset and no path; the message is the caller's to write. */
static void error_begin(gt_error *err, int code)
{
    err->code = code;
    err->offset = GT_NO_OFFSET;
    err->path[0] = '\0';
}

void gt_error_clear(gt_error *err)
{
    if (!err)
        return;
    error_begin(err, GT_OK);
    err->message[0] = '\0';
    err->message_len = 0;
}

/* snprintf of one integer conversion into tmp, its argument read with the type that its
 * length modifier (len1, len2) names: T for none, TLL "ll", TL "l", TZ "z" and "t", TJ "j". */
#define PRINT_INT(T, TLL, TL, TZ, TJ)                                                                \
    (len1 == 'l' && len2 == 'l' ? snprintf(tmp, sizeof tmp, spec, va_arg(ap, TLL))                   \
     : len1 == 'l'              ? snprintf(tmp, sizeof tmp, spec, va_arg(ap, TL))                    \
     : len1 == 'z' || len1 == 't' ? snprintf(tmp, sizeof tmp, spec, va_arg(ap, TZ))                  \
     : len1 == 'j'              ? snprintf(tmp, sizeof tmp, spec, va_arg(ap, TJ))                    \
                                : snprintf(tmp, sizeof tmp, spec, va_arg(ap, T)))

/* vsnprintf, except that a string conversion with a precision ("%.*s" with a length)
 * copies exactly that many bytes, NUL bytes included: the reference's messages quote
 * input text as Go strings, which may hold NULs, and a message must not end there. Every
 * other conversion is C's own, handed to snprintf one at a time. */
static size_t format_message(char *buf, size_t cap, const char *fmt, va_list ap)
{
    gt_gobuf m; /* cuts the text at cap - 1 bytes */
    gt_gobuf_init(&m, buf, cap);
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            gt_gobuf_put(&m, p, strlen(p));
            break;
        }
        gt_gobuf_put(&m, p, (size_t)(pct - p));
        const char *q = pct + 1;
        if (*q == '%') {
            gt_gobuf_put(&m, "%", 1);
            p = q + 1;
            continue;
        }
        /* flags, width, precision, length, conversion */
        char spec[32];
        size_t k = 0;
        spec[k++] = '%';
        int width = 0, prec = -1;
        bool left = false, has_prec = false;
        while (*q && strchr("-+ #0", *q) && k < 8) {
            left |= *q == '-';
            spec[k++] = *q++;
        }
        if (*q == '*') {
            width = va_arg(ap, int);
            q++;
        } else {
            while (*q >= '0' && *q <= '9' && width < 1000)
                width = width * 10 + (*q++ - '0');
        }
        if (width < 0) {
            left = true;
            width = -width;
        }
        if (*q == '.') {
            has_prec = true;
            q++;
            if (*q == '*') {
                prec = va_arg(ap, int);
                q++;
            } else {
                prec = 0;
                while (*q >= '0' && *q <= '9')
                    prec = prec * 10 + (*q++ - '0');
            }
        }
        char len1 = 0, len2 = 0;
        if (*q == 'h' || *q == 'l') {
            len1 = *q++;
            if (*q == len1)
                len2 = *q++;
        } else if (*q == 'z' || *q == 'j' || *q == 't') {
            len1 = *q++;
        }
        char conv = *q ? *q++ : '\0';
        p = q;
        if (conv == 's') {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            size_t n = has_prec && prec >= 0 ? (size_t)prec : strlen(str);
            size_t pad = (size_t)width > n ? (size_t)width - n : 0;
            for (size_t i = 0; !left && i < pad; i++)
                gt_gobuf_put(&m, " ", 1);
            gt_gobuf_put(&m, str, n);
            for (size_t i = 0; left && i < pad; i++)
                gt_gobuf_put(&m, " ", 1);
            continue;
        }
        /* every other conversion: rebuild its spec and let snprintf write it */
        if (left && !strchr(spec, '-'))
            spec[k++] = '-';
        if (width)
            k += (size_t)snprintf(spec + k, sizeof spec - k, "%d", width);
        if (has_prec)
            k += (size_t)snprintf(spec + k, sizeof spec - k, ".%d", prec);
        if (len1)
            spec[k++] = len1;
        if (len2)
            spec[k++] = len2;
        spec[k++] = conv;
        spec[k] = '\0';
        char tmp[128];
        int w;
        switch (conv) {
        case 'd':
        case 'i':
            w = PRINT_INT(int, long long, long, ptrdiff_t, intmax_t);
            break;
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            w = PRINT_INT(unsigned, unsigned long long, unsigned long, size_t, uintmax_t);
            break;
        case 'c':
            w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, int));
            break;
        case 'p':
            w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, void *));
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
            w = snprintf(tmp, sizeof tmp, spec, va_arg(ap, double));
            break;
        default: /* not a conversion our messages use: written as it is */
            w = 0;
            gt_gobuf_put(&m, pct, (size_t)(q - pct));
            break;
        }
        if (w > 0)
            gt_gobuf_put(&m, tmp, (size_t)w < sizeof tmp ? (size_t)w : sizeof tmp - 1);
    }
    return m.len < cap ? m.len : cap - 1;
}

int gt_error_set(gt_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    error_begin(err, code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->message_len = strlen(err->message);
    return code;
}

int gt_error_set_quoting(gt_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    error_begin(err, code);
    va_list ap;
    va_start(ap, fmt);
    err->message_len = format_message(err->message, sizeof err->message, fmt, ap);
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
