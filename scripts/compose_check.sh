#!/usr/bin/env bash
# The production shape, proven (`make compose-check`; not part of `make test`).
#
# Builds the image once, brings docker-compose.yml up with a throw-away .env written by
# scripts/make_production_env.py, puts the TLS proxy of docs/nginx-portal.conf in front on
# 127.0.0.1 (a certificate made for the run), walks one application through it as a browser
# would (scripts/compose_walk.py), has the worker render it and checks the PDF; restarts
# PostgreSQL and Redis, takes the stack down and up and resumes the draft with its code;
# scales to two web replicas and three workers behind the proxy; backs the database up and
# restores it into a fresh stack, where the code opens the draft again; then removes both
# stacks and their volumes. One line per check; exits 1 at the first failure.
#
# Needs: a Docker engine, `docker compose` or `docker-compose`, nginx, openssl, python3, curl
# (and pdftotext, optional, to read the PDF's text). The stacks get project names of their
# own and ports found free, so a stack already running on this machine is left alone; the
# image built is the real one, portal:<version in pyproject.toml>. Secrets stay in a private
# temporary directory and are never printed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
HOST_NAME="portail.example.org"  # an example name: the proxy and the walk use it on 127.0.0.1
HEALTHY_TIMEOUT_SECONDS=120
unset PORTAL_VERSION WEB_BIND WEB_PORTS TRUSTED_PROXY_COUNT PORTAL_ENV_FILE

ok() { printf 'ok    %s\n' "$*"; }
fail() {
    printf 'FAIL  %s\n' "$*"
    exit 1
}

# --- Tools ---
for tool in docker nginx openssl python3 curl; do
    command -v "$tool" >/dev/null || fail "tools: $tool is not installed"
done
docker info >/dev/null 2>&1 || fail "tools: the Docker engine does not answer (is dockerd running?)"
if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null; then
    COMPOSE=(docker-compose)
else
    fail "tools: neither \`docker compose\` nor \`docker-compose\` is installed"
fi
# Without buildx, the classic builder (Debian's Docker 20.10 has no buildx).
docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
ok "tools: Docker $(docker version --format '{{.Server.Version}}'), ${COMPOSE[*]}" \
   "$("${COMPOSE[@]}" version --short 2>/dev/null || true), nginx $(nginx -v 2>&1 | sed 's|.*/||')"

VERSION="$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])")"
WORK="$(mktemp -d -t portal-compose-check.XXXXXX)"
# Traversable by nginx's unprivileged workers (its temporary files), never listable.
chmod 711 "$WORK"
RUN="check$$"
STACK_A="portal${RUN}a"
STACK_B="portal${RUN}b"
NGINX_PID=""

compose() {  # compose STACK ENV_FILE ARGS...
    local stack="$1" env_file="$2"
    shift 2
    PORTAL_ENV_FILE="$env_file" "${COMPOSE[@]}" --env-file "$env_file" -p "$stack" \
        -f "$ROOT/docker-compose.yml" "$@"
}

teardown() {
    if [ -n "$NGINX_PID" ]; then
        kill "$NGINX_PID" 2>/dev/null
    fi
    [ -f "$WORK/a.env" ] && compose "$STACK_A" "$WORK/a.env" down -v --remove-orphans >/dev/null 2>&1
    [ -f "$WORK/b.env" ] && compose "$STACK_B" "$WORK/b.env" down -v --remove-orphans >/dev/null 2>&1
    rm -rf "$WORK"
}
trap teardown EXIT
trap 'exit 130' INT TERM

show_failure_context() {  # the services' state and last lines: ids and events, no secrets
    compose "$1" "$2" ps 2>&1 | tail -n 12
    compose "$1" "$2" logs --tail 15 web worker migrate 2>&1 | tail -n 45
}

free_ports() {  # N consecutive free ports on 127.0.0.1; prints the first
    python3 - "$1" <<'EOF'
import socket, sys
count = int(sys.argv[1])
for first in range(20000, 60000, 7):
    sockets = []
    try:
        for port in range(first, first + count):
            probe = socket.socket()
            sockets.append(probe)
            probe.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        for probe in sockets:
            probe.close()
    print(first)
    break
EOF
}

# container ids of one service of a stack
containers() { docker ps -aq --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.service=$2"; }

wait_healthy() {  # wait_healthy STACK ENV_FILE WEB_COUNT WORKER_COUNT: prints the seconds taken
    local stack="$1" env_file="$2" started=$SECONDS
    while true; do
        local pending=""
        for service in web worker beat postgres redis; do
            local want=1
            [ "$service" = web ] && want="$3"
            [ "$service" = worker ] && want="$4"
            local healthy=0
            for id in $(containers "$stack" "$service"); do
                [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")" = healthy ] \
                    && healthy=$((healthy + 1))
            done
            [ "$healthy" -eq "$want" ] || pending="$pending $service($healthy/$want)"
        done
        for id in $(containers "$stack" migrate); do
            [ "$(docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$id")" = "exited 0" ] \
                || pending="$pending migrate"
        done
        if [ -z "$pending" ]; then
            echo $((SECONDS - started))
            return 0
        fi
        if [ $((SECONDS - started)) -ge "$HEALTHY_TIMEOUT_SECONDS" ]; then
            echo "not healthy after ${HEALTHY_TIMEOUT_SECONDS} s:$pending"
            return 1
        fi
        sleep 1
    done
}

# --- The production .env, as an operator writes it ---
make_env() {  # make_env FILE TLS_PORT
    python3 scripts/make_production_env.py --host "$HOST_NAME" --output "$1" >/dev/null || return 1
    # The proxy of this run listens on a port of its own, which the browser's Origin carries.
    sed -i "s|^CSRF_TRUSTED_ORIGINS=.*|CSRF_TRUSTED_ORIGINS=https://$HOST_NAME,https://$HOST_NAME:$2|" "$1"
}
# Five free ports in a row: the proxy's HTTPS and HTTP, two web replicas, the fresh stack's web.
PORTS="$(free_ports 5)"
TLS_PORT="$PORTS"
HTTP_PORT=$((PORTS + 1))
WEB_PORT=$((PORTS + 2))
WEB_PORT_B=$((PORTS + 4))
make_env "$WORK/a.env" "$TLS_PORT" || fail ".env: scripts/make_production_env.py failed"
python3 - "$WORK/a.env" <<'EOF' || fail ".env: not private, or a password written more than once"
import os, stat, sys
path = sys.argv[1]
text = open(path).read()
values = dict(line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, "mode"
assert "CHANGE-ME" not in text
for name in ("POSTGRES_PASSWORD", "REDIS_PASSWORD", "SECRET_KEY", "FIELD_ENCRYPTION_KEYS"):
    assert len(values[name]) >= 32 and text.count(values[name]) == 1, name
EOF
ok ".env: written by make_production_env.py, mode 0600, every secret generated and written once"

compose "$STACK_A" "$WORK/a.env" config -q || fail "config: docker-compose.yml is not valid"
ok "config: docker-compose.yml is valid"

# --- Build once ---
started=$SECONDS
compose "$STACK_A" "$WORK/a.env" build >"$WORK/build.log" 2>&1 || {
    tail -n 30 "$WORK/build.log"
    fail "build: the image did not build"
}
BUILD_SECONDS=$((SECONDS - started))
docker image inspect "portal:$VERSION" >/dev/null 2>&1 || fail "build: no image portal:$VERSION"
ok "build: portal:$VERSION (the version in pyproject.toml) in $BUILD_SECONDS s"
workers="$(docker run --rm --cpus 1 --entrypoint python "portal:$VERSION" \
    -c "import runpy; print(runpy.run_path('gunicorn.conf.py')['workers'])" 2>&1)"
[ "$workers" = 2 ] || fail "gunicorn: a container limited to 1 CPU would start '$workers' workers, not 2"
ok "gunicorn: a container limited to 1 CPU starts 2 workers (its quota + 1, not the host's cores + 1)"

# --- Up ---
export WEB_PORTS="$WEB_PORT"
started=$SECONDS
compose "$STACK_A" "$WORK/a.env" up -d >"$WORK/up.log" 2>&1 || {
    tail -n 20 "$WORK/up.log"
    fail "up: docker compose up failed"
}
taken="$(wait_healthy "$STACK_A" "$WORK/a.env" 1 1)" || {
    show_failure_context "$STACK_A" "$WORK/a.env"
    fail "up: $taken"
}
UP_SECONDS=$((SECONDS - started))
ok "up: web, worker, beat, postgres and redis healthy and migrate done $UP_SECONDS s after up -d began"

images="$(for service in migrate web worker beat; do
    docker inspect -f '{{.Image}} {{.Config.Image}}' $(containers "$STACK_A" "$service")
done | sort -u)"
[ "$(echo "$images" | wc -l)" -eq 1 ] && [ "${images#* }" = "portal:$VERSION" ] \
    || fail "image: the portal's services do not all run portal:$VERSION ($images)"
ok "image: migrate, web, worker and beat all run the one image portal:$VERSION"

WEB_A="$(containers "$STACK_A" web)"
published="$(docker inspect -f '{{range $p, $b := .NetworkSettings.Ports}}{{range $b}}{{.HostIp}}:{{.HostPort}} {{end}}{{end}}' "$WEB_A")"
[ "$published" = "127.0.0.1:$WEB_PORT " ] || fail "port: web is published on '$published', not 127.0.0.1 only"
ok "port: web published on 127.0.0.1:$WEB_PORT only (no other address, no IPv6)"

ready="$(curl -s --max-time 5 -H 'Host: localhost' "http://127.0.0.1:$WEB_PORT/healthz/ready")"
live="$(curl -s --max-time 5 -H 'Host: localhost' "http://127.0.0.1:$WEB_PORT/healthz/live")"
[ "$ready" = ready ] && [ "$live" = ok ] || fail "health: /healthz/ready said '$ready', /healthz/live '$live'"
ok "health: /healthz/ready and /healthz/live answer over plain HTTP, without a redirect"

noauth="$(compose "$STACK_A" "$WORK/a.env" exec -T redis sh -c 'unset REDISCLI_AUTH; redis-cli ping' 2>&1)"
case "$noauth" in *NOAUTH*) ;; *) fail "redis: answered '$noauth' to a client without the password" ;; esac
python3 - "$WORK/a.env" <<'EOF' || fail "redis: its password is visible in this machine's process list"
import subprocess, sys
values = dict(l.split("=", 1) for l in open(sys.argv[1]).read().splitlines() if l and l[0] != "#")
listing = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
assert values["REDIS_PASSWORD"] not in listing
EOF
ok "redis: refuses a client without the password; the password is not in the process list"

deploy="$(compose "$STACK_A" "$WORK/a.env" exec -T web python manage.py check --deploy 2>&1)"
case "$deploy" in
    *WARNING*|*ERROR*) fail "check --deploy: $deploy" ;;
    *"no issues"*) ok "check --deploy: no issues, with the production .env" ;;
    *) fail "check --deploy: $deploy" ;;
esac

# --- The TLS proxy of docs/nginx-portal.conf, on 127.0.0.1 ---
mkdir -p "$WORK/nginx/tmp" && chmod 711 "$WORK/nginx" && chmod 777 "$WORK/nginx/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST_NAME" \
    -addext "subjectAltName=DNS:$HOST_NAME" \
    -keyout "$WORK/nginx/key.pem" -out "$WORK/nginx/cert.pem" >/dev/null 2>&1 \
    || fail "proxy: openssl could not make a certificate"
cat >"$WORK/nginx/nginx.conf" <<EOF
pid nginx.pid;
error_log error.log warn;
events { worker_connections 256; }
http {
    client_body_temp_path tmp/body;
    proxy_temp_path tmp/proxy;
    fastcgi_temp_path tmp/fastcgi;
    uwsgi_temp_path tmp/uwsgi;
    scgi_temp_path tmp/scgi;
    include site.conf;
}
EOF
proxy_to() {  # proxy_to PORT [PORT]: docs/nginx-portal.conf, on this run's ports and certificate
    local second="/# server 127.0.0.1:8001;/d"
    [ $# -ge 2 ] && second="s|# server 127.0.0.1:8001;|server 127.0.0.1:$2;|"
    sed -e "s|listen 443 ssl|listen 127.0.0.1:$TLS_PORT ssl|" \
        -e "s|listen 80|listen 127.0.0.1:$HTTP_PORT|" \
        -e "/listen \[::\]:/d" \
        -e "s|ssl_certificate .*;|ssl_certificate $WORK/nginx/cert.pem;|" \
        -e "s|ssl_certificate_key .*;|ssl_certificate_key $WORK/nginx/key.pem;|" \
        -e "s|server 127.0.0.1:8000;|server 127.0.0.1:$1;|" -e "$second" \
        docs/nginx-portal.conf >"$WORK/nginx/site.conf"
    nginx -q -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" || return 1
    if [ -z "$NGINX_PID" ]; then
        nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" || return 1
        sleep 0.5
        NGINX_PID="$(cat "$WORK/nginx/nginx.pid")"
    else
        kill -HUP "$NGINX_PID" && sleep 1
    fi
}
proxy_to "$WEB_PORT" || fail "proxy: docs/nginx-portal.conf does not pass nginx -t"
ok "proxy: docs/nginx-portal.conf passes nginx -t and serves https://$HOST_NAME on 127.0.0.1:$TLS_PORT"

walk() {  # walk STATE COMMAND
    python3 scripts/compose_walk.py --proxy "127.0.0.1:$TLS_PORT" --host "$HOST_NAME" \
        --ca "$WORK/nginx/cert.pem" --state "$WORK/$1" "$2"
}
said="$(walk first walk)" || fail "walk: $said"
ok "walk: $said"
said="$(walk first document)" || fail "document: $said"
ok "document: $said"

sleep 1  # gunicorn writes its access log after each response
web_log="$(docker logs "$WEB_A" 2>&1)"
visits="$(echo "$web_log" | grep -c '"POST /fr/form/')"
checks="$(echo "$web_log" | grep -c 'healthz')"
[ "$visits" -ge 14 ] && [ "$checks" -eq 0 ] \
    || fail "access log: $visits answers posted, $checks health check lines"
ok "access log: the walk's $visits posts are there, none of the health checks"

# --- Restarts lose nothing ---
compose "$STACK_A" "$WORK/a.env" restart postgres >/dev/null 2>&1 || fail "restart postgres: failed"
taken="$(wait_healthy "$STACK_A" "$WORK/a.env" 1 1)" || fail "restart postgres: $taken"
said="$(walk first answers)" || fail "restart postgres: $said"
ok "restart postgres: healthy again after $taken s; the same session: $said"

compose "$STACK_A" "$WORK/a.env" restart redis >/dev/null 2>&1 || fail "restart redis: failed"
taken="$(wait_healthy "$STACK_A" "$WORK/a.env" 1 1)" || fail "restart redis: $taken"
said="$(walk second walk)" && said="$(walk second document)" || fail "restart redis: $said"
ok "restart redis: healthy again after $taken s; a second application: $said"

compose "$STACK_A" "$WORK/a.env" down >/dev/null 2>&1 || fail "down: failed"
started=$SECONDS
compose "$STACK_A" "$WORK/a.env" up -d >/dev/null 2>&1 || fail "up after down: failed"
taken="$(wait_healthy "$STACK_A" "$WORK/a.env" 1 1)" || fail "up after down: $taken"
said="$(walk first resume)" || fail "down, up, resume: $said"
ok "down, up: healthy $((SECONDS - started)) s after up -d began; $said"

# --- Two web replicas and three workers behind the proxy ---
export WEB_PORTS="$WEB_PORT-$((WEB_PORT + 1))"
compose "$STACK_A" "$WORK/a.env" up -d --scale web=2 --scale worker=3 >"$WORK/scale.log" 2>&1 || {
    tail -n 20 "$WORK/scale.log"
    fail "scale: up --scale web=2 --scale worker=3 failed"
}
taken="$(wait_healthy "$STACK_A" "$WORK/a.env" 2 3)" || fail "scale: $taken"
migrations="$(containers "$STACK_A" migrate | wc -l)"
[ "$migrations" -eq 1 ] || fail "scale: $migrations migrate containers"
ok "scale: 2 web replicas and 3 workers healthy after $taken s; migrations ran in one container"
proxy_to "$WEB_PORT" "$((WEB_PORT + 1))" || fail "scale: the proxy did not take the second replica"
pings="$(compose "$STACK_A" "$WORK/a.env" exec -T beat celery -A portal inspect ping --timeout 5 2>/dev/null | grep -c 'celery@.*: OK')"
[ "$pings" -eq 3 ] || fail "scale: $pings workers answered a ping, not 3"
since="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
said="$(walk third walk)" && said="$(walk third document)" || fail "scale: $said"
served=0
for id in $(containers "$STACK_A" web); do
    [ "$(docker logs --since "$since" "$id" 2>&1 | grep -c '"POST /fr/form/')" -gt 0 ] && served=$((served + 1))
done
[ "$served" -eq 2 ] || fail "scale: $served of the 2 web replicas served the walk"
ok "scale: 3 workers answer a ping; a third application went through both replicas: $said"

# --- Backup, and restore into a fresh stack ---
compose "$STACK_A" "$WORK/a.env" exec -T postgres \
    sh -c 'pg_dump -U "$POSTGRES_USER" -d "$POSTGRES_DB" --format=custom' >"$WORK/backup.dump" \
    || fail "backup: pg_dump failed"
plain="$(compose "$STACK_A" "$WORK/a.env" exec -T postgres pg_restore -f - <"$WORK/backup.dump")"
mark="$(python3 -c "import json, sys; print(json.load(open(sys.argv[1]))['mark'])" "$WORK/first/state.json")"
tables="$(echo "$plain" | grep -c 'COPY public.applications_application ')"
[ "$tables" -eq 1 ] && ! echo "$plain" | grep -q -e "$mark" -e "Alex Tremblay" \
    || fail "backup: the dump does not hold the applications, or holds answers in clear"
ok "backup: pg_dump of $(du -k "$WORK/backup.dump" | cut -f1) KB; its applications are ciphertext only"

# The fresh stack: new passwords, the same SECRET_KEY and FIELD_ENCRYPTION_KEYS (docs/deploy.md).
make_env "$WORK/b.env" "$TLS_PORT" || fail "restore: no .env for the fresh stack"
python3 - "$WORK/a.env" "$WORK/b.env" <<'EOF' || fail "restore: the keys were not carried over"
import sys
kept = ("SECRET_KEY=", "FIELD_ENCRYPTION_KEYS=")
old = [l for l in open(sys.argv[1]).read().splitlines() if l.startswith(kept)]
lines = [l for l in open(sys.argv[2]).read().splitlines() if not l.startswith(kept)]
with open(sys.argv[2], "w") as new:
    new.write("\n".join(lines + old) + "\n")
EOF
export WEB_PORTS="$WEB_PORT_B"
compose "$STACK_B" "$WORK/b.env" up -d postgres >/dev/null 2>&1 || fail "restore: postgres did not start"
for _ in $(seq "$HEALTHY_TIMEOUT_SECONDS"); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$(containers "$STACK_B" postgres)")" = healthy ] && break
    sleep 1
done
compose "$STACK_B" "$WORK/b.env" exec -T postgres \
    sh -c 'pg_restore -U "$POSTGRES_USER" -d "$POSTGRES_DB" --no-owner --exit-on-error' <"$WORK/backup.dump" \
    || fail "restore: pg_restore failed"
compose "$STACK_B" "$WORK/b.env" up -d >/dev/null 2>&1 || fail "restore: the fresh stack did not start"
taken="$(wait_healthy "$STACK_B" "$WORK/b.env" 1 1)" || fail "restore: $taken"
proxy_to "$WEB_PORT_B" || fail "restore: the proxy did not take the fresh stack"
said="$(walk first resume)" || fail "restore: $said"
ok "restore: a fresh stack (new volumes and passwords, the same keys) healthy after $taken s; $said"

teardown
trap - EXIT
for stack in "$STACK_A" "$STACK_B"; do
    left="$(docker ps -aq --filter "label=com.docker.compose.project=$stack" | wc -l)"
    volumes="$(docker volume ls -q --filter "label=com.docker.compose.project=$stack" | wc -l)"
    [ "$left" -eq 0 ] && [ "$volumes" -eq 0 ] || fail "teardown: $stack left $left containers, $volumes volumes"
done
ok "teardown: both stacks, their volumes, the proxy and the temporary files removed"
echo "All checks passed: build $BUILD_SECONDS s, first up to healthy $UP_SECONDS s, $SECONDS s in all."
