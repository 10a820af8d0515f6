#!/usr/bin/env bash
# A real multi-process RelevanceRelated cluster on one machine: a private PostgreSQL, the schema (`db init`),
# a private certificate authority with a silo and a console certificate, and three silo processes on distinct
# loopback ports with mutual TLS — silo-cpu-0, silo-cpu-1 and silo-gpu-0 (declared a GPU silo).
#
#   scripts/local-cluster.sh start [--configuration Release|Debug] [--no-build] [--connection NPGSQL] [--config-dir DIR]
#   scripts/local-cluster.sh status
#   scripts/local-cluster.sh stop
#
# State (PostgreSQL data, certificates, logs, PIDs, the connection string) lives in $RELEVANCERELATED_LOCAL_CLUSTER_DIR,
# default work/local-cluster, readable by the current user only (0700, files 0600). The database is a throwaway:
# `stop` removes it with everything else. With --connection the silos use that (empty or already initialised)
# database instead, and `stop` leaves it alone. --config-dir is the silos' configuration directory (default
# configs/): [paths] there say where inputs and artifacts are. Variables such as
# RelevanceRelated__Membership__ProbeTimeout in this script's environment reach the silos.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/scripts/throwaway-postgres.sh"

state=${RELEVANCERELATED_LOCAL_CLUSTER_DIR:-$repo/work/local-cluster}
# The default cluster and service ids, so that a client needs only the connection string (the database is private).
cluster_id=relevancerelated
silos=(silo-cpu-0 silo-cpu-1 silo-gpu-0)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "local-cluster: $*" >&2; exit 1; }

accelerator_of() { case "$1" in *gpu*) echo gpu ;; *) echo cpu ;; esac; }

# Waits until http://127.0.0.1:PORT/health answers 200 or the process PID has exited; 120 s at most.
wait_healthy() {
  local name=$1 pid=$2 port=$3
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited during start-up; its log:" >&2; tail -n 40 "$state/$name.log" >&2; return 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ] && return 0
    sleep 0.5
  done
  echo "$name did not become healthy in 120 s; its log:" >&2; tail -n 40 "$state/$name.log" >&2
  return 1
}

# A private CA in $1 and the two certificates it signs: silo.pfx (server and client authentication: every silo
# presents it) and console.pfx (client authentication only: the console's). PFX files without a password, like
# SSH keys: the directory is the user's alone. ca.key stays to sign further console certificates (docs/operations.md).
make_certificates() {
  local dir=$1 days=30 name usage
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/ca.key" -out "$dir/ca.pem" -days $days \
    -subj "/CN=RelevanceRelated local cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null || return 1
  for name in silo console; do
    usage=$([ $name = silo ] && echo serverAuth,clientAuth || echo clientAuth)
    openssl req -newkey rsa:2048 -nodes -keyout "$dir/$name.key" -out "$dir/$name.csr" \
      -subj "/CN=relevancerelated-$name" 2>/dev/null || return 1
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' \
      "$usage" > "$dir/$name.ext"
    openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days $days \
      -extfile "$dir/$name.ext" -out "$dir/$name.crt" 2>/dev/null || return 1
    openssl pkcs12 -export -inkey "$dir/$name.key" -in "$dir/$name.crt" -out "$dir/$name.pfx" -passout pass: || return 1
    rm -f "$dir/$name.key" "$dir/$name.csr" "$dir/$name.ext"
  done
}

stop_cluster() {
  [ -d "$state" ] || { echo "No local cluster in $state."; return 0; }
  local pids=() name pid
  for name in "${silos[@]}"; do
    [ -f "$state/$name.pid" ] || continue
    pid=$(cat "$state/$name.pid")
    # SIGTERM: the silo leaves the cluster gracefully (ShutdownTimeoutSeconds, 30 s by default).
    kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  for _ in $(seq 1 80); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null && echo "silo process $pid did not stop in 40 s; killed" >&2; done
  if [ -f "$state/postgres.env" ]; then
    source "$state/postgres.env"
    stop_throwaway_postgres
  fi
  rm -rf "$state"
  echo "Local cluster stopped and removed ($state)."
}

# Starts silo $1 on three freshly drawn loopback ports (distinct from every other silo's); writes
# $state/$1.pid and $state/$1.ports ("name silo gateway health"). Reads start_cluster's $connection and $config_dir.
launch_silo() {
  local name=$1 taken="" silo_port gateway_port health_port file
  for file in "$state"/*.ports; do [ -f "$file" ] && taken="$taken $(cut -d' ' -f2-4 "$file")"; done
  silo_port=$(free_local_port "$taken") && taken="$taken $silo_port" \
    && gateway_port=$(free_local_port "$taken") && taken="$taken $gateway_port" \
    && health_port=$(free_local_port "$taken") || { echo "no free TCP ports for $name" >&2; return 1; }
  # env, not export: the accelerator's variable name has a dot, which bash cannot export.
  # setsid: the silos outlive this script and ignore the terminal's Ctrl+C.
  (
    trap - ERR
    cd "$state" && exec env \
      RelevanceRelated__Cluster__Mode=postgres \
      RelevanceRelated__Cluster__ConnectionString="$connection" \
      RelevanceRelated__Cluster__ClusterId=$cluster_id \
      RelevanceRelated__Cluster__ServiceId=$cluster_id \
      RelevanceRelated__Cluster__SiloName="$name" \
      RelevanceRelated__Cluster__BindAddress=127.0.0.1 \
      RelevanceRelated__Cluster__AdvertisedAddress=127.0.0.1 \
      RelevanceRelated__Cluster__Tls=true \
      RelevanceRelated__Cluster__TlsCertificate="$state/tls/silo.pfx" \
      RelevanceRelated__Cluster__TlsCa="$state/tls/ca.pem" \
      RelevanceRelated__Cluster__SiloPort="$silo_port" \
      RelevanceRelated__Cluster__GatewayPort="$gateway_port" \
      RelevanceRelated__Cluster__HealthPort="$health_port" \
      "Orleans__Metadata__hardware.accelerator=$(accelerator_of "$name")" \
      RELEVANCERELATED_CONFIG_DIR="$config_dir" \
      setsid dotnet "$silo_dll" >"$state/$name.log" 2>&1 </dev/null
  ) &
  echo $! > "$state/$name.pid"
  printf '%s %s %s %s\n' "$name" "$silo_port" "$gateway_port" "$health_port" > "$state/$name.ports"
}

start_cluster() {
  local configuration=Release build=1 connection="" config_dir="$repo/configs"
  while [ $# -gt 0 ]; do
    case "$1" in
      --configuration|-c) configuration=$2; shift 2 ;;
      --no-build) build=0; shift ;;
      --connection) connection=$2; shift 2 ;;
      --config-dir) config_dir=$(cd "$2" 2>/dev/null && pwd) || die "--config-dir $2 is not a directory"; shift 2 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  [ -e "$state" ] && die "$state exists: a local cluster is running (or was not stopped). Run: $0 stop"
  command -v curl >/dev/null || die "curl is needed to wait for the silos' health endpoints"
  command -v openssl >/dev/null || die "openssl is needed to create the cluster's certificates"

  local silo_dll="$repo/src/Silo/bin/$configuration/net10.0/RelevanceRelated.Silo.dll"
  local console_dll="$repo/src/Client/bin/$configuration/net10.0/relevancerelated.dll"
  if [ $build -eq 1 ]; then
    echo "== build ($configuration)"
    dotnet build "$repo/src/Silo" -c "$configuration" -nologo -clp:ErrorsOnly >/dev/null || die "building the silo failed"
    dotnet build "$repo/src/Client" -c "$configuration" -nologo -clp:ErrorsOnly >/dev/null || die "building the console failed"
  fi
  [ -f "$silo_dll" ] || die "$silo_dll not found (build it, or drop --no-build)"
  [ -f "$console_dll" ] || die "$console_dll not found (build it, or drop --no-build)"

  # Secrets (the connection string, certificate keys) live here: the current user's alone.
  umask 077
  mkdir -p "$state" && chmod 700 "$state"
  # From here on a failure tears everything down again.
  trap 'echo "local-cluster: start failed; cleaning up" >&2; stop_cluster >/dev/null; exit 1' ERR
  set -E

  if [ -z "$connection" ]; then
    echo "== PostgreSQL"
    # In the system temp directory, not under $state: the server's socket path must stay under 108 bytes.
    start_throwaway_postgres || false
    printf 'PG_DATA_DIR=%q\nPG_BIN_DIR=%q\n' "$PG_DATA_DIR" "$PG_BIN_DIR" > "$state/postgres.env"
    connection="$RELEVANCERELATED_TEST_PG"
  else
    echo "== PostgreSQL: the given database"
  fi
  printf '%s\n' "$connection" > "$state/connection-string"

  echo "== certificates (private CA, silo and console certificates; mutual TLS)"
  make_certificates "$state/tls" || false

  echo "== db init"
  dotnet "$console_dll" db init --connection "$connection"

  echo "== silos"
  local name attempt silo_port gateway_port health_port
  for name in "${silos[@]}"; do launch_silo "$name"; done
  for name in "${silos[@]}"; do
    # A port drawn free can still be bound by another process before the silo binds it; draw again.
    for attempt in 1 2 3; do
      wait_healthy "$name" "$(cat "$state/$name.pid")" "$(cut -d' ' -f4 "$state/$name.ports")" 2>"$state/$name.start-error" && break
      grep -q "Address already in use" "$state/$name.log" && [ $attempt -lt 3 ] || { cat "$state/$name.start-error" >&2; false; }
      echo "$name: a port it drew was taken meanwhile; starting it again on other ports"
      launch_silo "$name"
    done
    rm -f "$state/$name.start-error"
    read -r _ silo_port gateway_port health_port < "$state/$name.ports"
    echo "$name ($(accelerator_of "$name")) healthy: silo port $silo_port, gateway port $gateway_port, http://127.0.0.1:$health_port/health"
  done
  for name in "${silos[@]}"; do cat "$state/$name.ports"; done > "$state/silos"
  trap - ERR

  # A client-side configuration for the cluster verbs (the console's [cluster] section), 0600: it holds the
  # connection string, and names the console certificate.
  cat > "$state/cluster.config.toml" <<EOF
[cluster]
mode = "postgres"
connection_string = "$connection"
tls = true
tls_certificate = "$state/tls/console.pfx"
tls_ca = "$state/tls/ca.pem"
EOF

  cat <<EOF

Local cluster '$cluster_id' is up: 3 silos (2 cpu, 1 gpu) on PostgreSQL, mutual TLS on loopback.
  connection string   in $state/connection-string (not printed; 0600)
  certificates        $state/tls: ca.pem (cluster CA), silo.pfx, console.pfx (this console's client certificate)
  silo configuration  $config_dir
  client config       $state/cluster.config.toml   ([cluster] section for the console's cluster verbs)
  logs                $state/<silo>.log
  metrics             http://127.0.0.1:<health port>/metrics   (Prometheus text; ports in $state/silos)
Clients find the gateways through the membership table, and present console.pfx:
  relevancerelated --config-dir $config_dir --config $state/cluster.config.toml submit --cohort NAME --participants FILE
  relevancerelated --config-dir $config_dir --config $state/cluster.config.toml status NAME
(inputs must lie below the [paths] data directory of $config_dir, which every silo reads).
Stop it (graceful silo shutdown, then the database and the certificates are removed):
  $0 stop
EOF
}

status_cluster() {
  [ -f "$state/silos" ] || { echo "No local cluster in $state."; return 1; }
  local name silo_port gateway_port health_port code rc=0
  while read -r name silo_port gateway_port health_port; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health_port/health")
    echo "$name  pid $(cat "$state/$name.pid")  gateway $gateway_port  /health $code"
    [ "$code" = 200 ] || rc=1
  done < "$state/silos"
  return $rc
}

case "${1:-}" in
  start) shift; start_cluster "$@" ;;
  stop) stop_cluster ;;
  status) status_cluster ;;
  *) usage; exit 2 ;;
esac
