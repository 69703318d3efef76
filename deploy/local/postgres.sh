#!/usr/bin/env bash
# PostgreSQL for Leadflow on one machine, without containers.
#
#   postgres.sh ensure   a server answers at LEADFLOW_PG_HOST:LEADFLOW_PG_PORT, with the
#                        leadflow role and every service and test database (idempotent)
#   postgres.sh stop     stop the cluster, but only if `ensure` started it
#   postgres.sh status   say what is there
#
# Order of preference in `ensure`: a server that already answers (ours, a developer's own,
# or a remote one) > a Debian cluster that is installed but down > installing Debian's
# postgresql package. We never stop a server we did not start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The databases each service owns, and the ones the test suites use (one per service plus
# one for lead-events' shared outbox/consumer tests), so tests never touch dev data.
SERVICE_DBS=(leadflow_intake leadflow_routing leadflow_followup leadflow_analytics)
TEST_DBS=(leadflow_intake_test leadflow_routing_test leadflow_followup_test
          leadflow_analytics_test leadflow_events_test)

PG_CTL_LOG="$LEADFLOW_LOG_DIR/postgres-ctl.log"

# Is a server accepting connections? pg_isready when the client tools are installed,
# a bare TCP connect otherwise (before we install anything, psql may not exist yet).
pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$LEADFLOW_PG_HOST" -p "$LEADFLOW_PG_PORT" -t 3
  else
    port_open "$LEADFLOW_PG_HOST" "$LEADFLOW_PG_PORT"
  fi
}

wait_for_pg() {
  local timeout=${1:-30} deadline=$((SECONDS + ${1:-30}))
  until pg_answers; do
    ((SECONDS < deadline)) || { log "PostgreSQL did not answer within ${timeout}s"; return 1; }
    sleep 0.5
  done
}

apt_install() {
  log "installing Debian packages: $* (apt-get update first: a fresh image has no package lists)"
  # Not fatal: one unreachable third-party source in sources.list makes update fail even
  # though Debian's own lists were refreshed; the install below says if something is missing.
  as_root apt-get update -qq 9>&- || warn "apt-get update reported errors; trying the install anyway"
  # The package's postinst may start the new cluster: 9>&- keeps our lock out of it.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 9>&-
}

# The Debian cluster (version and name) that listens on our port, from pg_lsclusters.
# Prints "VERSION NAME STATUS", or nothing when there is none.
find_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  # Columns: Ver Cluster Port Status Owner Datadir Logfile. -h drops the header.
  # Prefer a cluster named main (what the package creates); then any on the port.
  pg_lsclusters -h 2>/dev/null |
    awk -v port="$LEADFLOW_PG_PORT" '$3 == port { print ($2 == "main" ? 0 : 1), $1, $2, $4 }' |
    sort -k1,1n -k2,2nr | head -n1 | cut -d' ' -f2-
}

# Bring up a local server. Records the marker as soon as we have started something, so
# that `stop` (and the trap in `test`) can undo it even if a later step fails.
start_local_server() {
  local cluster ver name status
  cluster=$(find_cluster)

  if [[ -z $cluster ]]; then
    if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v pg_createcluster >/dev/null 2>&1; then
      # Server binaries but no cluster on our port (e.g. it was dropped): create one.
      ver=$(for d in /usr/lib/postgresql/*/bin/postgres; do d=${d#/usr/lib/postgresql/}; echo "${d%%/*}"; done | sort -n | tail -n1)
      # "main" when it is free; otherwise (main exists on another port) a cluster of our own.
      name=main
      [[ -e /etc/postgresql/$ver/main ]] && name=leadflow$LEADFLOW_PG_PORT
      log "PostgreSQL $ver is installed but has no cluster on port $LEADFLOW_PG_PORT; creating $ver/$name"
      as_root pg_createcluster "$ver" "$name" --port "$LEADFLOW_PG_PORT" </dev/null >>"$PG_CTL_LOG" 2>&1 9>&- ||
        { show_log_tail "$PG_CTL_LOG" 30; die "pg_createcluster $ver $name failed"; }
    else
      # Not installed at all (a bare CI image): Debian's package creates and configures a
      # "main" cluster on 5432 with scram password auth for 127.0.0.1 and ::1.
      apt_install postgresql
    fi
    cluster=$(find_cluster)
    [[ -n $cluster ]] || die "no PostgreSQL cluster on port $LEADFLOW_PG_PORT after installing (pg_lsclusters: $(pg_lsclusters -h 2>&1 | tr '\n' ';'))"
    # The package's own start may or may not have happened (no init system in a
    # container); either way this script brought the server here, so it owns it.
    echo "$cluster" | cut -d' ' -f1,2 >"$LEADFLOW_PG_MARKER"
  fi

  read -r ver name status <<<"$cluster"
  if pg_answers; then
    return 0
  fi
  log "starting PostgreSQL cluster $ver/$name (was $status)"
  # Marker first: if the start half-succeeds we still want `stop` to clean up.
  echo "$ver $name" >"$LEADFLOW_PG_MARKER"
  # stdin/stdout away from us: the postmaster must not inherit a CI runner's pipe.
  # 9>&-: the postmaster must not inherit our lock (see take_lock in lib.sh).
  if ! as_root pg_ctlcluster "$ver" "$name" start </dev/null >>"$PG_CTL_LOG" 2>&1 9>&-; then
    show_log_tail "$PG_CTL_LOG" 30
    show_log_tail "/var/log/postgresql/postgresql-$ver-$name.log" 30
    die "pg_ctlcluster $ver $name start failed"
  fi
  wait_for_pg 30 || { show_log_tail "/var/log/postgresql/postgresql-$ver-$name.log" 30; die "PostgreSQL $ver/$name did not come up"; }
  log "PostgreSQL $ver/$name is up on port $LEADFLOW_PG_PORT"
}

# SQL that makes the role and the databases exist, owned by the role. Idempotent: every
# CREATE is generated only for what is missing (\gexec runs each result row as a statement).
# The ALTER ROLE keeps the password in step with LEADFLOW_PG_PASSWORD on every run.
admin_sql() {
  local dbs_array
  dbs_array=$(printf "'%s'," "${SERVICE_DBS[@]}" "${TEST_DBS[@]}")
  dbs_array="ARRAY[${dbs_array%,}]"
  cat <<SQL
SELECT format('CREATE ROLE %I', :'lf_user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'lf_user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB PASSWORD %L', :'lf_user', :'lf_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, :'lf_user')
  FROM unnest($dbs_array) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', datname, :'lf_user')
  FROM pg_database
 WHERE datname = ANY($dbs_array)
   AND datdba <> (SELECT oid FROM pg_roles WHERE rolname = :'lf_user') \gexec
SQL
}

# Only the databases, as the leadflow role itself (it needs CREATEDB): for a server that
# is not ours to administer (remote, or local without a postgres OS account we can use).
user_sql() {
  local d
  for d in "${SERVICE_DBS[@]}" "${TEST_DBS[@]}"; do
    printf "SELECT format('CREATE DATABASE %%I', '%s') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '%s') \\\\gexec\n" "$d" "$d"
  done
}

# psql as the postgres superuser over the Unix socket (peer auth), when we can be that
# user: root via runuser, anyone else via sudo. The socket path is Debian's default;
# the port selects the cluster's socket file.
superuser_psql() {
  if ! id postgres >/dev/null 2>&1; then
    return 1
  fi
  local cmd=(psql -X -q -v ON_ERROR_STOP=1 -p "$LEADFLOW_PG_PORT" -d postgres
             -v "lf_user=$LEADFLOW_PG_USER" -v "lf_password=$LEADFLOW_PG_PASSWORD")
  if is_root; then
    # cd /: runuser keeps our cwd, which the postgres user may not be allowed to read.
    (cd / && runuser -u postgres -- "${cmd[@]}")
  elif command -v sudo >/dev/null 2>&1; then
    (cd / && sudo -n -u postgres "${cmd[@]}")
  else
    return 1
  fi
}

user_psql() {
  local db=$1
  shift
  PGPASSWORD="$LEADFLOW_PG_PASSWORD" PGCONNECT_TIMEOUT=5 \
    psql -X -q -v ON_ERROR_STOP=1 -h "$LEADFLOW_PG_HOST" -p "$LEADFLOW_PG_PORT" \
    -U "$LEADFLOW_PG_USER" -d "$db" "$@"
}

ensure_role_and_databases() {
  if is_local_host "$LEADFLOW_PG_HOST" && admin_sql | superuser_psql >/dev/null 2>"$LEADFLOW_LOG_DIR/postgres-admin.err"; then
    log "role '$LEADFLOW_PG_USER' and ${#SERVICE_DBS[@]}+${#TEST_DBS[@]} databases are in place (as superuser postgres)"
  else
    if is_local_host "$LEADFLOW_PG_HOST" && [[ -s $LEADFLOW_LOG_DIR/postgres-admin.err ]]; then
      warn "could not administer the local server as 'postgres' ($(head -n1 "$LEADFLOW_LOG_DIR/postgres-admin.err")); trying as '$LEADFLOW_PG_USER'"
    fi
    # The role must already exist here; we can only add the missing databases.
    local db ok=
    for db in postgres template1 "${SERVICE_DBS[0]}"; do
      if user_sql | user_psql "$db" >/dev/null; then ok=1; break; fi
    done
    [[ -n $ok ]] || die "cannot connect to PostgreSQL at $LEADFLOW_PG_HOST:$LEADFLOW_PG_PORT as '$LEADFLOW_PG_USER' to create the databases; create role '$LEADFLOW_PG_USER' (LOGIN CREATEDB) there first"
    log "databases are in place (as '$LEADFLOW_PG_USER')"
  fi
}

# The services and tests connect over TCP with a password; prove that exact path works
# so a broken pg_hba.conf shows up here and not as a confusing test failure.
verify_password_login() {
  local out
  if ! out=$(user_psql "${SERVICE_DBS[0]}" -tA -c 'select 1' 2>&1) || [[ $out != 1 ]]; then
    die "password login failed: psql -h $LEADFLOW_PG_HOST -p $LEADFLOW_PG_PORT -U $LEADFLOW_PG_USER -d ${SERVICE_DBS[0]}: $out
       (the services need 'host ... scram-sha-256' (or md5) for this address in pg_hba.conf)"
  fi
  log "password login over TCP works: $LEADFLOW_PG_USER@$LEADFLOW_PG_HOST:$LEADFLOW_PG_PORT"
}

cmd_ensure() {
  take_lock postgres
  if pg_answers; then
    log "PostgreSQL answers at $LEADFLOW_PG_HOST:$LEADFLOW_PG_PORT; using it"
  else
    is_local_host "$LEADFLOW_PG_HOST" ||
      die "no PostgreSQL answers at $LEADFLOW_PG_HOST:$LEADFLOW_PG_PORT, and that is not this machine, so it cannot be started from here"
    start_local_server
  fi
  # A server that answers but whose client tools are missing (psql is needed below).
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  ensure_role_and_databases
  verify_password_login
}

cmd_stop() {
  take_lock postgres
  if [[ ! -f $LEADFLOW_PG_MARKER ]]; then
    log "PostgreSQL was not started by these scripts; leaving it alone"
    return 0
  fi
  local ver name
  read -r ver name <"$LEADFLOW_PG_MARKER"
  log "stopping PostgreSQL cluster $ver/$name (started by postgres.sh)"
  # pg_ctlcluster's default stop mode is "fast": open sessions are disconnected, which is
  # what we want when a crashed test left connections behind.
  if pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v n="$name" '$1 == v && $2 == n && $4 == "online" {f=1} END {exit !f}'; then
    as_root pg_ctlcluster "$ver" "$name" stop </dev/null >>"$PG_CTL_LOG" 2>&1 ||
      { show_log_tail "$PG_CTL_LOG" 20; die "pg_ctlcluster $ver $name stop failed"; }
  fi
  rm -f "$LEADFLOW_PG_MARKER"
}

cmd_status() {
  local owner="not started by these scripts"
  [[ -f $LEADFLOW_PG_MARKER ]] && owner="started by postgres.sh ($(cat "$LEADFLOW_PG_MARKER"))"
  if pg_answers; then
    echo "postgres  up    $LEADFLOW_PG_HOST:$LEADFLOW_PG_PORT  $owner"
  else
    echo "postgres  down  $LEADFLOW_PG_HOST:$LEADFLOW_PG_PORT  $owner"
    return 1
  fi
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage "$0" ;;
esac
