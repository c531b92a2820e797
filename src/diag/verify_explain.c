/* gt_verify_explain: when a signature does not verify, which message and key it does
 * verify with. The verdict is gt_deployment_verify's; every try here only explains. */
#include "diag/divergence.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/gonet.h"
#include "gridtypes/crypto.h"

const char *gt_message_form_name(gt_message_form f)
{
    switch (f) {
    case GT_MESSAGE_RAW_HASH: return "raw-hash";
    case GT_MESSAGE_WRAPPED_HASH: return "wrapped-hash";
    case GT_MESSAGE_HEX_HASH: return "hex-hash";
    case GT_MESSAGE_CHALLENGE: return "challenge-text";
    }
    return "unknown";
}

static const char *form_words(gt_message_form f)
{
    switch (f) {
    case GT_MESSAGE_RAW_HASH: return "the 16 raw bytes of the hash";
    case GT_MESSAGE_WRAPPED_HASH: return "'<Bytes>' + the hash in hex + '</Bytes>'";
    case GT_MESSAGE_HEX_HASH: return "the hash's 32 hex digits as text";
    case GT_MESSAGE_CHALLENGE: return "the challenge text itself";
    }
    return "?";
}

typedef struct {
    const uint8_t *sig;
    size_t sig_len;
    gt_verify_explanation *out;
    const uint8_t *key;
    size_t key_len;
    gt_key_type types[2];
    bool found;
} tries;

/* Whether the signature verifies over form f of (hash, text) with key type t. */
static bool verifies(tries *t, gt_key_type kt, const uint8_t *key, size_t key_len, gt_message_form f,
                     const uint8_t hash[16], const uint8_t *text, size_t text_len)
{
    uint8_t msg[64];
    const uint8_t *m = msg;
    size_t n;
    char hex[33];
    gt_hex_encode(hash, 16, hex);
    switch (f) {
    case GT_MESSAGE_RAW_HASH:
        memcpy(msg, hash, 16);
        n = 16;
        break;
    case GT_MESSAGE_WRAPPED_HASH:
        n = (size_t)snprintf((char *)msg, sizeof msg, "<Bytes>%s</Bytes>", hex);
        break;
    case GT_MESSAGE_HEX_HASH:
        memcpy(msg, hex, 32);
        n = 32;
        break;
    default:
        m = text;
        n = text_len;
        break;
    }
    t->out->tried++;
    return gt_signature_verify(kt, key, key_len, m, n, t->sig, t->sig_len, NULL) == GT_OK;
}

/* Tries every form, with the key types in t->types[0..ntypes), over (hash, text) and key;
 * on success records the form, type and hash. `skip`: a form not to try (the one the
 * node already checked with the first type), or -1. */
static bool try_forms(tries *t, size_t ntypes, const uint8_t *key, size_t key_len, const uint8_t hash[16],
                      const uint8_t *text, size_t text_len, int skip)
{
    for (size_t k = 0; k < ntypes; k++) {
        for (int f = GT_MESSAGE_RAW_HASH; f <= GT_MESSAGE_CHALLENGE; f++) {
            if (k == 0 && f == skip)
                continue;
            if (verifies(t, t->types[k], key, key_len, (gt_message_form)f, hash, text, text_len)) {
                t->out->form = (gt_message_form)f;
                t->out->key_type = t->types[k];
                if (f == GT_MESSAGE_CHALLENGE)
                    t->out->signed_hash[0] = '\0';
                else
                    gt_hex_encode(hash, 16, t->out->signed_hash);
                return t->found = true;
            }
        }
    }
    return false;
}

/* The enumeration's visitor (arg: the tries): a divergent challenge; stops at the first
 * that verifies. */
static int visit(void *arg, const bool *set, const char *field, const gt_buf *text)
{
    tries *t = arg;
    uint8_t h[16];
    dv_md5(text, h);
    if (!try_forms(t, 2, t->key, t->key_len, h, (const uint8_t *)text->data, text->len, -1))
        return 0;
    dv_match_set(&t->out->divergence, set, field);
    return -2;
}

static const gt_signature *first_signature(const gt_deployment *d, uint32_t twin)
{
    const gt_signature_requirement *sr = &d->signature_requirement;
    for (uint32_t i = 0; i < sr->signatures.len; i++)
        if (sr->signatures.items[i].twin_id == twin)
            return &sr->signatures.items[i];
    return NULL;
}

static void say(gt_verify_explanation *out, gt_verify_finding f, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void say(gt_verify_explanation *out, gt_verify_finding f, const char *code, const char *fmt, ...)
{
    out->finding = f;
    out->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->text, sizeof out->text, fmt, ap);
    va_end(ap);
}

/* The names of a match's entries, "a + b". */
static void names(const gt_divergence_match *m, char *buf, size_t cap)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < m->nentries && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, "%s%s", i ? " + " : "", gt_divergence_get(m->entries[i])->name);
    if (m->field[0] && k < cap)
        snprintf(buf + k, cap - k, " (on %s)", m->field);
}

int gt_verify_explain(const gt_deployment *d, gt_key_getter getter, void *ctx, const gt_verify_report *rep,
                      gt_verify_explanation *out, gt_error *err)
{
    if (!d || !getter || !rep || !out)
        return gt_error_set(err, GT_EARG, "gt_verify_explain: NULL argument");
    memset(out, 0, sizeof *out);
    out->code = "none";
    out->twin = rep->twin;
    out->key_twin = rep->twin;
    out->key_type = rep->key_type;
    gt_str style = d->signature_requirement.signature_style;
    bool polka = style.len == 12 && memcmp(style.ptr, "polka-wallet", 12) == 0;
    out->expected_form = polka ? GT_MESSAGE_WRAPPED_HASH : GT_MESSAGE_RAW_HASH;
    uint8_t hash[16];
    int rc = gt_deployment_challenge_hash(d, hash, err);
    if (rc != GT_OK)
        return rc;
    gt_hex_encode(hash, 16, out->checked_hash);
    if (rep->reason != GT_VERIFY_BAD_SIGNATURE) {
        say(out, GT_FINDING_NOT_SIGNATURE, "not-signature",
            "the refusal is not a signature that fails to verify: there is no signing mistake to look for");
        return GT_OK;
    }
    const gt_signature *sig = first_signature(d, rep->twin);
    uint8_t key[GT_KEY_MAX];
    size_t key_len = 0;
    uint8_t *raw = sig ? malloc(sig->signature.len / 2 + 1) : NULL;
    size_t raw_len = 0;
    gt_hex_err herr;
    if (!sig || !raw || gt_hex_decode(sig->signature.ptr, sig->signature.len, raw, &raw_len, &herr) != 0 ||
        getter(ctx, rep->twin, key, sizeof key, &key_len, NULL) != GT_OK) {
        free(raw);
        if (sig && !raw)
            return gt_error_set(err, GT_ENOMEM, "out of memory");
        say(out, GT_FINDING_NOT_SIGNATURE, "not-signature", "twin %u's signature or key cannot be read again",
            rep->twin);
        return GT_OK;
    }
    char *text = NULL;
    size_t text_len = 0;
    if ((rc = gt_deployment_challenge(d, &text, &text_len, err)) != GT_OK) {
        free(raw);
        return rc;
    }
    gt_key_type declared = rep->key_type, other = declared == GT_KEY_SR25519 ? GT_KEY_ED25519 : GT_KEY_SR25519;
    tries t = {raw, raw_len, out, key, key_len, {declared, other}, false};
    const char *dname = gt_key_type_name(declared), *oname = gt_key_type_name(other);

    /* 1. the node's hash, the twin's key and declared type: another form of the message */
    if (try_forms(&t, 1, key, key_len, hash, (const uint8_t *)text, text_len, (int)out->expected_form)) {
        bool style_swap = out->form == GT_MESSAGE_RAW_HASH || out->form == GT_MESSAGE_WRAPPED_HASH;
        if (style_swap && polka)
            say(out, GT_FINDING_OTHER_STYLE, "other-style",
                "the signature covers %s, the message of the default style, but signature_style 'polka-wallet' "
                "makes the node check %s: sign that message, or clear signature_style and sign again",
                form_words(out->form), form_words(out->expected_form));
        else if (style_swap)
            say(out, GT_FINDING_OTHER_STYLE, "other-style",
                "the signature covers %s, the polka-wallet message, but signature_style is not 'polka-wallet', "
                "so the node checks %s: set signature_style to 'polka-wallet' and sign again (the style is part "
                "of the challenge)",
                form_words(out->form), form_words(out->expected_form));
        else
            say(out, GT_FINDING_OTHER_FORM, "other-form",
                "the signature covers %s; the node checks %s: sign that instead",
                form_words(out->form), form_words(out->expected_form));
        goto done;
    }
    /* 2. the other key type */
    t.types[0] = other;
    if (try_forms(&t, 1, key, key_len, hash, (const uint8_t *)text, text_len, -1)) {
        say(out, GT_FINDING_OTHER_KEY_TYPE, "other-key-type",
            "the signature verifies as %s with twin %u's key, but its signature_type makes the node check %s: "
            "set signature_type to '%s'%s%s",
            oname, rep->twin, dname, oname, out->form != out->expected_form ? "; and it covers " : "",
            out->form != out->expected_form ? form_words(out->form) : "");
        goto done;
    }
    t.types[0] = declared;
    /* 3. another requested twin's key */
    const gt_signature_requirement *sr = &d->signature_requirement;
    for (uint32_t i = 0; i < sr->requests.len && !t.found; i++) {
        uint32_t other_twin = sr->requests.items[i].twin_id;
        bool seen = other_twin == rep->twin;
        for (uint32_t j = 0; j < i && !seen; j++)
            seen = sr->requests.items[j].twin_id == other_twin;
        uint8_t okey[GT_KEY_MAX];
        size_t okey_len = 0;
        if (seen || getter(ctx, other_twin, okey, sizeof okey, &okey_len, NULL) != GT_OK)
            continue;
        if (try_forms(&t, 2, okey, okey_len, hash, (const uint8_t *)text, text_len, -1)) {
            out->key_twin = other_twin;
            say(out, GT_FINDING_OTHER_TWIN_KEY, "other-twin-key",
                "the signature given for twin %u verifies with twin %u's key (%s, over %s): it was made with "
                "the other twin's key, or filed under the wrong twin_id",
                rep->twin, other_twin, gt_key_type_name(out->key_type), form_words(out->form));
        }
    }
    if (t.found)
        goto done;
    /* 4. the hashes of the challenge as other implementations write it */
    {
        dv_ctx dc;
        size_t applicable, tried;
        rc = dv_init(&dc, d, err);
        if (rc == GT_OK && dv_enumerate(&dc, visit, &t, &applicable, &tried) != GT_OK)
            rc = gt_error_set(err, GT_ENOMEM, "out of memory");
        dv_free(&dc);
        if (rc != GT_OK)
            goto out;
        if (t.found) {
            char list[512];
            names(&out->divergence, list, sizeof list);
            if (out->form == GT_MESSAGE_CHALLENGE)
                say(out, GT_FINDING_DIVERGENT_HASH, "divergent-hash",
                    "the signature covers the challenge text itself, as a signer with %s writes it "
                    "(docs/DIVERGENCES.md)%s%s",
                    list, out->key_type != declared ? ", signed as " : "",
                    out->key_type != declared ? gt_key_type_name(out->key_type) : "");
            else
                say(out, GT_FINDING_DIVERGENT_HASH, "divergent-hash",
                    "the signature covers another hash, %s (as %s): the signer wrote the challenge with %s "
                    "(docs/DIVERGENCES.md)%s%s",
                    out->signed_hash, form_words(out->form), list, out->key_type != declared ? ", signed as " : "",
                    out->key_type != declared ? gt_key_type_name(out->key_type) : "");
            goto done;
        }
    }
    say(out, GT_FINDING_NONE, "none",
        "none of the %zu messages and keys tried verifies it (the hash in every form, both key types, the other "
        "requested twins' keys, the challenge as known divergences write it): it was made over something else, "
        "or with a key other than the one the chain has for twin %u",
        out->tried, rep->twin);
done:
    rc = GT_OK;
out:
    free(raw);
    free(text);
    return rc;
}
