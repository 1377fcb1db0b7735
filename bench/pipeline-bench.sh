#!/usr/bin/env bash
# End-to-end pipeline benchmark on a generated catalog: a FULL run, then NIGHTLIES (default 3) times `seed --next-day`
# and an INCREMENTAL run, a retrain and evaluation, a FULL run with a model, and last the nightly runs of a
# long-running cluster: with the SKU grains kept from the night before (the default), the same with the OS file
# cache dropped first (when /proc/sys/vm/drop_caches is writable), and with all of them collected. Prints wall
# times, rows/s, CPU seconds, what each run read from disk and the peak memory of the silos.
#   bench/pipeline-bench.sh sqlite 1 [skus] [days]      embedded SQLite, one silo
#   bench/pipeline-bench.sh mysql N [skus] [days]       throwaway MariaDB, N silos (ADO.NET clustering)
# STOP_AFTER_NIGHTLIES=1 stops after the first nights (and the incident counts), before the retrain.
# EXTRA_CS="Maximum Pool Size=60;" adds options to both MySQL connection strings; EXTRA_ARGS="--Pricing:Pipeline:Parallelism=8"
# adds configuration to every command.
# MARIADB_BUFFER_POOL (default 10G here, 512M in tests) sizes InnoDB's cache: the features table of 10,000 SKUs x 365
# days is about 5.7 GB with its indexes, and a database that cannot cache its working set measures the disk instead.
# MARIADB_LOG_FILE_SIZE (default 8G here, MariaDB's 96M in tests) sizes the redo log: with 96M, InnoDB has to flush
# pages to make room in the log every few seconds of bulk writing, which tripled the database's CPU in a nightly run;
# a FULL run of the 365-day catalog writes 1.5-1.9 GB of redo.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; silos=${2:-1}; skus=${3:-10000}; days=${4:-365}
source scripts/mariadb.sh
export MARIADB_BUFFER_POOL=${MARIADB_BUFFER_POOL:-10G} MARIADB_LOG_FILE_SIZE=${MARIADB_LOG_FILE_SIZE:-8G}
dotnet build -c Release Pricing.Silo -v quiet -nologo >/dev/null
bin="dotnet $(pwd)/Pricing.Silo/bin/Release/net10.0/Pricing.Silo.dll"
work=$(mktemp -d /tmp/pricing-bench.XXXXXX)
cd "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]}" 2>/dev/null || true; mariadb_stop; rm -rf "$work"; }
trap cleanup EXIT

config=()
if [ "$db" = mysql ]; then
  mariadb_start
  mariadb_sql -e "CREATE DATABASE src; CREATE DATABASE ana;"
  config=(--Pricing:Database=MySql --Orleans:Clustering=AdoNet
    "--ConnectionStrings:Source=${MARIADB_ROOT_CS}${EXTRA_CS:-}Database=src" "--ConnectionStrings:Analytics=${MARIADB_ROOT_CS}${EXTRA_CS:-}Database=ana")
fi
config+=(--Pricing:SeedDemoData=false ${EXTRA_ARGS:-})

$bin seed --skus "$skus" --days "$days" --end-date 2026-11-25 "${config[@]}"
$bin migrate "${config[@]}" >/dev/null
start_silos() {
  pids=()
  for i in $(seq 0 $((silos - 1))); do
    $bin run "${config[@]}" "$@" --Orleans:SiloPort=$((11111 + i)) --Orleans:GatewayPort=$((30000 + i)) >> "silo$i.log" 2>&1 &
    pids+=($!)
  done
  sleep 8
}
start_silos

peak() { for p in "${pids[@]}"; do awk '/VmHWM/ {printf "%d MB ", $2/1024}' /proc/$p/status; done; }
# Before each timed run, let InnoDB purge what the previous step deleted or replaced (a FULL replaces every
# feature row): the backlog is background work a nightly or a rare FULL does not find, and on two cores it
# would be measured as part of the next run.
settle() {
  [ "$db" = mysql ] || return 0
  local waited=0
  while [ "$waited" -lt 600 ]; do
    local history=$(mariadb_sql -e "SHOW ENGINE INNODB STATUS\G" | awk '/History list length/ {print $4}')
    [ "${history:-0}" -lt 1000 ] && break
    sleep 2; waited=$((waited + 2))
  done
  [ "$waited" -gt 0 ] && echo "(waited ${waited}s for InnoDB to purge the previous step's old row versions)" >&2
  return 0
}
# CPU seconds (user + system) the silos and the database spent, from /proc: on two shared cores this says who
# had them during a run; and what the run read from disk, which says whether the files were in the OS's cache.
# `timed` leaves the figures of its run in cpu.txt.
cpu_of() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo "$t"; }
disk_read_mb() { awk '$3 ~ /^(sd[a-z]+|vd[a-z]+|nvme[0-9]+n[0-9]+|xvd[a-z]+)$/ {s += $6} END {printf "%d", s / 2048}' /proc/diskstats; }
database_pid() { [ "$db" = mysql ] && cat "$MARIADB_DIR/mysqld.pid" || true; }
timed() {
  settle
  local s=$(date +%s.%N) silos0=$(cpu_of "${pids[@]}") db0=$(cpu_of $(database_pid)) read0=$(disk_read_mb)
  "$@" >"run.log" 2>&1 || { cat run.log >&2; tail -20 silo0.log >&2; return 1; }
  local wall=$(echo "$(date +%s.%N) - $s" | bc) hz=$(getconf CLK_TCK)
  echo "CPU during the run: silos $(echo "scale=1; ($(cpu_of "${pids[@]}") - $silos0) / $hz" | bc) s, database $(echo "scale=1; ($(cpu_of $(database_pid)) - $db0) / $hz" | bc) s, of $(echo "scale=1; $wall * $(nproc)" | bc) s on $(nproc) cores; read from disk $(( $(disk_read_mb) - read0 )) MB" > cpu.txt
  echo "$wall"
}

full=$(timed $bin pipeline --full "${config[@]}") || exit 1
rows=$(grep -o '[0-9,]* rows read' run.log | tail -1 | tr -d ', rowsead')
written=$(grep -o '[0-9,]* feature rows written' run.log | tail -1 | tr -d ', featurowsitn')
echo "FULL: ${full}s, $rows source rows read, $written feature rows written, $(echo "$rows / $full" | bc) rows/s, peak RSS per silo: $(peak)"
grep '^job .* in ' run.log; cat cpu.txt

# NIGHTLIES nights in a row (default 3): the spread matters as much as one figure
nightly_run() {
  $bin seed --next-day "${config[@]}" | tail -1
  [ "${COLD:-}" = 1 ] && { sync; echo 1 > /proc/sys/vm/drop_caches; }
  nightly=$(timed $bin pipeline "${config[@]}") || exit 1
  echo "NIGHTLY ($1): ${nightly}s; $(grep -o '[0-9,]* rows read' run.log | tail -1), $(grep -o '[0-9,]* feature rows written' run.log | tail -1); peak RSS per silo: $(peak)"
  grep '^job .* in ' run.log; cat cpu.txt
}
for n in $(seq 1 "${NIGHTLIES:-3}"); do nightly_run "incremental, one new day, SKU grains still active from the run before"; done

# what analysts get: incidents (live, open) against anomaly rows
counts="SELECT (SELECT COUNT(*) FROM features WHERE reasons <> 0), (SELECT COUNT(*) FROM incidents WHERE days > 0), (SELECT COUNT(*) FROM incidents WHERE days > 0 AND status = 'OPEN')"
if [ "$db" = mysql ]; then read -r anomalies incidents open < <(mariadb_sql -N ana -e "$counts")
else read -r anomalies incidents open < <(python3 -c "import sqlite3,sys; print(*sqlite3.connect('data/analytics.db').execute(sys.argv[1]).fetchone())" "$counts"); fi
echo "anomaly rows: $anomalies; incidents: $incidents, open: $open ($(echo "scale=3; $open / $anomalies" | bc) per anomaly row)"
# STOP_AFTER_NIGHTLIES=1: only the FULL run and the nights after it
[ -n "${STOP_AFTER_NIGHTLIES:-}" ] && exit 0

# ML: a retrain on the catalog (time, rows/s, model size) and the evaluation against the seed's labels
$bin retrain "${config[@]}" | tail -1
$bin evaluate "${config[@]}"

# the steady state: a FULL run when a model exists (scores inline, writes every row once)
again=$(timed $bin pipeline --full "${config[@]}") || exit 1
echo "FULL again, with a model: ${again}s"
grep '^job .* in ' run.log; cat cpu.txt

# A real night: the processes have run all day and every grain idle since the last run was collected, except the
# SKU grains, which stay 25 hours by default. Silos restarted with a one-minute collection age for the other grains
# (checked every 20 s), one night to warm the processes up, then a wait until those grains are collected.
# Last, the night after every SKU grain was collected too (as when a silo short of memory sheds them): each
# activates again and reads its state back.
restart_silos() {
  for p in "${pids[@]}"; do kill "$p"; done; wait "${pids[@]}" 2>/dev/null || true
  start_silos --Orleans:GrainCollection:CollectionAge=00:01:00 --Orleans:GrainCollection:CollectionQuantum=00:00:20 "$@"
}
restart_silos
nightly_run "first run on restarted silos: processes cold (they wake their SKU grains while the next day is seeded)"
# A restarted silo wakes the SKU grains a silo that never stopped would hold, then rehearses the night on some of
# them, in the background (SkuGrainRestorer, NightRehearsal). Restart again and wait until each silo logged both.
rehearsed_lines() { cat silo*.log | grep -c 'Rehearsed the next night' || true; }
want=$(( $(rehearsed_lines) + silos )); waited=0
restart_silos
while [ "$(rehearsed_lines)" -lt "$want" ] && [ "$waited" -lt 300 ]; do sleep 2; waited=$((waited + 2)); done
echo "(the restarted silos had woken their SKU grains and rehearsed the night after ${waited}s)"
nightly_run "first run on restarted silos once they woke their SKU grains and rehearsed the night: grains active"
sleep 120
nightly_run "a real night: other grains collected since the last run, SKU grains kept (the default), processes warm"
# the same night with nothing of the files in the OS's cache, as after a day of other work on the machine (this VM
# drops its whole file cache every two minutes or so by itself; the disk figure of each run says whether it did)
[ -w /proc/sys/vm/drop_caches ] && COLD=1 nightly_run "the default night again, the OS's file cache dropped just before"
restart_silos --Orleans:GrainCollection:ClassSpecificCollectionAge:Pricing.Sku.SkuGrain=00:01:00
nightly_run "first run on restarted silos, SKU grains collected after a minute"
sleep 120
nightly_run "every SKU grain collected since the last run, processes warm"
