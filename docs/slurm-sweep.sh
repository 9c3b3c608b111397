#!/bin/bash
# Fans a Lepton sweep out over a Slurm job array, then assembles the run.
# Every task must see the same checkout and the same Reports/ folder (shared filesystem):
# each point's results land in the cell cache under Reports/.cache/, and `collect`
# finds them there. Use the same --profile/--set/--seed in every call.
#
#   sbatch --array=0-2 docs/slurm-sweep.sh width-sweep       # one task per sweep point
#   sbatch --dependency=singleton --job-name=lepton-width-sweep docs/slurm-sweep.sh --collect width-sweep
#
#SBATCH --job-name=lepton-width-sweep
#SBATCH --cpus-per-task=2
#SBATCH --time=00:30:00
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"
LEPTON=${LEPTON:-.build/release/lepton}
if [ "${1:-}" = "--collect" ]; then
    exec "$LEPTON" collect "$2" --profile quick --threads "${SLURM_CPUS_PER_TASK:-2}"
fi
exec "$LEPTON" run "$1" --profile quick --point "${SLURM_ARRAY_TASK_ID:?run as a job array}" \
    --threads "${SLURM_CPUS_PER_TASK:-2}"
# A Kubernetes indexed Job does the same with JOB_COMPLETION_INDEX in place of
# SLURM_ARRAY_TASK_ID, and a final Job running `lepton collect`.
