#!/usr/bin/env bash
# npm run citus:local -- up|down
# A Citus cluster on this machine for tests and the bench: a coordinator and two workers, each a
# PostgreSQL 15 cluster of its own (ports 5440, 5441, 5442) with Citus and PostGIS in a database
# named grid_atlas owned by the role grid_atlas. `up` builds Citus from the vendored source when it
# is missing (Debian has no package), is idempotent, and prints the coordinator's DATABASE_URL as
# its last line. `down` stops and removes the three clusters (their data too). Needs root, as
# pg_createcluster does. A test cluster: it listens on 127.0.0.1 only and trusts local
# connections there (the coordinator reaches its workers without a password).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
nodes=("citus_coordinator:5440" "citus_worker1:5441" "citus_worker2:5442")
database=grid_atlas
url="postgres://grid_atlas:grid_atlas@127.0.0.1:5440/$database"

as_postgres() { # port, sql (on stdin)
  su postgres -c "psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $1 -d ${2:-postgres}"
}

citus_source() {
  for dir in "${CITUS_SOURCE:-}" "$here/../shared/vendor/citus" "/work/shared/vendor/citus"; do
    if [ -n "$dir" ] && [ -f "$dir/build.sh" ]; then echo "$dir"; return; fi
  done
  echo "citus:local: Citus is not installed and its source was not found (set CITUS_SOURCE to the folder holding build.sh)" >&2
  exit 1
}

up() {
  if [ ! -f "$(pg_config --pkglibdir)/citus.so" ]; then
    echo "building Citus from $(citus_source) (a few minutes)…"
    bash "$(citus_source)/build.sh"
  fi
  for node in "${nodes[@]}"; do
    name=${node%%:*}; port=${node##*:}
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$name"; then
      pg_createcluster 15 "$name" -p "$port" >/dev/null
      conf=/etc/postgresql/15/$name
      cat > "$conf/conf.d/citus-local.conf" <<CONF
shared_preload_libraries = 'citus'
listen_addresses = '127.0.0.1'
max_connections = 200
CONF
      # Trust local TCP connections (first match wins, so this line goes on top).
      sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
    fi
    pg_ctlcluster 15 "$name" start 2>/dev/null || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
    [ "$name" = "${nodes[0]%%:*}" ] || [ -z "$(su postgres -c "psql -X -Atc \"select 1 from pg_database where datname = '$database'\" -h 127.0.0.1 -p $port")" ] || continue
    as_postgres "$port" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grid_atlas') THEN
    CREATE ROLE grid_atlas LOGIN PASSWORD 'grid_atlas' CREATEDB;
  END IF;
END \$\$;
SQL
    if [ -z "$(su postgres -c "psql -X -Atc \"select 1 from pg_database where datname = '$database'\" -h 127.0.0.1 -p $port")" ]; then
      echo "CREATE DATABASE $database OWNER grid_atlas;" | as_postgres "$port"
    fi
    # Citus first (it must be the first extension created), then PostGIS, on every node — once:
    # a worker that has joined refuses DDL, even a CREATE EXTENSION IF NOT EXISTS.
    if [ -z "$(su postgres -c "psql -X -Atc \"select 1 from pg_extension where extname = 'postgis'\" -h 127.0.0.1 -p $port -d $database")" ]; then
      echo "CREATE EXTENSION IF NOT EXISTS citus; CREATE EXTENSION IF NOT EXISTS postgis;" | as_postgres "$port" "$database"
    fi
  done
  coordinator=${nodes[0]##*:}
  {
    echo "SELECT citus_set_coordinator_host('127.0.0.1', $coordinator);"
    for node in "${nodes[@]:1}"; do
      port=${node##*:}
      echo "SELECT citus_add_node('127.0.0.1', $port) WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodeport = $port);"
    done
  } | as_postgres "$coordinator" "$database" >/dev/null
  workers=$(su postgres -c "psql -X -Atc 'select count(*) from citus_get_active_worker_nodes()' -h 127.0.0.1 -p $coordinator -d $database")
  echo "citus:local: coordinator on 5440, $workers workers active"
  echo "$url"
}

down() {
  for node in "${nodes[@]}"; do
    name=${node%%:*}
    if pg_lsclusters -h | awk '{print $2}' | grep -qx "$name"; then pg_dropcluster --stop 15 "$name"; fi
  done
  echo "citus:local: removed"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: npm run citus:local -- up|down" >&2; exit 2 ;;
esac
