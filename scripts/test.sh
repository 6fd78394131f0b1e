#!/usr/bin/env bash
# Sets up everything the tests need (idempotent) and runs the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/bootstrap.sh" --test
dotnet test "$root/Lookalike.slnx" -c Release --nologo "$@"
