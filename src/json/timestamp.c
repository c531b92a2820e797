/* gridtypes.Timestamp.UnmarshalJSON: an int64, or else a time.Time. The reference's
 * time.Time decoder (Go 1.19) runs time.Parse with the layout `"`+RFC3339+`"` on the raw
 * JSON bytes, quotes included, so escapes inside the string are not decoded and Go
 * 1.19's lenient layout rules apply: one- or two-digit hour, any fraction after the
 * seconds ('.' or ','), a zone of "Z" or ±hh:mm. */
#include "json/reader.h"

static bool digit(const uint8_t *p, const uint8_t *e)
{
    return p < e && *p >= '0' && *p <= '9';
}

/* Go's getnum(s, fixed): one or two digits; two required when fixed. */
static bool getnum(const uint8_t **pp, const uint8_t *e, bool fixed, int *out)
{
    const uint8_t *p = *pp;
    if (!digit(p, e))
        return false;
    if (!digit(p + 1, e)) {
        if (fixed)
            return false;
        *out = p[0] - '0';
        *pp = p + 1;
        return true;
    }
    *out = (p[0] - '0') * 10 + (p[1] - '0');
    *pp = p + 2;
    return true;
}

static bool lit(const uint8_t **pp, const uint8_t *e, char c)
{
    if (*pp >= e || **pp != (uint8_t)c)
        return false;
    (*pp)++;
    return true;
}

static bool leap(int64_t y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool parse_rfc3339(const uint8_t *p, const uint8_t *e, int64_t *out)
{
    int year = 0, month, day, hour, min, sec;
    if (!lit(&p, e, '"'))
        return false;
    for (int i = 0; i < 4; i++) {
        if (!digit(p, e))
            return false;
        year = year * 10 + (*p++ - '0');
    }
    if (!lit(&p, e, '-') || !getnum(&p, e, true, &month) || month < 1 || month > 12)
        return false;
    if (!lit(&p, e, '-') || !getnum(&p, e, true, &day))
        return false;
    if (!lit(&p, e, 'T') || !getnum(&p, e, false, &hour) || hour > 23)
        return false;
    if (!lit(&p, e, ':') || !getnum(&p, e, true, &min) || min > 59)
        return false;
    if (!lit(&p, e, ':') || !getnum(&p, e, true, &sec) || sec > 59)
        return false;
    /* Go accepts a fractional second the layout does not mention. */
    if (e - p >= 2 && (*p == '.' || *p == ',') && digit(p + 1, e)) {
        p++;
        while (digit(p, e))
            p++;
    }
    int64_t offset = 0;
    if (p < e && *p == 'Z') {
        p++;
    } else {
        if (e - p < 6 || p[3] != ':')
            return false;
        uint8_t sign = p[0];
        const uint8_t *h = p + 1, *m = p + 4;
        int hh, mm;
        if (!getnum(&h, p + 3, true, &hh) || !getnum(&m, p + 6, true, &mm))
            return false;
        if (sign != '+' && sign != '-')
            return false;
        offset = ((int64_t)hh * 60 + mm) * 60;
        if (sign == '-')
            offset = -offset;
        p += 6;
    }
    if (!lit(&p, e, '"') || p != e)
        return false;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int dim = mdays[month - 1] + (month == 2 && leap(year));
    if (day < 1 || day > dim)
        return false;
    int64_t days = days_from_civil(year, month, day);
    *out = days * 86400 + hour * 3600 + min * 60 + sec - offset;
    return true;
}

bool gt_json_parse_timestamp(const uint8_t *s, const uint8_t *e, int64_t *out)
{
    if (e - s == 4 && s[0] == 'n' && s[1] == 'u' && s[2] == 'l' && s[3] == 'l') {
        *out = 0; /* json.Unmarshal(null, &int64) succeeds and leaves 0 */
        return true;
    }
    if (s < e && (*s == '-' || (*s >= '0' && *s <= '9')))
        return gt_json_parse_i64(s, e, out);
    return parse_rfc3339(s, e, out);
}
