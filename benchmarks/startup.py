"""Start-up: a new process analysing its first text, beside plain `spacy.load`.

    python benchmarks/startup.py [--rounds 5] [--input FILE.jsonl]

Each round runs, in fresh processes and in turn:
- (a) `python -c "import spacy; spacy.load(MODEL)"`: the floor every analysis pays;
- (b) `python -m claimdesk analyze ONE.jsonl -o OUT.jsonl` on one real article (the first line of
  `--input`, by default the first of /work/shared/eval/realnews_dev.jsonl).

Prints the median wall and CPU seconds of each, and the ratio b/a of the medians (the target of
issue 14: b within 2.5 s wall on an idle machine). CPU seconds (user + system, of the child) move
less than wall seconds when the machine is shared. `--also DIR` times (b) in another checkout too
(an earlier commit, say), in the same rounds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = Path("/work/shared/eval/realnews_dev.jsonl")


def _run(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(wall, cpu) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--also", type=Path, help="another checkout to time (b) in, as (c)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from claimdesk.settings import spacy_model_name

    model = spacy_model_name()
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        with args.input.open(encoding="utf-8") as fh:
            one.write_text(fh.readline(), encoding="utf-8")
        plain = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
        ours = [sys.executable, "-m", "claimdesk", "analyze", str(one), "-o", f"{tmp}/out.jsonl"]
        _run(plain)  # warm the file cache once
        a: list[tuple[float, float]] = []
        b: list[tuple[float, float]] = []
        c: list[tuple[float, float]] = []
        for _ in range(args.rounds):
            a.append(_run(plain))
            b.append(_run(ours))
            if args.also:
                c.append(_run(ours, cwd=args.also))
    wall_a, wall_b = (statistics.median(w for w, _ in xs) for xs in (a, b))
    cpu_a, cpu_b = (statistics.median(c for _, c in xs) for xs in (a, b))
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"(a) plain spacy.load:          wall {wall_a:.2f} s   cpu {cpu_a:.2f} s")
    print(f"(b) analyze one text, new proc: wall {wall_b:.2f} s   cpu {cpu_b:.2f} s")
    print(f"ratio b/a: wall {wall_b / wall_a:.2f}   cpu {cpu_b / cpu_a:.2f}")
    if c:
        wall_c, cpu_c = statistics.median(w for w, _ in c), statistics.median(x for _, x in c)
        print(f"(c) the same in {args.also}: wall {wall_c:.2f} s   cpu {cpu_c:.2f} s")
        print(f"ratio c/a: wall {wall_c / wall_a:.2f}   cpu {cpu_c / cpu_a:.2f}")


if __name__ == "__main__":
    main()
