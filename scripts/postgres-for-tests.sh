#!/usr/bin/env bash
# A throwaway PostgreSQL for the decision log's tests, on 127.0.0.1 and a free port, its data in a
# folder of its own.
#
#   export XINJI_POLICY_TEST_POSTGRES="$(scripts/postgres-for-tests.sh start /tmp/xinji-pg)"
#   dotnet test tests/Xinji.Policy.DecisionLog.Tests
#   scripts/postgres-for-tests.sh stop /tmp/xinji-pg
#
# `start` installs Debian's postgresql package when no server is installed (as root), creates a
# cluster in DIR (which must not exist or be empty), starts it and prints its connection string;
# `stop` stops it and removes DIR. As root the server runs as the postgres user, which initdb needs.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$found" ]; then echo "$found"; return; fi
  if command -v pg_ctl > /dev/null; then dirname "$(command -v pg_ctl)"; return; fi
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if ! bin=$(bindir); then
      [ "$(id -u)" -eq 0 ] || { echo "$0: PostgreSQL is not installed; install Debian's postgresql package" >&2; exit 1; }
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq > /dev/null
      apt-get install -y -qq postgresql > /dev/null
      bin=$(bindir)
    fi
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"

    # A free port: one nothing on loopback answers on.
    port=""
    for _ in $(seq 1 50); do
      candidate=$((20000 + RANDOM % 20000))
      if ! (exec 3<> "/dev/tcp/127.0.0.1/$candidate") 2> /dev/null; then port=$candidate; break; fi
    done
    [ -n "$port" ] || { echo "$0: no free port found" >&2; exit 1; }

    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale > "$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync stays on: the durability tests rely on what a real server does with a commit.
    as_owner "$bin/pg_ctl" start -w -t 60 -D "$dir/data" -l "$dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" > /dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    if [ -d "$dir/data" ] && bin=$(bindir); then
      as_owner "$bin/pg_ctl" stop -D "$dir/data" -m fast -w > /dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
