#!/usr/bin/env bash
# Compiles every engine/src/main/cuda/*.cu into a fatbin resource (sm_80 and sm_90 code plus compute_90
# PTX) that the CUDA backend loads with cuModuleLoadData. Run by the engine module's build in
# generate-resources: a kernel that does not compile fails the build; without nvcc the build goes on and
# says that the CUDA backend is not packaged.
#
# usage: build.sh SOURCE_DIR OUTPUT_DIR
# NVCC (default: nvcc on the PATH) and CUDA_ARCHS (default "80 90") may be set in the environment.
set -euo pipefail
src=${1:?source dir}
out=${2:?output dir}
nvcc=${NVCC:-nvcc}
archs=${CUDA_ARCHS:-80 90}

if ! command -v "$nvcc" >/dev/null 2>&1; then
    echo "CUDA backend not packaged: nvcc not found"
    exit 0
fi
mkdir -p "$out"
gencode=()
last=""
for a in $archs; do
    gencode+=("-gencode" "arch=compute_$a,code=sm_$a")
    last=$a
done
# PTX of the newest architecture too, so newer GPUs can JIT it.
gencode+=("-gencode" "arch=compute_$last,code=compute_$last")

# The toolkit release: fatbins built by another release are stale (the probe checks the driver against it).
version=$("$nvcc" --version | sed -n 's/.*release \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
if [ "$(cat "$out/cuda-version" 2>/dev/null)" != "$version" ]; then
    rm -f "$out"/*.fatbin
fi

built=0
for cu in "$src"/*.cu; do
    [ -e "$cu" ] || continue
    name=$(basename "$cu" .cu)
    fatbin="$out/$name.fatbin"
    # Recompile only when the source or any header is newer than the fatbin (nvcc for two archs is slow).
    if [ -f "$fatbin" ] && [ "$fatbin" -nt "$cu" ] && [ "$fatbin" -nt "$0" ]; then
        stale=0
        for h in "$src"/*.cuh; do
            [ -e "$h" ] && [ "$h" -nt "$fatbin" ] && stale=1
        done
        [ "$stale" = 0 ] && continue
    fi
    # --fmad=false: no fused multiply-adds, so the float arithmetic rounds like the CPU backend's.
    "$nvcc" -fatbin -O3 --fmad=false -std=c++17 "${gencode[@]}" -I "$src" -o "$fatbin.tmp" "$cu"
    mv "$fatbin.tmp" "$fatbin"
    built=$((built + 1))
done
# The toolkit release the fatbins were built with: the probe refuses drivers of an older major version.
echo "$version" > "$out/cuda-version.tmp"
mv "$out/cuda-version.tmp" "$out/cuda-version"
echo "CUDA kernels: $built compiled, fatbins in $out (CUDA $version)"
