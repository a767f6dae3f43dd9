#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt,
# and drops symbols that no longer exist (RS0017). Run it after a deliberate public API change, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
# Usage: eng/update-public-api.sh [src/ProjectDir/] ; set ARTIFACTS=/tmp/x to build into a private artifacts folder.
for project in ${1:-src/*/}; do
  project="${project%/}/"
  csproj=$(ls "$project"*.csproj 2>/dev/null) || continue
  unshipped="$project/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || continue
  log=$(dotnet build "$csproj" -c Debug --no-incremental ${ARTIFACTS:+--artifacts-path "$ARTIFACTS"} 2>&1 || true)
  added=$(printf '%s\n' "$log" | grep -o "error RS0016: Symbol '.*' is not part of the declared public API" | sed -E "s/error RS0016: Symbol '(.*)' is not part of the declared public API/\1/" | sort -u || true)
  removed=$(printf '%s\n' "$log" | grep -o "error RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" | sed -E "s/error RS0017: Symbol '(.*)' is part of the declared API.*/\1/" | sort -u || true)
  tmp=$(mktemp)
  { grep -v '^#nullable enable$' "$unshipped" || true; printf '%s\n' "$added"; } | grep -v '^$' | sort -u > "$tmp.body"
  if [ -n "$removed" ]; then
    printf '%s\n' "$removed" > "$tmp.removed"
    grep -vxF -f "$tmp.removed" "$tmp.body" > "$tmp.kept" || true
    mv "$tmp.kept" "$tmp.body"
  fi
  { echo '#nullable enable'; cat "$tmp.body"; } > "$unshipped"
  rm -f "$tmp" "$tmp.body" "$tmp.removed"
  echo "$unshipped: $(printf '%s\n' "$added" | grep -c . || true) added, $(printf '%s\n' "$removed" | grep -c . || true) removed"
done
