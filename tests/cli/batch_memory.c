/* batch_memory GRIDTYPES DEPLOYMENT.json: `gridtypes hash --ndjson -` keeps its memory
 * bounded however long the stream is. The stream is generated here and piped in, never
 * stored: once ~8 MB of lines, once ~16 times as much plus a 40 MB line (over the input
 * limit, 1 MB here, so it must be skipped while keeping at most that much). The peak resident size of the second
 * run may exceed the first's by a few megabytes only, not by anything near the 150 MB
 * more it reads; every line must get its answer, in order, and the long line its refusal.
 *
 * The comparison of two runs, rather than a fixed ceiling, keeps the test meaningful under
 * the sanitizers, whose own overhead is large but does not grow with the stream (their
 * quarantine of freed memory is kept small for the child). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    return buf;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Runs the command on `lines` copies of line (and, when long_at is not 0, a line of
 * long_len bytes before line number long_at), output to out_path; returns the peak
 * resident size in KiB, or -1. */
static long run(const char *gt, const char *line, size_t len, size_t lines, size_t long_at, size_t long_len,
                const char *out_path, int *status)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out < 0)
            _exit(127);
        dup2(p[0], STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        close(p[0]);
        close(p[1]);
        close(out);
        execl(gt, gt, "hash", "--ndjson", "-j", "2", "--max-size", "1M", "-", (char *)NULL);
        _exit(127);
    }
    close(p[0]);
    char *junk = NULL;
    if (long_at) {
        junk = malloc(1 << 20);
        if (!junk)
            return -1;
        memset(junk, 'x', 1 << 20);
    }
    int rc = 0;
    for (size_t i = 1; i <= lines && rc == 0; i++) {
        if (i == long_at) {
            for (size_t done = 0; done < long_len && rc == 0; done += 1 << 20)
                rc = write_all(p[1], junk, long_len - done < (1u << 20) ? long_len - done : 1 << 20);
            rc = rc ? rc : write_all(p[1], "\n", 1);
        }
        rc = rc ? rc : write_all(p[1], line, len);
    }
    free(junk);
    close(p[1]);
    struct rusage ru;
    if (wait4(pid, status, 0, &ru) != pid || rc != 0)
        return -1;
    return ru.ru_maxrss;
}

/* Counts the output's lines and those that refuse a too-large input; checks that the
 * line numbers follow each other. */
static int check_output(const char *path, size_t want_lines, size_t want_large)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char buf[4096];
    size_t n = 0, large = 0;
    while (fgets(buf, sizeof buf, f)) {
        n++;
        char want[64];
        snprintf(want, sizeof want, "{\"input\":\"<stdin>\",\"line\":%zu,", n);
        if (strncmp(buf, want, strlen(want)) != 0) {
            fprintf(stderr, "line %zu of the output: %.200s\n", n, buf);
            fclose(f);
            return -1;
        }
        large += strstr(buf, "too large") != NULL;
    }
    fclose(f);
    if (n != want_lines || large != want_large) {
        fprintf(stderr, "%zu lines (want %zu), %zu too large (want %zu)\n", n, want_lines, large, want_large);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: batch_memory GRIDTYPES DEPLOYMENT.json\n");
        return 2;
    }
    size_t len;
    char *dep = read_file(argv[2], &len);
    if (!dep) {
        perror(argv[2]);
        return 2;
    }
    /* one line: the pretty-printed example without its newlines (JSON strings hold none) */
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (dep[i] != '\n')
            dep[k++] = dep[i];
    dep[k++] = '\n';
    signal(SIGPIPE, SIG_IGN);
    /* keep the sanitizers' quarantine of freed memory small, so that what they keep does
     * not grow with the stream either */
    setenv("ASAN_OPTIONS", "quarantine_size_mb=4:thread_local_quarantine_size_kb=64", 1);

    char out[] = "/tmp/gridtypes-batch-memory-XXXXXX";
    int fd = mkstemp(out);
    if (fd < 0) {
        perror("mkstemp");
        return 2;
    }
    close(fd);
    size_t small = (8u << 20) / k, large = 16 * small;
    size_t long_len = (size_t)40 << 20;
    int st1, st2;
    long rss_small = run(argv[1], dep, k, small, 0, 0, out, &st1);
    int bad = rss_small < 0 || !WIFEXITED(st1) || WEXITSTATUS(st1) != 0 || check_output(out, small, 0) != 0;
    long rss_large = bad ? -1 : run(argv[1], dep, k, large, large / 2, long_len, out, &st2);
    bad = bad || rss_large < 0 || !WIFEXITED(st2) || WEXITSTATUS(st2) != 1 || check_output(out, large + 1, 1) != 0;
    unlink(out);
    free(dep);
    if (bad) {
        printf("FAIL: a run did not give the expected answers\n");
        return 1;
    }
    long grew = rss_large - rss_small;
    printf("peak resident size: %ld KiB for %zu lines (%zu MB), %ld KiB for %zu lines and a %zu MB line (%zu MB)\n",
           rss_small, small, small * k >> 20, rss_large, large, long_len >> 20, (large * k + long_len) >> 20);
    if (grew > 8 * 1024) {
        printf("FAIL: memory grew by %ld KiB with the stream\n", grew);
        return 1;
    }
    printf("batch memory: bounded (grew by %ld KiB)\n", grew);
    return 0;
}
