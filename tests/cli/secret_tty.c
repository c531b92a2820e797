/* A secret typed at a terminal: `gridtypes key -` on a pseudo-terminal prompts, reads the
 * line without echoing it, and puts the terminal back (after the line, and when
 * interrupted). While it waits for the secret, its core dumps are off (RLIMIT_CORE 0) and
 * it is not dumpable (seen as the ownership of /proc/PID when not run as root; reported
 * as skipped otherwise).
 *
 * usage: secret_tty GRIDTYPES */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int failures;

#define CHECK(cond, ...)                                   \
    do {                                                   \
        if (!(cond)) {                                     \
            failures++;                                    \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                  \
            fputc('\n', stderr);                           \
        }                                                  \
    } while (0)

/* Reads what the child writes until `want` appears (or the child is done, or 10 s pass). */
static size_t read_until(int master, char *buf, size_t cap, size_t len, const char *want)
{
    time_t until = time(NULL) + 10;
    while (len + 1 < cap && time(NULL) < until) {
        buf[len] = '\0';
        if (want && strstr(buf, want))
            break;
        struct pollfd p = {master, POLLIN, 0};
        if (poll(&p, 1, 200) <= 0)
            continue;
        ssize_t r = read(master, buf + len, cap - 1 - len);
        if (r <= 0)
            break; /* EIO: the child closed its side */
        len += (size_t)r;
    }
    buf[len] = '\0';
    return len;
}

/* waitpid with a deadline: a child still running after 10 s is killed (and the test fails). */
static int reap(pid_t pid)
{
    int status = 0;
    for (int i = 0; i < 100; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return status;
        usleep(100000);
    }
    failures++;
    fprintf(stderr, "FAIL: the command is still running after 10 s\n");
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return status;
}

/* Starts `gridtypes key --key-type sr25519 -` on a new pseudo-terminal; as `uid` when
 * that is not -1 (to see the dumpable flag, which root's view of /proc hides). */
static pid_t start_as(const char *gt, int *master, int uid)
{
    pid_t pid = forkpty(master, NULL, NULL, NULL);
    if (pid == 0) {
        if (uid >= 0 && (setgid((gid_t)uid) != 0 || setuid((uid_t)uid) != 0))
            _exit(126);
        unsetenv("GRIDTYPES_MNEMONIC");
        execl(gt, "gridtypes", "key", "--key-type", "sr25519", "-", (char *)NULL);
        _exit(127);
    }
    return pid;
}

static pid_t start(const char *gt, int *master)
{
    return start_as(gt, master, -1);
}

/* Whether /proc/PID belongs to root although the process runs as another user: what the
 * kernel shows for a process that is not dumpable. */
static bool proc_owned_by_root(pid_t pid)
{
    char path[64];
    struct stat st;
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    return stat(path, &st) == 0 && st.st_uid == 0;
}

static bool echo_on(int master)
{
    struct termios t;
    return tcgetattr(master, &t) == 0 && (t.c_lflag & ECHO);
}

/* Whether /proc/PID/limits says core files are limited to 0 bytes. */
static int core_limit_zero(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/limits", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int zero = -1;
    while (fgets(line, sizeof line, f)) {
        char soft[32];
        if (strncmp(line, "Max core file size", 18) == 0 && sscanf(line + 18, "%31s", soft) == 1)
            zero = strcmp(soft, "0") == 0; /* the soft limit, the first column */
    }
    fclose(f);
    return zero;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: secret_tty GRIDTYPES\n");
        return 2;
    }
    const char *gt = argv[1];
    /* core files allowed for us, so that the child's 0 is its own doing */
    struct rlimit rl;
    if (getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_max != 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_CORE, &rl);
    }
    bool core_check = getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur != 0;

    /* 1. the secret typed, not echoed; the public key printed; the terminal restored */
    int master;
    pid_t pid = start(gt, &master);
    CHECK(pid > 0, "forkpty: %s", strerror(errno));
    if (pid <= 0)
        return 1;
    char out[8192];
    size_t len = read_until(master, out, sizeof out, 0, "not shown): ");
    CHECK(strstr(out, "Secret (mnemonic, 0x seed or secret URI; not shown): ") != NULL, "no prompt: [%s]", out);
    CHECK(!echo_on(master), "echo still on while the secret is read");
    if (core_check)
        CHECK(core_limit_zero(pid) == 1, "core dumps not disabled while the secret is read");
    else
        printf("skipped: core limit check (core files not allowed here in the first place)\n");
    if (geteuid() != 0)
        CHECK(proc_owned_by_root(pid), "the process is dumpable while the secret is read");
    const char secret[] = "//Alice\n";
    CHECK(write(master, secret, sizeof secret - 1) == (ssize_t)(sizeof secret - 1), "write");
    len = read_until(master, out, sizeof out, len, "ss58:       5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    int status = reap(pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d", status);
    CHECK(strstr(out, "public key: d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d") != NULL,
          "no public key: [%s]", out);
    CHECK(strstr(out, "Alice") == NULL, "the secret was echoed: [%s]", out);
    CHECK(echo_on(master), "echo not restored after the secret");
    close(master);

    /* 2. interrupted at the prompt: the terminal is restored all the same */
    pid = start(gt, &master);
    CHECK(pid > 0, "forkpty: %s", strerror(errno));
    if (pid <= 0)
        return 1;
    read_until(master, out, sizeof out, 0, "not shown): ");
    CHECK(!echo_on(master), "echo still on while the secret is read");
    kill(pid, SIGINT);
    status = reap(pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT, "not ended by SIGINT: %d", status);
    CHECK(echo_on(master), "echo not restored after SIGINT");
    close(master);

    /* 3. as root, the dumpable flag is seen by running the command as nobody */
    if (geteuid() == 0) {
        pid = start_as(gt, &master, 65534);
        len = read_until(master, out, sizeof out, 0, "not shown): ");
        if (!strstr(out, "not shown): ")) {
            printf("skipped: dumpable check (the command cannot run as nobody here)\n");
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        } else {
            CHECK(proc_owned_by_root(pid), "the process is dumpable while the secret is read");
            CHECK(write(master, secret, sizeof secret - 1) == (ssize_t)(sizeof secret - 1), "write");
            read_until(master, out, sizeof out, len, "ss58:");
            status = reap(pid);
            CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d as nobody", status);
        }
        close(master);
    }

    printf("secret_tty: %s\n", failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
