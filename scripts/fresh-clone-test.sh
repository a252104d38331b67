#!/usr/bin/env bash
# Runs the README's test command as a new user would: a fresh clone of HEAD in a temp dir, an empty HOME (only
# ~/.npmrc copied in: no npm cache, no pnpm store, no ~/.cache), nothing beside the clone, CI=true npm test.
# Caches hide broken install steps, so run this before a change to install, build or test wiring lands.
#
#   scripts/fresh-clone-test.sh           one cold run
#   scripts/fresh-clone-test.sh --warm    a cold run, then a second fresh clone with the same (now warm) HOME
#   scripts/fresh-clone-test.sh --keep    keep the temp dir (printed) for a look afterwards
#
# Only committed work is tested: the clone is of HEAD. Exit status is that of the first failing run.
set -euo pipefail

warm=false
keep=false
for arg in "$@"; do
  case "$arg" in
    --warm) warm=true ;;
    --keep) keep=true ;;
    *) echo "fresh-clone-test: unknown option $arg (use --warm, --keep)" >&2; exit 2 ;;
  esac
done

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
head=$(git -C "$repo" rev-parse HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-clone-test: note: uncommitted changes are not in the clone; this tests HEAD (${head:0:7})."
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hookline-fresh-XXXXXX")
home="$work/home"
mkdir -p "$home"
[ -f "$HOME/.npmrc" ] && cp "$HOME/.npmrc" "$home/.npmrc"
cleanup() {
  if $keep; then echo "fresh-clone-test: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

run_once() {
  local label=$1 dir="$work/clone-$1"
  git clone --quiet --no-local "$repo" "$dir"
  git -C "$dir" checkout --quiet "$head"
  echo "fresh-clone-test: $label run of ${head:0:7} in $dir (HOME=$home)"
  local started=$SECONDS status=0
  # The machine's environment (its CA certificates, proxies, locale) stays; what points into this user's HOME,
  # caches or a running npm/pnpm script goes.
  local unset_args=()
  while IFS= read -r name; do unset_args+=(-u "$name"); done < <(env | sed -n 's/^\(npm_[^=]*\|pnpm_[^=]*\|PNPM_[^=]*\|XDG_[^=]*\|HOOKLINE_[^=]*\|NODE_OPTIONS\|NODE_PATH\|INIT_CWD\)=.*/\1/p')
  (cd "$dir" && env "${unset_args[@]}" HOME="$home" CI=true npm test) || status=$?
  local took=$((SECONDS - started))
  printf 'fresh-clone-test: %s run %s in %dm %02ds (exit %d)\n' "$label" "$([ $status -eq 0 ] && echo passed || echo FAILED)" $((took / 60)) $((took % 60)) "$status"
  return $status
}

run_once cold
if $warm; then run_once warm; fi
