/* The challenge writer's formatting against printf: every IPv4 octet value and every
 * prefix length as IPNet.String() writes them, hex of every byte value, and the hash of
 * the hashing writer (buffered fast path) against MD5 of the text writer's bytes; the
 * hashing writer's block feeding against MD5 of the same bytes at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/challenge.h"
#include "gridtypes/deployment.h"

#include <nettle/md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char head[] =
    "{\"version\":0,\"twin_id\":1,\"contract_id\":0,\"metadata\":\"\",\"description\":\"\","
    "\"expiration\":0,\"signature_requirement\":{\"requests\":[{\"twin_id\":1,\"required\":false,"
    "\"weight\":1}],\"weight_required\":1,\"signatures\":[],\"signature_style\":\"\"},"
    "\"workloads\":[{\"version\":0,\"name\":\"n\",\"type\":\"network\",\"data\":{";
static const char tail[] = "},\"metadata\":\"\",\"description\":\"\"}]}";

static char *challenge_of(const char *data, gt_deployment **out)
{
    char json[4096];
    snprintf(json, sizeof json, "%s%s%s", head, data, tail);
    gt_deployment *d;
    gt_error err;
    if (gt_deployment_parse(json, strlen(json), &d, &err) != GT_OK)
        fail_msg("parse: %s (%s)", err.message, data);
    char *text;
    size_t len;
    assert_int_equal(gt_deployment_challenge(d, &text, &len, &err), GT_OK);
    assert_int_equal(strlen(text), len);
    /* the hashing writer gathers fragments its own way: it must hash the same bytes */
    uint8_t want[16], got[16];
    struct md5_ctx md5;
    md5_init(&md5);
    md5_update(&md5, len, (const uint8_t *)text);
    md5_digest(&md5, sizeof want, want);
    assert_int_equal(gt_deployment_challenge_hash(d, got, &err), GT_OK);
    assert_memory_equal(got, want, sizeof want);
    *out = d;
    return text;
}

static void test_every_octet_and_prefix(void **state)
{
    (void)state;
    for (unsigned v = 0; v < 256; v++) {
        unsigned ones = v % 33;
        char data[512], want_range[64], want_subnet[64];
        snprintf(data, sizeof data,
                 "\"ip_range\":\"%u.%u.%u.%u/%u\",\"subnet\":\"%u.%u.0.%u/32\","
                 "\"wireguard_private_key\":\"k\",\"wireguard_listen_port\":1,\"peers\":[]",
                 v, 255 - v, v / 3, (v * 7) % 256, ones, v % 10, v % 100, v);
        snprintf(want_range, sizeof want_range, "%u.%u.%u.%u/%u", v, 255 - v, v / 3, (v * 7) % 256, ones);
        snprintf(want_subnet, sizeof want_subnet, "%u.%u.0.%u/32", v % 10, v % 100, v);
        gt_deployment *d;
        char *text = challenge_of(data, &d);
        if (!strstr(text, want_range) || !strstr(text, want_subnet))
            fail_msg("challenge %s lacks %s or %s", text, want_range, want_subnet);
        free(text);
        gt_deployment_free(d);
    }
}

static void test_hex_of_every_byte(void **state)
{
    (void)state;
    /* mycelium's hex_key comes back as lower-case hex: all 256 byte values, given in
     * upper case, in keys long enough for the vectorised encoder and its tail */
    char hexin[600], want[600], data[1024];
    for (unsigned v = 0; v < 256; v++) {
        sprintf(hexin + 2 * v, "%02X", v);
        sprintf(want + 2 * v, "%02x", v);
    }
    for (size_t n = 1; n <= 256; n += 17) {
        snprintf(data, sizeof data,
                 "\"ip_range\":\"10.0.0.0/16\",\"subnet\":\"10.0.1.0/24\",\"wireguard_private_key\":\"k\","
                 "\"wireguard_listen_port\":1,\"peers\":[],\"mycelium\":{\"hex_key\":\"%.*s\",\"peers\":null}",
                 (int)(2 * n), hexin + 2 * (256 - n));
        gt_deployment *d;
        char *text = challenge_of(data, &d);
        char expect[600];
        snprintf(expect, sizeof expect, "%.*s", (int)(2 * n), want + 2 * (256 - n));
        if (!strstr(text, expect))
            fail_msg("challenge %s lacks %s", text, expect);
        free(text);
        gt_deployment_free(d);
    }
}

/* Fragments of every length up to 200, starting at every offset within an MD5 block
 * (the writer hands whole blocks to MD5 as they fill, and long fragments straight
 * through), with empty ones between: the hash is MD5 of the bytes in one piece. */
static void test_block_feeding(void **state)
{
    (void)state;
    static uint8_t src[256], all[64 + 200 + 256];
    for (size_t i = 0; i < sizeof src; i++)
        src[i] = (uint8_t)(i * 131 + 7);
    for (size_t lead = 0; lead < 64; lead++) {
        for (size_t n = 0; n <= 200; n++) {
            struct md5_ctx md5, ref;
            gt_chal c;
            md5_init(&md5);
            gt_chal_init_md5(&c, &md5);
            size_t len = 0;
            gt_chal_str(&c, "lead", (const char *)src + 50, lead);
            memcpy(all, src + 50, lead);
            len = lead;
            gt_chal_str(&c, "empty", "", 0);
            gt_chal_str(&c, "frag", (const char *)src + 3, n);
            memcpy(all + len, src + 3, n);
            len += n;
            gt_chal_str(&c, "after", (const char *)src + 9, 5);
            memcpy(all + len, src + 9, 5);
            len += 5;
            gt_chal_flush(&c);
            uint8_t got[16], want[16];
            md5_digest(&md5, sizeof got, got);
            md5_init(&ref);
            md5_update(&ref, len, all);
            md5_digest(&ref, sizeof want, want);
            if (memcmp(got, want, sizeof got) != 0)
                fail_msg("lead %zu, fragment %zu: hash differs", lead, n);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_octet_and_prefix),
        cmocka_unit_test(test_hex_of_every_byte),
        cmocka_unit_test(test_block_feeding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
