#!/usr/bin/env bash
# Bulk-scoring benchmark: generates a seeded archive and scores it with the released CLI under /usr/bin/time -v.
# Usage: benchmarks/ReplyLint.ScoreBench/run.sh [rows ...]   (default: 100000)
# Prints replies/s (from the CLI's own summary line) and peak RSS (maxresident) per size. Results: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${BENCH_DIR:-$(mktemp -d /tmp/replylint-scorebench.XXXXXX)}
mkdir -p "$work"
dotnet build benchmarks/ReplyLint.ScoreBench -c Release -v q -nologo >/dev/null
dotnet build src/ReplyLint.Cli -c Release -v q -nologo >/dev/null
cli=src/ReplyLint.Cli/bin/Release/net10.0/replylint
for rows in "${@:-100000}"; do
  archive="$work/archive-$rows.jsonl"
  [ -f "$archive" ] || dotnet benchmarks/ReplyLint.ScoreBench/bin/Release/net10.0/ReplyLint.ScoreBench.dll "$rows" "$archive"
  rm -f "$work/archive-$rows.scores."*
  echo "== $rows rows, $(du -h "$archive" | cut -f1) archive, $(nproc) cores"
  /usr/bin/time -v "$cli" score "$archive" --progress plain ${SCORE_ARGS:-} 2> "$work/stderr-$rows.txt" || true
  grep -E "replylint: (completed|done)|Maximum resident|Elapsed \(wall|Percent of CPU" "$work/stderr-$rows.txt"
done
echo "files in $work"
