# shellcheck shell=bash disable=SC2034,SC2016
# (SC2034: the variables are used by the scripts that source this file; SC2016: the
#  single-quoted bash -c bodies are meant to expand in the child, not here.)
# Shared helpers for the deploy/local scripts. Sourced, never executed:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Everything here is safe to source more than once and from any working directory:
# paths are derived from this file's location, never from $PWD.

# ---------------------------------------------------------------------------
# Locations
# ---------------------------------------------------------------------------

# The repository root: two levels above deploy/local/. Resolved physically so that
# pid files and logs are the same whichever symlink or cwd a script was started from.
LEADFLOW_LOCAL_DIR="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LEADFLOW_ROOT="$(cd -P "$LEADFLOW_LOCAL_DIR/../.." && pwd)"
# shellcheck source=jvm.sh
source "$LEADFLOW_LOCAL_DIR/jvm.sh"

# All run-time state (logs, pid files, Kafka data, markers) lives under one folder so a
# developer can wipe it with one rm -rf and git never sees it (.leadflow/ is gitignored).
: "${LEADFLOW_HOME:=$LEADFLOW_ROOT/.leadflow}"
mkdir -p "$LEADFLOW_HOME"
# Absolute, so that a relative LEADFLOW_HOME given by the caller still works after a cd.
LEADFLOW_HOME="$(cd -P "$LEADFLOW_HOME" && pwd)"
export LEADFLOW_HOME

LEADFLOW_LOG_DIR="$LEADFLOW_HOME/logs"
LEADFLOW_PID_DIR="$LEADFLOW_HOME/pids"
mkdir -p "$LEADFLOW_LOG_DIR" "$LEADFLOW_PID_DIR"

# ---------------------------------------------------------------------------
# Connection settings. Exported because the services and the Maven test run read the
# same variables; a caller's own values always win over these defaults.
# ---------------------------------------------------------------------------

: "${LEADFLOW_PG_HOST:=localhost}"
: "${LEADFLOW_PG_PORT:=5432}"
: "${LEADFLOW_PG_USER:=leadflow}"
: "${LEADFLOW_PG_PASSWORD:=leadflow}"
: "${LEADFLOW_KAFKA_BOOTSTRAP:=localhost:9092}"
export LEADFLOW_PG_HOST LEADFLOW_PG_PORT LEADFLOW_PG_USER LEADFLOW_PG_PASSWORD LEADFLOW_KAFKA_BOOTSTRAP

# Where a broker started by kafka.sh listens. The client port follows the bootstrap
# address's port so that changing LEADFLOW_KAFKA_BOOTSTRAP alone is enough; the broker
# binds 127.0.0.1 explicitly (not 0.0.0.0) so nothing outside this machine can reach it.
_lf_first_bootstrap="${LEADFLOW_KAFKA_BOOTSTRAP%%,*}"
: "${LEADFLOW_KAFKA_HOST:=127.0.0.1}"
: "${LEADFLOW_KAFKA_PORT:=${_lf_first_bootstrap##*:}}"
: "${LEADFLOW_KAFKA_CONTROLLER_PORT:=9093}"
export LEADFLOW_KAFKA_HOST LEADFLOW_KAFKA_PORT LEADFLOW_KAFKA_CONTROLLER_PORT

# The one origin: where the reverse proxy started by proxy.sh listens (all four APIs, by path).
# Loopback by default, like the services; 0.0.0.0 to reach it from elsewhere.
: "${LEADFLOW_PROXY_HOST:=127.0.0.1}"
: "${LEADFLOW_PROXY_PORT:=8000}"
export LEADFLOW_PROXY_HOST LEADFLOW_PROXY_PORT

# Staff tokens. A company points the services at its identity provider (issuer + a PEM or
# a JWKS URL); on one machine `up` makes a key pair under $LEADFLOW_HOME/jwt once, the
# services trust its public half, and deploy/local/token signs tokens with the private one.
: "${LEADFLOW_JWT_ISSUER:=https://leadflow.local}"
LEADFLOW_JWT_DIR="$LEADFLOW_HOME/jwt"
: "${LEADFLOW_JWT_PUBLIC_KEY_LOCATION:=file:$LEADFLOW_JWT_DIR/publicKey.pem}"
export LEADFLOW_JWT_ISSUER LEADFLOW_JWT_PUBLIC_KEY_LOCATION

# Marker written by postgres.sh when *it* started (or installed and started) the cluster;
# only then may postgres.sh stop / down / test stop it again.
LEADFLOW_PG_MARKER="$LEADFLOW_HOME/postgres.started-by-leadflow"
LEADFLOW_KAFKA_PIDFILE="$LEADFLOW_PID_DIR/kafka.pid"

# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

# Messages go to stderr so that commands whose stdout is data (kafka.sh classpath prints
# a path) stay usable in $(...).
log()  { printf '[leadflow %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[leadflow %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die()  { printf '[leadflow %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# usage SCRIPT: print the script's leading comment block (its documentation) and exit 2.
usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1" >&2
  exit 2
}

# Print the last lines of a log file, framed, so a failure explains itself in CI output.
show_log_tail() {
  local file=$1 lines=${2:-60}
  if [[ -f $file ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '----- end of %s -----\n' "$file" >&2
  else
    printf -- '(no log file %s)\n' "$file" >&2
  fi
}

# ---------------------------------------------------------------------------
# Small predicates
# ---------------------------------------------------------------------------

is_root() { [[ $(id -u) -eq 0 ]]; }

# True for addresses that mean "this machine": only then may we start or install a
# server ourselves; for anything else we can only use what is there.
is_local_host() {
  case "$1" in
    ''|localhost|localhost.localdomain|127.*|::1|'[::1]'|/*) return 0 ;;
    *) return 1 ;;
  esac
}

# Run a command as root: directly when we are root (CI, this machine), else via sudo.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for: $* (and sudo is not installed)"
  fi
}

# ---------------------------------------------------------------------------
# Network waits
# ---------------------------------------------------------------------------

# port_open HOST PORT: does something accept TCP connections there right now?
# Uses bash's /dev/tcp so it needs neither nc nor ss; `timeout` bounds the connect, which
# otherwise could hang for minutes on a filtered address.
port_open() {
  local host=$1 port=$2
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

# wait_for_port HOST PORT [TIMEOUT_SECONDS]: poll until the port accepts connections.
wait_for_port() {
  local host=$1 port=$2 timeout=${3:-30}
  local deadline=$((SECONDS + timeout))
  until port_open "$host" "$port"; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
}

# http_status URL: print the HTTP status code (000 when nothing answers).
# curl when present; otherwise a bare HTTP/1.0 GET over /dev/tcp, because a fresh Debian
# CI image is not guaranteed to have curl and this is only ever used against localhost.
http_status() {
  local url=$1
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null || true
    return 0
  fi
  local rest=${url#http://} hostport path host port line
  hostport=${rest%%/*}
  path=/${rest#*/}
  [[ $rest == */* ]] || path=/
  host=${hostport%:*}
  port=${hostport##*:}
  [[ $hostport == *:* ]] || port=80
  line=$(timeout 5 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3
      head -n1 <&3' _ "$host" "$port" "$path" 2>/dev/null) || line=
  line=${line#HTTP/* }
  printf '%s' "${line:0:3}" | grep -E '^[0-9]{3}$' || printf '000'
}

# wait_for_http_ok URL [TIMEOUT_SECONDS] [PIDFILE]: poll until URL answers 200.
# With a pid file, give up early when that process has died: no point waiting two
# minutes for a service that crashed at start-up.
wait_for_http_ok() {
  local url=$1 timeout=${2:-60} pidfile=${3:-}
  local deadline=$((SECONDS + timeout)) code
  while :; do
    code=$(http_status "$url")
    [[ $code == 200 ]] && return 0
    if [[ -n $pidfile ]] && ! is_running "$pidfile"; then
      log "process of $pidfile exited while waiting for $url"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "timed out after ${timeout}s waiting for $url (last status $code)"
      return 1
    fi
    sleep 1
  done
}

# ---------------------------------------------------------------------------
# Background processes, tracked by pid file
# ---------------------------------------------------------------------------
#
# A pid file holds one pid. Next to it, <pidfile>.start holds the kernel's start time of
# that process (field 22 of /proc/PID/stat): a pid alone can be reused by an unrelated
# process after a reboot or a long time, and `down` must never signal a stranger.

_proc_start_time() {
  # The command name (field 2) may contain spaces; cut it off at the last ')'.
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # After the last ") " the fields start at field 3, so field 22 is the 20th word.
  sed -E 's/.*\) //' <<<"$stat" | awk '{print $20}'
}

# read_pid PIDFILE: print the pid recorded there (nothing, status 1, when none).
read_pid() {
  local pidfile=$1 pid
  [[ -f $pidfile ]] || return 1
  pid=$(head -n1 "$pidfile" 2>/dev/null | tr -dc '0-9')
  [[ -n $pid ]] || return 1
  printf '%s\n' "$pid"
}

# is_running PIDFILE: is the process recorded there alive, and the same process we started?
is_running() {
  local pidfile=$1 pid recorded actual
  pid=$(read_pid "$pidfile") || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # A zombie (exited, not yet reaped by its parent) still answers kill -0; it is not
  # running in any useful sense. The state is the first field after the ")" that ends
  # the command name.
  [[ $(sed -E 's/.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
  if [[ -f $pidfile.start ]]; then
    recorded=$(cat "$pidfile.start")
    actual=$(_proc_start_time "$pid") || return 1
    [[ $recorded == "$actual" ]] || return 1
  fi
  return 0
}

# start_bg NAME PIDFILE LOGFILE CMD [ARGS...]: start CMD detached and record its pid.
#
# - setsid: its own session and process group, so a Ctrl-C in the terminal that ran `up`
#   does not kill it, and stop_pid can signal the whole group;
# - nohup + stdin from /dev/null + stdout/stderr to the log: it survives the terminal
#   closing, and it never holds our stdout pipe open (a CI runner reading our output
#   would otherwise wait for EOF forever).
# The child writes its own pid ($$ of the bash that then execs CMD, so the same pid),
# because $! would be wrong whenever setsid has to fork.
start_bg() {
  local name=$1 pidfile=$2 logfile=$3
  shift 3
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  rm -f "$pidfile" "$pidfile.start"
  rotate_log "$logfile"
  printf '\n===== %s starting %s =====\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$name" >>"$logfile"
  nohup setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' \
    "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  local i pid
  for ((i = 0; i < 100; i++)); do
    [[ -s $pidfile ]] && break
    sleep 0.05
  done
  pid=$(read_pid "$pidfile") || die "$name did not record its pid (see $logfile)"
  _proc_start_time "$pid" >"$pidfile.start" 2>/dev/null || true
  log "started $name (pid $pid, log $logfile)"
}

# stop_pid NAME PIDFILE [TIMEOUT_SECONDS]: TERM, wait, then KILL. Only ever the process
# recorded in PIDFILE (and its own process group, which start_bg made for it).
stop_pid() {
  local name=$1 pidfile=$2 timeout=${3:-30} pid target
  if ! is_running "$pidfile"; then
    rm -f "$pidfile" "$pidfile.start"
    log "$name is not running (no live pid in $pidfile)"
    return 0
  fi
  pid=$(read_pid "$pidfile")
  # Signal the group when the process leads one (it does when start_bg started it), so
  # helpers it spawned go too; otherwise the process alone.
  target=$pid
  if [[ $(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') == "$pid" ]]; then
    target=-$pid
  fi
  log "stopping $name (pid $pid)"
  kill -TERM -- "$target" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      warn "$name did not stop within ${timeout}s; sending KILL"
      kill -KILL -- "$target" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$pidfile" "$pidfile.start"
}

# take_lock NAME: hold an exclusive lock on $LEADFLOW_HOME/NAME.lock until this script
# exits, so that two `ensure`s started together (up in one terminal, test in another) do
# not both start a server. The lock lives on file descriptor 9: every daemon we start must
# get `9>&-`, or it would inherit the lock and hold it for as long as it runs.
take_lock() {
  local name=$1
  exec 9>"$LEADFLOW_HOME/$name.lock"
  if ! flock -n 9; then
    log "another deploy/local script holds the $name lock; waiting (up to 180s)"
    flock -w 180 9 || die "timed out waiting for $LEADFLOW_HOME/$name.lock"
  fi
}

# rotate_log FILE: keep logs from growing without bound across many runs; one old copy.
rotate_log() {
  local file=$1 max_bytes=$((20 * 1024 * 1024))
  if [[ -f $file ]] && (($(stat -c %s "$file") > max_bytes)); then
    mv -f "$file" "$file.1"
  fi
}

# file_size FILE: bytes (0 when missing); used to read only what a process logged after
# we started it.
file_size() { [[ -f $1 ]] && stat -c %s "$1" || echo 0; }

# ---------------------------------------------------------------------------
# The services: module directory and HTTP port, in start order. Each serves /q/* (health,
# metrics, OpenAPI, Swagger UI) on its management port, the API port + 1000.
# ---------------------------------------------------------------------------

LEADFLOW_SERVICES=(
  lead-intake-service:8081
  lead-routing-service:8082
  followup-service:8083
  analytics-service:8084
)

management_port() { printf '%s\n' "$(($1 + 1000))"; }
service_pidfile() { printf '%s/%s.pid\n' "$LEADFLOW_PID_DIR" "$1"; }
service_log()     { printf '%s/%s.log\n' "$LEADFLOW_LOG_DIR" "$1"; }
# lead-events' classes (LocalTokens: JDK only), building that one module when they are missing.
events_classpath() {
  local classes="$LEADFLOW_ROOT/lead-events/target/classes"
  if [[ ! -f $classes/io/leadflow/events/security/LocalTokens.class ]]; then
    (cd "$LEADFLOW_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests compile -pl lead-events -am </dev/null) >&2 ||
      die "could not build lead-events (needed to make keys and tokens)"
  fi
  printf '%s\n' "$classes"
}

# The local key pair, made once; kept across up/down so that issued tokens stay valid.
ensure_jwt_keys() {
  if [[ ! -f $LEADFLOW_JWT_DIR/privateKey.pem ]]; then
    java -cp "$(events_classpath)" io.leadflow.events.security.LocalTokens keygen "$LEADFLOW_JWT_DIR" ||
      die "could not create the token key pair in $LEADFLOW_JWT_DIR"
    log "created the local token key pair in $LEADFLOW_JWT_DIR (mint tokens with deploy/local/token)"
  fi
}

# The suite's master key (every lead's event key is wrapped with it), made once and kept across
# up/down: the events on the topics stay readable only with it. A deployment sets its own.
ensure_master_key() {
  local file="$LEADFLOW_HOME/events-master-key"
  if [[ -z ${LEADFLOW_EVENTS_CRYPTO_MASTER_KEY:-} ]]; then
    if [[ ! -s $file ]]; then
      (umask 077 && head -c 32 /dev/urandom | base64 > "$file") || die "could not write $file"
      log "created the local master key for sealed event fields in $file"
    fi
    LEADFLOW_EVENTS_CRYPTO_MASTER_KEY=$(<"$file")
  fi
  export LEADFLOW_EVENTS_CRYPTO_MASTER_KEY
}

service_jar()     { printf '%s/%s/target/quarkus-app/quarkus-run.jar\n' "$LEADFLOW_ROOT" "$1"; }
