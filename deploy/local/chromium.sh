#!/usr/bin/env bash
# The headless browser the review page's test drives: Debian's Chromium package, with CJK fonts so the Chinese
# page is drawn in real glyphs. No containers, no downloads outside the distribution's packages.
#
#   chromium.sh ensure   install chromium and fonts-noto-cjk from Debian packages if chromium is missing (as root)
#   chromium.sh path     print the browser binary (installing it first, like ensure)
#
# Env: LEADFLOW_CHROMIUM, a browser binary to use instead (then nothing is installed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

find_browser() {
  if [[ -n ${LEADFLOW_CHROMIUM:-} ]]; then
    [[ -x $LEADFLOW_CHROMIUM ]] || die "LEADFLOW_CHROMIUM=$LEADFLOW_CHROMIUM is not an executable"
    printf '%s\n' "$LEADFLOW_CHROMIUM"
    return 0
  fi
  command -v chromium || command -v chromium-browser || command -v google-chrome || true
}

ensure() {
  if [[ -n ${LEADFLOW_CHROMIUM:-} ]]; then
    find_browser >/dev/null
    return 0
  fi
  [[ -n $(find_browser) ]] && return 0
  [[ $(id -u) == 0 ]] || die "Chromium is missing; install it (apt-get install chromium fonts-noto-cjk) or run as root"
  command -v apt-get >/dev/null 2>&1 || die "Chromium is missing and this is no Debian (no apt-get); set LEADFLOW_CHROMIUM"
  log "installing chromium and fonts-noto-cjk from Debian packages"
  local apt_log="$LEADFLOW_LOG_DIR/chromium-apt.log"
  # A fresh CI machine has no package lists yet; update once and retry before giving up.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk >"$apt_log" 2>&1; then
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; } >>"$apt_log" 2>&1; then
      show_log_tail "$apt_log" 20
      die "could not install chromium (see $apt_log)"
    fi
  fi
  [[ -n $(find_browser) ]] || die "chromium was installed but is not on PATH"
}

case "${1:-}" in
  ensure) ensure ;;
  path) ensure; find_browser ;;
  *) usage "$0" ;;
esac
