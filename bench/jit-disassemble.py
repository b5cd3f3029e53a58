#!/usr/bin/env python3
"""Disassembles what C2 compiled for one method, on a JDK without the hsdis plugin, and counts the
instructions of its hottest-looking loop: how the CPU kernels were read instruction by instruction
(docs/benchmarks.md, "Quant kernels").

Without hsdis, -XX:CompileCommand=print writes the machine code as hex ("abstract disassembly"); this script
turns the last C2 compilation in such a log back into bytes and runs objdump over them.

  java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,io.docswarm.engine.quant.Q4KKernel::dot \\
      --add-modules jdk.incubator.vector -cp engine/target/classes:engine/target/test-classes \\
      io.docswarm.engine.quant.KernelBench 1 1 Q4_K > /tmp/q4k.log 2>&1
  bench/jit-disassemble.py /tmp/q4k.log > /tmp/q4k.asm

Prints the listing to stdout and, on stderr, every loop of 20 instructions or more (a backward conditional
jump; C2 splits a loop into pre, main and post loops, and an outer loop may hold them) with its most frequent
mnemonics, flagging loops that make calls (a helper C2 did not inline, e.g. past its node budget:
-XX:CompileCommand=PrintInlining,CLASS::METHOD says why). Needs objdump (binutils).
"""
import collections
import re
import subprocess
import sys
import tempfile

CODE_LINE = re.compile(r"\s+0x([0-9a-f]+):\s+([0-9a-f| ]+)$")
ASM_LINE = re.compile(r"\s+([0-9a-f]+):\t[0-9a-f ]+\t(\S+)\s*(.*)$")


def last_c2_code(log_lines):
    """The bytes and start address of the last 'Compiled method (c2)' block's main code."""
    starts = [i for i, line in enumerate(log_lines) if line.startswith("Compiled method (c2)")]
    if not starts:
        sys.exit("no C2 compilation in the log (did the method get hot enough?)")
    code, base = bytearray(), None
    for line in log_lines[starts[-1]:]:
        if line.startswith("[Stub Code]"):
            break
        m = CODE_LINE.match(line)
        if not m:
            continue
        groups = m.group(2).replace("|", " ").split()
        if not groups or not all(re.fullmatch(r"[0-9a-f]{2,4}", g) for g in groups):
            continue
        address = int(m.group(1), 16)
        base = address if base is None else base
        offset = address - base
        code.extend(b"\x90" * max(0, offset - len(code)))  # gaps (padding) as nops
        data = bytes.fromhex("".join(groups))
        code[offset:offset + len(data)] = data
    if base is None:
        sys.exit("the last C2 compilation has no code lines (was the log cut short?)")
    return bytes(code), base


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], errors="replace") as f:
        code, base = last_c2_code(f.read().split("\n"))
    with tempfile.NamedTemporaryFile(suffix=".bin") as blob:
        blob.write(code)
        blob.flush()
        listing = subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", f"--adjust-vma={hex(base)}",
                                  blob.name], capture_output=True, text=True, check=True).stdout
    print(listing)
    instructions = []  # (address, mnemonic, operands)
    for line in listing.split("\n"):
        m = ASM_LINE.match(line)
        if m:
            instructions.append((int(m.group(1), 16), m.group(2), m.group(3)))
    index = {address: i for i, (address, _, _) in enumerate(instructions)}
    for i, (address, mnemonic, operands) in enumerate(instructions):
        target = re.match(r"0x([0-9a-f]+)", operands)
        if not (mnemonic.startswith("j") and not mnemonic.startswith("jmp") and target):  # jmp or jmpq
            continue
        t = int(target.group(1), 16)
        if t < address and t in index and i - index[t] >= 19:
            loop = instructions[index[t]:i + 1]
            counts = collections.Counter(m for _, m, _ in loop)
            calls = sum(n for m, n in counts.items() if m.startswith("call"))  # call or callq
            print(f"loop {hex(t)}..{hex(address)}: {len(loop)} instructions"
                  + (f" ({calls} CALLS: something was not inlined)" if calls else "") + ": "
                  + ", ".join(f"{n} {m}" for m, n in counts.most_common(12)), file=sys.stderr)

if __name__ == "__main__":
    main()
