/* The three anchored regexes of the reference, as direct scans. Go's regexp is RE2 (no
 * backtracking semantics to imitate), so a match is exactly membership in the language;
 * every class is ASCII, so bytes of invalid UTF-8 (U+FFFD to Go) never match either. */
#include "core/gonet.h"

/* [a-zA-Z0-9_] */
static bool is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

/* [a-zA-Z0-9-_]: Go (Perl flags) reads the '-' after the range 0-9 as a literal. */
static bool is_gw(unsigned char c)
{
    return is_word(c) || c == '-';
}

bool gt_match_gw_name(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_gw((unsigned char)s[i]))
            return false;
    return true;
}

bool gt_match_workload_name(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_word((unsigned char)s[i]))
            return false;
    return true;
}

/* ^([C]+\.)+[C]{2,}$ with C excluding '.': the dots cut the text into labels uniquely,
 * so it matches iff there is at least one dot, every label before the last is non-empty
 * and the last label has two or more characters. ('$' is end of text in Go: no
 * allowance for a trailing newline.) */
bool gt_match_fqdn(const char *s, size_t n)
{
    size_t label = 0;
    bool dot = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (label == 0)
                return false;
            dot = true;
            label = 0;
        } else if (is_gw(c)) {
            label++;
        } else {
            return false;
        }
    }
    return dot && label >= 2;
}
