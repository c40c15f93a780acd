#!/usr/bin/env bash
# Runs every test on SQLite and on a throwaway PostgreSQL, as on a fresh machine.
# Ends with one line: "N passed, N failed, N skipped" (totals of all runs).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Browser tests drive Debian's Chromium (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium and chromium-driver..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
    || { echo "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

# PostgreSQL 15 binaries: preinstalled in /usr/local/bin, else Debian's package.
pg_bin=/usr/local/bin
if [ ! -x "$pg_bin/initdb" ]; then
  pg_bin=/usr/lib/postgresql/15/bin
  if [ ! -x "$pg_bin/initdb" ]; then
    echo "Installing PostgreSQL 15..."
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null \
      || { echo "could not install postgresql"; echo "0 passed, 1 failed"; exit 1; }
  fi
fi

failed_steps=0
dotnet tool restore >/dev/null || failed_steps=$((failed_steps + 1))
if ! dotnet build Liftoff.slnx -nologo -v q -clp:ErrorsOnly; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

echo "Checking formatting (dotnet format --verify-no-changes)..."
if ! dotnet format Liftoff.slnx --verify-no-changes --no-restore; then
  echo "Formatting check failed: run 'dotnet format Liftoff.slnx'."
  failed_steps=$((failed_steps + 1))
fi

# A throwaway PostgreSQL on loopback, always stopped on exit.
pg_dir=$(mktemp -d /tmp/liftoff-pg.XXXX)
pg_port=${LIFTOFF_PG_PORT:-55432}
stop_pg() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
chown postgres:postgres "$pg_dir"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
if ! runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null; then
  cat "$pg_dir/server.log"
  echo "PostgreSQL did not start."
  failed_steps=$((failed_steps + 1))
fi

# A certified OpenID provider (npm oidc-provider) on loopback for the single sign-on journey.
oidc_dir="$root/tests/oidc-provider"
oidc_log="$pg_dir/oidc.log"
oidc_pid=""
stop_oidc() {
  if [ -n "$oidc_pid" ]; then kill "$oidc_pid" 2>/dev/null || true; wait "$oidc_pid" 2>/dev/null || true; fi
}
# Postfix (relay on 127.0.0.1:2525, loopback only) and Dovecot (IMAP on 127.0.0.1:1143) for the mail tests.
# Its own directory, readable by the dovecot and postfix users (the PostgreSQL one is private to postgres).
mail_dir=$(mktemp -d /tmp/liftoff-mail.XXXX)
chmod 755 "$mail_dir"
stop_mail() { "$root/scripts/mail-server.sh" stop "$mail_dir" >/dev/null 2>&1 || true; rm -rf "$mail_dir"; }
trap 'stop_mail; stop_oidc; stop_pg' EXIT
if "$root/scripts/mail-server.sh" start "$mail_dir"; then
  export LIFTOFF_TEST_MAIL_SMTP="127.0.0.1:2525" LIFTOFF_TEST_MAIL_IMAP="127.0.0.1:1143" LIFTOFF_TEST_MAIL_PASSWORD="secret"
else
  echo "The mail server (Postfix, Dovecot) did not start."
  failed_steps=$((failed_steps + 1))
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js and npm are needed for the OpenID provider of the single sign-on tests."
  failed_steps=$((failed_steps + 1))
else
  # npm ci only when node_modules is missing or older than the lock file (works offline afterwards).
  if [ ! -f "$oidc_dir/node_modules/.package-lock.json" ] \
      || [ "$oidc_dir/package-lock.json" -nt "$oidc_dir/node_modules/.package-lock.json" ]; then
    (cd "$oidc_dir" && npm ci --no-audit --no-fund --loglevel=error) || failed_steps=$((failed_steps + 1))
  fi
  node "$oidc_dir/server.js" >"$oidc_log" 2>&1 &
  oidc_pid=$!
  for _ in $(seq 1 100); do
    grep -q 'listening on' "$oidc_log" 2>/dev/null && break
    kill -0 "$oidc_pid" 2>/dev/null || break
    sleep 0.1
  done
  oidc_url=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$oidc_log" | grep -o 'http://.*')
  if [ -n "$oidc_url" ]; then
    export LIFTOFF_TEST_OIDC_AUTHORITY="$oidc_url"
  else
    cat "$oidc_log"
    echo "The OpenID provider did not start."
    failed_steps=$((failed_steps + 1))
  fi
fi

run_suite() { # $1 = name, then the test projects; environment selects the provider
  local name=$1 rc=0
  shift
  echo "=== Test run: $name ==="
  for project in "$@"; do
    dotnet test "$project" --no-build -nologo \
      --logger "trx" --logger "console;verbosity=minimal" \
      --results-directory "$results/$name" || rc=1
  done
  return $rc
}

# The domain tests touch no database: they run once. Everything that stores data runs on both.
run_suite sqlite tests/Liftoff.Domain.Tests tests/Liftoff.Web.Tests tests/Liftoff.Browser.Tests \
  || failed_steps=$((failed_steps + 1))
LIFTOFF_TEST_PROVIDER=Postgres \
LIFTOFF_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
  run_suite postgres tests/Liftoff.Web.Tests tests/Liftoff.Browser.Tests || failed_steps=$((failed_steps + 1))

# Totals from every TRX file of both runs.
read -r passed failed skipped < <(
  cat "$results"/*/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
        if (kv[1] == "passed") p += kv[2]; if (kv[1] == "failed") f += kv[2];
        if (kv[1] == "notExecuted") s += kv[2]; if (kv[1] == "error") f += kv[2]; if (kv[1] == "timeout") f += kv[2]; } }
    END { printf "%d %d %d\n", p, f, s }')
if [ "$failed" -eq 0 ] && [ "$failed_steps" -gt 0 ]; then
  failed=$failed_steps
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$failed_steps" -eq 0 ]
