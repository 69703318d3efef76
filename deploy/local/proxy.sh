#!/usr/bin/env bash
# One origin for the four services on one machine: nginx from Debian's package in front of them,
# sending each API path prefix of deploy/routes.tsv to its service, so that a browser app, a tour
# or a script needs one address (http://localhost:8000/api/v1/...) instead of four ports.
#
#   proxy.sh ensure      the proxy answers at LEADFLOW_PROXY_HOST:LEADFLOW_PROXY_PORT: starts it when it
#                        does not run; a running one is left as it is, or reloaded gracefully when the
#                        route table or an address changed (idempotent)
#   proxy.sh start       the same as ensure
#   proxy.sh stop        stop the proxy, but only the one proxy.sh started
#   proxy.sh status      say what is there
#   proxy.sh config DIR  write DIR/nginx.conf from deploy/routes.tsv (needs no nginx); pid, logs and temp
#                        files of a proxy run with it stay inside DIR
#   proxy.sh path        print the nginx binary, installing Debian's nginx package first if it is missing
#
# Env: LEADFLOW_PROXY_HOST (127.0.0.1), LEADFLOW_PROXY_PORT (8000); LEADFLOW_PROXY_UPSTREAM_INTAKE,
# _ROUTING, _FOLLOWUP, _ANALYTICS: host:port of each service (127.0.0.1:8081 .. 8084); LEADFLOW_NGINX: an
# nginx binary to use instead (then nothing is installed).
#
# State: $LEADFLOW_HOME/proxy/{nginx.conf,nginx.pid,error.log,access.log,temp/}, pid also in
# $LEADFLOW_HOME/pids/proxy.pid. Our nginx runs with -p/-c on that directory only: it never reads
# /etc/nginx and never listens on port 80. The management ports (/q/*) are not behind it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUTES_FILE="$LEADFLOW_ROOT/deploy/routes.tsv"
PROXY_DIR="$LEADFLOW_HOME/proxy"
PROXY_PIDFILE="$LEADFLOW_PID_DIR/proxy.pid"
: "${LEADFLOW_PROXY_START_TIMEOUT:=15}"

# ---------------------------------------------------------------------------
# nginx: find it, or install Debian's package
# ---------------------------------------------------------------------------

find_nginx() {
  if [[ -n ${LEADFLOW_NGINX:-} ]]; then
    [[ -x $LEADFLOW_NGINX ]] || die "LEADFLOW_NGINX=$LEADFLOW_NGINX is not an executable"
    printf '%s\n' "$LEADFLOW_NGINX"
    return 0
  fi
  # /usr/sbin is not on a normal user's PATH, but the binary there runs fine without root.
  command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && printf '%s\n' /usr/sbin/nginx; } || true
}

# The pid of a system nginx (Debian's service, pid file from /etc/nginx/nginx.conf), if one runs.
# /proc rather than kill -0: a non-root caller may not signal root's processes, but may see them.
system_nginx_pid() {
  local pid
  [[ -r /run/nginx.pid ]] || return 1
  pid=$(tr -dc '0-9' </run/nginx.pid) || return 1
  [[ -n $pid && -d /proc/$pid ]] || return 1
  printf '%s\n' "$pid"
}

install_nginx() {
  command -v apt-get >/dev/null 2>&1 ||
    die "nginx is missing and this is no Debian (no apt-get); install nginx or set LEADFLOW_NGINX to its binary"
  is_root || command -v sudo >/dev/null 2>&1 ||
    die "nginx is missing; as root run: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx (or set LEADFLOW_NGINX)"
  local apt_log="$LEADFLOW_LOG_DIR/proxy-apt.log" system_before=
  system_before=$(system_nginx_pid) || true
  log "installing Debian's nginx package (only its binary is used: our instance reads no /etc/nginx, listens on no port 80; log $apt_log)"
  # Package lists first only when the install fails without them: a fresh CI image has none.
  # 9>&-: the package's postinst may start a daemon, which must not inherit our lock (take_lock).
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx </dev/null >"$apt_log" 2>&1 9>&-; then
    if ! { as_root apt-get update -q &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx; } </dev/null >>"$apt_log" 2>&1 9>&-; then
      show_log_tail "$apt_log" 20
      die "could not install nginx (see $apt_log)"
    fi
  fi
  # Debian's package starts its own nginx (the default site, port 80 on every interface) wherever the
  # init system lets it; a container's policy-rc.d usually does not. We asked for a binary, not a web
  # server: when the install started one that did not run before, stop it again so that `up` leaves no
  # listener on port 80 behind. Whether it starts at boot stays as the package set it (that is the
  # machine owner's call: systemctl disable nginx). A system nginx that ran before is not ours to touch.
  local system_after=
  system_after=$(system_nginx_pid) || true
  if [[ -n $system_after && -z $system_before ]]; then
    log "the nginx package started the system's own nginx (pid $system_after, port 80); stopping it again (ours is separate)"
    if command -v invoke-rc.d >/dev/null 2>&1; then
      as_root invoke-rc.d nginx stop </dev/null >>"$apt_log" 2>&1 9>&- || warn "could not stop the system nginx (see $apt_log); it does not affect ours"
    else
      as_root "$(find_nginx)" -s quit </dev/null >>"$apt_log" 2>&1 9>&- || warn "could not stop the system nginx (see $apt_log); it does not affect ours"
    fi
  fi
}

nginx_bin() {
  local bin
  bin=$(find_nginx)
  if [[ -z $bin ]]; then
    install_nginx
    bin=$(find_nginx)
    [[ -n $bin ]] || die "nginx was installed but is neither on PATH nor /usr/sbin/nginx"
  fi
  printf '%s\n' "$bin"
}

# ---------------------------------------------------------------------------
# The route table and the configuration made from it
# ---------------------------------------------------------------------------

ROUTE_PREFIXES=()
ROUTE_SERVICES=()

# Fill ROUTE_PREFIXES/ROUTE_SERVICES from deploy/routes.tsv, refusing what nginx and an Ingress would
# read differently (a trailing slash, an empty segment, a character that needs quoting), a service that
# is not one of the four, and a prefix listed twice (which row would win?).
read_routes() {
  [[ -f $ROUTES_FILE ]] || die "no route table at $ROUTES_FILE"
  local line n=0 prefix service extra known=" " i
  for i in "${LEADFLOW_SERVICES[@]}"; do known+="${i%%:*} "; done
  ROUTE_PREFIXES=() ROUTE_SERVICES=()
  while IFS= read -r line || [[ -n $line ]]; do
    n=$((n + 1))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    prefix='' service='' extra=''
    IFS=$'\t' read -r prefix service extra <<<"$line"
    [[ -n $service && -z $extra ]] || die "$ROUTES_FILE:$n: expected two tab-separated columns, prefix and service: '$line'"
    [[ $prefix =~ ^(/[A-Za-z0-9._~-]+)+$ ]] ||
      die "$ROUTES_FILE:$n: '$prefix' is no path prefix (starts with /, no trailing /, letters, digits and . _ ~ - only)"
    [[ $known == *" $service "* ]] || die "$ROUTES_FILE:$n: '$service' is not one of the services:$known"
    for i in "${ROUTE_PREFIXES[@]}"; do
      [[ $i != "$prefix" ]] || die "$ROUTES_FILE:$n: prefix $prefix is listed twice"
    done
    ROUTE_PREFIXES+=("$prefix")
    ROUTE_SERVICES+=("$service")
  done <"$ROUTES_FILE"
  ((${#ROUTE_PREFIXES[@]} > 0)) || die "$ROUTES_FILE lists no routes"
}

# upstream_of MODULE: host:port of a service, from LEADFLOW_PROXY_UPSTREAM_<KEY> (lead-intake-service ->
# INTAKE, followup-service -> FOLLOWUP), else 127.0.0.1 and its port from lib.sh's table.
upstream_of() {
  local module=$1 key var entry port='' value
  key=${module#lead-}
  key=${key%-service}
  key=${key^^}
  key=${key//-/_}
  var="LEADFLOW_PROXY_UPSTREAM_$key"
  for entry in "${LEADFLOW_SERVICES[@]}"; do [[ ${entry%%:*} == "$module" ]] && port=${entry##*:}; done
  value=${!var:-127.0.0.1:$port}
  local v6_re='^\[[0-9A-Fa-f:.]+\]:[0-9]+$'
  [[ $value =~ ^[A-Za-z0-9._-]+:[0-9]+$ || $value =~ $v6_re ]] ||
    die "$var=$value is not host:port"
  printf '%s\n' "$value"
}

# The largest body any service accepts at all (quarkus.http.limits.max-body-size, in bytes; 0 when the
# sources do not say). Each service answers its own problem+json 413 below that, per endpoint
# (leadflow.http.max-body-size, the larger import limit), so nginx must let such bodies through.
services_max_body() {
  local entry file value num bytes best=0
  for entry in "${LEADFLOW_SERVICES[@]}"; do
    file="$LEADFLOW_ROOT/${entry%%:*}/src/main/resources/application.properties"
    [[ -f $file ]] || continue
    value=$(sed -nE 's/^quarkus\.http\.limits\.max-body-size[[:space:]]*=[[:space:]]*(\$\{[A-Za-z0-9_]+:)?([0-9]+[KkMmGgTt]?).*$/\2/p' "$file" | tail -n1)
    [[ -n $value ]] || continue
    num=${value%[KkMmGgTt]}
    case ${value:${#num}} in
      K|k) bytes=$((num << 10)) ;;
      M|m) bytes=$((num << 20)) ;;
      G|g) bytes=$((num << 30)) ;;
      T|t) bytes=$((num << 40)) ;;
      *) bytes=$num ;;
    esac
    if ((bytes > best)); then best=$bytes; fi
  done
  printf '%s\n' "$best"
}

# listen_address HOST PORT: nginx's form (an IPv6 address in brackets).
listen_address() {
  local host=$1 port=$2
  [[ $host == *:* && $host != \[* ]] && host="[$host]"
  printf '%s:%s\n' "$host" "$port"
}

# The address to probe: a wildcard listener is reached on loopback.
probe_host() {
  case $LEADFLOW_PROXY_HOST in
    ''|0.0.0.0) printf '127.0.0.1\n' ;;
    ::|'[::]') printf '::1\n' ;;
    *) local h=${LEADFLOW_PROXY_HOST#[}; printf '%s\n' "${h%]}" ;;
  esac
}

# problem_location CODE TITLE DETAIL [STATUS]: a location answering an RFC 9457 problem with STATUS (default
# CODE): named @problem_CODE for 413 and 5xx, the internal URI /.problem/CODE for what nginx refuses while
# reading the request (a named location cannot take those). DETAIL may use nginx variables; no user input goes
# into it, so the JSON stays well-formed.
problem_location() {
  local status=${4:-$1} where="@problem_$1"
  ((${1} < 500 && ${1} != 413)) && where="= /.problem/$1"
  printf '    location %s {\n' "$where"
  [[ $where == @* ]] || printf '      internal;\n'
  printf '      default_type application/problem+json;\n'
  printf "      return %s '{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%s,\"detail\":\"%s\"}';\n    }\n" "$status" "$2" "$status" "$3"
}

# render_config DIR: the nginx configuration, on stdout. Everything nginx writes goes inside DIR.
render_config() {
  local dir=$1 i module max_body body_comment user_line=
  [[ $dir == /* ]] || die "render_config needs an absolute directory, not $dir"
  # nginx would read a quote, a semicolon or a $ in a path as syntax or as a variable.
  [[ $dir =~ ^[A-Za-z0-9/._+@,=-]+$ ]] || die "the proxy directory $dir has characters nginx paths cannot hold safely"
  [[ $LEADFLOW_PROXY_PORT =~ ^[0-9]+$ ]] || die "LEADFLOW_PROXY_PORT=$LEADFLOW_PROXY_PORT is not a port"
  local host_re='^[][A-Za-z0-9._:-]+$'
  [[ $LEADFLOW_PROXY_HOST =~ $host_re ]] || die "LEADFLOW_PROXY_HOST=$LEADFLOW_PROXY_HOST is not a host"
  read_routes

  max_body=$(services_max_body)
  if ((max_body > 0)); then
    body_comment="The largest quarkus.http.limits.max-body-size of the services ($((max_body >> 20)) MiB): a body a
  # service could take reaches it, and the service answers its own problem+json 413 below that, per endpoint
  # (1 MiB for JSON, more for imports). Only a body no service would ever read is refused here."
  else
    body_comment="0 = no limit here: the services' sources do not say theirs, and each service enforces its
  # own (quarkus.http.limits.max-body-size, leadflow.http.max-body-size) with a problem+json 413."
  fi
  if is_root; then
    # As root, nginx would switch its workers to "nobody", who may not enter a state directory only root
    # can (/root/...), and uploads spooled to DIR/temp would then fail. The services run as root in that
    # case too, so workers as root give nothing away that is not already given.
    user_line=$'# Run by root: workers stay root (see deploy/local/proxy.sh, render_config).\nuser root;'
  fi

  cat <<EOF
# Generated by deploy/local/proxy.sh from deploy/routes.tsv: edit those, not this file.
# Run as: nginx -p $dir -c $dir/nginx.conf -e $dir/error.log [-t]
# Whether nginx stays in the foreground is the caller's choice (proxy.sh passes it with -g), so the
# same file serves nginx -t, proxy.sh and any supervisor.
${user_line}
worker_processes 1;
pid "$dir/nginx.pid";
error_log "$dir/error.log" notice;

events {
  worker_connections 1024;
}

http {
  # No mime.types: nothing is served from disk, only the services' answers and our problem+json ones.
  default_type application/octet-stream;
  server_tokens off;

  log_format leadflow '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent \${request_time}s '
                      '-> \$leadflow_service \$upstream_addr \$upstream_status \${upstream_response_time}s';
  access_log "$dir/access.log" leadflow;

  # Every temporary file inside DIR (Debian's build defaults to /var/lib/nginx, which only root may write).
  client_body_temp_path "$dir/temp/client_body";
  proxy_temp_path "$dir/temp/proxy";
  fastcgi_temp_path "$dir/temp/fastcgi";
  uwsgi_temp_path "$dir/temp/uwsgi";
  scgi_temp_path "$dir/temp/scgi";

  # ${body_comment}
  client_max_body_size ${max_body};

  # The request goes on as the client sent it: proxy_pass names no URI, so the path and query are passed
  # byte for byte; the Host the client used (with its port) is what the services build Location from.
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$http_host;
  proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
  proxy_set_header X-Forwarded-Proto \$scheme;
  proxy_set_header X-Forwarded-Host \$http_host;
  proxy_redirect off;
  # No CORS here: each service answers its own preflights (LEADFLOW_CORS_ORIGINS, and intake's public
  # forms with their own origins), so OPTIONS is proxied like any other method and no header is added.
  # An answer of a service, error or not, is passed on as it is (proxy_intercept_errors stays off):
  # error_page below only ever replaces what nginx itself says.

  proxy_connect_timeout 5s;
  # A policy backtest, what-if or dry run over a quarter may take up to a minute on a busy machine.
  proxy_send_timeout 120s;
  proxy_read_timeout 120s;

  # Answers are buffered in memory (a fast service is released early), but never spooled to disk: for a
  # large CSV export to a slow client nginx reads from the service only as fast as the client takes it,
  # as without a proxy, instead of filling the state directory with temp files.
  proxy_buffering on;
  proxy_buffers 16 64k;
  proxy_busy_buffers_size 128k;
  proxy_max_temp_file_size 0;

  # HTTP/1.1 keep-alive to each service (its idle timeout is far longer than nginx's 60 s default).
EOF
  local seen=" "
  for i in "${!ROUTE_SERVICES[@]}"; do
    module=${ROUTE_SERVICES[i]}
    [[ $seen == *" $module "* ]] && continue
    seen+="$module "
    cat <<EOF
  upstream $module {
    server $(upstream_of "$module");
    keepalive 16;
  }
EOF
  done

  cat <<EOF

  server {
    listen $(listen_address "$LEADFLOW_PROXY_HOST" "$LEADFLOW_PROXY_PORT");
    server_name _;
    set \$leadflow_service -;

    # deploy/routes.tsv as Ingress pathType Prefix: "= P" is the prefix itself, "^~ P/" everything below
    # it, whole segments only (P-something is not P). nginx takes the longest matching prefix, as an
    # Ingress does; there are no regex locations to get in between.
EOF
  for i in "${!ROUTE_PREFIXES[@]}"; do
    module=${ROUTE_SERVICES[i]}
    cat <<EOF
    location = ${ROUTE_PREFIXES[i]} { set \$leadflow_service $module; proxy_pass http://$module; }
    location ^~ ${ROUTE_PREFIXES[i]}/ { set \$leadflow_service $module; proxy_pass http://$module; }
EOF
  done

  cat <<EOF

    # Anything else (the management endpoints /q/* included) is no API of the suite.
    location / {
      default_type application/problem+json;
      return 404 '{"type":"about:blank","title":"Not Found","status":404,"detail":"No Leadflow API serves this path."}';
    }

    # What nginx itself answers when a service cannot, as problem+json like the services' own errors.
    error_page 502 @problem_502;
    error_page 503 @problem_503;
    error_page 504 @problem_504;
    error_page 413 @problem_413;
    # By URI, not by name: nginx cannot hand a request whose request line it refused to a named location.
    error_page 400 /.problem/400;
    error_page 414 /.problem/414;
    error_page 494 =431 /.problem/494;
EOF
  problem_location 502 "Bad Gateway" "\$leadflow_service does not answer; is it running (deploy/local/status)?"
  problem_location 503 "Service Unavailable" "\$leadflow_service cannot be reached at the moment; try again shortly."
  problem_location 504 "Gateway Timeout" "\$leadflow_service did not answer within 120 s."
  problem_location 413 "Content Too Large" "The request body is larger than any Leadflow API accepts ($((max_body >> 20)) MiB)."
  # What nginx refuses before any service sees it (a NUL or a broken escape in the path, a malformed request
  # line, an oversized URI or header) is a problem too, so a client reads every refusal the same way.
  problem_location 400 "Bad Request" "The request is malformed (its path, request line or headers); nothing was done."
  problem_location 414 "URI Too Long" "The path and query of the request are longer than any Leadflow API accepts."
  problem_location 494 "Request Header Fields Too Large" "A request header is larger than any Leadflow API accepts." 431
  cat <<EOF
  }
}
EOF
}

# write_config DIR: DIR/nginx.conf and the directories nginx expects in DIR; nothing outside DIR.
write_config() {
  local dir=$1 text
  mkdir -p "$dir/temp"
  dir=$(cd -P "$dir" && pwd)
  # Rendered before anything is written: a bad route table leaves the previous file as it was.
  text=$(render_config "$dir")
  printf '%s\n' "$text" >"$dir/nginx.conf.tmp"
  mv -f "$dir/nginx.conf.tmp" "$dir/nginx.conf"
}

# validate NGINX DIR CONF: nginx -t on CONF, with the error log (and -t's own files) inside DIR.
validate() {
  local nginx=$1 dir=$2 conf=$3 out
  if ! out=$("$nginx" -t -q -p "$dir" -c "$conf" -e "$dir/error.log" 2>&1 </dev/null); then
    printf '%s\n' "$out" >&2
    die "nginx rejects the configuration generated in $conf (above)"
  fi
}

# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------

cmd_ensure() {
  take_lock proxy
  local nginx host port=$LEADFLOW_PROXY_PORT pid holder
  nginx=$(nginx_bin)
  host=$(probe_host)
  mkdir -p "$PROXY_DIR"

  if is_running "$PROXY_PIDFILE"; then
    pid=$(read_pid "$PROXY_PIDFILE")
    # Render next to the live file and compare: a route or address change reaches a running proxy by a
    # graceful reload (open requests finish on the old workers), everything else is left alone.
    mkdir -p "$PROXY_DIR/next"
    render_config "$PROXY_DIR" >"$PROXY_DIR/next/nginx.conf"
    if cmp -s "$PROXY_DIR/next/nginx.conf" "$PROXY_DIR/nginx.conf"; then
      rm -rf "$PROXY_DIR/next"
      log "proxy already runs (pid $pid) at $host:$port; leaving it"
    else
      validate "$nginx" "$PROXY_DIR" "$PROXY_DIR/next/nginx.conf"
      mv -f "$PROXY_DIR/next/nginx.conf" "$PROXY_DIR/nginx.conf"
      rm -rf "$PROXY_DIR/next"
      kill -HUP "$pid"
      log "proxy (pid $pid): configuration changed (routes or addresses); reloaded"
    fi
    wait_for_port "$host" "$port" "$LEADFLOW_PROXY_START_TIMEOUT" ||
      die "our proxy (pid $pid) does not answer at $host:$port (see $PROXY_DIR/error.log); try proxy.sh stop"
    return 0
  fi

  if port_open "$host" "$port"; then
    holder=$(ss -ltnp "sport = :$port" 2>/dev/null | tail -n +2 | head -n1 || true)
    die "port $port is already in use by a process proxy.sh did not start (${holder:-unknown process}); set LEADFLOW_PROXY_PORT"
  fi

  write_config "$PROXY_DIR"
  validate "$nginx" "$PROXY_DIR" "$PROXY_DIR/nginx.conf"
  rotate_log "$PROXY_DIR/access.log"
  # start_bg writes its banner and nginx's stderr into the same error.log nginx itself appends to: one
  # file tells the whole story. daemon off: the pid start_bg records stays nginx's master.
  start_bg proxy "$PROXY_PIDFILE" "$PROXY_DIR/error.log" \
    "$nginx" -p "$PROXY_DIR" -c "$PROXY_DIR/nginx.conf" -e "$PROXY_DIR/error.log" -g 'daemon off;'

  local deadline=$((SECONDS + LEADFLOW_PROXY_START_TIMEOUT))
  until port_open "$host" "$port"; do
    if ! is_running "$PROXY_PIDFILE"; then
      show_log_tail "$PROXY_DIR/error.log" 20
      rm -f "$PROXY_PIDFILE" "$PROXY_PIDFILE.start"
      die "nginx exited during start-up (log above: $PROXY_DIR/error.log)"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$PROXY_DIR/error.log" 20
      stop_pid proxy "$PROXY_PIDFILE" 10
      die "the proxy did not answer at $host:$port within ${LEADFLOW_PROXY_START_TIMEOUT}s (log above)"
    fi
    sleep 0.2
  done
  log "proxy is up: one origin at http://$(listen_address "$host" "$port")/api/v1/... (routes: deploy/routes.tsv)"
}

cmd_stop() {
  take_lock proxy
  if ! is_running "$PROXY_PIDFILE"; then
    rm -f "$PROXY_PIDFILE" "$PROXY_PIDFILE.start"
    log "no proxy started by proxy.sh is running; leaving any other alone"
    return 0
  fi
  stop_pid proxy "$PROXY_PIDFILE" 15
}

cmd_status() {
  local pid=- owner="not started by proxy.sh" state=down host port=$LEADFLOW_PROXY_PORT
  host=$(probe_host)
  if is_running "$PROXY_PIDFILE"; then
    pid=$(read_pid "$PROXY_PIDFILE")
    owner="started by proxy.sh"
  fi
  if port_open "$host" "$port"; then
    state=up
    [[ $pid != - ]] || state='port-in-use-by-other'
  fi
  printf 'proxy     %-5s %s  pid %s  %s  log %s\n' "$state" "$(listen_address "$host" "$port")" "$pid" "$owner" "$PROXY_DIR/error.log"
  [[ $state == up ]]
}

cmd_config() {
  local dir=${1:-}
  [[ -n $dir ]] || usage "$0"
  write_config "$dir"
  printf '%s\n' "$(cd -P "$dir" && pwd)/nginx.conf"
}

case "${1:-}" in
  ensure|start) cmd_ensure ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  config) shift; cmd_config "$@" ;;
  path) nginx_bin ;;
  *) usage "$0" ;;
esac
