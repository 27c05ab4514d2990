"""What the worst file of each kind costs a command: CPU time and peak memory.

For every kind of file footcare reads (config, theme, routine, journal month, safety
record, session state, draft) this writes, in fresh folders, the files that once cost
the parser most — one dotted key of 100,000 parts in 200 KB, and 16,000 unknown keys —
plus the largest file the reader lets through for that kind, runs the commands that
read it under ``/usr/bin/time -v`` (with a 2 GiB address-space limit, so a regression
can't take the machine), and prints CPU seconds (user and system, so a busy machine
doesn't blur them), peak RSS, the extra over the same command with no such file, the
exit status and the first line said.

    .venv/bin/python benchmarks/pathological.py            # everything
    .venv/bin/python benchmarks/pathological.py config     # one kind
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

FOOTCARE = [sys.executable, "-m", "footcare"]
AS_LIMIT = 2 * 1024**3


def dotted_bomb() -> str:
    return "a" + ".a" * 100_000 + " = 1\n"


def unknown_keys(n: int = 16_000) -> str:
    return "".join(f"k{i} = {i}\n" for i in range(n))


def largest(items: int) -> str:
    """Just under the kind's limit of keys and values, in [[entries]]-like tables."""
    return "".join(f"[[x]]\na = {i}\nb = 'note {i}'\n" for i in range(items // 3 - 2))


def month_largest() -> str:
    return "".join(
        f'[[entries]]\nid = "{i:08x}"\nat = 2026-01-01T10:00:00\nnote = "n"\n'
        for i in range(16_000 // 4 - 2)
    )


# kind: (where the file goes, relative to config/ or data/, the commands, the largest file)
KINDS: dict[str, tuple[str, list[list[str]], Callable[[], str]]] = {
    "config": ("config/config.toml", [["status"], ["config"]], lambda: largest(4_000)),
    "theme": ("config/themes/bad.toml", [["themes", "list"]], lambda: largest(4_000)),
    "routine": (
        "config/routines/bad.toml",
        [["routines", "list"], ["routines", "validate", "{file}"]],
        lambda: largest(4_000),
    ),
    "month": ("data/journal/2026-01.toml", [["status"], ["journal", "list"]], month_largest),
    "safety record": ("data/safety.toml", [["status"]], lambda: largest(131_000)),
    "session state": (
        "data/session.toml",
        [["status"], ["session", "--plain"]],
        lambda: largest(4_000),
    ),
    "draft": ("data/draft.toml", [["status"]], lambda: largest(4_000)),
}
FILES = {
    "dotted key": dotted_bomb,
    "16,000 unknown keys": unknown_keys,
}


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


def run(root: Path, args: list[str], file: Path | None) -> tuple[float, int, int, str]:
    """CPU seconds (user and system: the machine may be busy), max RSS (KiB), exit status,
    first line of what was said."""
    env = {
        **os.environ,
        "FOOTCARE_CONFIG_DIR": str(root / "config"),
        "FOOTCARE_DATA_DIR": str(root / "data"),
        "FOOTCARE_CACHE_DIR": str(root / "cache"),
        "NO_COLOR": "1",
    }
    args = [a.format(file=file) for a in args]
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *FOOTCARE, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limit_memory,
        check=False,
    )
    err = proc.stderr
    user = re.search(r"User time \(seconds\): ([\d.]+)", err)
    system = re.search(r"System time \(seconds\): ([\d.]+)", err)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    assert user and system and rss, err
    elapsed = float(user[1]) + float(system[1])
    said = [
        line
        for line in (proc.stdout + "\n" + err.split("\tCommand being timed")[0]).splitlines()
        if file is not None and file.name in line
    ]
    first = (said[0] if said else (proc.stdout.strip().splitlines() or [""])[0])[:150]
    return elapsed, int(rss[1]), proc.returncode, first


def main(only: list[str]) -> None:
    for kind, (where, commands, largest_file) in KINDS.items():
        if only and kind not in only:
            continue
        files = {**FILES, "largest let through": largest_file}
        for command in commands:
            with tempfile.TemporaryDirectory() as tmp:
                base_s, base_rss, _, _ = run(Path(tmp), command, Path(tmp) / where)
            print(
                f"\n{kind}: footcare {' '.join(command)}  (no file: {base_s:.2f} s CPU, "
                f"{base_rss / 1024:.0f} MiB)"
            )
            for name, make in files.items():
                with tempfile.TemporaryDirectory() as tmp:
                    root = Path(tmp)
                    path = root / where
                    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    path.write_text(make(), encoding="utf-8")
                    path.chmod(0o600)
                    s, rss, code, first = run(root, command, path)
                    first = first.replace(str(root), "…")
                print(
                    f"  {name:22} {s:6.2f} s (+{s - base_s:5.2f})  {rss / 1024:5.0f} MiB "
                    f"(+{(rss - base_rss) / 1024:4.0f})  exit {code}  {first}"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
