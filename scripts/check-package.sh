#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, install the tarball into an empty prefix, and run the
# installed command there: `--version`, and README's main job (a fixture to a local preview).
# Dependencies come from the npm cache `npm ci` filled (--prefer-offline), else the registry.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$repo"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
npm install -g --prefix "$work/prefix" --prefer-offline --no-audit --no-fund --loglevel=error "$work/$tarball"
bin="$work/prefix/bin/schema-to-miro"

version="$("$bin" --version)"
expected="$(node -p "require('./package.json').version")"
[ "$version" = "$expected" ] || { echo "check-package: --version printed '$version', expected '$expected'" >&2; exit 1; }

mkdir "$work/job" && cd "$work/job"
# A first run: an empty cache, so the embedded PostgreSQL starts from the data folder the package ships.
SCHEMA_TO_MIRO_CACHE_DIR="$work/cache" "$bin" --quiet --sql "$repo/fixtures/shop.sql" --out erd.html --out erd.png --out schema.md
grep -q '<svg' erd.html || { echo "check-package: erd.html has no diagram" >&2; exit 1; }
head -c 8 erd.png | od -An -tx1 | grep -q '89 50 4e 47' || { echo "check-package: erd.png is not a PNG" >&2; exit 1; }
grep -q '^### public.orders' schema.md || { echo "check-package: schema.md lacks public.orders" >&2; exit 1; }
# The cache now holds the shipped folder itself (initdb would have saved a folder of its own making).
shipped="$(ls "$work"/prefix/lib/node_modules/schema-to-miro/dist/pglite/*.tar.gz)"
cached="$work/cache/$(basename "$shipped" .gz)"
gunzip -c "$shipped" | cmp -s - "$cached" || { echo "check-package: the first --sql run did not start from the shipped PGlite data folder" >&2; exit 1; }
echo "check-package: $tarball installs; schema-to-miro $version ran README's main job from an empty prefix"
