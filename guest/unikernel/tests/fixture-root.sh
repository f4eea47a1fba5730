#!/bin/sh
# fixture-root.sh OUT.cpio: a small web root packed by the real cpio tool, newc format, the
# way the image build packs the web root (names "./..." and directory entries included).
set -eu
out=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/docs/empty" "$dir/img"
printf '<h1>home</h1>\n' > "$dir/index.html"
printf 'docs index\n' > "$dir/docs/index.html"
printf 'body { color: red }\n' > "$dir/docs/style.css"
head -c 3000 /dev/zero | tr '\0' 'x' > "$dir/img/logo.png"
(cd "$dir" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out"
