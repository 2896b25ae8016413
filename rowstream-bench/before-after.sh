#!/usr/bin/env bash
# Library iteration before (78bbbef, the start of this session) and after (main) on the same 1M-row table,
# alternating, in one run: CURSOR and KEYSET through a HikariCP pool, -Xmx64m.
set -u
# URL: a PostgreSQL database holding orders_1m as the bench harness makes it (Db.java's SQL, 1,000,000 rows).
URL="${URL:-jdbc:postgresql://127.0.0.1:5432/rowstream_bench?user=root}"
# Jars: build each version with `mvn -B -q -DskipTests package -pl rowstream-bench -am` and copy
# rowstream-bench/target/rowstream-bench.jar to /tmp/bench-old.jar and /tmp/bench-new.jar.
for round in 1 2 3; do
  for kind in lib-cursor lib-keyset raw-cursor; do
    for v in old new; do
      r=$(java -Xmx64m -cp /tmp/bench-$v.jar dev.rowstream.bench.Case --kind $kind --url "$URL" --table orders_1m --rows 1000000 --batch 10000 --warmup-rows 100000 --passes 2 2>/dev/null | grep RESULT | sed 's/.*rows_per_s=\([0-9]*\).*/\1/')
      echo "round=$round kind=$kind version=$v rows_per_s=$r load=$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
