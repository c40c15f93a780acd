#!/usr/bin/env bash
# Adds a migration with the same name for both database providers.
# usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <Name>}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Liftoff.Migrations.$provider" --startup-project "src/Liftoff.Migrations.$provider" --output-dir Migrations
done
