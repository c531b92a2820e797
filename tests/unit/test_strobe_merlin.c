/* STROBE-128 and Merlin transcripts: the published Merlin vector, framing identities, the
 * witness RNG's bindings, and wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/merlin.h"
#include "crypto/strobe.h"

static void unhex(uint8_t *out, const char *hex, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
}

/* merlin.cool / dalek-cryptography/merlin "simple_protocol" test vector. */
static void test_merlin_published_vector(void **state)
{
    (void)state;
    gt_merlin t;
    uint8_t got[32], want[32];
    gt_merlin_init(&t, "test protocol");
    gt_merlin_append(&t, "some label", (const uint8_t *)"some data", 9);
    gt_merlin_challenge(&t, "challenge", got, sizeof got);
    unhex(want, "d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615", 32);
    assert_memory_equal(got, want, 32);
}

static void test_append_u64_is_le_message(void **state)
{
    (void)state;
    gt_merlin a, b;
    uint8_t ca[16], cb[16];
    const uint8_t le[8] = { 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 };
    gt_merlin_init(&a, "u64");
    gt_merlin_init(&b, "u64");
    gt_merlin_append_u64(&a, "n", 0x0102030405060708ull);
    gt_merlin_append(&b, "n", le, sizeof le);
    gt_merlin_challenge(&a, "c", ca, sizeof ca);
    gt_merlin_challenge(&b, "c", cb, sizeof cb);
    assert_memory_equal(ca, cb, sizeof ca);
}

/* Messages and challenges longer than the 166-byte rate cross permutation boundaries; the
 * result must be deterministic and depend on every byte. */
static void test_long_inputs_cross_blocks(void **state)
{
    (void)state;
    uint8_t msg[1000], c1[500], c2[500];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 7);
    gt_merlin a, b;
    gt_merlin_init(&a, "long");
    gt_merlin_init(&b, "long");
    gt_merlin_append(&a, "m", msg, sizeof msg);
    gt_merlin_append(&b, "m", msg, sizeof msg);
    gt_merlin_challenge(&a, "c", c1, sizeof c1);
    gt_merlin_challenge(&b, "c", c2, sizeof c2);
    assert_memory_equal(c1, c2, sizeof c1);

    msg[999] ^= 1;
    gt_merlin_init(&b, "long");
    gt_merlin_append(&b, "m", msg, sizeof msg);
    gt_merlin_challenge(&b, "c", c2, sizeof c2);
    assert_memory_not_equal(c1, c2, sizeof c1);
}

/* Labels are framed: moving bytes between label and message changes the challenge. */
static void test_framing_separates_label_and_message(void **state)
{
    (void)state;
    gt_merlin a, b;
    uint8_t ca[32], cb[32];
    gt_merlin_init(&a, "p");
    gt_merlin_init(&b, "p");
    gt_merlin_append(&a, "ab", (const uint8_t *)"c", 1);
    gt_merlin_append(&b, "a", (const uint8_t *)"bc", 2);
    gt_merlin_challenge(&a, "x", ca, sizeof ca);
    gt_merlin_challenge(&b, "x", cb, sizeof cb);
    assert_memory_not_equal(ca, cb, sizeof ca);
}

static void test_witness_binds_inputs_and_keeps_transcript(void **state)
{
    (void)state;
    gt_merlin t, copy;
    uint8_t rnd[32] = { 1 }, rnd2[32] = { 2 }, seed[32] = { 3 }, seed2[32] = { 4 };
    uint8_t w1[64], w2[64], w3[64], w4[64];
    const uint8_t *seeds[1] = { seed }, *seeds2[1] = { seed2 };
    const size_t lens[1] = { 32 };
    gt_merlin_init(&t, "w");
    gt_merlin_append(&t, "m", (const uint8_t *)"x", 1);
    copy = t;
    gt_merlin_witness(&t, "signing", seeds, lens, 1, rnd, w1, sizeof w1);
    assert_memory_equal(&t, &copy, sizeof t); /* the RNG works on a fork */
    gt_merlin_witness(&t, "signing", seeds, lens, 1, rnd, w2, sizeof w2);
    assert_memory_equal(w1, w2, sizeof w1);   /* deterministic given rnd */
    gt_merlin_witness(&t, "signing", seeds, lens, 1, rnd2, w3, sizeof w3);
    assert_memory_not_equal(w1, w3, sizeof w1);
    gt_merlin_witness(&t, "signing", seeds2, lens, 1, rnd, w4, sizeof w4);
    assert_memory_not_equal(w1, w4, sizeof w1);
    gt_merlin_append(&t, "m2", NULL, 0);
    gt_merlin_witness(&t, "signing", seeds, lens, 1, rnd, w4, sizeof w4);
    assert_memory_not_equal(w1, w4, sizeof w1); /* bound to the transcript */
}

static void test_wipe_clears_state(void **state)
{
    (void)state;
    gt_merlin t;
    uint8_t key[32] = { 0x55 }, out[8];
    static const uint8_t zero[sizeof(gt_merlin)];
    gt_merlin_init(&t, "wipe");
    gt_strobe_key(&t.strobe, key, sizeof key, false);
    gt_merlin_challenge(&t, "c", out, sizeof out);
    assert_memory_not_equal(&t, zero, sizeof t);
    gt_merlin_wipe(&t);
    assert_memory_equal(&t, zero, sizeof t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merlin_published_vector),
        cmocka_unit_test(test_append_u64_is_le_message),
        cmocka_unit_test(test_long_inputs_cross_blocks),
        cmocka_unit_test(test_framing_separates_label_and_message),
        cmocka_unit_test(test_witness_binds_inputs_and_keeps_transcript),
        cmocka_unit_test(test_wipe_clears_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
