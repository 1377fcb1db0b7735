#!/usr/bin/env bash
# Throwaway MariaDB for tests and local clusters: its own data dir, loopback only, a free port.
#   source scripts/mariadb.sh; mariadb_start; ...; mariadb_stop
# After mariadb_start: MARIADB_PORT, MARIADB_DIR and MARIADB_ROOT_CS (a root connection string) are set.
# MARIADB_BUFFER_POOL (default 512M) and MARIADB_LOG_FILE_SIZE (the redo log, default MariaDB's 96M) size the server
# for benchmarks and local clusters; the defaults suit the tests' small catalogs.

mariadb_install() {
  if ! command -v mariadbd >/dev/null 2>&1 && ! command -v mysqld >/dev/null 2>&1; then
    echo "MariaDB not found: installing mariadb-server (apt-get)" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
  fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 30000 ))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; return 1
}

mariadb_start() {
  mariadb_install
  MARIADB_DIR=$(mktemp -d /tmp/pricing-mariadb.XXXXXX)
  MARIADB_PORT=${MARIADB_PORT:-$(free_port)}
  mkdir -p "$MARIADB_DIR/data"
  mariadb-install-db --no-defaults --datadir="$MARIADB_DIR/data" --user=root \
    --auth-root-authentication-method=normal --skip-test-db >"$MARIADB_DIR/install.log" 2>&1 \
    || { cat "$MARIADB_DIR/install.log" >&2; return 1; }
  mariadbd --no-defaults --datadir="$MARIADB_DIR/data" --user=root --bind-address=127.0.0.1 --port="$MARIADB_PORT" \
    --socket="$MARIADB_DIR/mysqld.sock" --pid-file="$MARIADB_DIR/mysqld.pid" --skip-name-resolve \
    --log-error="$MARIADB_DIR/error.log" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size="${MARIADB_BUFFER_POOL:-512M}" --innodb-log-file-size="${MARIADB_LOG_FILE_SIZE:-96M}" --innodb-flush-log-at-trx-commit=2 --local-infile=1 --max-connections=1000 \
    --max-allowed-packet=256M >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    mariadb-admin --no-defaults -uroot --socket="$MARIADB_DIR/mysqld.sock" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb-admin --no-defaults -uroot --socket="$MARIADB_DIR/mysqld.sock" ping >/dev/null 2>&1 \
    || { echo "MariaDB did not start:" >&2; tail -20 "$MARIADB_DIR/error.log" >&2; return 1; }
  # TCP root login without a password, from loopback only (the server listens on 127.0.0.1 alone).
  mariadb --no-defaults -uroot --socket="$MARIADB_DIR/mysqld.sock" -e \
    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;"
  MARIADB_ROOT_CS="Server=127.0.0.1;Port=$MARIADB_PORT;User=root;Password=;"
  export MARIADB_PORT MARIADB_DIR MARIADB_ROOT_CS
}

mariadb_sql() {
  mariadb --no-defaults -uroot --socket="$MARIADB_DIR/mysqld.sock" "$@"
}

mariadb_stop() {
  [ -n "${MARIADB_DIR:-}" ] || return 0
  mariadb-admin --no-defaults -uroot --socket="$MARIADB_DIR/mysqld.sock" shutdown >/dev/null 2>&1 || true
  rm -rf "$MARIADB_DIR"
  MARIADB_DIR=
}
