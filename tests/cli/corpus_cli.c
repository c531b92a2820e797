/* The gridtypes command against the conformance corpus (deployments/):
 *  - `gridtypes hash` prints hash_hex for every case whose expect has one, and refuses
 *    (exit 1) the cases whose hash the reference could not compute;
 *  - for every case with a challenge, the fragments of `hash --annotate --json`, joined,
 *    are exactly challenge_hex;
 *  - `hash --compare-hex` against the reference's challenge says equal, and against a copy
 *    with the middle byte changed names the offset and the field (JSON path) of that byte.
 *
 * usage: corpus_cli GRIDTYPES CORPUS_DIR
 * A C program rather than a shell script because it runs the command four times per case
 * and nothing else: process creation is most of the cost. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct {
    char *data;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 4096;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        b->data = realloc(b->data, ncap);
        if (!b->data) {
            perror("realloc");
            exit(2);
        }
        b->cap = ncap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Runs argv with standard output captured in out (standard error discarded); returns
 * the exit status, or -1 when the program did not exit normally (a crash). */
static int run(char *const argv[], buf *out)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", 1 /* O_WRONLY */, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    out->len = 0;
    put(out, "", 0);
    char chunk[65536];
    ssize_t r;
    while ((r = read(fds[0], chunk, sizeof chunk)) > 0)
        put(out, chunk, (size_t)r);
    close(fds[0]);
    if (rc != 0)
        return -1;
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(&b, chunk, n);
    fclose(f);
    put(&b, "", 0);
    return b.data;
}

/* The string value of "key" in a pretty-printed expect file, malloc'd; NULL when null or
 * absent. Values here are hex, so no escapes. */
static char *field(const char *json, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\n  \"%s\": ", key);
    const char *p = strstr(json, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    if (*p != '"')
        return NULL;
    const char *e = strchr(++p, '"');
    if (!e)
        return NULL;
    char *s = malloc((size_t)(e - p) + 1);
    memcpy(s, p, (size_t)(e - p));
    s[e - p] = '\0';
    return s;
}

static int write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(s, f);
    fputc('\n', f);
    return fclose(f);
}

static int failures;

static void fail(const char *name, const char *fmt, const char *a, const char *b)
{
    failures++;
    if (failures <= 30)
        printf("FAIL %s: %s %s %s\n", name, fmt, a ? a : "", b ? b : "");
}

/* The raw JSON text of the value after `"key": ` on the line at p (up to the comma or end of
 * line). key may start with text before the key's opening quote (then it has none). */
static char *raw_value(const char *p, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, key[0] == '\n' ? "%s\": " : "\"%s\": ", key);
    const char *s = strstr(p, pat);
    if (!s)
        return NULL;
    s += strlen(pat);
    const char *e = strchr(s, '\n');
    if (!e)
        e = s + strlen(s);
    if (e > s && e[-1] == ',')
        e--;
    char *v = malloc((size_t)(e - s) + 1);
    memcpy(v, s, (size_t)(e - s));
    v[e - s] = '\0';
    return v;
}

/* Checks one case with a challenge; returns nothing, counts failures. */
static void check_challenge(const char *gt, const char *name, const char *input, const char *chal, const char *tmp)
{
    buf out = {0};
    char *argv_annot[] = {(char *)gt, "hash", "--annotate", "--json", (char *)input, NULL};
    if (run(argv_annot, &out) != 0) {
        fail(name, "--annotate failed", NULL, NULL);
        free(out.data);
        return;
    }
    /* join the fragments and find the one holding the middle byte */
    size_t n = strlen(chal) / 2, k = n / 2, start = 0;
    buf joined = {0};
    put(&joined, "", 0);
    char *want_path = NULL, *path = NULL;
    for (const char *p = out.data; (p = strstr(p, "\"path\": ")) != NULL;) {
        free(path);
        path = raw_value(p, "path");
        /* each fragment says where it starts in the challenge */
        char *off = raw_value(p, "offset"), want_off[32];
        snprintf(want_off, sizeof want_off, "%zu", start);
        if (!off || strcmp(off, want_off) != 0)
            fail(name, "--annotate: fragment offset", off, want_off);
        free(off);
        const char *h = strstr(p, "\"hex\": \"");
        if (!h)
            break;
        h += 8;
        const char *e = strchr(h, '"');
        size_t len = (size_t)(e - h) / 2;
        put(&joined, h, (size_t)(e - h));
        if (!want_path && n && k >= start && k < start + len) {
            want_path = path;
            path = NULL;
        }
        start += len;
        p = e;
    }
    free(path);
    if (strcmp(joined.data, chal) != 0)
        fail(name, "joined fragments differ from challenge_hex", NULL, NULL);

    char theirs[4096];
    snprintf(theirs, sizeof theirs, "%s/theirs.hex", tmp);
    write_file(theirs, chal);
    char *argv_cmp[] = {(char *)gt, "hash", "--compare-hex", theirs, (char *)input, NULL};
    int rc = run(argv_cmp, &out);
    if (rc != 0 || strncmp(out.data, "equal", 5) != 0)
        fail(name, "--compare with the reference's challenge:", out.data, NULL);

    if (n) {
        char *changed = strdup(chal);
        changed[2 * k] = '3';
        changed[2 * k + 1] = (chal[2 * k] == '3' && chal[2 * k + 1] == '0') ? '1' : '0';
        write_file(theirs, changed);
        free(changed);
        char *argv_cmp2[] = {(char *)gt, "hash", "--json", "--compare-hex", theirs, (char *)input, NULL};
        rc = run(argv_cmp2, &out);
        /* the members of the result itself, not those of its "error" object */
        char *got_path = raw_value(out.data, "\n  \"path"), *got_off = raw_value(out.data, "\n  \"offset");
        char want_off[32];
        snprintf(want_off, sizeof want_off, "%zu", k);
        if (rc != 1 || !got_off || strcmp(got_off, want_off) != 0)
            fail(name, "one byte changed: wrong offset", got_off, want_off);
        else if (!got_path || !want_path || strcmp(got_path, want_path) != 0)
            fail(name, "one byte changed: path", got_path, want_path);
        free(got_path);
        free(got_off);
    }
    free(want_path);
    free(joined.data);
    free(out.data);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: corpus_cli GRIDTYPES CORPUS_DIR\n");
        return 2;
    }
    const char *gt = argv[1];
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/deployments", argv[2]);
    char tmp[] = "/tmp/gridtypes-corpus-XXXXXX";
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 2;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        perror(dir);
        return 2;
    }
    char **names = NULL;
    size_t nnames = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l > 12 && strcmp(de->d_name + l - 12, ".expect.json") == 0) {
            names = realloc(names, (nnames + 1) * sizeof *names);
            names[nnames++] = strdup(de->d_name);
        }
    }
    closedir(dp);
    qsort(names, nnames, sizeof *names, by_name);

    size_t hashes = 0, challenges = 0;
    buf out = {0};
    for (size_t i = 0; i < nnames; i++) {
        char expect[8192], input[8192], name[512];
        snprintf(expect, sizeof expect, "%s/%s", dir, names[i]);
        snprintf(name, sizeof name, "%.*s", (int)(strlen(names[i]) - 12), names[i]);
        snprintf(input, sizeof input, "%s/%s.json", dir, name);
        char *exp = slurp(expect);
        if (!exp) {
            fail(name, "cannot read", expect, NULL);
            continue;
        }
        char *hash = field(exp, "hash_hex"), *chal = field(exp, "challenge_hex");
        char *argv_hash[] = {(char *)gt, "hash", input, NULL};
        int rc = run(argv_hash, &out);
        if (hash) {
            hashes++;
            if (rc != 0 || out.len < 32 || strncmp(out.data, hash, 32) != 0 || out.data[32] != '\n')
                fail(name, "hash:", out.data, hash);
        } else if (rc != 1) {
            fail(name, "hash should be refused (exit 1)", NULL, NULL);
        }
        if (chal) {
            challenges++;
            check_challenge(gt, name, input, chal, tmp);
        }
        free(hash);
        free(chal);
        free(exp);
        free(names[i]);
    }
    free(names);
    free(out.data);
    char path[8192];
    snprintf(path, sizeof path, "%s/theirs.hex", tmp);
    unlink(path);
    rmdir(tmp);
    printf("corpus: %zu hashes, %zu challenge maps checked, %d failed\n", hashes, challenges, failures);
    return failures || hashes == 0 ? 1 : 0;
}
