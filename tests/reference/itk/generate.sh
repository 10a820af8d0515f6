#!/bin/sh
# Rebuilds the ITK reference and regenerates the committed test facts in facts/.
# Needs: apt-get install -y libinsighttoolkit5-dev python3-nibabel cmake g++ (ITK 5.2 in Debian 12).
# Usage: tests/reference/itk/generate.sh [SHARED_DATA]   (default: ../shared/data from the repository root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
shared=${1:-$root/../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
facts=$here/facts
mkdir -p "$facts"

cmake -S "$here" -B "$work/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" -j2 >/dev/null
ref=$work/build/spaces_reference

/usr/bin/python3 "$here/make_inputs.py" "$shared" "$work"
cp "$work/reference_grid.nii.gz" "$work/labels_grid.nii.gz" "$work/field_grid.nii.gz" "$work/points_lps.tsv" "$facts/"

# Transform files, written by ITK's own writers.
"$ref" write-transforms "$facts" "$work/field_grid.nii.gz"

f=$facts
"$ref" points "$facts/points_mapped.tsv" --points "$work/points_lps.tsv" \
  affine_double_mat -t "$f/affine_double.mat" \
  affine_double_txt -t "$f/affine_double.txt" \
  affine_float_mat -t "$f/affine_float.mat" \
  affine_b_txt -t "$f/affine_b.txt" \
  matrixoffset_mat -t "$f/matrixoffset_double.mat" \
  euler_mat -t "$f/euler.mat" \
  euler_txt -t "$f/euler.txt" \
  versor_mat -t "$f/versor_rigid.mat" \
  translation_txt -t "$f/translation.txt" \
  inverse_affine -t "[$f/affine_double.mat,1]" \
  inverse_euler -t "[$f/euler.mat,1]" \
  warp -t "$f/warp.nii.gz" \
  warp_from_affine -t "$f/warp_from_affine.nii.gz" \
  composite_h5 -t "$f/composite.h5" \
  warp_then_affine -t "$f/warp.nii.gz" -t "$f/affine_double.mat" \
  linear_composite_h5 -t "$f/linear_composite.h5" \
  mixed -t "[$f/affine_b.txt,1]" -t "$f/warp.nii.gz" -t "$f/euler.mat"

mni=$shared/nifti/avg152T1_LR_nifti.nii.gz
grid=$work/reference_grid.nii.gz
labels=$work/labels_grid.nii.gz
"$ref" apply "$grid" "$mni" "$work/mni_affine_linear.nii.gz" Linear 0 -t "$f/affine_double.mat"
"$ref" apply "$grid" "$mni" "$work/mni_warp_affine_linear.nii.gz" Linear 0 -t "$f/warp.nii.gz" -t "$f/affine_double.mat"
"$ref" apply "$grid" "$mni" "$work/mni_inverse_affine_linear.nii.gz" Linear 7 -t "[$f/affine_double.mat,1]"
"$ref" apply "$grid" "$mni" "$work/mni_affine_bspline.nii.gz" BSpline 0 -t "$f/affine_double.mat"
"$ref" apply "$grid" "$mni" "$work/mni_affine_nearest.nii.gz" NearestNeighbor 0 -t "$f/affine_double.mat"
"$ref" apply "$labels" "$work/aseg.nii.gz" "$work/aseg_affine_nearest.nii.gz" NearestNeighbor 0 -t "$f/affine_b.txt"
"$ref" apply "$labels" "$work/aseg.nii.gz" "$work/aseg_warp_label.nii.gz" GenericLabel 0 -t "$f/warp.nii.gz" -t "$f/affine_b.txt"

/usr/bin/python3 "$here/pack_outputs.py" "$work" "$facts" \
  mni_affine_linear:intensity mni_warp_affine_linear:intensity \
  mni_inverse_affine_linear:intensity mni_affine_bspline:intensity mni_affine_nearest:labels \
  aseg_affine_nearest:labels aseg_warp_label:labels
echo "facts written to $facts"
