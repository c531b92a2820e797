/*
 * gonet.h - internal: small pure functions that reproduce the Go 1.19 standard-library
 * behaviour the zos workload types depend on (net.IP, net.IPNet, net.SplitHostPort,
 * net/url.Parse, strconv.Quote, encoding/hex, base58, and the gateway/name regexes).
 *
 * Not part of the public API. Nothing here allocates: every result lives either in the
 * caller's input (offsets or pointers into it), in a fixed-size struct, or in a buffer the
 * caller supplies. All inputs are byte strings with an explicit length (they may contain
 * NUL bytes and invalid UTF-8, exactly like Go strings).
 */
#ifndef GT_CORE_GONET_H
#define GT_CORE_GONET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------------------------
 * gt_gobuf: a bounded text writer. Error texts are built from unbounded user input, so
 * writers never overflow: they truncate, always NUL-terminate (when cap > 0) and keep
 * counting in `len`, so `len >= cap` tells the caller the text was cut (snprintf-style).
 * ---------------------------------------------------------------------------------- */
typedef struct {
    char *buf;  /* caller-owned storage, may be NULL when cap == 0 */
    size_t cap; /* bytes available in buf, including the terminating NUL */
    size_t len; /* bytes the full text needs, excluding the NUL */
} gt_gobuf;

static inline void gt_gobuf_init(gt_gobuf *b, char *buf, size_t cap)
{
    b->buf = buf;
    b->cap = cap;
    b->len = 0;
    if (cap > 0)
        buf[0] = '\0';
}

static inline void gt_gobuf_put(gt_gobuf *b, const char *s, size_t n)
{
    if (b->cap > 0 && b->len < b->cap - 1) {
        size_t room = b->cap - 1 - b->len;
        size_t k = n < room ? n : room;
        if (k > 0)
            memcpy(b->buf + b->len, s, k);
        b->buf[b->len + k] = '\0';
    }
    b->len += n;
}

static inline void gt_gobuf_puts(gt_gobuf *b, const char *s)
{
    gt_gobuf_put(b, s, strlen(s));
}

/* Appends strconv.Quote(s) (what fmt's %q prints for a string): double quotes, \" and \\,
 * \a\b\f\n\r\t\v, \xNN for other control bytes and for every byte of invalid UTF-8,
 * printable runes verbatim, other runes as \uNNNN / \UNNNNNNNN. ASCII and invalid UTF-8
 * are exact; for valid non-ASCII runes Go's unicode.IsPrint table (Unicode 13) is
 * approximated by the non-printable blocks that matter in practice (C1 controls, spaces
 * other than U+0020, format characters, private use, noncharacters, unassigned planes);
 * scattered unassigned BMP code points are treated as printable. Defined in gourl.c. */
void gt_go_quote(gt_gobuf *b, const char *s, size_t n);

/* ------------------------------------------------------------------------------------
 * net.IP (goip.c)
 * ---------------------------------------------------------------------------------- */

/* gt_ip (a Go net.IP by value: len 0 = nil, 4 or 16) and gt_ipnet (a Go net.IPNet,
 * mask.len == 0 = nil Mask) are public types, defined in gridtypes/types.h. */
#include "gridtypes/types.h"

/* net.ParseIP (Go 1.19): dotted quad (no leading zeros, each octet <= 255) or RFC 4291
 * IPv6 text (hex groups of any length whose value is <= 0xFFFF, one "::", optional
 * trailing dotted quad, no zone). The first '.' or ':' in s decides which parser runs.
 * On success *out is the 16-byte form (IPv4 as ::ffff:a.b.c.d) and true is returned;
 * where Go returns nil, false is returned and *out is the nil IP. */
bool gt_ip_parse(const char *s, size_t n, gt_ip *out);

/* IP.To4 / IP.To16: false (and *out nil) where Go returns nil. out may alias ip. */
bool gt_ip_to4(const gt_ip *ip, gt_ip *out);
bool gt_ip_to16(const gt_ip *ip, gt_ip *out);

/* IP.String: "<nil>" for len 0, dotted decimal when To4 succeeds, RFC 5952 text for other
 * 16-byte values ("::" replaces the first longest run of >= 2 zero groups), else "?" and
 * the lowercase hex of the bytes. Writes a NUL-terminated string, returns its length. */
size_t gt_ip_format(const gt_ip *ip, char out[64]);

/* IP.IsLoopback (127/8 through To4, else exactly ::1) and IP.Equal (a 4-byte and a
 * 16-byte v4-in-v6 form of the same address are equal; nil equals only nil). */
bool gt_ip_is_loopback(const gt_ip *ip);
bool gt_ip_equal(const gt_ip *a, const gt_ip *b);

/* gridtypes.ParseIPNet: "" gives the zero IPNet (nil IP, nil mask) and 0. Otherwise
 * net.ParseCIDR of Go 1.19 - "addr/bits", addr parsed as IPv4 (mask of 32 bits) and
 * failing that as IPv6 (128 bits), bits all decimal digits (leading zeros allowed) and
 * <= the family's size - then, as zosbase does, the *unmasked* address is kept next to
 * the CIDR mask (4 or 16 bytes). Returns 0, or -1 where Go fails; Go's error text is
 * then "invalid CIDR address: " followed by the input bytes. */
int gt_ipnet_parse_cidr(const char *s, size_t n, gt_ipnet *out);

/* (*net.IPNet).String: "<nil>" when the IP/mask pair is unusable, else address "/" prefix
 * length, or address "/" mask hex when the mask is not ones-then-zeros. A 16-byte mask
 * next to an IPv4 address is reduced to its last 4 bytes. NUL-terminated, returns length. */
size_t gt_ipnet_format(const gt_ipnet *n, char out[96]);

/* Go's own text of an IP or CIDR written s[0..n): net.ParseCIDR then IPNet.String when s
 * holds a '/', else net.ParseIP then IP.String. false where Go refuses to parse it. */
bool gt_ip_normal_text(const char *s, size_t n, char out[96]);

/* gridtypes.IPNet.Nil: IP and Mask both nil. */
bool gt_ipnet_is_nil(const gt_ipnet *n);

/* ------------------------------------------------------------------------------------
 * net.SplitHostPort and the gateway's asIpPort (gohostport.c)
 * ---------------------------------------------------------------------------------- */

typedef enum {
    GT_HOSTPORT_OK = 0,
    GT_HOSTPORT_MISSING_PORT,        /* "missing port in address" */
    GT_HOSTPORT_TOO_MANY_COLONS,     /* "too many colons in address" */
    GT_HOSTPORT_MISSING_RBRACKET,    /* "missing ']' in address" */
    GT_HOSTPORT_UNEXPECTED_LBRACKET, /* "unexpected '[' in address" */
    GT_HOSTPORT_UNEXPECTED_RBRACKET  /* "unexpected ']' in address" */
} gt_hostport_status;

/* net.SplitHostPort (Go 1.19). On GT_HOSTPORT_OK host and port are [off, off+len)
 * ranges of s (the host without brackets). Out pointers may be NULL. */
gt_hostport_status gt_split_host_port(const char *s, size_t n, size_t *host_off,
                                      size_t *host_len, size_t *port_off, size_t *port_len);

/* The reason text of a status (Go's AddrError.Err); "" for GT_HOSTPORT_OK. */
const char *gt_hostport_reason(gt_hostport_status st);

/* Appends (*net.AddrError).Error() for SplitHostPort(s) failing with st:
 * "address <s>: <reason>", or just "<reason>" when s is empty (Go omits an empty Addr). */
void gt_hostport_error(gt_gobuf *b, const char *s, size_t n, gt_hostport_status st);

/* strconv.ParseUint(s, 10, 64) == nil: one or more ASCII digits only (no sign, no
 * underscores: those need base 0), value <= 2^64-1. */
bool gt_parse_uint10(const char *s, size_t n, uint64_t *out);

typedef enum {
    GT_IPPORT_OK = 0,
    GT_IPPORT_SPLIT,     /* SplitHostPort failed (see split) */
    GT_IPPORT_BAD_IP,    /* ParseIP(host) == nil */
    GT_IPPORT_BAD_PORT,  /* ParseUint(port, 10, 64) failed */
    GT_IPPORT_PORT_RANGE /* port > 65535 */
} gt_ipport_status;

typedef struct {
    gt_ipport_status status;
    gt_hostport_status split;
    size_t port_off, port_len; /* the port text inside the input, for the messages */
} gt_ipport_err;

/* zos/gw.go asIpPort: SplitHostPort, ParseIP(host) non-nil, port a uint64 <= 65535.
 * Returns 0 with *ip / *port set (either may be NULL), or -1 with *err filled. */
int gt_as_ip_port(const char *s, size_t n, gt_ip *ip, uint16_t *port, gt_ipport_err *err);

/* Appends asIpPort's error text for input s:
 *   SPLIT      "failed to parse backend <s> with error: <AddrError>"
 *   BAD_IP     "invalid ip"
 *   BAD_PORT   "invalid port in backend: <port>"
 *   PORT_RANGE "port '<port>' must be <= 65535" */
void gt_as_ip_port_error(gt_gobuf *b, const char *s, size_t n, const gt_ipport_err *err);

/* ------------------------------------------------------------------------------------
 * net/url.Parse (gourl.c)
 * ---------------------------------------------------------------------------------- */

typedef enum {
    GT_URL_OK = 0,
    GT_URL_ERR_CTL,             /* "net/url: invalid control character in URL" */
    GT_URL_ERR_MISSING_SCHEME,  /* "missing protocol scheme" */
    GT_URL_ERR_COLON_SEGMENT,   /* "first path segment in URL cannot contain colon" */
    GT_URL_ERR_USERINFO,        /* "net/url: invalid userinfo" */
    GT_URL_ERR_MISSING_RBRACKET,/* "missing ']' in host" */
    GT_URL_ERR_PORT,            /* "invalid port %q after host" (detail = ":port") */
    GT_URL_ERR_ESCAPE,          /* "invalid URL escape %q" (detail = up to 3 bytes) */
    GT_URL_ERR_HOST_CHAR,       /* "invalid character %q in host name" (detail = 1 byte) */
    GT_URL_ERR_SCRATCH          /* not a Go error: the scratch buffer is too small */
} gt_url_status;

typedef struct {
    gt_url_status status;
    size_t url_len;    /* Go's url.Error.URL is s[0:url_len]: the part before '#', or
                          all of s when the fragment was at fault */
    size_t detail_off; /* the %q argument of the message, as a range of s */
    size_t detail_len;
} gt_url_error;

/* The parts of *url.URL the workload types read. scheme and host are NUL-terminated
 * copies in the caller's scratch buffer; hostname and port are ranges inside host (use
 * their lengths: hostname is generally followed by more of host, not by a NUL). */
typedef struct {
    const char *scheme;   /* u.Scheme, lowercased */
    size_t scheme_len;
    const char *host;     /* u.Host (%-escapes decoded), "" when there is no authority */
    size_t host_len;
    const char *hostname; /* u.Hostname(): host without a valid ":port", brackets removed */
    size_t hostname_len;
    const char *port;     /* u.Port() */
    size_t port_len;
    bool opaque;          /* scheme followed by a rootless path ("mailto:x") */
    bool has_user;        /* an '@' userinfo part was present */
} gt_url;

/* url.Parse of Go 1.19, reduced to: error or not, and Scheme/Host/Hostname()/Port().
 * scratch must hold at least n + 2 bytes (else GT_URL_ERR_SCRATCH). Returns 0, or -1
 * with *err filled (err may be NULL). */
int gt_url_parse(const char *s, size_t n, char *scratch, size_t scratch_cap, gt_url *out,
                 gt_url_error *err);

/* Appends (*url.Error).Error(): `parse "<quoted URL>": <message>`. */
void gt_url_error_format(gt_gobuf *b, const char *s, size_t n, const gt_url_error *err);

/* ------------------------------------------------------------------------------------
 * base58, bitcoin alphabet (base58.c) - decred/base58 and jbenet/go-base58 agree.
 * ---------------------------------------------------------------------------------- */

/* Largest encoding of n bytes, excluding the NUL. */
size_t gt_base58_encoded_max(size_t n);

/* Encodes in[0..n) (each leading zero byte becomes '1'). out needs
 * gt_base58_encoded_max(n) + 1 bytes (it is also used as scratch); the result is
 * NUL-terminated and its length stored in *out_len. Returns 0, or -1 if cap is short. */
int gt_base58_encode(const uint8_t *in, size_t n, char *out, size_t cap, size_t *out_len);

/* Decodes s (each leading '1' becomes a zero byte). out needs n bytes at most.
 * Returns 0, or -1 on a character outside the alphabet or a short buffer. */
int gt_base58_decode(const char *s, size_t n, uint8_t *out, size_t cap, size_t *out_len);

/* ------------------------------------------------------------------------------------
 * The regexes (gomatch.c); Go's RE2 matches iff the string is in the language.
 * ---------------------------------------------------------------------------------- */

/* zos gwNameRegex  ^[a-zA-Z0-9-_]+$ */
bool gt_match_gw_name(const char *s, size_t n);
/* zos fqdnRegex    ^([a-zA-Z0-9-_]+\.)+[a-zA-Z0-9-_]{2,}$ */
bool gt_match_fqdn(const char *s, size_t n);
/* gridtypes nameMatch ^[a-zA-Z0-9_]+$ (IsValidName also checks length/reserved names) */
bool gt_match_workload_name(const char *s, size_t n);

/* ------------------------------------------------------------------------------------
 * encoding/hex (gohex.c)
 * ---------------------------------------------------------------------------------- */

typedef enum {
    GT_HEX_OK = 0,
    GT_HEX_INVALID_BYTE, /* "encoding/hex: invalid byte: %#U" */
    GT_HEX_ODD_LENGTH    /* "encoding/hex: odd length hex string" */
} gt_hex_status;

typedef struct {
    gt_hex_status status;
    uint8_t byte; /* the offending byte for GT_HEX_INVALID_BYTE */
} gt_hex_err;

/* The value of hex digit c (either case), or -1 for any other byte. */
static inline int gt_hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20; /* upper-case letters to lower-case; other bytes stay outside a..f */
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* hex.EncodeToString: 2n lowercase digits plus NUL into out (2n + 1 bytes). Returns 2n. */
size_t gt_hex_encode(const uint8_t *in, size_t n, char *out);

/* hex.DecodeString: pairs checked left to right; with an odd length a bad last byte is
 * reported before the length. out needs n / 2 bytes; *out_len gets the bytes decoded
 * (also those before an error, like Go). Returns 0, or -1 with *err (may be NULL). */
int gt_hex_decode(const char *s, size_t n, uint8_t *out, size_t *out_len, gt_hex_err *err);

/* Appends the Go error text of err, e.g. "encoding/hex: invalid byte: U+0067 'g'". */
void gt_hex_error_format(gt_gobuf *b, const gt_hex_err *err);

#endif /* GT_CORE_GONET_H */
