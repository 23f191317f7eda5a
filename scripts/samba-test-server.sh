#!/usr/bin/env bash
# Starts or stops a throw-away Samba server on loopback for tests and benchmarks.
#
#   samba-test-server.sh start STATE_DIR PORT SHARE_DIR [USER PASSWORD]
#   samba-test-server.sh stop STATE_DIR
#
# Everything smbd writes (config, passdb, locks, pid, logs) stays under STATE_DIR; the share
# "corpus" serves SHARE_DIR read-only on 127.0.0.1:PORT (a high port, so it cannot clash
# with a system Samba). The test user is a local Unix account (smbd maps SMB users to Unix
# users) added to a private tdbsam passdb. Must run as root (smbd refuses otherwise).
set -euo pipefail

command=${1:-}
state=${2:?state directory}

smbd_bin=$(command -v smbd || echo /usr/sbin/smbd)

stop() {
  local pidfile="$state/run/smbd.pid"
  [[ -f $pidfile ]] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    # smbd forks a child per connection; they share the process group of the daemon.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

case $command in
  start)
    port=${3:?port}
    share=${4:?share directory}
    user=${5:-nokoritest}
    password=${6:-nokori-test-pass}
    [[ -x $smbd_bin ]] || { echo "smbd is not installed (apt-get install samba)" >&2; exit 2; }
    mkdir -p "$state"/{private,lock,run,cache,state,log}
    id "$user" >/dev/null 2>&1 || useradd --no-create-home --shell /usr/sbin/nologin "$user"
    cat >"$state/smb.conf" <<CONF
[global]
  workgroup = NOKORITEST
  server role = standalone server
  interfaces = 127.0.0.1
  bind interfaces only = yes
  smb ports = $port
  disable netbios = yes
  passdb backend = tdbsam:$state/private/passdb.tdb
  private dir = $state/private
  lock directory = $state/lock
  state directory = $state/state
  cache directory = $state/cache
  pid directory = $state/run
  ncalrpc dir = $state/run/ncalrpc
  log file = $state/log/smbd.log
  log level = 1
  max log size = 1000
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  map to guest = never
  server min protocol = SMB2_10

[corpus]
  path = $share
  read only = yes
  guest ok = no
  valid users = $user
  force user = root
CONF
    printf '%s\n%s\n' "$password" "$password" | smbpasswd -c "$state/smb.conf" -a -s "$user" >"$state/log/smbpasswd.log" 2>&1
    stop
    # Its own process group, so `stop` also ends the per-connection children.
    setsid "$smbd_bin" --configfile="$state/smb.conf" --foreground --no-process-group --debug-stdout \
      >"$state/log/stdout.log" 2>&1 </dev/null &
    echo $! >"$state/run/smbd.pid"
    for _ in $(seq 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then exit 0; fi
      kill -0 "$(cat "$state/run/smbd.pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "smbd did not start; see $state/log" >&2
    tail -20 "$state/log/stdout.log" >&2 || true
    exit 1
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: $0 start STATE_DIR PORT SHARE_DIR [USER PASSWORD] | stop STATE_DIR" >&2
    exit 2
    ;;
esac
