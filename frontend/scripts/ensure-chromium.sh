#!/usr/bin/env bash
# Installs Debian's chromium (and a CJK font, so screenshots show Chinese) when absent.
# Quiet and non-interactive; prints apt's log only when the install fails.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  need+=(fonts-wqy-microhei)
fi
[ "${#need[@]}" -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "ensure-chromium: installing ${need[*]} …"
if ! {
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${need[@]}"
} >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-chromium: apt-get install ${need[*]} failed" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "ensure-chromium: /usr/bin/chromium still missing" >&2; exit 1; }
