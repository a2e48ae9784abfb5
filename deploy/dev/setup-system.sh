#!/usr/bin/env bash
# Installs the system packages a fresh Debian machine lacks for Koordinate: Java and Maven (the
# Kafka broker), Python 3.11 with venv, Chromium and its driver (the dashboard's browser tests). Does nothing
# where everything is present.
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v python3.11 >/dev/null 2>&1 || need+=(python3.11 python3.11-venv)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: ${need[*]}; install them (apt-get install ${need[*]}) and run again" >&2
    exit 1
  fi
  echo "installing ${need[*]} from Debian's packages..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
