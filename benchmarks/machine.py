"""What a benchmark prints about the machine beside its figures: the CPU, the instruction-set
features that decide inference speed, the oneDNN cap in force, and the load average."""
from __future__ import annotations

import os

from photoclip.core.inference import cpu_name_and_flags

FLAGS = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_bf16", "amx_int8")


def cpu() -> str:
    """e.g. "Intel(R) Xeon(R) Processor, 2 cores, flags avx2 avx512f ... (no amx_tile), ONEDNN_MAX_CPU_ISA=..."."""
    name, flags = cpu_name_and_flags()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    have = " ".join(f for f in FLAGS if f in flags)
    missing = " ".join(f for f in FLAGS if f not in flags)
    isa = os.environ.get("ONEDNN_MAX_CPU_ISA", "")
    return (f"{name}, {cores} cores, flags: {have or '?'}" + (f" (not: {missing})" if flags and missing else "")
            + (f"; oneDNN capped: ONEDNN_MAX_CPU_ISA={isa}" if isa else "; oneDNN not capped")
            + ("; AMX denied to this process (benchmarks/noamx.py)" if "amx_tile" in flags and not amx_allowed() else ""))


def amx_allowed() -> bool:
    """Whether Linux lets this process use AMX (benchmarks/noamx.py makes it refuse)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syscall(158, 0x1023, 18) == 0  # arch_prctl(ARCH_REQ_XCOMP_PERM, XTILEDATA)
    except (OSError, AttributeError):
        return False


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f}/{five:.2f}/{fifteen:.2f}"
