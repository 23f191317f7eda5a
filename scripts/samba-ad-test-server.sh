#!/usr/bin/env bash
# Starts or stops a throw-away Samba AD domain controller (realm NOKORI.TEST) on loopback, for
# the Kerberos tests of smb:// roots.
#
#   samba-ad-test-server.sh start STATE_DIR SHARE_DIR USER PASSWORD
#   samba-ad-test-server.sh ticket STATE_DIR USER PASSWORD CCACHE
#   samba-ad-test-server.sh stop STATE_DIR
#
# `start` provisions a new domain under STATE_DIR, adds USER, serves SHARE_DIR read-only as
# the share "corpus" to domain users only, and checks a Kerberos logon to it. It writes:
#   STATE_DIR/host        the name to use in URLs (this machine's name: it must resolve to a
#                         loopback address, as Debian's /etc/hosts does; the service ticket is
#                         for cifs/HOST, so 127.0.0.1 would not do)
#   STATE_DIR/address     the loopback address it resolves to, where the DC listens
#   STATE_DIR/krb5.conf   a client krb5.conf for KRB5_CONFIG (realm, KDC on loopback, no DNS)
# `ticket` runs kinit for USER (password on stdin) into CCACHE. `stop` ends the DC.
#
# Everything the DC writes (databases, smb.conf, logs, pids, sockets) stays under STATE_DIR:
# the DC runs in a private mount namespace in which STATE_DIR/run/samba is mounted over
# /run/samba, because libwbclient (smbd asks winbindd to map the user's SID to a uid) only
# looks for winbindd's socket in the compiled-in /run/samba/winbindd. Nothing in /etc is
# touched. The DC needs the standard ports (88, 135, 445, 464) on that loopback address; the
# plain Samba tests (samba-test-server.sh) use high ports and do not clash. Must run as root.
#
# Exit status 2 means the machine cannot run the DC (missing package, name, busy port): the
# tests skip with the message. Exit 1 means it was tried and failed (see STATE_DIR/log).
set -euo pipefail

command=${1:-}
state=${2:?state directory}

realm=NOKORI.TEST
domain=NOKORI

stop() {
  local pidfile="$state/run/dc.pid"
  [[ -f $pidfile ]] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    # samba forks smbd, winbindd and its prefork workers into the group of the daemon.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

unavailable() {
  echo "$*" >&2
  exit 2
}

# kinit PRINCIPAL CCACHE PASSWORD: a ticket, bounded (a KDC that does not answer must not hang).
ticket() {
  printf '%s\n' "$3" | KRB5_CONFIG="$state/krb5.conf" KRB5CCNAME="FILE:$2" timeout 30 kinit "$1" >/dev/null
}

case $command in
  start)
    share=${3:?share directory}
    user=${4:?user}
    password=${5:?password}
    [[ $(id -u) -eq 0 ]] || unavailable "the Samba AD DC must be started as root"
    for tool in samba samba-tool kinit klist unshare timeout; do
      command -v "$tool" >/dev/null || unavailable "$tool is not installed (apt-get install samba-ad-dc krb5-user; scripts/install-deps.sh does)"
    done
    [[ -d /usr/share/samba/setup/ad-schema ]] || unavailable "the AD schema files are missing (apt-get install samba-ad-provision)"
    host=$(hostname -s 2>/dev/null || hostname)
    address=$(getent ahostsv4 "$host" | awk 'NR == 1 { print $1 }')
    [[ -n $address ]] || unavailable "this machine's name '$host' does not resolve (the DC needs a host name for cifs/HOST)"
    # Only a loopback address: the DC must not be reachable from the network.
    [[ $address == 127.* ]] || unavailable "'$host' resolves to $address, not a loopback address; not starting a DC on it"
    unshare --mount --propagation private true 2>/dev/null \
      || unavailable "cannot make a private mount namespace here (unshare --mount), which keeps winbindd's socket in STATE_DIR"
    [[ -d /run/samba ]] || unavailable "/run/samba does not exist (it is made when the samba package is installed)"
    for port in 88 135 445 464; do
      if (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; then
        unavailable "port $port on $address is in use (another Samba or KDC is running)"
      fi
    done

    stop
    rm -rf "$state/dc" "$state/run" "$state/log"
    mkdir -p "$state"/{dc,run/samba,log}
    # An empty configuration, so provisioning takes nothing from /etc/samba/smb.conf.
    : >"$state/empty.conf"
    admin="Adm1n-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    if ! timeout 300 samba-tool domain provision -s "$state/empty.conf" --targetdir="$state/dc" \
      --realm="$realm" --domain="$domain" --server-role=dc --dns-backend=NONE \
      --host-name="$host" --host-ip="$address" --adminpass="$admin" >"$state/log/provision.log" 2>&1; then
      echo "samba-tool domain provision failed:" >&2
      tail -20 "$state/log/provision.log" >&2
      exit 1
    fi

    # The provisioned [global] plus what keeps the DC on loopback, in STATE_DIR and small.
    awk -v state="$state" -v address="$address" '
      /^[ \t]*server services[ \t]*=/ { next }
      { print }
      /^\[global\]/ {
        print "\tserver services = s3fs, rpc, kdc, winbindd"
        print "\tinterfaces = " address
        print "\tbind interfaces only = yes"
        print "\tsmb ports = 445"
        print "\tdisable netbios = yes"
        print "\tpid directory = " state "/run"
        print "\tncalrpc dir = " state "/run/ncalrpc"
        print "\twinbindd privileged socket directory = " state "/run/winbindd_privileged"
        print "\tntp signd socket directory = " state "/run/ntp_signd"
        print "\tlog file = " state "/log/log.%m"
        print "\tlog level = 1"
        print "\tmax log size = 10000"
        print "\tload printers = no"
        print "\tprinting = bsd"
        print "\tprintcap name = /dev/null"
        print "\tdisable spoolss = yes"
        print "\trestrict anonymous = 2"
      }' "$state/dc/etc/smb.conf" >"$state/smb.conf"
    cat >>"$state/smb.conf" <<CONF

[corpus]
	path = $share
	read only = yes
	guest ok = no
	valid users = "$domain\\$user"
CONF

    cat >"$state/krb5.conf" <<KRB5
[libdefaults]
	default_realm = $realm
	dns_lookup_realm = false
	dns_lookup_kdc = false
	rdns = false
	dns_canonicalize_hostname = false

[realms]
	$realm = {
		kdc = $address
	}

[domain_realm]
	$host = $realm
	.${realm,,} = $realm
KRB5
    echo "$host" >"$state/host"
    echo "$address" >"$state/address"

    if ! timeout 120 samba-tool user create "$user" "$password" -s "$state/smb.conf" \
      -H "$state/dc/private/sam.ldb" >"$state/log/user.log" 2>&1; then
      echo "samba-tool user create failed:" >&2
      cat "$state/log/user.log" >&2
      exit 1
    fi

    trap 'stop' ERR
    # Its own session (so `stop` ends every child) and its own mount namespace (see above).
    KRB5_CONFIG="$state/krb5.conf" setsid unshare --mount --propagation private /bin/sh -c \
      'mount --bind "$1/run/samba" /run/samba && exec samba -s "$1/smb.conf" --foreground --no-process-group --debug-stdout' \
      sh "$state" >"$state/log/samba.log" 2>&1 </dev/null &
    echo $! >"$state/run/dc.pid"

    # Up when the KDC and smbd answer and winbindd has made its socket.
    up=""
    for _ in $(seq 300); do
      if (exec 3<>"/dev/tcp/$address/88") 2>/dev/null && (exec 3<>"/dev/tcp/$address/445") 2>/dev/null \
        && [[ -S $state/run/samba/winbindd/pipe ]]; then
        up=yes
        break
      fi
      kill -0 "$(cat "$state/run/dc.pid")" 2>/dev/null || break
      sleep 0.2
    done
    if [[ -z $up ]]; then
      echo "samba did not start:" >&2
      tail -20 "$state/log/samba.log" >&2 || true
      stop
      exit 1
    fi

    # A Kerberos logon to the share, with a ticket of its own (the tests' ccache stays empty
    # of service tickets, so they can tell that the scan asked for one).
    ticket "$user@$realm" "$state/probe.ccache" "$password" || {
      echo "kinit $user@$realm failed" >&2
      tail -20 "$state/log/samba.log" >&2 || true
      stop
      exit 1
    }
    if command -v smbclient >/dev/null; then
      # Its own client configuration, so its caches also stay in STATE_DIR.
      mkdir -p "$state/client"
      printf '[global]\n\trealm = %s\n\tworkgroup = %s\n\tcache directory = %s\n\tlock directory = %s\n\tstate directory = %s\n\tprivate dir = %s\n\tpid directory = %s\n' \
        "$realm" "$domain" "$state/client" "$state/client" "$state/client" "$state/client" "$state/client" >"$state/client.conf"
      ok=""
      # winbindd may still be starting: smbd refuses logons until it can map the user's SID.
      deadline=$((SECONDS + 60))
      while ((SECONDS < deadline)); do
        if KRB5_CONFIG="$state/krb5.conf" KRB5CCNAME="FILE:$state/probe.ccache" \
          timeout 15 smbclient -s "$state/client.conf" --use-kerberos=required "//$host/corpus" -c ls >"$state/log/probe.log" 2>&1 </dev/null; then
          ok=yes
          break
        fi
        sleep 0.5
      done
      if [[ -z $ok ]]; then
        echo "a Kerberos logon to //$host/corpus failed:" >&2
        tail -5 "$state/log/probe.log" >&2
        stop
        exit 1
      fi
    fi
    trap - ERR
    ;;
  ticket)
    user=${3:?user}
    password=${4:?password}
    ccache=${5:?ccache}
    ticket "$user@$realm" "$ccache" "$password"
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: $0 start STATE_DIR SHARE_DIR USER PASSWORD | ticket STATE_DIR USER PASSWORD CCACHE | stop STATE_DIR" >&2
    exit 2
    ;;
esac
