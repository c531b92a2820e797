/* Merlin transcripts: every message is framed as meta-AD(label || LE32(len)) then AD(message),
 * every challenge as meta-AD(label || LE32(len)) then PRF. */
#include "crypto/merlin.h"

#include <string.h>

#include <sodium.h>

static const char PROTOCOL_LABEL[] = "Merlin v1.0";

static void le32(uint8_t out[4], size_t v)
{
    uint32_t x = (uint32_t)v; /* gtank/merlin frames with uint32(len): truncate like it does */
    out[0] = (uint8_t)x;
    out[1] = (uint8_t)(x >> 8);
    out[2] = (uint8_t)(x >> 16);
    out[3] = (uint8_t)(x >> 24);
}

/* The label and its length form one meta-AD operation (the second part is a continuation),
 * so the framing cannot be confused with two separate operations. */
static void frame(gt_strobe *s, const char *label, size_t len)
{
    uint8_t n[4];
    le32(n, len);
    gt_strobe_meta_ad(s, (const uint8_t *)label, strlen(label), false);
    gt_strobe_meta_ad(s, n, sizeof n, true);
}

void gt_merlin_init(gt_merlin *t, const char *label)
{
    gt_strobe_init(&t->strobe, (const uint8_t *)PROTOCOL_LABEL, sizeof PROTOCOL_LABEL - 1);
    gt_merlin_append(t, "dom-sep", (const uint8_t *)label, strlen(label));
}

void gt_merlin_append(gt_merlin *t, const char *label, const uint8_t *msg, size_t len)
{
    frame(&t->strobe, label, len);
    gt_strobe_ad(&t->strobe, msg, len, false);
}

void gt_merlin_append_u64(gt_merlin *t, const char *label, uint64_t x)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(x >> (8 * i));
    gt_merlin_append(t, label, b, sizeof b);
}

void gt_merlin_challenge(gt_merlin *t, const char *label, uint8_t *out, size_t len)
{
    frame(&t->strobe, label, len);
    gt_strobe_prf(&t->strobe, out, len, false);
}

void gt_merlin_witness(const gt_merlin *t, const char *label, const uint8_t *const *seeds,
                       const size_t *seed_lens, size_t nseeds, const uint8_t rnd[32],
                       uint8_t *out, size_t len)
{
    gt_strobe s = t->strobe; /* the RNG forks the transcript; the original stays public */
    uint8_t n[4];
    for (size_t i = 0; i < nseeds; i++) {
        frame(&s, label, seed_lens[i]);
        gt_strobe_key(&s, seeds[i], seed_lens[i], false);
    }
    static const uint8_t rng_label[] = { 'r', 'n', 'g' };
    gt_strobe_meta_ad(&s, rng_label, sizeof rng_label, false);
    gt_strobe_key(&s, rnd, 32, false);
    /* fill_bytes: meta-AD(LE32(len)) then PRF */
    le32(n, len);
    gt_strobe_meta_ad(&s, n, sizeof n, false);
    gt_strobe_prf(&s, out, len, false);
    gt_strobe_wipe(&s);
}

void gt_merlin_wipe(gt_merlin *t)
{
    gt_strobe_wipe(&t->strobe);
}
