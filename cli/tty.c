/* Reading a secret typed at a terminal without showing it, as ssh and sudo do: echo is
 * turned off for the one line the secret is, and turned back on whatever happens (end of
 * the line, end of input, an error, or a signal that stops or ends the command). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static int tty_fd = -1;
static struct termios saved, quiet;

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
static struct sigaction previous[sizeof caught / sizeof caught[0]];

/* Puts the terminal back, lets the signal do what it would have done, and if the command
 * was only stopped (Ctrl-Z), turns echo off again when it continues. Only async-signal-safe
 * calls. */
static void on_signal(int sig)
{
    int saved_errno = errno;
    tcsetattr(tty_fd, TCSAFLUSH, &saved);
    struct sigaction dfl, mine;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, &mine);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* still here: it was a stop signal, and we continue */
    sigaction(sig, &mine, NULL);
    tcsetattr(tty_fd, TCSAFLUSH, &quiet);
    errno = saved_errno;
}

int cli_tty_read_secret(const cli_ctx *ctx, int fd, size_t limit, cli_input *in)
{
    char *buf = sodium_malloc(limit + 2);
    if (!buf) {
        fprintf(stderr, "gridtypes %s: out of memory\n", ctx->cmd);
        return CLI_USAGE;
    }
    bool restore = tcgetattr(fd, &saved) == 0;
    if (restore) {
        tty_fd = fd;
        quiet = saved;
        quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHOE | ECHOK | ECHONL);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
            sigaction(caught[i], &sa, &previous[i]);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    /* the prompt once echo is off: what is typed after it is never shown */
    fprintf(stderr, "Secret (mnemonic, 0x seed or secret URI; not shown): ");
    fflush(stderr);
    size_t len = 0;
    int err = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            err = errno;
            break;
        }
        if (r == 0 || c == '\n')
            break;
        if (len <= limit) /* one byte past the limit tells "too large" apart */
            buf[len++] = c;
    }
    if (restore) {
        tcsetattr(fd, TCSAFLUSH, &saved);
        for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
            sigaction(caught[i], &previous[i], NULL);
        tty_fd = -1;
    }
    fputc('\n', stderr); /* the newline typed was not echoed */
    if (err) {
        sodium_free(buf);
        fprintf(stderr, "gridtypes %s: cannot read the secret: %s\n", ctx->cmd, strerror(err));
        return CLI_USAGE;
    }
    buf[len] = '\0';
    in->data = buf;
    in->len = len;
    return CLI_OK;
}
