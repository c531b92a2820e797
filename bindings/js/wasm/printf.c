/* The WebAssembly module's snprintf and vsnprintf: emscripten's integer-only printf.
 *
 * The library formats its messages with snprintf and vsnprintf but never a floating-point
 * number (bindings/js/CMakeLists.txt refuses to configure when src/ holds a %a, %e, %f or
 * %g conversion), so the module can do without musl's floating-point formatting, about
 * 2 KB of the gzipped module. The linker sends every call here (-Wl,--wrap=...). */
#include <stdarg.h>
#include <stddef.h>

/* musl's vsnprintf without floating point, as emscripten's libc provides it. */
int vsniprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap);

int __wrap_vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap);
int __wrap_snprintf(char *restrict s, size_t n, const char *restrict fmt, ...);

int __wrap_vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap)
{
    return vsniprintf(s, n, fmt, ap);
}

int __wrap_snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsniprintf(s, n, fmt, ap);
    va_end(ap);
    return r;
}
