# Sourced by scripts/test.sh and bench/*.sh: installs PostgreSQL if missing and starts a
# throwaway cluster on a free loopback port. Sets SHIPWISE_PG (a connection string) and
# registers a stop on exit.
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  ((${#missing[@]})) || return 0
  echo "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again." >&2
    exit 2
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ensure_apt_packages postgresql
  local pg_bin pg_port
  pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  SHIPWISE_PG_DIR=$(mktemp -d /tmp/shipwise-pg.XXXXXX)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  if [ "$(id -u)" = 0 ]; then chown postgres "$SHIPWISE_PG_DIR"; SHIPWISE_AS_PG=(runuser -u postgres --); else SHIPWISE_AS_PG=(); fi
  SHIPWISE_PG_CTL="$pg_bin/pg_ctl"
  trap stop_postgres EXIT
  echo "starting PostgreSQL ($("$pg_bin/postgres" --version)) on 127.0.0.1:$pg_port"
  "${SHIPWISE_AS_PG[@]}" "$pg_bin/initdb" -D "$SHIPWISE_PG_DIR/data" -U postgres -A trust --no-sync >/dev/null
  "${SHIPWISE_AS_PG[@]}" "$pg_bin/pg_ctl" -D "$SHIPWISE_PG_DIR/data" -l "$SHIPWISE_PG_DIR/log" -w start \
    -o "-p $pg_port -k $SHIPWISE_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 ${SHIPWISE_PG_OPTIONS:-}" >/dev/null
  SHIPWISE_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  SHIPWISE_PG_PSQL=(psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q)
}

stop_postgres() {
  [ -n "${SHIPWISE_PG_DIR:-}" ] || return 0
  "${SHIPWISE_AS_PG[@]}" "$SHIPWISE_PG_CTL" -D "$SHIPWISE_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$SHIPWISE_PG_DIR"
}
