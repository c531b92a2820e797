/* Go 1.19 net/url.Parse, reduced to what the workload checks read (error or not, Scheme,
 * Host, Hostname(), Port()), plus strconv.Quote for its error texts. */
#include "core/gonet.h"

#include <string.h>

/* ---- strconv.Quote ------------------------------------------------------------------ */

/* utf8.DecodeRuneInString: a valid sequence gives its rune and width; anything else
 * (bad lead, bad continuation, overlong, surrogate, > U+10FFFF, truncated) gives -1,
 * which the caller prints byte by byte like Go's (RuneError, 1). */
static long decode_rune(const unsigned char *s, size_t n, size_t *width)
{
    unsigned char c = s[0];
    long r;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */

    if (c < 0x80) {
        *width = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        r = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        r = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        r = c & 0x07;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return -1;
    }
    if (n < need + 1)
        return -1;
    for (size_t i = 1; i <= need; i++) {
        unsigned char b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
            return -1;
        r = (r << 6) | (b & 0x3F);
    }
    *width = need + 1;
    return r;
}

/* Non-printable (per Go's unicode.IsPrint) blocks above ASCII: controls, separators and
 * format characters, private use, noncharacters and the unassigned planes. */
static const struct {
    long lo, hi;
} not_print[] = {
    {0x0080, 0x00A0},   {0x00AD, 0x00AD},   {0x0378, 0x0379},   {0x0380, 0x0383},
    {0x038B, 0x038B},   {0x038D, 0x038D},   {0x03A2, 0x03A2},   {0x0600, 0x0605},
    {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x08E2, 0x08E2},
    {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},   {0x2028, 0x202F},
    {0x205F, 0x206F},   {0x3000, 0x3000},   {0xD800, 0xF8FF},   {0xFDD0, 0xFDEF},
    {0xFEFF, 0xFEFF},   {0xFFF0, 0xFFFB},   {0xFFFE, 0xFFFF},   {0x110BD, 0x110BD},
    {0x110CD, 0x110CD}, {0x13430, 0x13438}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
    {0x2A6DE, 0x2A6FF}, {0x2B735, 0x2B73F}, {0x2B81E, 0x2B81F}, {0x2CEA2, 0x2CEAF},
    {0x2EBE1, 0x2F7FF}, {0x2FA1E, 0x2FFFF}, {0x3134B, 0xE00FF}, {0xE01F0, 0x10FFFF},
};

static bool rune_is_print(long r)
{
    if (r < 0x80)
        return r >= 0x20 && r < 0x7F;
    if ((r & 0xFFFE) == 0xFFFE)
        return false; /* U+xxFFFE / U+xxFFFF noncharacters in every plane */
    for (size_t i = 0; i < sizeof not_print / sizeof not_print[0]; i++)
        if (r >= not_print[i].lo && r <= not_print[i].hi)
            return false;
    return true;
}

static const char lowerhex[] = "0123456789abcdef";

void gt_go_quote(gt_gobuf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    char esc[12];

    gt_gobuf_put(b, "\"", 1);
    while (n > 0) {
        size_t w = 1;
        long r = decode_rune(p, n, &w);
        if (r < 0) {
            esc[0] = '\\';
            esc[1] = 'x';
            esc[2] = lowerhex[p[0] >> 4];
            esc[3] = lowerhex[p[0] & 0xF];
            gt_gobuf_put(b, esc, 4);
        } else if (r == '"' || r == '\\') {
            esc[0] = '\\';
            esc[1] = (char)r;
            gt_gobuf_put(b, esc, 2);
        } else if (rune_is_print(r)) {
            gt_gobuf_put(b, (const char *)p, w);
        } else {
            const char *named = NULL;
            switch (r) {
            case '\a': named = "\\a"; break;
            case '\b': named = "\\b"; break;
            case '\f': named = "\\f"; break;
            case '\n': named = "\\n"; break;
            case '\r': named = "\\r"; break;
            case '\t': named = "\\t"; break;
            case '\v': named = "\\v"; break;
            default: break;
            }
            if (named) {
                gt_gobuf_put(b, named, 2);
            } else {
                size_t k = 0, digits;
                esc[k++] = '\\';
                if (r < 0x20 || r == 0x7F) {
                    esc[k++] = 'x';
                    digits = 2;
                } else if (r < 0x10000) {
                    esc[k++] = 'u';
                    digits = 4;
                } else {
                    esc[k++] = 'U';
                    digits = 8;
                }
                for (size_t d = digits; d > 0; d--)
                    esc[k++] = lowerhex[(r >> (4 * (d - 1))) & 0xF];
                gt_gobuf_put(b, esc, k);
            }
        }
        p += w;
        n -= w;
    }
    gt_gobuf_put(b, "\"", 1);
}

/* ---- url.Parse ---------------------------------------------------------------------- */

/* The unescape modes that can fail during Parse (the others only differ in encoding). */
enum esc_mode { MODE_PATH, MODE_HOST, MODE_ZONE, MODE_USERPASS, MODE_FRAGMENT };

static bool is_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned unhex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 0;
}

/* shouldEscape(c, encodeHost) - the two host modes behave the same here. Hosts may carry
 * alphanumerics, the RFC 3986 sub-delims, ":[]<>\"" and the unreserved marks. */
static bool host_should_escape(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return false;
    switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+':
    case ',': case ';': case '=': case ':': case '[': case ']': case '<': case '>':
    case '"': case '-': case '_': case '.': case '~':
        return false;
    default:
        return true;
    }
}

typedef struct {
    const char *base; /* start of the whole input, for error offsets */
    gt_url_error *err;
} pctx;

static int fail(pctx *c, gt_url_status st, const char *detail, size_t dlen)
{
    c->err->status = st;
    c->err->detail_off = detail ? (size_t)(detail - c->base) : 0;
    c->err->detail_len = detail ? dlen : 0;
    return -1;
}

/* The validation half of Go's unescape: every '%' needs two hex digits; in a host an
 * escape may only produce a non-ASCII byte (or be "%25"); in a zone it may only produce
 * what could be written directly (or a space, or "%25"); and the host modes reject the
 * ASCII bytes shouldEscape flags. */
static int unescape_check(pctx *c, const char *s, size_t n, enum esc_mode mode)
{
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '%') {
            if (i + 2 >= n || !is_hex((unsigned char)s[i + 1]) || !is_hex((unsigned char)s[i + 2]))
                return fail(c, GT_URL_ERR_ESCAPE, s + i, n - i > 3 ? 3 : n - i);
            bool pct25 = s[i + 1] == '2' && s[i + 2] == '5';
            if (mode == MODE_HOST && unhex((unsigned char)s[i + 1]) < 8 && !pct25)
                return fail(c, GT_URL_ERR_ESCAPE, s + i, 3);
            if (mode == MODE_ZONE) {
                unsigned v = unhex((unsigned char)s[i + 1]) << 4 | unhex((unsigned char)s[i + 2]);
                if (!pct25 && v != ' ' && host_should_escape((unsigned char)v))
                    return fail(c, GT_URL_ERR_ESCAPE, s + i, 3);
            }
            i += 3;
            continue;
        }
        if ((mode == MODE_HOST || mode == MODE_ZONE) && ch < 0x80 && host_should_escape(ch))
            return fail(c, GT_URL_ERR_HOST_CHAR, s + i, 1);
        i++;
    }
    return 0;
}

/* The decoding half (only called on text that passed unescape_check). */
static size_t unescape_copy(char *dst, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            dst[k++] = (char)(unhex((unsigned char)s[i + 1]) << 4 | unhex((unsigned char)s[i + 2]));
            i += 2;
        } else {
            dst[k++] = s[i];
        }
    }
    return k;
}

/* validOptionalPort: "" or ':' followed only by ASCII digits. */
static bool valid_optional_port(const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (s[0] != ':')
        return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static const char *mem_last(const char *s, size_t n, char ch)
{
    while (n > 0) {
        n--;
        if (s[n] == ch)
            return s + n;
    }
    return NULL;
}

static const char *mem_find(const char *s, size_t n, const char *needle, size_t m)
{
    if (m > n)
        return NULL;
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, needle, m) == 0)
            return s + i;
    return NULL;
}

static bool has_prefix(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && memcmp(s, p, m) == 0;
}

/* parseHost: validation only; the caller decodes the accepted text. */
static int parse_host(pctx *c, const char *h, size_t n)
{
    if (n > 0 && h[0] == '[') {
        /* IP-literal (RFC 3986/6874): the port may only follow the last ']'. */
        const char *rb = mem_last(h, n, ']');
        if (!rb)
            return fail(c, GT_URL_ERR_MISSING_RBRACKET, NULL, 0);
        size_t i = (size_t)(rb - h);
        if (!valid_optional_port(h + i + 1, n - i - 1))
            return fail(c, GT_URL_ERR_PORT, h + i + 1, n - i - 1);
        /* "%25" starts a zone, whose escapes follow their own rule. Each piece is
         * checked separately, so the escapes never straddle two pieces. */
        const char *zone = mem_find(h, i, "%25", 3);
        if (zone) {
            size_t z = (size_t)(zone - h);
            if (unescape_check(c, h, z, MODE_HOST) < 0 ||
                unescape_check(c, h + z, i - z, MODE_ZONE) < 0 ||
                unescape_check(c, h + i, n - i, MODE_HOST) < 0)
                return -1;
            return 0;
        }
    } else {
        const char *colon = mem_last(h, n, ':');
        if (colon) {
            size_t i = (size_t)(colon - h);
            if (!valid_optional_port(h + i, n - i))
                return fail(c, GT_URL_ERR_PORT, h + i, n - i);
        }
    }
    return unescape_check(c, h, n, MODE_HOST);
}

/* validUserinfo walks runes: any non-ASCII byte fails, as does any ASCII byte outside
 * unreserved, sub-delims, ':', '%' and '@'. */
static bool valid_userinfo(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
            continue;
        switch (ch) {
        case '-': case '.': case '_': case ':': case '~': case '!': case '$': case '&':
        case '\'': case '(': case ')': case '*': case '+': case ',': case ';': case '=':
        case '%': case '@':
            continue;
        default:
            return false;
        }
    }
    return true;
}

/* parseAuthority: the host (after the last '@') is checked before the userinfo. */
static int parse_authority(pctx *c, const char *a, size_t n, const char **host, size_t *hlen,
                           bool *has_user)
{
    const char *at = mem_last(a, n, '@');
    const char *h = at ? at + 1 : a;
    size_t hn = at ? n - (size_t)(at + 1 - a) : n;

    if (parse_host(c, h, hn) < 0)
        return -1;
    *host = h;
    *hlen = hn;
    *has_user = at != NULL;
    if (!at)
        return 0;

    size_t un = (size_t)(at - a);
    if (!valid_userinfo(a, un))
        return fail(c, GT_URL_ERR_USERINFO, NULL, 0);
    /* With a ':' the user name and password are unescaped separately, which changes
     * which bytes an escape error quotes ("a%2:b" reports "%2"). */
    const char *colon = un ? memchr(a, ':', un) : NULL;
    if (!colon)
        return unescape_check(c, a, un, MODE_USERPASS);
    size_t cn = (size_t)(colon - a);
    if (unescape_check(c, a, cn, MODE_USERPASS) < 0)
        return -1;
    return unescape_check(c, colon + 1, un - cn - 1, MODE_USERPASS);
}

/* u.Hostname()/u.Port(): split off a valid ":digits" suffix, then strip "[...]". */
static void split_host_port(gt_url *u)
{
    const char *h = u->host;
    size_t n = u->host_len;
    const char *colon = mem_last(h, n, ':');

    u->port = h + n; /* the terminating NUL: an empty string */
    u->port_len = 0;
    if (colon && valid_optional_port(colon, n - (size_t)(colon - h))) {
        u->port = colon + 1;
        u->port_len = n - (size_t)(colon - h) - 1;
        n = (size_t)(colon - h);
    }
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
        h++;
        n -= 2;
    }
    u->hostname = h;
    u->hostname_len = n;
}

/* parse(rawURL, viaRequest=false) on the part before '#'. */
static int parse_main(pctx *c, const char *s, size_t n, char *scratch, gt_url *u)
{
    const char *rest = s;
    size_t rn = n;
    size_t scheme_len = 0;
    const char *auth_host = NULL;
    size_t auth_hlen = 0;
    bool has_auth = false;

    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7F)
            return fail(c, GT_URL_ERR_CTL, NULL, 0);
    }

    /* "*" is a whole-URL special case (Path "*"). */
    if (!(n == 1 && s[0] == '*')) {
        /* getScheme: [a-zA-Z][a-zA-Z0-9+-.]* then ':'; anything else means no scheme. */
        for (size_t i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)s[i];
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
                continue;
            if ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.') {
                if (i == 0)
                    break;
                continue;
            }
            if (ch == ':') {
                if (i == 0)
                    return fail(c, GT_URL_ERR_MISSING_SCHEME, NULL, 0);
                scheme_len = i;
                rest = s + i + 1;
                rn = n - i - 1;
            }
            break;
        }

        /* Only the text before the first '?' matters (ForceQuery or RawQuery follow). */
        const char *q = rn ? memchr(rest, '?', rn) : NULL;
        if (q)
            rn = (size_t)(q - rest);

        if (!has_prefix(rest, rn, "/")) {
            if (scheme_len > 0) {
                u->opaque = true; /* rootless path: nothing more is validated */
                goto done;
            }
            /* A relative URL's first segment may not look like "scheme:". */
            const char *slash = rn ? memchr(rest, '/', rn) : NULL;
            size_t seg = slash ? (size_t)(slash - rest) : rn;
            if (seg && memchr(rest, ':', seg))
                return fail(c, GT_URL_ERR_COLON_SEGMENT, NULL, 0);
        }

        if ((scheme_len > 0 || !has_prefix(rest, rn, "///")) && has_prefix(rest, rn, "//")) {
            const char *a = rest + 2;
            size_t an = rn - 2;
            const char *slash = an ? memchr(a, '/', an) : NULL;
            if (slash)
                an = (size_t)(slash - a);
            if (parse_authority(c, a, an, &auth_host, &auth_hlen, &u->has_user) < 0)
                return -1;
            has_auth = true;
            rn = rn - 2 - an; /* the path: from the '/' that ended the authority */
            rest = a + an;
        }
        /* setPath: only escape errors are possible. */
        if (unescape_check(c, rest, rn, MODE_PATH) < 0)
            return -1;
    }

done:
    /* scratch layout: scheme NUL host NUL; both shrink or keep their input size. */
    for (size_t i = 0; i < scheme_len; i++) {
        char ch = s[i];
        scratch[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + ('a' - 'A')) : ch;
    }
    scratch[scheme_len] = '\0';
    u->scheme = scratch;
    u->scheme_len = scheme_len;
    char *hdst = scratch + scheme_len + 1;
    u->host_len = has_auth ? unescape_copy(hdst, auth_host, auth_hlen) : 0;
    hdst[u->host_len] = '\0';
    u->host = hdst;
    split_host_port(u);
    return 0;
}

int gt_url_parse(const char *s, size_t n, char *scratch, size_t scratch_cap, gt_url *out,
                 gt_url_error *err)
{
    gt_url_error e;
    gt_url u;
    pctx c = {s, &e};

    memset(&e, 0, sizeof e);
    memset(&u, 0, sizeof u);

    /* Cut off the fragment: errors before it name only the part before '#'. */
    const char *hash = n ? memchr(s, '#', n) : NULL;
    size_t un = hash ? (size_t)(hash - s) : n;
    e.url_len = un;

    if (!scratch || scratch_cap < n + 2) {
        e.status = GT_URL_ERR_SCRATCH;
        goto fail;
    }
    if (parse_main(&c, s, un, scratch, &u) < 0)
        goto fail;
    if (hash && unescape_check(&c, hash + 1, n - un - 1, MODE_FRAGMENT) < 0) {
        e.url_len = n; /* a fragment error quotes the whole input */
        goto fail;
    }
    if (out)
        *out = u;
    if (err)
        *err = e;
    return 0;

fail:
    if (out)
        *out = u;
    if (err)
        *err = e;
    return -1;
}

void gt_url_error_format(gt_gobuf *b, const char *s, size_t n, const gt_url_error *err)
{
    (void)n;
    if (err->status == GT_URL_ERR_SCRATCH) {
        gt_gobuf_puts(b, "gonet: url scratch buffer too small");
        return;
    }
    gt_gobuf_puts(b, "parse ");
    gt_go_quote(b, s, err->url_len);
    gt_gobuf_puts(b, ": ");
    const char *d = s + err->detail_off;
    switch (err->status) {
    case GT_URL_ERR_CTL:
        gt_gobuf_puts(b, "net/url: invalid control character in URL");
        break;
    case GT_URL_ERR_MISSING_SCHEME:
        gt_gobuf_puts(b, "missing protocol scheme");
        break;
    case GT_URL_ERR_COLON_SEGMENT:
        gt_gobuf_puts(b, "first path segment in URL cannot contain colon");
        break;
    case GT_URL_ERR_USERINFO:
        gt_gobuf_puts(b, "net/url: invalid userinfo");
        break;
    case GT_URL_ERR_MISSING_RBRACKET:
        gt_gobuf_puts(b, "missing ']' in host");
        break;
    case GT_URL_ERR_PORT:
        gt_gobuf_puts(b, "invalid port ");
        gt_go_quote(b, d, err->detail_len);
        gt_gobuf_puts(b, " after host");
        break;
    case GT_URL_ERR_ESCAPE:
        gt_gobuf_puts(b, "invalid URL escape ");
        gt_go_quote(b, d, err->detail_len);
        break;
    case GT_URL_ERR_HOST_CHAR:
        gt_gobuf_puts(b, "invalid character ");
        gt_go_quote(b, d, err->detail_len);
        gt_gobuf_puts(b, " in host name");
        break;
    case GT_URL_OK:
    case GT_URL_ERR_SCRATCH:
        break;
    }
}
