#!/usr/bin/env bash
# `make bundle-check` (and CI): build the bundle, then as an offline machine would use it —
#  1. install.sh with the wrong Python is refused, and nothing is created;
#  2. install.sh in a network namespace with no network at all (unshare -n; where that is
#     not allowed, pip's index is switched off), into a new prefix;
#  3. the installed duikou (not this checkout) migrates a new SQLite database, collects its
#     static files and serves /healthz, a hashed static file and a translated page through
#     gunicorn on 127.0.0.1:PORT (default 8117).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
PORT="${PORT:-8117}"
WRONG_PYTHON="${WRONG_PYTHON:-}"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
unset PYTHONPATH DJANGO_SETTINGS_MODULE DATABASE_URL DEBUG
archive="$(OUT="$work/dist" PYTHON="$PYTHON" "$root/deploy/bundle.sh")"
echo "bundle: $(basename "$archive") ($(du -h "$archive" | cut -f1))"
tar -C "$work" -xzf "$archive"
bundle="$(find "$work" -maxdepth 1 -type d -name 'duikou-*')"

# 1. The wrong Python: refused with a message naming both versions; nothing installed.
if [ -z "$WRONG_PYTHON" ]; then
  want="$("$PYTHON" -c 'import sys; print(sys.version_info[:2])')"
  for candidate in python3.13 python3.12 python3.11 python3.10 /root/.pyenv/versions/*/bin/python3; do
    have="$("$candidate" -c 'import sys; print(sys.version_info[:2])' 2>/dev/null)" || continue
    if [ "$have" != "$want" ]; then WRONG_PYTHON="$candidate"; break; fi
  done
fi
if [ -n "$WRONG_PYTHON" ]; then
  if PYTHON="$WRONG_PYTHON" "$bundle/install.sh" "$work/wrong" 2>"$work/wrong.err"; then
    echo "FAILED: install.sh accepted $WRONG_PYTHON" >&2; exit 1
  fi
  grep -q "this bundle is for Python" "$work/wrong.err" || { cat "$work/wrong.err" >&2; exit 1; }
  test ! -e "$work/wrong" || { echo "FAILED: the refused install left $work/wrong" >&2; exit 1; }
  echo "ok: refused on $WRONG_PYTHON: $(cat "$work/wrong.err")"
else
  echo "skipped: no second Python version here to refuse"
fi

# 2. Offline install.
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
  echo "installing in a network namespace without network"
else
  offline=(env PIP_INDEX_URL=http://127.0.0.1:9/ PIP_NO_INDEX=1)
  echo "installing with pip's index disabled (unshare not allowed here)"
fi
"${offline[@]}" env PYTHON="$PYTHON" "$bundle/install.sh" "$work/opt"

# 3. The installed platform serves.
cd "$work"
export DEBUG=0 STATIC_MANIFEST=1 DUIKOU_VAR_DIR="$work/var" BIND="127.0.0.1:$PORT"
export DATABASE_URL="sqlite:///$work/var/duikou.sqlite3" WEB_CONCURRENCY=2 LOG_LEVEL=WARNING
export SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
mkdir -p "$work/var"
"$work/opt/venv/bin/duikou" migrate --noinput --verbosity 0
"$work/opt/venv/bin/duikou" collectstatic --noinput --verbosity 0
"$work/opt/venv/bin/python" -c 'import duikou, sys; p = duikou.__file__; sys.exit(0 if p.startswith(sys.argv[1]) else f"duikou imported from {p}")' "$work/opt"
"$work/opt/venv/bin/gunicorn" --config "$work/opt/deploy/gunicorn.conf.py" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" -o "$work/health.json" 2>/dev/null && break
  sleep 1
done
grep -q '"status": "ok"' "$work/health.json" || { cat "$work/server.log" >&2; echo "FAILED: /healthz" >&2; exit 1; }
echo "ok: /healthz $(cat "$work/health.json")"
page="$(curl -fsS "http://127.0.0.1:$PORT/accounts/login/")"
grep -q "登录" <<<"$page" || { echo "FAILED: the login page is not translated" >&2; exit 1; }
css="$(grep -o '/static/css/duikou\.[0-9a-f]*\.css' <<<"$page" | head -1)"
test -n "$css" || { echo "FAILED: no hashed stylesheet on the login page" >&2; exit 1; }
curl -fsS -H 'Accept-Encoding: gzip' -o /dev/null -D "$work/css.headers" "http://127.0.0.1:$PORT$css"
grep -qi 'content-encoding: gzip' "$work/css.headers" || { cat "$work/css.headers"; echo "FAILED: static not compressed" >&2; exit 1; }
echo "ok: translated login page, $css served compressed"
echo "bundle check passed"
