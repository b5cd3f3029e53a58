#!/usr/bin/env bash
# Every GPU check of issue 8 in one prepared run on a lent GPU machine, which has no Java: the device tool
# carries engine/target/classes, engine/target/test-classes and engine/target/gpu-bundle.tar.xz (build it here
# first with bench/gpu-bundle.sh) and runs, from the repository root:
#   bench/gpu-session.sh [STEP...]      (default: tests kernels small large offload mla)
# Steps (the default list, or any of them in the order given, for example "tests kernels large"):
#   tests    CudaBackendTest's GPU comparisons (logitsMatchTheCpuBackend and the *OnTheGpu cases): every fixture's
#            GPU logits against the CPU backend; and LaunchFormsTest's *OnTheGpu cases: the q+k and v products
#            paired and in two launches, the same logits bit for bit
#   kernels  CudaKernelBench: single decode-step kernels at the Qwen3-30B-A3B and DeepSeek-V3 shapes
#   small    a 288M qwen3moe Q4_K_M: CudaDecodeTiming after 8 and 512 prompt tokens, CudaBench 512 + 128,
#            CudaStepProfile (the decode step's device time by kernel) after 512
#   large    the Qwen3-30B-A3B shape at Q4_K_M (19.8 GB, experts repeated: see RandomModelMain): CudaBench,
#            CudaDecodeTiming and CudaStepProfile after 512 prompt tokens
#   offload  the same file with 8 GB of weights on the GPU, the other expert stacks in host memory
#   mla      a DeepSeek-V2-Lite-shaped deepseek2 Q4_K file: CudaBench, then CudaStepProfile after 512 prompt tokens
#   pdl      (not in the default list) CudaBench on the 30B shape alternating plain launches, programmatic
#            dependent launch only in the recorded decode step, and everywhere (twice each)
#   agree    (not in the default list) CudaCpuAgreement on the 30B shape: a 32-token prompt and 16 greedy tokens on
#            the GPU and on the CPU backend (16 threads; the CPU also jittered by an ulp both ways to find knife
#            edges), every row of logits compared (issue 8's goal: "the same model's logits agree with the CPU
#            backend"), whole sequence and block by block (each block from the CPU's own input; session 20);
#            about 20 GB of host memory per CPU load, one load at a time; session 19 (whole sequence only): CPU
#            run 11.3 s, GPU run 3.0 s, each jittered CPU run about 4.5 s
#   ceiling  (not in the default list) CudaStepCeiling on the 30B shape with 512 cached positions: the step's bytes read
#            by kernels that only read, as its 289 dependent phases in one launch each (graph, programmatic launch)
#            and in one persistent cooperative kernel with a grid barrier between phases (each with and without L2
#            prefetch), as launches that load their weights into registers before they wait (staged, session 25), as
#            one phase, and as the phases reading nothing; the grid the device holds of 512-thread blocks, then 132
#            blocks of 1024 (one per multiprocessor of an H100 or H200 SXM), then the grid it holds of 256-thread
#            blocks. The most a design that waits for whole phases could reach (session 21). About 5 s a grid; run it
#            beside another 30B step: the file takes 25-61 s
#   pairs    (not in the default list) CudaBench on the 30B shape with the q+k and v products in one launch
#            (matvec_pair_q4_k_q6_k, the default) and in two (-Ddocswarm.cuda.pairProducts=false), alternated, three
#            times. (Session 19 timed here the four last-block fusions of sessions 16-18, since removed: all slower.)
#            PAIRS_BASE="-D..." adds properties to every run.
#   heads    (not in the default list) CudaBench on the DeepSeek-V2-Lite and 30B shapes with at most 16 (the default),
#            8 and 4 query heads an attention block (-Ddocswarm.cuda.attentionHeadsPerBlock), alternated, twice: the
#            latent attention's scores run on 32 blocks with all 16 heads in each (session 25); the same bits
#   switching (not in the default list) CudaDecodeTiming on the 30B shape and on the same shape with 8 experts, all
#            8 used (the same bytes per token; every token reads the same expert memory). Session 8 ran it (also with
#            16 experts): no difference; the gap it looked for was the prompt's queued work (docs/benchmarks.md).
#   positions (not in the default list) CudaDecodeTiming on the 30B shape with 8 experts, all used: greedy steps
#            against one token at one position, the greedy tokens at one position and one token at advancing positions
#   ncusource (not in the default list) Nsight Compute's source counters (warp stalls by SASS instruction) for the
#            attention's scores and values kernels of that model's first recorded decode step, written as CSV to $OUT
#   ncu      (not in the default list) Nsight Compute's speed-of-light, memory, warp-stall and occupancy sections
#            for the hot kernels of a 30B-shape decode step (layer 0 of the first recorded step after a 512-token
#            prompt: each kernel's earlier launches, the prompt's and the first unrecorded step's, are skipped);
#            about 20 s per kernel; NCU_KERNELS="attention_scores_f16 swiglu_q4_k" chooses some of them
#   sanitize (not in the default list) compute-sanitizer's memcheck, racecheck, synccheck and initcheck (reads
#            of device memory nothing wrote: the emulator fills new buffers with 0xFF, a device promises nothing)
#            over a 40-token prompt and three rounds of two decode steps of the 288M model (the host emulation
#            cannot see races or out-of-bounds accesses on the device); slow: run it alone, or choose the tools and
#            the seconds each may take with SANITIZE_TOOLS="racecheck memcheck" SANITIZE_SECONDS=100
# Each step prints its results; the whole log is also written to $OUT/gpu-session.log when $OUT is set.
# Budget, as measured on an H200 in session 7 (device time, each call also pays 30-60 s to start): the default
# steps 130 s; "tests kernels large" 87 s; "large" alone 52 s (writing the 30B file takes about 33 s of it);
# racecheck and memcheck over the 288M model about 20 s each; sanitize's tools may take up to 150 s each.
# Session 8: "tests pdl large switching" 161 s; "pdl switching ncu" (5 kernels) 149 s; "tests large positions
# ncusource" 118 s; "tests large mla offload sanitize" (racecheck, memcheck) 164 s.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(tests kernels small large offload mla)
log="${OUT:-/tmp}/gpu-session.log"
exec > >(tee -a "$log") 2>&1

bundle=/tmp/gpu-bundle
if [ ! -x "$bundle/bundle/jre/bin/java" ]; then
    mkdir -p "$bundle" && tar xJf "$root/engine/target/gpu-bundle.tar.xz" -C "$bundle" || exit 1
fi
cd "$root/engine"
cp="$bundle/bundle/gpuh:target/test-classes:target/classes:$(ls "$bundle"/bundle/lib/*.jar | tr '\n' ':')"
java=("$bundle/bundle/jre/bin/java" -Xmx48g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
# Each command may run for $limit seconds (600 unless a step sets less).
run() { echo "== $(date -u +%T) $*"; timeout "${limit:-600}" "${java[@]}" -cp "$cp" "$@" 2>&1 | grep -v "^WARNING"; }
model() { # FILE ARGS...: writes a random-weight model once
    [ -s "$1" ] || run io.docswarm.engine.model.RandomModelMain "$@" --same-experts
}
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv,noheader || true

q288=/tmp/q288.gguf
q30b=/tmp/q30b.gguf
for step in "${steps[@]}"; do
    case "$step" in
        tests) run GpuTests io.docswarm.engine.cuda.CudaBackendTest '.*(logitsMatchTheCpuBackend|OnTheGpu).*' \
                | grep -v '^SUCCESSFUL' | tail -n 60
            run GpuTests io.docswarm.engine.cuda.LaunchFormsTest '.*OnTheGpu.*' | grep -v '^SUCCESSFUL' | tail -n 30 ;;
        kernels) run io.docswarm.engine.cuda.CudaKernelBench 200 ;;
        small)
            model "$q288" qwen3moe Q4_K_M 32000 1024 8 16 4 64 512 16 4
            run io.docswarm.engine.cuda.CudaDecodeTiming "$q288" 8 200
            run io.docswarm.engine.cuda.CudaDecodeTiming "$q288" 512 200
            run io.docswarm.engine.cuda.CudaBench "$q288" --prompt-tokens 512 --gen-tokens 128 | tail -n 2
            run io.docswarm.engine.cuda.CudaStepProfile "$q288" 512 20 ;;
        large)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            run io.docswarm.engine.cuda.CudaBench "$q30b" --prompt-tokens 512 --gen-tokens 128 | tail -n 2
            run io.docswarm.engine.cuda.CudaDecodeTiming "$q30b" 512 100
            run io.docswarm.engine.cuda.CudaStepProfile "$q30b" 512 20 ;;
        offload)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            java+=(-Ddocswarm.cuda.maxDeviceWeightBytes=8e9)
            run io.docswarm.engine.cuda.CudaBench "$q30b" --prompt-tokens 512 --gen-tokens 128 | tail -n 2
            unset 'java[${#java[@]}-1]' ;;
        mla)
            model /tmp/dsv2lite.gguf deepseek2 Q4_K 102400 2048 27 16 0 512 1408 64 6 2 10944
            run io.docswarm.engine.cuda.CudaBench /tmp/dsv2lite.gguf --prompt-tokens 512 --gen-tokens 128 | tail -n 2
            run io.docswarm.engine.cuda.CudaStepProfile /tmp/dsv2lite.gguf 512 20 ;;
        pdl)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            # Alternated: plain launches; programmatic launch in the recorded decode step only; everywhere.
            for round in 1 2; do
                for props in -Ddocswarm.cuda.programmaticLaunch=false -Ddocswarm.cuda.programmaticLaunch=graphs \
                             -Ddocswarm.cuda.programmaticLaunch=true; do
                    echo "== $props"
                    java+=("$props")
                    run io.docswarm.engine.cuda.CudaBench "$q30b" --prompt-tokens 512 --gen-tokens 128 | tail -n 1
                    unset 'java[${#java[@]}-1]'
                done
            done ;;
        agree)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            # Each load prints its time, and the GPU's (the second) its differences from the plain CPU run, whole
            # sequence and block by block, before the two jittered CPU loads: if the limit cuts those off, the log
            # still has them. The per-block lines and both summaries come last (about 50 lines for 48 blocks).
            limit=240 run io.docswarm.engine.cuda.CudaCpuAgreement "$q30b" 32 16 | tail -n 120 ;;
        ceiling)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            limit=120 run io.docswarm.engine.cuda.CudaStepCeiling "$q30b" --positions 512 --steps 50
            limit=120 run io.docswarm.engine.cuda.CudaStepCeiling "$q30b" --positions 512 --steps 50 --block 1024 --blocks 132
            limit=120 run io.docswarm.engine.cuda.CudaStepCeiling "$q30b" --positions 512 --steps 50 --block 256 ;;
        pairs)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            for round in 1 2 3; do
                for props in "" "-Ddocswarm.cuda.pairProducts=false"; do
                    echo "== ${PAIRS_BASE:-} ${props:-pairs on}"
                    saved=("${java[@]}")
                    java+=(${PAIRS_BASE:-} $props)
                    run io.docswarm.engine.cuda.CudaBench "$q30b" --prompt-tokens 512 --gen-tokens 128 | tail -n 1
                    java=("${saved[@]}")
                done
            done ;;
        heads)
            model /tmp/dsv2lite.gguf deepseek2 Q4_K 102400 2048 27 16 0 512 1408 64 6 2 10944
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            # Alternated: the attention's query heads a block at most (16, the default, takes a whole group).
            for round in 1 2; do
                for file in /tmp/dsv2lite.gguf "$q30b"; do
                    for heads in 16 8 4; do
                        echo "== $file, -Ddocswarm.cuda.attentionHeadsPerBlock=$heads"
                        java+=("-Ddocswarm.cuda.attentionHeadsPerBlock=$heads")
                        run io.docswarm.engine.cuda.CudaBench "$file" --prompt-tokens 512 --gen-tokens 128 | tail -n 1
                        unset 'java[${#java[@]}-1]'
                    done
                done
            done ;;
        switching)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            model /tmp/q30b-8x.gguf qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 8 8
            run io.docswarm.engine.cuda.CudaDecodeTiming "$q30b" 512 100
            run io.docswarm.engine.cuda.CudaDecodeTiming /tmp/q30b-8x.gguf 512 100 ;;
        positions)
            model /tmp/q30b-8x.gguf qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 8 8
            run io.docswarm.engine.cuda.CudaDecodeTiming /tmp/q30b-8x.gguf 512 100 ;;
        ncusource)
            model /tmp/q30b-8x.gguf qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 8 8
            for spec in attention_scores_f16:1584 attention_values_f16:1584; do
                name=${spec%%:*}
                echo "== $(date -u +%T) ncu source counters $name"
                timeout 180 ncu --graph-profiling node -k "regex:^${name}\$" --launch-skip "${spec##*:}" --launch-count 1 \
                    --section SourceCounters --section WarpStateStats --section LaunchStats -f -o "/tmp/ncu-$name" \
                    "${java[@]}" -cp "$cp" io.docswarm.engine.cuda.CudaDecodeTiming /tmp/q30b-8x.gguf 512 3 2>&1 \
                    | grep -v "^WARNING" | grep "==PROF==\|==ERROR==" | tail -n 5
                ncu -i "/tmp/ncu-$name.ncu-rep" --page details --print-details all 2>&1 | tail -n 60
                [ -n "${OUT:-}" ] && ncu -i "/tmp/ncu-$name.ncu-rep" --page source --csv --print-source sass \
                    > "$OUT/ncu-$name-sass.csv" 2>&1
                [ -n "${OUT:-}" ] && head -c 600 "$OUT/ncu-$name-sass.csv"
            done ;;
        ncu)
            model "$q30b" qwen3moe Q4_K_M 151936 2048 48 32 4 128 768 128 8
            # kernel:launches to skip, to reach layer 0 of the first recorded decode step. A 512-token prompt attends
            # in 16-token chunks (32 launches a layer); the other kernels launch once a layer, in the prompt and again
            # in the first decode step, which runs unrecorded, but: rms_norm_q8_k twice a layer and once for the
            # final norm (97 a pass); matvec_q6_k for the down products and the output matrix (49 a pass; v goes
            # with q and k in matvec_pair, which session 8's count of 194 predates).
            # The counts without session 16-18's fusions are reasoned from the launch order (DecodeStepLaunchesTest),
            # not yet checked on a device: a wrong one profiles another layer's launch of the same kernel.
            for spec in attention_scores_f16:1584 attention_values_f16:1584 swiglu_q4_k:96 matvec_q6_k:98 \
                        rms_norm_q8_k:194 moe_route:96 moe_combine:96 matvec_pair_q4_k_q6_k:96; do
                name=${spec%%:*}
                case " ${NCU_KERNELS:-$name} " in *" $name "*) ;; *) continue ;; esac
                echo "== $(date -u +%T) ncu $name, skipping ${spec##*:} launches"
                timeout 180 ncu --graph-profiling node -k "regex:^${name}\$" --launch-skip "${spec##*:}" --launch-count 2 \
                    --section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats --section Occupancy \
                    "${java[@]}" -cp "$cp" io.docswarm.engine.cuda.CudaDecodeTiming "$q30b" 512 3 2>&1 \
                    | grep -v "^WARNING" | sed -n '/==PROF==/,$p' | tail -n 120
            done ;;
        sanitize)
            model "$q288" qwen3moe Q4_K_M 32000 1024 8 16 4 64 512 16 4
            for tool in ${SANITIZE_TOOLS:-memcheck racecheck synccheck initcheck}; do
                echo "== $(date -u +%T) compute-sanitizer --tool $tool"
                timeout "${SANITIZE_SECONDS:-150}" compute-sanitizer --tool "$tool" --print-limit 20 "${java[@]}" -cp "$cp" \
                    io.docswarm.engine.cuda.CudaDecodeTiming "$q288" 40 2 2>&1 | grep -v "^WARNING" | tail -n 25
            done ;;
        *) echo "unknown step $step (tests kernels small large offload mla pdl agree ceiling pairs heads switching positions ncusource ncu sanitize)"; exit 2 ;;
    esac
done
echo "== $(date -u +%T) done"
