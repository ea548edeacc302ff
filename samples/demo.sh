#!/usr/bin/env bash
# One-command demo: a discovery server, two providers and a consumer on 127.0.0.1.
# The consumer calls the provider every second and prints which instance answered.
# Ctrl-C stops the consumer and the providers (they cancel their registrations), then
# the server, and waits for all of them.
#
# Ports and JVM options can be changed through the environment:
#   SERVER_PORT=7171 PROVIDER_PORTS="8081 8082" CONSUMER_PORT=8080 JAVA_OPTS="-Xmx256m"
set -euo pipefail

cd "$(dirname "$0")/.."

VERSION=0.1.0-SNAPSHOT
SERVER_JAR=discovery-server-app/target/discovery-server-app-$VERSION-exec.jar
PROVIDER_JAR=samples/provider/target/discovery-sample-provider-$VERSION-exec.jar
CONSUMER_JAR=samples/consumer/target/discovery-sample-consumer-$VERSION-exec.jar

SERVER_PORT=${SERVER_PORT:-7171}
read -r -a PROVIDER_PORTS <<<"${PROVIDER_PORTS:-8081 8082}"
CONSUMER_PORT=${CONSUMER_PORT:-8080}
read -r -a JVM_OPTIONS <<<"${JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1}"
LOGS=samples/target/demo

# Every client talks to the server on loopback, in the server's default region/zone/env,
# and publishes its loopback address rather than the machine's network address.
CLIENT_ARGS=(
	"--discovery.nodes=127.0.0.1:$SERVER_PORT"
	--discovery.region=region01
	--discovery.zone=zone01
	--discovery.env=dev
	--discovery.instance.advertise-address=127.0.0.1
)

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Shows the consumer's calls as they happen: "2026-01-01T10:00:00.000Z  INFO ...
# PeriodicCaller : call 3 via ..." becomes "10:00:00 call 3 via ..."; start-up failures
# pass through. (A plain read loop, because awk and sed buffer their input from a pipe.)
show_calls() {
	local line
	while IFS= read -r line; do
		case $line in
		*PeriodicCaller*) printf '%s %s\n' "${line:11:8}" "${line#*PeriodicCaller*: }" ;;
		*ERROR* | *"APPLICATION FAILED"*) printf '%s\n' "$line" ;;
		esac
	done
}

# Children of this script, in start order; stopped in reverse order.
pids=()
names=()

start() {
	local name=$1 jar=$2
	shift 2
	java "${JVM_OPTIONS[@]}" -jar "$jar" "$@" >"$LOGS/$name.log" 2>&1 &
	remember "$name" "$!"
}

# The consumer's log also goes to the terminal, filtered to the calls it makes; the
# filter ignores Ctrl-C and ends by itself when the consumer's output closes, so the
# consumer's last calls are still shown while everything stops.
start_shown() {
	local name=$1 jar=$2
	shift 2
	java "${JVM_OPTIONS[@]}" -jar "$jar" "$@" \
		> >(trap '' INT && tee "$LOGS/$name.log" | show_calls) 2>&1 &
	remember "$name" "$!"
}

remember() {
	pids+=("$2")
	names+=("$1")
	say "started $1 (pid $2, log $LOGS/$1.log)"
}

await_port() {
	local name=$1 port=$2 pid=$3
	for _ in $(seq 1 120); do
		if port_in_use "$port"; then
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			say "$name exited during start-up; last lines of $LOGS/$name.log:"
			tail -n 30 "$LOGS/$name.log" >&2
			exit 1
		fi
		sleep 0.5
	done
	say "$name did not open port $port within 60 s"
	exit 1
}

# Sends TERM to the given children and waits for them; a JVM that has not finished its
# graceful shutdown after 30 s is killed.
stop() {
	local i pid
	for i in "$@"; do
		pid=${pids[i]}
		if kill -0 "$pid" 2>/dev/null; then
			say "stopping ${names[i]} (pid $pid)"
			kill -TERM "$pid" 2>/dev/null || true
		fi
	done
	for i in "$@"; do
		pid=${pids[i]}
		for _ in $(seq 1 60); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}

# Clients first, all at once, so that they cancel their registrations while the server
# still runs; then the server.
stop_all() {
	trap - INT TERM EXIT
	echo
	local clients=() i
	for ((i = ${#pids[@]} - 1; i >= 1; i--)); do
		clients+=("$i")
	done
	if ((${#clients[@]} > 0)); then
		stop "${clients[@]}"
	fi
	if ((${#pids[@]} > 0)); then
		stop 0
	fi
	say "all processes stopped; logs are in $LOGS"
}

for port in "$SERVER_PORT" "${PROVIDER_PORTS[@]}" "$CONSUMER_PORT"; do
	if port_in_use "$port"; then
		say "port $port on 127.0.0.1 is already in use; choose others, e.g. SERVER_PORT=17171 PROVIDER_PORTS=\"18081 18082\" CONSUMER_PORT=18080 $0"
		exit 1
	fi
done

if [[ ! -f $SERVER_JAR || ! -f $PROVIDER_JAR || ! -f $CONSUMER_JAR ]]; then
	say "building the server and the samples (first run only)"
	./mvnw -B -q -pl discovery-server-app,samples/provider,samples/consumer -am package -DskipTests
fi

mkdir -p "$LOGS"
trap stop_all INT TERM EXIT

start discovery-server "$SERVER_JAR" \
	--server.address=127.0.0.1 --server.port="$SERVER_PORT" \
	--discovery.server.region=region01 --discovery.server.zone=zone01 --discovery.server.env=dev \
	--discovery.server.advertise-address="127.0.0.1:$SERVER_PORT" \
	--discovery.server.nodes="127.0.0.1:$SERVER_PORT"
await_port discovery-server "$SERVER_PORT" "${pids[0]}"

n=0
for port in "${PROVIDER_PORTS[@]}"; do
	n=$((n + 1))
	# Two providers on one machine need distinct instance ids (the bilibili hostname).
	start "provider-$n" "$PROVIDER_JAR" "${CLIENT_ARGS[@]}" \
		--server.address=127.0.0.1 --server.port="$port" \
		--discovery.hostname="provider-$n"
done
for ((i = 1; i <= ${#PROVIDER_PORTS[@]}; i++)); do
	await_port "provider-$i" "${PROVIDER_PORTS[i - 1]}" "${pids[i]}"
done

start_shown consumer "$CONSUMER_JAR" "${CLIENT_ARGS[@]}" \
	--server.address=127.0.0.1 --server.port="$CONSUMER_PORT" \
	--discovery.hostname=consumer-1

say "server http://127.0.0.1:$SERVER_PORT/discovery/fetch/all, consumer http://127.0.0.1:$CONSUMER_PORT/call/rest-client"
say "stop one provider (kill ${pids[1]}) to watch the calls move to the other; Ctrl-C stops everything"
wait "${pids[@]}" || true
