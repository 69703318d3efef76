# deploy/bench/lib.sh: what every benchmark script needs the same way; sourced, never run.

# The services' JVM options and AppCDS archive as deploy/local/up gives them (cds_option APP_DIR).
# shellcheck source=../local/jvm.sh
source "$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../local" && pwd)/jvm.sh"
: "${BENCH_SERVICE_JAVA_OPTS:=$LEADFLOW_DEFAULT_JAVA_OPTS}"

# Ready on the management port (the API port + 1000), or on the API port for a build from before /q/* moved there.
service_ready() {
  local p
  for p in "$(($1 + 1000))" "$1"; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$p/q/health/ready") == 200 ]] && return 0
  done
  return 1
}
