#!/bin/sh
# Makes sure the listed dependencies are there, installing the missing ones with apt-get
# when this machine has it. The Makefile calls it with a target's list (see DEPS_* there).
#
#   scripts/deps.sh [--dry-run] DEP...
#
# Each DEP is KIND:WHAT=PACKAGE, where PACKAGE is the Debian package that provides WHAT and
# KIND says how to tell whether WHAT is already there (without dpkg, which a machine may lack):
#   pc:MODULE     pkg-config knows MODULE (pkg-config itself must then be there)
#   cmd:NAME      NAME is a command on PATH
#   file:PATH     PATH exists; several paths (or globs) may be given as PATH|PATH|...
# Nothing is installed when everything is present. Otherwise the missing packages are
# installed with one `apt-get install` (through sudo when not root); without apt-get the
# script names what is missing and which packages provide it, and exits 1.
# --dry-run only prints what it would install. GT_APT_GET overrides the apt-get command
# (the tests use a stand-in).
set -eu

dry_run=0
if [ "${1-}" = --dry-run ]; then
    dry_run=1
    shift
fi
apt_get=${GT_APT_GET-apt-get}

missing_pkgs=""
missing_what=""
for dep in "$@"; do
    kind=${dep%%:*}
    rest=${dep#*:}
    what=${rest%=*}
    pkg=${rest##*=}
    if [ "$kind" = "$dep" ] || [ "$what" = "$rest" ] || [ -z "$what" ] || [ -z "$pkg" ]; then
        echo "deps: malformed dependency '$dep' (expected KIND:WHAT=PACKAGE)" >&2
        exit 2
    fi
    present=0
    case $kind in
    pc)
        if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$what"; then
            present=1
        fi
        ;;
    cmd)
        if command -v "$what" >/dev/null 2>&1; then
            present=1
        fi
        ;;
    file)
        old_ifs=$IFS
        IFS='|'
        for path in $what; do
            if [ -e "$path" ]; then
                present=1
            fi
        done
        IFS=$old_ifs
        ;;
    *)
        echo "deps: unknown kind '$kind' in '$dep' (pc, cmd or file)" >&2
        exit 2
        ;;
    esac
    if [ $present = 0 ]; then
        missing_what="$missing_what $kind:$what"
        case " $missing_pkgs " in
        *" $pkg "*) ;;
        *) missing_pkgs="$missing_pkgs $pkg" ;;
        esac
    fi
done

if [ -z "$missing_pkgs" ]; then
    exit 0
fi

echo "deps: missing:$missing_what"
if [ $dry_run = 1 ]; then
    echo "deps: would install:$missing_pkgs"
    exit 0
fi
if ! command -v "$apt_get" >/dev/null 2>&1; then
    echo "deps: apt-get is not available here; install these (Debian package names):$missing_pkgs" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "deps: not root and no sudo; as root, run: apt-get install$missing_pkgs" >&2
        exit 1
    fi
    sudo=sudo
fi
echo "deps: installing:$missing_pkgs"
$sudo "$apt_get" update -qq
# shellcheck disable=SC2086 # the package list is meant to split into words
$sudo env DEBIAN_FRONTEND=noninteractive "$apt_get" install -y -qq $missing_pkgs
