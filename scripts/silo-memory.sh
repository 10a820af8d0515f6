#!/usr/bin/env bash
# Peak memory per silo (benchmark): a cohort through every stage on the local three-silo PostgreSQL cluster of
# scripts/local-cluster.sh (2 inference slots), then each silo's VmHWM (its peak resident set) from /proc.
#
#   scripts/silo-memory.sh demo [--subjects N]      N simulated subjects at 2 mm (default 16), the 98³ demo model
#   scripts/silo-memory.sh mrinet198 [--ixi DIR]    the IXI brains (256³, 1 mm; DIR with participants.csv, default
#                                                   ../shared/data/ixi), three seeded 198³ MRInet base models
#   options: --no-build (use the Release build as it is)
#
# The 198³ models come from `model build-benchmark`: untrained, so their predictions mean nothing, but they cost
# what a trained MRInet of that size costs. Inputs, models, configuration and the cluster's state live in
# $RELEVANCERELATED_SILO_MEMORY_DIR (default work/silo-memory); the cluster is stopped and removed at the end.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
profile=${1:-}
[ "$profile" = demo ] || [ "$profile" = mrinet198 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
shift
subjects=16 ixi="$repo/../shared/data/ixi" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --subjects) subjects=$2; shift 2 ;;
    --ixi) ixi=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "silo-memory: unknown option $1" >&2; exit 2 ;;
  esac
done
die() { echo "silo-memory: $*" >&2; exit 1; }

root=${RELEVANCERELATED_SILO_MEMORY_DIR:-$repo/work/silo-memory}/$profile
data=$root/data/bids configs=$root/configs models=$root/models
export RELEVANCERELATED_LOCAL_CLUSTER_DIR=$root/cluster
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
console_dll=$repo/src/Client/bin/Release/net10.0/relevancerelated.dll
if [ $build -eq 1 ]; then
  echo "== build (Release)"
  dotnet build "$repo/src/Silo" -c Release -nologo -clp:ErrorsOnly >/dev/null || die "building the silo failed"
  dotnet build "$repo/src/Client" -c Release -nologo -clp:ErrorsOnly >/dev/null || die "building the console failed"
fi
console() { dotnet "$console_dll" "$@"; }

mkdir -p "$root" "$configs" "$models"
# Every run starts from empty stores, so every stage runs.
rm -rf "$root/artifacts" "$root/results"
cp "$repo/configs/config.toml" "$configs/config.toml"
cat > "$configs/local.config.toml" <<EOF
[paths]
data = "$root/data"
artifacts = "$root/artifacts"
results = "$root/results"
models = "$models"
EOF

# One [models.NAME] table with absolute file paths (the silos read it from $configs).
model_table() {
  local name=$1 files=$2
  sed -e "s|^files = .*|files = [$files]|" -e "s|^\[models\..*\]|[models.$name]|"
}

submit_extra=()
if [ "$profile" = demo ]; then
  if [ ! -f "$data/participants.tsv" ] || [ "$(($(wc -l < "$data/participants.tsv") - 1))" != "$subjects" ]; then
    echo "== simulate $subjects subjects at 2 mm"
    rm -rf "$root/data"
    console simulate --subjects "$subjects" --voxel-size 2 --out "$data" >/dev/null || die "simulate failed"
  fi
  demo=$repo/work/models/demo_t1
  if [ ! -f "$demo/demo.config.toml" ]; then
    echo "== build the demo model"
    console model build-demo --out "$demo" >/dev/null || die "model build-demo failed"
  fi
  files=$(printf '"%s", ' "$demo"/demo_t1_*.onnx); files=${files%, }
  model_table demo_t1 "$files" < "$demo/demo.config.toml" >> "$configs/local.config.toml"
  for d in freesurfer lesions transforms fa; do
    [ -d "$data/derivatives/$d" ] && submit_extra+=("--$d" "$data/derivatives/$d")
  done
else
  [ -f "$ixi/participants.csv" ] || die "$ixi/participants.csv not found (give --ixi DIR)"
  if [ ! -f "$data/participants.tsv" ]; then
    echo "== IXI brains from $ixi"
    mkdir -p "$data"
    printf 'participant_id\tage\tsex\n' > "$data/participants.tsv"
    i=0
    # subject_id,t1,age (CRLF line ends tolerated); sex is not in the file and not used by any stage's memory.
    tail -n +2 "$ixi/participants.csv" | tr -d '\r' | while IFS=, read -r _ file age; do
      [ -n "$file" ] || continue
      i=$((i + 1)); id=$(printf 'sub-%03d' $i)
      mkdir -p "$data/$id/anat"
      cp "$ixi/$file" "$data/$id/anat/${id}_T1w.nii.gz"
      printf '%s\t%s\t%s\n' "$id" "$age" "$([ $((i % 2)) = 0 ] && echo F || echo M)" >> "$data/participants.tsv"
    done
  fi
  for seed in 1 2 3; do
    [ -f "$models/mrinet198_$seed.onnx" ] || console model build-benchmark --topology mrinet --cube 198 --seed $seed \
      --out "$models/mrinet198_$seed.onnx" >/dev/null || die "model build-benchmark failed"
  done
  cat >> "$configs/local.config.toml" <<EOF

# MRInet's published size (198³ at 1 mm), seeded and untrained (model build-benchmark): for memory and time only.
[models.mrinet198]
sequence = "t1"
files = ["$models/mrinet198_1.onnx", "$models/mrinet198_2.onnx", "$models/mrinet198_3.onnx"]
orientation = "LIA"
voxel_size = 1
cube = 198
normalisation = "unit"
clip_percentile = 99.5
clip_scope = "brain"
brain_mask = "intensity"
head = "linear"
intercept = 0
weights = [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]
output = "identity"
EOF
fi

"$repo/scripts/local-cluster.sh" stop >/dev/null 2>&1
trap '"$repo/scripts/local-cluster.sh" stop >/dev/null 2>&1' EXIT
echo "== local cluster"
"$repo/scripts/local-cluster.sh" start --no-build --config-dir "$configs" > "$root/cluster-start.log" 2>&1 \
  || { tail -n 20 "$root/cluster-start.log"; die "the local cluster did not start"; }
client=(--config-dir "$configs" --config "$RELEVANCERELATED_LOCAL_CLUSTER_DIR/cluster.config.toml")

echo "== cohort: $(($(wc -l < "$data/participants.tsv") - 1)) subjects, every stage"
start=$(date +%s)
console "${client[@]}" submit --cohort memory --participants "$data/participants.tsv" --bids "$data" "${submit_extra[@]}" \
  || die "submit failed"
complete=0
for _ in $(seq 1 1800); do
  status=$(console "${client[@]}" status memory --json 2>/dev/null)
  if printf '%s' "$status" | grep -q '"complete": *true'; then complete=1; break; fi
  sleep 2
done
[ $complete -eq 1 ] || die "the cohort did not complete in an hour"
failed=$(printf '%s' "$status" | sed -n 's/.*"failedSubjects": *\([0-9]*\).*/\1/p')

echo
echo "profile $profile: cohort complete in $(( $(date +%s) - start )) s, failed subjects: ${failed:-?}"
printf '%-12s %s\n' silo "peak RSS (VmHWM)"
for name in silo-cpu-0 silo-cpu-1 silo-gpu-0; do
  pid=$(cat "$RELEVANCERELATED_LOCAL_CLUSTER_DIR/$name.pid")
  kb=$(awk '/^VmHWM/{print $2}' "/proc/$pid/status")
  awk -v name="$name" -v kb="$kb" 'BEGIN { printf "%-12s %.2f GB\n", name, kb / 1048576 }'
done
