#!/usr/bin/env python3
"""Run a command as on a CPU without Intel AMX (Linux, x86-64): for "without AMX" figures on a
build machine that has it.

    benchmarks/noamx.py .venv/bin/python benchmarks/indexing.py ...

A process must ask Linux for leave to use AMX (arch_prctl ARCH_REQ_XCOMP_PERM) before its first
AMX instruction; a seccomp filter makes that request fail for the command and everything it
starts. oneDNN (torch) and MLAS (ONNX Runtime) then find AMX unavailable and use AVX-512 (VNNI,
BF16) as on a CPU without it. ONEDNN_MAX_CPU_ISA=AVX512_CORE_BF16 caps oneDNN alone: ONNX
Runtime's int8 kernels would still use AMX (measured: ViT-B-32 int8 19-22 images/s with it, 16
without, on 2 cores).
"""
import ctypes
import os
import struct
import sys

ARCH_PRCTL, ARCH_REQ_XCOMP_PERM, AUDIT_ARCH_X86_64 = 158, 0x1023, 0xC000003E
LOAD, JUMP_IF_EQUAL, RETURN = 0x20, 0x15, 0x06  # classic BPF: ld [k], jeq #k, ret #k
ALLOW, DENY = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM


def deny_amx() -> None:
    program = [
        (LOAD, 0, 0, 4), (JUMP_IF_EQUAL, 0, 5, AUDIT_ARCH_X86_64),  # seccomp_data.arch
        (LOAD, 0, 0, 0), (JUMP_IF_EQUAL, 0, 3, ARCH_PRCTL),  # .nr
        (LOAD, 0, 0, 16), (JUMP_IF_EQUAL, 0, 1, ARCH_REQ_XCOMP_PERM),  # .args[0], low half
        (RETURN, 0, 0, DENY),
        (RETURN, 0, 0, ALLOW),
    ]
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *op) for op in program))

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) or \
            libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(Program(len(program), ctypes.addressof(code))), 0, 0):
        raise OSError(ctypes.get_errno(), "could not install the seccomp filter")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    deny_amx()
    os.execvp(sys.argv[1], sys.argv[1:])
