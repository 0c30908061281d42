"""Due dates for 1,000,000 (start, period) pairs through the working-day index (issue 2).

Target: under 1 s on one core, and at least 20x faster than ``holidays``'
``get_nth_working_day`` per pair (measured on a sample in the same run, since it is slow).

    .venv/bin/python bench/bench_deadlines.py [--pairs N]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

import holidays

from domain.calendar import Period, WorkCalendar

PERIODS = [Period.parse(p) for p in ("15wd", "1m", "3m", "7d", "15d")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000)
    args = parser.parse_args()
    rng = random.Random(2024)
    first = date(2015, 1, 1)
    starts = [first + timedelta(days=rng.randrange(4000)) for _ in range(args.pairs)]
    pairs = [(s, PERIODS[i % len(PERIODS)]) for i, s in enumerate(starts)]

    t0 = time.perf_counter()
    calendar = WorkCalendar()
    calendar.due_dates(pairs[:1000])  # warm the per-period caches
    built = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = calendar.due_dates(pairs)
    ours = time.perf_counter() - t0
    per_pair_ours = ours / len(pairs)

    wd = Period.parse("15wd")
    sample = starts[: args.sample]
    cn = holidays.China(years=range(2015, 2028))
    t0 = time.perf_counter()
    theirs = [cn.get_nth_working_day(s, 15) for s in sample]
    per_pair_theirs = (time.perf_counter() - t0) / len(sample)
    all_wd = [(s, wd) for s in starts]
    t0 = time.perf_counter()
    mine = calendar.due_dates(all_wd)
    per_pair_ours_wd = (time.perf_counter() - t0) / len(all_wd)
    agree = sum(a == b for a, (b, _) in zip(theirs, mine, strict=False))

    print(f"calendar built (2001–2080, caches warmed): {built * 1000:.0f} ms")
    print(
        f"{len(results):,} due dates (15wd/1m/3m/7d/15d mixed): {ours:.3f} s "
        f"({per_pair_ours * 1e9:.0f} ns/pair) — target < 1 s: {'OK' if ours < 1 else 'MISSED'}"
    )
    print(
        f"holidays.get_nth_working_day, 15wd, {len(sample):,} pairs: "
        f"{per_pair_theirs * 1e6:.1f} µs/pair; ours 15wd: {per_pair_ours_wd * 1e9:.0f} ns/pair"
    )
    ratio = per_pair_theirs / per_pair_ours_wd
    print(f"speed-up: {ratio:.0f}x — target ≥ 20x: {'OK' if ratio >= 20 else 'MISSED'}")
    print(f"same 15wd due dates as holidays on {agree}/{len(sample)} samples")


if __name__ == "__main__":
    main()
