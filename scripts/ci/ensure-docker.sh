#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock: the node agent's
# tests run real containers. Installs Debian's docker.io (and iptables, which
# dockerd needs, and busybox-static, from which tests build their image
# offline) when missing, then starts dockerd if nothing is listening.
set -euo pipefail

if ! command -v dockerd >/dev/null || ! command -v iptables >/dev/null || [ ! -x /bin/busybox ]; then
  echo "installing docker.io, iptables and busybox-static"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io iptables busybox-static >/dev/null
fi

if docker info >/dev/null 2>&1; then
  echo "docker engine already running: $(docker version --format '{{.Server.Version}}')"
  exit 0
fi

echo "starting dockerd"
nohup dockerd >/tmp/kubeflare-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "docker engine up: $(docker version --format '{{.Server.Version}}')"
    exit 0
  fi
  sleep 0.5
done
echo "dockerd did not come up; its log:" >&2
tail -n 30 /tmp/kubeflare-dockerd.log >&2
exit 1
