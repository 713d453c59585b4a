#!/usr/bin/env pwsh
# Trains the ReplyLint tone model: a thin wrapper around the CLI's train command, so there is one training path.
# Every argument is passed through, e.g.:
#   ./train.ps1
#   ./train.ps1 --seed 7 --target-precision 0.85
#   ./train.ps1 --data my-data/ --out my-models/ --real-replies ../shared/data/real-replies/ibm-twitter-dev.jsonl
# Bash equivalent:
#   dotnet run --project src/ReplyLint.Cli -c Release -- train --data data/training --out models/
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$trainArgs = @('run', '--project', 'src/ReplyLint.Cli', '-c', 'Release', '--', 'train')
if (-not ($args -contains '--data')) { $trainArgs += @('--data', 'data/training') }
if (-not ($args -contains '--out')) { $trainArgs += @('--out', 'models/') }
& dotnet @trainArgs @args
exit $LASTEXITCODE
