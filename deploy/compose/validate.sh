#!/bin/sh
# Validates compose.yaml with the Compose implementation itself (`docker compose config`, which needs
# no running engine), with and without the postgres profile. Without Docker Compose v2 on this machine
# it says so and runs the static checks of tests/deploy/test_compose.py instead.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if docker compose version >/dev/null 2>&1; then
  compose="docker compose"
elif command -v docker-compose >/dev/null 2>&1 && docker-compose version 2>/dev/null | grep -q '^Docker Compose version'; then
  compose="docker-compose"
else
  compose=""
fi

if [ -n "$compose" ]; then
  $compose -f compose.yaml config --quiet
  $compose -f compose.yaml --profile postgres config --quiet
  KOORDINATE_API_DATABASE_URL=postgresql://koordinate:koordinate@postgres:5432/koordinate \
    $compose -f compose.yaml --profile postgres config --quiet
  echo "compose.yaml is valid ($($compose version --short 2>/dev/null || echo "$compose"))"
else
  echo "Docker Compose v2 not found: static checks only" >&2
fi

repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-"$repo/.venv/bin/python"}
[ -x "$python" ] || python=python3
exec "$python" -m pytest -q -p no:cacheprovider "$repo/tests/deploy/test_compose.py"
