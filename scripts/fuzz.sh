#!/usr/bin/env bash
# Coverage-guided fuzzing of one target of fuzz/Lookalike.Fuzz with afl-fuzz (AFL++ from Debian) and SharpFuzz:
#   scripts/fuzz.sh TARGET [MINUTES]      TARGET: decode | gif | manifest | csv | model-json (default 5 minutes)
# Publishes the fuzz project to artifacts/fuzz/bin, instruments Lookalike.dll there with sharpfuzz (the library's own
# code: libvips is native and uninstrumented, so `gif` reaches the GIF structure check that `decode` only calls),
# seeds artifacts/fuzz/TARGET/seeds from the repository, runs afl-fuzz under nice for MINUTES and prints its figures.
# Findings: artifacts/fuzz/TARGET/findings/default/{crashes,hangs}. Exit status 1 when afl-fuzz saved a crash or a hang.
# Needs: scripts/bootstrap.sh --fuzz (afl++ and the sharpfuzz tool in .deps/sharpfuzz).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: scripts/fuzz.sh decode|gif|manifest|csv|model-json [MINUTES]}"
minutes="${2:-5}"
sharpfuzz="$root/.deps/sharpfuzz/sharpfuzz"
command -v afl-fuzz >/dev/null && [ -x "$sharpfuzz" ] || { echo "fuzz: run scripts/bootstrap.sh --fuzz first" >&2; exit 2; }
out="$root/artifacts/fuzz"
bin="$out/bin"
work="$out/$target"

# Publish and instrument once per build of the library (sharpfuzz refuses an assembly it already instrumented).
stamp="$bin/.instrumented"
if [ ! -f "$stamp" ] || [ -n "$(find "$root/src/Lookalike" "$root/tests/Lookalike.Testing" "$root/fuzz" \( -name obj -o -name bin \) -prune -o -name '*.cs' -newer "$stamp" -print -quit)" ]; then
  rm -rf "$bin"
  nice -n 10 dotnet publish "$root/fuzz/Lookalike.Fuzz" -c Release -o "$bin" --nologo -v quiet >&2
  "$sharpfuzz" "$bin/Lookalike.dll" >&2
  touch "$stamp"
fi

rm -rf "$work"; mkdir -p "$work/seeds"
data="$root/tests/Lookalike.Tests/TestData"
case "$target" in
  decode) cp "$data"/{china-small.png,coffee.gif,china.jpg,astronaut.webp,chelsea.tif,china-16bit.png,china-cmyk.jpg} "$work/seeds/" ;;
  gif) cp "$data/coffee.gif" "$work/seeds/"; printf 'GIF89a\1\0\1\0\200\0\0\0\0\0\377\377\377!\371\4\0\n\0\0\0,\0\0\0\0\1\0\1\0\0\2\2D\1\0;' > "$work/seeds/tiny.gif" ;;
  manifest)
    printf '%s\n' '{"type":"acted","actionId":"20260101T000000Z-abcdef","timeUtc":"2026-01-01T00:00:00Z","action":"move-to-trash","path":"/p/a.jpg","trashPath":"/t/a.jpg","keeper":"/p/k.jpg","keeperSha256":"00","size":3,"sha256":"00","modifiedSeconds":1,"modifiedNanoseconds":2}' \
      '{"type":"restored","actionId":"20260101T000000Z-abcdef","timeUtc":"2026-01-01T00:00:00Z","path":"/p/a.jpg"}' > "$work/seeds/manifest.jsonl" ;;
  csv) printf 'file,tag\r\n"a,""b""",x\n/p/c.jpg,"multi\nline"\n' > "$work/seeds/tags.csv" ;;
  model-json) for m in "$root"/models/*/model.json; do cp "$m" "$work/seeds/$(basename "$(dirname "$m")").json"; done ;;
  *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
esac

# dotnet itself is not instrumented (SharpFuzz instruments the assemblies), hence AFL_SKIP_BIN_CHECK; the machine is
# shared, hence no CPU binding and nice.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
nice -n 10 afl-fuzz -i "$work/seeds" -o "$work/findings" -t 10000 -m none -V "$((minutes * 60))" \
  -- dotnet "$bin/Lookalike.Fuzz.dll" "$target" --afl > "$work/afl.log" 2>&1 || { tail -30 "$work/afl.log" >&2; exit 2; }

stats="$work/findings/default/fuzzer_stats"
value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "fuzz $target: $(value run_time) s, execs $(value execs_done) ($(value execs_per_sec)/s), corpus $(value corpus_count)," \
  "edges $(value edges_found) of $(value total_edges), crashes $(value saved_crashes), hangs $(value saved_hangs)"
[ "$(value saved_crashes)" = 0 ] && [ "$(value saved_hangs)" = 0 ]
