#!/usr/bin/env bash
# npm run citus:local -- up|down
# A Citus cluster on this machine for tests and the bench: a coordinator and two workers, each a
# PostgreSQL 15 cluster of its own (ports 5440, 5441, 5442) with Citus and PostGIS in a database
# named grid_atlas (or $CITUS_DATABASE: a second database on the same nodes, with Citus metadata of
# its own, e.g. to restore a backup into) owned by the role grid_atlas (password grid_atlas, as the CI database). `up`
# builds Citus from the vendored source when it is missing (Debian has no package), is
# idempotent, and prints the coordinator's DATABASE_URL as its last line. `down` stops and
# removes the three clusters (their data too). Needs root, as pg_createcluster does.
# The nodes listen on 127.0.0.1 with Debian's password authentication; the coordinator and the
# workers reach each other with passwords kept in Citus' pg_dist_authinfo (postgres gets a random
# one per cluster), so nothing is trusted without a password.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
nodes=("citus_coordinator:5440" "citus_worker1:5441" "citus_worker2:5442")
coordinator=5440
database=${CITUS_DATABASE:-grid_atlas}
url="postgres://grid_atlas:grid_atlas@127.0.0.1:$coordinator/$database"
secret=/etc/postgresql/15/citus_coordinator/citus-local.secret

if [ "$(id -u)" -ne 0 ]; then echo "citus:local: run as root (it creates PostgreSQL clusters)" >&2; exit 1; fi

psql_at() { # port, database, sql on stdin; as postgres over the local socket (peer authentication)
  su postgres -c "psql -q -X -v ON_ERROR_STOP=1 -h /var/run/postgresql -p $1 -d $2"
}
value_at() { # port, database, query → one value
  su postgres -c "psql -X -At -h /var/run/postgresql -p $1 -d $2 -c \"$3\""
}

citus_source() {
  for dir in "${CITUS_SOURCE:-}" "$here/../shared/vendor/citus" "/work/shared/vendor/citus"; do
    if [ -n "$dir" ] && [ -f "$dir/build.sh" ]; then echo "$dir"; return; fi
  done
  return 1
}

up() {
  if [ ! -f "$(pg_config --pkglibdir)/citus.so" ]; then
    local source
    if ! source=$(citus_source); then
      echo "citus:local: Citus is not installed and its source was not found (set CITUS_SOURCE to the folder holding build.sh)" >&2
      exit 1
    fi
    echo "building Citus from $source (a few minutes)…"
    bash "$source/build.sh"
  fi
  if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
    echo "citus:local: PostGIS for PostgreSQL 15 is missing (apt-get install postgresql-15-postgis-3)" >&2
    exit 1
  fi
  for node in "${nodes[@]}"; do
    local name=${node%%:*} port=${node##*:}
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$name"; then
      pg_createcluster 15 "$name" -p "$port" >/dev/null
      printf "shared_preload_libraries = 'citus'\nlisten_addresses = '127.0.0.1'\nmax_connections = 200\n" \
        > "/etc/postgresql/15/$name/conf.d/citus-local.conf"
    fi
    # Tuned for many small queries over every shard (a tile, a page of the H3 fill), measured on a
    # city of three large districts (docs/scaling.md): the coordinator keeps connections to the
    # workers open between queries (a new worker backend pays ~0.3 s for PostGIS's first
    # ST_Transform), and a worker scans a shard alone (a shard is small, and the planner chose
    # parallel sequential scans over the spatial index: 3.8 s instead of 10 ms a shard).
    if [ "$port" = "$coordinator" ]; then
      echo "citus.max_cached_conns_per_worker = 4" > "/etc/postgresql/15/$name/conf.d/citus-tuning.conf"
    else
      echo "max_parallel_workers_per_gather = 0" > "/etc/postgresql/15/$name/conf.d/citus-tuning.conf"
    fi
    # Started, or (already running) told to read its configuration again.
    pg_ctlcluster 15 "$name" start 2>/dev/null || pg_ctlcluster 15 "$name" reload
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
  done
  [ -f "$secret" ] || { umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$secret"; }
  local password
  password=$(cat "$secret")
  for node in "${nodes[@]}"; do
    local port=${node##*:}
    # Roles and the database on every node, each step only when missing (a worker that has
    # joined refuses DDL sent to it directly, even CREATE EXTENSION IF NOT EXISTS).
    psql_at "$port" postgres <<SQL
ALTER ROLE postgres PASSWORD '$password';
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grid_atlas') THEN
    CREATE ROLE grid_atlas LOGIN PASSWORD 'grid_atlas' CREATEDB;
  END IF;
END \$\$;
SQL
    if [ -z "$(value_at "$port" postgres "select 1 from pg_database where datname = '$database'")" ]; then
      echo "CREATE DATABASE $database OWNER grid_atlas;" | psql_at "$port" postgres
    fi
    # Citus first (it must be the first extension), then PostGIS.
    if [ -z "$(value_at "$port" "$database" "select 1 from pg_extension where extname = 'postgis'")" ]; then
      echo "CREATE EXTENSION IF NOT EXISTS citus; CREATE EXTENSION IF NOT EXISTS postgis;" | psql_at "$port" "$database"
    fi
    # How this node signs in to the others (nodeid 0: every node). Each node keeps its own copy:
    # Citus does not send pg_dist_authinfo to the workers, and workers connect to each other when
    # a query moves rows between shards (an INSERT … SELECT that changes the distribution key).
    psql_at "$port" "$database" >/dev/null <<SQL
DELETE FROM pg_dist_authinfo WHERE nodeid = 0 AND rolename IN ('postgres', 'grid_atlas');
INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES (0, 'postgres', 'password=$password'), (0, 'grid_atlas', 'password=grid_atlas');
SQL
  done
  {
    echo "SELECT citus_set_coordinator_host('127.0.0.1', $coordinator);"
    for node in "${nodes[@]:1}"; do
      echo "SELECT citus_add_node('127.0.0.1', ${node##*:}) WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodeport = ${node##*:});"
    done
  } | psql_at "$coordinator" "$database" >/dev/null
  local workers
  workers=$(value_at "$coordinator" "$database" "select count(*) from citus_get_active_worker_nodes()")
  echo "citus:local: coordinator on $coordinator, $workers workers active"
  echo "$url"
}

down() {
  for node in "${nodes[@]}"; do
    local name=${node%%:*}
    if pg_lsclusters -h | awk '{print $2}' | grep -qx "$name"; then pg_dropcluster --stop 15 "$name"; fi
  done
  echo "citus:local: removed"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: npm run citus:local -- up|down" >&2; exit 2 ;;
esac
