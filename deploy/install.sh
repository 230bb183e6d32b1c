#!/usr/bin/env bash
# Install duikou from this unpacked bundle, with no network: a virtual environment in PREFIX
# (default /opt/duikou) with exactly the bundled wheels, and the deploy/ files beside it.
#   ./install.sh [PREFIX]          PYTHON=/usr/bin/python3.11 ./install.sh /opt/duikou
# Refuses, changing nothing, when PYTHON is not the Python version and machine the bundle
# was built for. Then (docs/deployment.md): /etc/duikou/duikou.env, `duikou migrate`,
# `duikou collectstatic`, the systemd units.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${1:-/opt/duikou}"
PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null || { echo "install.sh: no $PYTHON here (set PYTHON=...)" >&2; exit 2; }
if ! "$PYTHON" - "$here/BUNDLE.json" <<'PY'
import json, platform, sys
bundle = json.load(open(sys.argv[1]))
have = f"{sys.version_info[0]}.{sys.version_info[1]}"
if (have, platform.machine()) != (bundle["python"], bundle["machine"]):
    sys.exit(
        f"install.sh: this bundle is for Python {bundle['python']} on {bundle['machine']}, "
        f"but {sys.executable} is Python {have} on {platform.machine()}. Nothing was "
        f"installed. Run it with PYTHON=/path/to/python{bundle['python']}, or build a bundle "
        f"for this Python (make bundle BUNDLE_PYTHON=...)."
    )
PY
then
  exit 3
fi
"$PYTHON" - "$here" <<'PY'
import hashlib, json, pathlib, sys
here = pathlib.Path(sys.argv[1])
bundle = json.load(open(here / "BUNDLE.json"))
bad = [n for n, h in bundle["wheels"].items()
       if not (here / "wheels" / n).is_file()
       or hashlib.sha256((here / "wheels" / n).read_bytes()).hexdigest() != h]
if bad:
    sys.exit("install.sh: wheels missing or changed: " + ", ".join(bad) + ". Nothing was installed.")
PY
if [ -e "$PREFIX/venv" ]; then
  echo "install.sh: $PREFIX/venv exists; upgrading it in place" >&2
else
  mkdir -p "$PREFIX"
  "$PYTHON" -m venv "$PREFIX/venv"
fi
# No index, only the bundled wheels: works with no network at all.
PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$PREFIX/venv/bin/python" -m pip install \
  --quiet --no-index --find-links "$here/wheels" --requirement "$here/requirements.lock"
PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$PREFIX/venv/bin/python" -m pip install \
  --quiet --no-index --no-deps --find-links "$here/wheels" duikou
rm -rf "$PREFIX/deploy"
cp -r "$here/deploy" "$PREFIX/deploy"
cp "$here/BUNDLE.json" "$PREFIX/"
"$PREFIX/venv/bin/python" -m pip check --quiet >/dev/null || "$PREFIX/venv/bin/python" -m pip check
echo "duikou $("$PYTHON" -c 'import json,sys;print(json.load(open(sys.argv[1]))["version"])' "$here/BUNDLE.json" 2>/dev/null || true) installed in $PREFIX"
echo "next: /etc/duikou/duikou.env (from $PREFIX/deploy/duikou.env.example), then"
echo "  $PREFIX/venv/bin/duikou migrate && $PREFIX/venv/bin/duikou collectstatic --noinput"
echo "  and the units in $PREFIX/deploy/systemd (docs/deployment.md)"
