#!/bin/sh
# scripts/deps.sh: nothing happens when everything is there; what is missing is named
# (and the command fails) where apt-get is absent; where it is present, exactly the missing
# packages are installed, each once. A stand-in apt-get records what it is asked.
# $1 is the source tree. Exits 77 (skipped) for the install case when not root.
set -u
src=${1:?source tree}
deps="$src/scripts/deps.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0
passed=0
check() { # NAME CONDITION...
    name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        echo "FAIL: $name"
        failed=$((failed + 1))
    fi
}

# 1. all present: exit 0, silent, apt-get never called
cat >"$tmp/apt-get" <<STUB
#!/bin/sh
echo "\$*" >>"$tmp/apt-calls"
STUB
chmod +x "$tmp/apt-get"
out=$(GT_APT_GET="$tmp/apt-get" "$deps" 'pc:libsodium=libsodium-dev' 'cmd:sh=dash' "file:/nonexistent|$tmp=x" 2>&1)
rc=$?
check "all present: exit 0" [ $rc = 0 ]
check "all present: silent" [ -z "$out" ]
check "all present: no apt-get" [ ! -e "$tmp/apt-calls" ]

# 2. no apt-get: exit 1, the missing package named, the present one not
out=$(GT_APT_GET="$tmp/no-such-apt-get" "$deps" 'pc:gt-no-such-module=libgt-missing-dev' \
    'pc:libsodium=libsodium-dev' 2>&1)
rc=$?
check "no apt-get: exit 1" [ $rc = 1 ]
check "no apt-get: names the package" sh -c 'echo "$1" | grep -q "libgt-missing-dev"' - "$out"
check "no apt-get: says apt-get is absent" sh -c 'echo "$1" | grep -q "apt-get is not available"' - "$out"
check "no apt-get: present package not named" sh -c '! echo "$1" | grep -q "libsodium-dev"' - "$out"

# 3. malformed entries and unknown kinds: exit 2
"$deps" 'libsodium-dev' >/dev/null 2>&1
check "malformed: exit 2" [ $? = 2 ]
"$deps" 'rpm:x=y' >/dev/null 2>&1
check "unknown kind: exit 2" [ $? = 2 ]

# 4. dry run: says what it would install, installs nothing
out=$(GT_APT_GET="$tmp/apt-get" "$deps" --dry-run 'cmd:gt-no-such-command=gt-pkg' 2>&1)
check "dry run: exit 0" [ $? = 0 ]
check "dry run: would install" sh -c 'echo "$1" | grep -q "would install: gt-pkg"' - "$out"
check "dry run: no apt-get" [ ! -e "$tmp/apt-calls" ]

echo "$passed passed, $failed failed"
[ $failed = 0 ] || exit 1

# 5. install through the stand-in (as root only: otherwise the script would use sudo)
if [ "$(id -u)" != 0 ]; then
    echo "install case skipped: not root"
    exit 77
fi
GT_APT_GET="$tmp/apt-get" "$deps" 'cmd:gt-no-such-command=gt-pkg-a' 'pc:gt-no-such-module=gt-pkg-b' \
    'file:/nonexistent/a=gt-pkg-a' 'cmd:sh=dash' >/dev/null 2>&1
rc=$?
calls=$(cat "$tmp/apt-calls" 2>/dev/null)
want="update -qq
install -y -qq gt-pkg-a gt-pkg-b"
if [ $rc = 0 ] && [ "$calls" = "$want" ]; then
    echo "install: 1 passed, 0 failed"
else
    echo "FAIL: install: rc $rc, apt-get calls: $calls"
    exit 1
fi
