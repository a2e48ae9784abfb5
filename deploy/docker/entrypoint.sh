#!/bin/sh
# Runs `koordinate "$@"`. A stream worker keeps its RocksDB state under $KOORDINATE_HOME/worker/<name>,
# so each replica needs its own name: unless one is set, it is the container's hostname (the pod name
# of a StatefulSet, stable across restarts; a container id under `docker compose --scale`).
set -eu
: "${KOORDINATE_WORKER__NAME:=$(hostname)}"
export KOORDINATE_WORKER__NAME
exec koordinate "$@"
