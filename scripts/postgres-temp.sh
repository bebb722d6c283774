# Source this file to start a throw-away PostgreSQL server for tests or benchmarks:
#   . scripts/postgres-temp.sh && pg_temp_start   # exports DATABASE_URL; stops on exit
# initdb into a temporary folder, loopback only, a free port; installs Debian's postgresql
# package first if the server binaries are missing. Runs the server as `postgres` when root.

pg_temp_start() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  pg_dir=$(mktemp -d)
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_as=()
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$pg_dir"
    pg_as=(runuser -u postgres --)
  fi
  trap pg_temp_stop EXIT
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U qorgau --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=off" start >/dev/null
  "${pg_as[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U qorgau qorgau
  export DATABASE_URL="postgres://qorgau@127.0.0.1:$pg_port/qorgau"
}

pg_temp_stop() {
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
