/* What a program using the installed library does: parse a deployment, print its hash,
 * then sign it with //Alice (sr25519) and verify the signature (libsodium at work). */
#include <gridtypes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: consumer DEPLOYMENT.json\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);

    gt_error err;
    gt_deployment *d;
    if (gt_deployment_parse(buf, len, &d, &err) != GT_OK) {
        fprintf(stderr, "parse: %s\n", err.message);
        return 1;
    }
    char hash[GT_HASH_HEX_SIZE];
    if (gt_deployment_challenge_hash_hex(d, hash, &err) != GT_OK) {
        fprintf(stderr, "hash: %s\n", err.message);
        return 1;
    }
    gt_keypair kp;
    uint8_t sig[GT_SIGNATURE_BYTES];
    int rc = gt_keypair_from_secret("//Alice", 7, GT_KEY_SR25519, &kp, &err);
    if (rc == GT_OK)
        rc = gt_keypair_sign(&kp, (const uint8_t *)hash, strlen(hash), sig, &err);
    if (rc == GT_OK)
        rc = gt_signature_verify(GT_KEY_SR25519, kp.public_key, sizeof kp.public_key,
                                 (const uint8_t *)hash, strlen(hash), sig, sizeof sig, &err);
    gt_keypair_wipe(&kp);
    gt_deployment_free(d);
    if (rc != GT_OK) {
        fprintf(stderr, "sign and verify: %s\n", err.message);
        return 1;
    }
    printf("%s\n", hash);
    return 0;
}
