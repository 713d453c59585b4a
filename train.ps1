#!/usr/bin/env pwsh
# Trains the ReplyLint tone model: a thin wrapper around the CLI's train command, so there is one training path.
# Every argument is passed through unchanged, and relative paths in them resolve against the caller's directory
# (the script does not change directory). Only when no --data (resp. --out), in any spelling (--data x, --data=x,
# --data:x), is given does it add the repository's own: <repository>/data/training and <repository>/models/. E.g.:
#   ./train.ps1
#   ./train.ps1 --seed 7 --target-precision 0.85
#   ./train.ps1 --data my-data/ --out my-models/ --real-replies ../shared/data/real-replies/ibm-twitter-dev.jsonl
# Bash equivalent, from the repository root:
#   dotnet run --project src/ReplyLint.Cli -c Release -- train --data data/training --out models/
$ErrorActionPreference = 'Stop'
$given = @($args | ForEach-Object { "$_" })
$trainArgs = @('run', '--project', "$PSScriptRoot/src/ReplyLint.Cli", '-c', 'Release', '--', 'train')
if (-not ($given -match '^--data([=:]|$)')) { $trainArgs += @('--data', "$PSScriptRoot/data/training") }
if (-not ($given -match '^--out([=:]|$)')) { $trainArgs += @('--out', "$PSScriptRoot/models/") }
& dotnet @trainArgs @args
exit $LASTEXITCODE
