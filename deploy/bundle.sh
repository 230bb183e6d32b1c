#!/usr/bin/env bash
# `make bundle`: one archive that installs duikou on a machine with no network.
#   dist/duikou-<version>-py<X.Y>-<machine>.tar.gz, holding
#   wheels/            duikou's own wheel (with the front-end assets and the compiled
#                      translations inside) and one wheel per pinned dependency
#   requirements.lock  the pinned versions (pip installs exactly these, nothing resolved)
#   deploy/            gunicorn.conf.py, systemd units, nginx site, duikou.env.example
#   install.sh         the installer (deploy/install.sh)
#   BUNDLE.json        the Python version and machine the bundle is for, and checksums
# Environment: PYTHON (the interpreter of the target's Python version; default python3),
# OUT (default dist). The same requirements.lock gives the same wheels a month later.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
OUT="${OUT:-$root/dist}"
cd "$root"
# The same commit gives the same duikou wheel (zip entry times).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
test -f duikou/static/vendor/htmx/htmx.min.js || { echo "front-end assets missing: run make assets" >&2; exit 1; }
ls duikou/locale/*/LC_MESSAGES/django.mo >/dev/null 2>&1 || { echo "translations not compiled" >&2; exit 1; }
read -r pyver machine version < <("$PYTHON" - <<'PY'
import platform, sys, tomllib
with open("pyproject.toml", "rb") as f:
    v = tomllib.load(f)["project"]["version"]
print(f"{sys.version_info[0]}.{sys.version_info[1]}", platform.machine(), v)
PY
)
name="duikou-$version-py$pyver-$machine"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage="$work/$name"
mkdir -p "$stage/wheels" "$stage/deploy"
echo "building $name with $("$PYTHON" -V)" >&2
# duikou itself, from this checkout (assets and .mo files are package data); no stale
# build/ from an earlier build may add files this checkout no longer has.
rm -rf build
"$PYTHON" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$stage/wheels" . 2>/dev/null \
  || "$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$stage/wheels" .
# Exactly the pinned dependencies, as wheels for this Python and machine.
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: \
  --dest "$stage/wheels" -r requirements.lock
cp requirements.lock "$stage/"
cp deploy/install.sh "$stage/"
cp -r deploy/gunicorn.conf.py deploy/duikou.env.example deploy/systemd deploy/nginx "$stage/deploy/"
"$PYTHON" - "$stage" "$pyver" "$machine" "$version" <<'PY'
import hashlib, json, pathlib, sys
stage, pyver, machine, version = sys.argv[1:]
wheels = sorted(pathlib.Path(stage, "wheels").glob("*.whl"))
json.dump({
    "name": "duikou", "version": version, "python": pyver, "machine": machine,
    "wheels": {w.name: hashlib.sha256(w.read_bytes()).hexdigest() for w in wheels},
}, open(pathlib.Path(stage, "BUNDLE.json"), "w"), indent=1)
PY
mkdir -p "$OUT"
# A reproducible archive: fixed order, owner and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00' \
  -C "$work" -cf - "$name" | gzip -n > "$OUT/$name.tar.gz"
echo "$OUT/$name.tar.gz"
