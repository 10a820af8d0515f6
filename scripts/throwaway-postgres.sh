# Sourced by ./test.sh (and other scripts): a private PostgreSQL server in a temporary directory.
#   start_throwaway_postgres   initdb + start on 127.0.0.1 at a free port; exports RELEVANCERELATED_TEST_PG
#                              (RELEVANCERELATED_PG_MAX_CONNECTIONS sets max_connections, default 200)
#   pause_throwaway_postgres   stop the server, keeping its data (an outage, for the fault tests)
#   resume_throwaway_postgres  start it again on the same port
#   stop_throwaway_postgres    stop it and delete its directory (safe to call twice)
# The pause/resume/stop functions read PG_DATA_DIR and PG_BIN_DIR, so another process can call them.
# initdb refuses to run as root, so as root the server runs as the `postgres` system user.

PG_DATA_DIR="${PG_DATA_DIR:-}"
PG_BIN_DIR="${PG_BIN_DIR:-}"

find_postgres_bindir() {
  local candidate
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return 0
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$candidate/initdb" ] && { echo "$candidate"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return 0; }
  return 1
}

# A TCP port nothing listens on, below the kernel's ephemeral range: ports the OS hands to outgoing
# connections and to bind(0) (what the tests' own listeners use) never collide with it. Ports named in
# $1 (space-separated) are skipped, so a caller can draw several distinct ones.
free_local_port() {
  local taken=" ${1:-} " low=32768 high port
  [ -r /proc/sys/net/ipv4/ip_local_port_range ] && read -r low high < /proc/sys/net/ipv4/ip_local_port_range
  [ "$low" -gt 11024 ] || low=60000
  for _ in $(seq 1 200); do
    port=$(( 10000 + RANDOM % (low - 10000) ))
    case "$taken" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

as_postgres_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_throwaway_postgres() {
  PG_BIN_DIR=$(find_postgres_bindir) || { echo "PostgreSQL server binaries (initdb, pg_ctl) not found" >&2; return 1; }
  PG_DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/relevancerelated-pg.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "running as root but there is no 'postgres' user to run the server" >&2; return 1; }
    chown postgres "$PG_DATA_DIR"
  fi
  local port
  port=$(free_local_port) || { echo "no free TCP port found for PostgreSQL" >&2; return 1; }
  as_postgres_owner "$PG_BIN_DIR/initdb" -D "$PG_DATA_DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$PG_DATA_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DATA_DIR/initdb.log" >&2; return 1; }
  echo "$port" >"$PG_DATA_DIR/port"
  echo "${RELEVANCERELATED_PG_MAX_CONNECTIONS:-200}" >"$PG_DATA_DIR/max_connections"
  resume_throwaway_postgres || return 1
  export RELEVANCERELATED_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$PG_BIN_DIR/postgres" --version | awk '{print $3}') started on 127.0.0.1:$port ($PG_DATA_DIR)"
}

resume_throwaway_postgres() {
  # fsync off: a throwaway test server trades durability for speed.
  as_postgres_owner "$PG_BIN_DIR/pg_ctl" -D "$PG_DATA_DIR/data" -w -t 60 -l "$PG_DATA_DIR/server.log" \
    -o "-p $(cat "$PG_DATA_DIR/port") -k $PG_DATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=$(cat "$PG_DATA_DIR/max_connections")" \
    start >/dev/null || { cat "$PG_DATA_DIR/server.log" >&2; return 1; }
}

pause_throwaway_postgres() {
  as_postgres_owner "$PG_BIN_DIR/pg_ctl" -D "$PG_DATA_DIR/data" -w -t 60 -m fast stop >/dev/null
}

stop_throwaway_postgres() {
  if [ -n "$PG_DATA_DIR" ] && [ -d "$PG_DATA_DIR" ]; then
    as_postgres_owner "$PG_BIN_DIR/pg_ctl" -D "$PG_DATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DATA_DIR"
  fi
  PG_DATA_DIR=""
}
