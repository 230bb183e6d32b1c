#!/usr/bin/env bash
# The production stack on one machine, in the foreground: static files collected (hashed,
# compressed), migrations applied, TASK_WORKERS task workers and gunicorn
# (deploy/gunicorn.conf.py) against DATABASE_URL. Ctrl-C (or SIGTERM) stops them all.
# `make serve` runs it; bench/bench_load.py runs the same script. In production the systemd
# units in deploy/systemd/ run the same two programs instead.
#   DUIKOU=path/to/duikou GUNICORN=path/to/gunicorn BIND=127.0.0.1:8000 TASK_WORKERS=1
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
DUIKOU="${DUIKOU:-duikou}"
GUNICORN="${GUNICORN:-gunicorn}"
export DEBUG="${DEBUG:-0}" STATIC_MANIFEST="${STATIC_MANIFEST:-1}"
"$DUIKOU" collectstatic --noinput --verbosity 0
"$DUIKOU" migrate --noinput --verbosity 0
pids=()
stop() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM
for _ in $(seq "${TASK_WORKERS:-1}"); do
  "$DUIKOU" worker &
  pids+=($!)
done
if [ "${SERVER:-gunicorn}" = granian ]; then
  # Only to compare the two servers (docs/deployment.md); production runs gunicorn.
  "${GRANIAN:-granian}" --interface wsgi --host "${BIND%:*}" --port "${BIND##*:}" \
    --workers "${WEB_CONCURRENCY:-3}" --blocking-threads "${WEB_THREADS:-4}" \
    --no-ws duikou.wsgi:application &
else
  "$GUNICORN" --config "$here/gunicorn.conf.py" &
fi
pids+=($!)
echo "duikou serving on http://${BIND:-127.0.0.1:8000}/ (gunicorn + ${TASK_WORKERS:-1} task worker(s))" >&2
wait -n "${pids[@]}"
