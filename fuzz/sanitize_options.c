/* Default sanitizer options, compiled into every executable of a sanitized build
 * (GRIDTYPES_SANITIZE or GRIDTYPES_FUZZ; see the top-level CMakeLists.txt), so that
 * `ctest` and the fuzz targets behave the same with or without UBSAN_OPTIONS set:
 *   - UBSan stops at the first report (the checks are compiled recoverable only so that
 *     the suppressions file below can silence known, reported sites);
 *   - ASan reports leaks (LeakSanitizer) and stops at the first error.
 * Variables in the environment still override these. */
#ifndef GT_UBSAN_SUPPRESSIONS
#define GT_UBSAN_SUPPRESSIONS ""
#endif

const char *__ubsan_default_options(void);
const char *__asan_default_options(void);

const char *__ubsan_default_options(void)
{
    return "halt_on_error=1:print_stacktrace=1:suppressions=" GT_UBSAN_SUPPRESSIONS;
}

const char *__asan_default_options(void)
{
    return "detect_leaks=1:abort_on_error=0:strict_string_checks=1";
}
