#!/bin/sh
# scripts/install-deps.sh [--test]: install the Debian packages crosscheck
# needs to build (and with --test, to run its test suite), only those that
# are missing, naming each one.  Needs root (or sudo) when something is
# missing; does nothing when all is there.  Called by 'make demo' and
# 'make check'.
set -eu

missing=""
want() { # package
    case " $missing " in *" $1 "*) ;; *) missing="$missing $1" ;; esac
}

command -v cc >/dev/null 2>&1 || want gcc
command -v make >/dev/null 2>&1 || want make
command -v pkg-config >/dev/null 2>&1 || want pkg-config
# pkg-config module -> Debian package
for pair in sqlite3:libsqlite3-dev libutf8proc:libutf8proc-dev jansson:libjansson-dev \
            libxml-2.0:libxml2-dev libxxhash:libxxhash-dev libcurl:libcurl4-openssl-dev \
            libmicrohttpd:libmicrohttpd-dev zlib:zlib1g-dev; do
    mod=${pair%%:*} pkg=${pair#*:}
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$mod"; then
        want "$pkg"
    fi
done
# libstemmer (Snowball) ships no pkg-config file: look for its header
[ -f /usr/include/libstemmer.h ] || want libstemmer-dev
if [ "${1:-}" = "--test" ]; then
    # the dossier is validated against the JSON Schema with Python's jsonschema
    if ! { python3 -c 'import jsonschema' 2>/dev/null || /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; }; then
        want python3
        want python3-jsonschema
    fi
    command -v setpriv >/dev/null 2>&1 || want util-linux
    # the web page's end-to-end test (tests/cli/test_e2e.sh): node and npm
    # (npm ci fetches playwright-core), and Chromium to drive
    command -v node >/dev/null 2>&1 || want nodejs
    command -v npm >/dev/null 2>&1 || want npm
    [ -x /usr/bin/chromium ] || want chromium
fi
if [ "${1:-}" = "--valgrind" ]; then
    command -v valgrind >/dev/null 2>&1 || want valgrind
fi
if [ "${1:-}" = "--fuzz" ]; then
    # 'make fuzz': clang's libFuzzer with its sanitizer runtimes
    command -v clang >/dev/null 2>&1 || want clang
    ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
        ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ||
        want libclang-rt-dev
fi

[ -z "$missing" ] && exit 0

echo "crosscheck needs these Debian packages:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "Run as root: apt-get install -y$missing" >&2
        exit 1
    fi
else
    SUDO=
fi
for p in $missing; do echo "  installing $p" >&2; done
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
