#!/usr/bin/env python3
"""The asyncio and uvloop side of Weft's benchmarks.

Usage: asyncio_peers.py SCENARIO --loop asyncio|uvloop [--quick] [--size N] [--repeats N]
Prints one JSON object: {"scenario", "metric", "unit", "value", "runs"} where value is the median
of the runs (as for every other implementation; never the best), measured the way the matching
JMH benchmark measures Weft. The runner calls it with --repeats 1 once per round, interleaved
with the Java implementations, and takes medians over the rounds itself.
"""
import argparse
import asyncio
import gc
import json
import statistics
import sys
import time


async def spawn_join(n):
    async def noop():
        pass
    start = time.perf_counter_ns()
    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(noop())
    return (time.perf_counter_ns() - start) / n


async def gather_fanout(n):
    async def value(i):
        return i
    start = time.perf_counter_ns()
    results = await asyncio.gather(*(value(i) for i in range(n)))
    assert len(results) == n
    return (time.perf_counter_ns() - start) / n


async def pingpong(n):
    ping, pong = asyncio.Queue(maxsize=1), asyncio.Queue(maxsize=1)

    async def player():
        for _ in range(n):
            await pong.put(await ping.get())
    start = time.perf_counter_ns()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(player())
        for i in range(n):
            await ping.put(i)
            await pong.get()
    return (time.perf_counter_ns() - start) / n


async def timer_storm(n):
    loop = asyncio.get_running_loop()
    start = time.perf_counter_ns()
    for _ in range(n):
        loop.call_later(3600, lambda: None).cancel()
    return (time.perf_counter_ns() - start) / n


async def cancel_storm(n):
    never = asyncio.Event()
    started = 0

    async def blocked():
        nonlocal started
        started += 1
        await never.wait()
    tasks = [asyncio.ensure_future(blocked()) for _ in range(n)]
    while started < n:
        await asyncio.sleep(0)
    start = time.perf_counter_ns()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return (time.perf_counter_ns() - start) / n


async def lock_contention(n, tasks=100):
    lock = asyncio.Lock()
    counter = 0

    async def worker(k):
        nonlocal counter
        for _ in range(k):
            async with lock:
                counter += 1
                await asyncio.sleep(0)
    per = n // tasks
    start = time.perf_counter_ns()
    async with asyncio.TaskGroup() as tg:
        for _ in range(tasks):
            tg.create_task(worker(per))
    assert counter == per * tasks
    return (time.perf_counter_ns() - start) / (per * tasks)


def resident_bytes():
    """VmRSS from /proc/self/status, the file the Java side reads too (RSS against RSS)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


async def parked_memory(n):
    gc.collect()
    before = resident_bytes()
    start = time.perf_counter_ns()
    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(asyncio.sleep(1))
        await asyncio.sleep(0)
        after = resident_bytes()
    wall = (time.perf_counter_ns() - start) / 1e9
    return {"rss_bytes_per_task": (after - before) / n, "wall_s": wall}


SCENARIOS = {
    # name: (function, size, quick size, metric, unit)
    "spawn_join": (spawn_join, 1_000_000, 100_000, "spawn+join per task", "ns"),
    "gather_fanout": (gather_fanout, 10_000, 10_000, "gather per task", "ns"),
    "pingpong": (pingpong, 100_000, 20_000, "round trip", "ns"),
    "timer_storm": (timer_storm, 1_000_000, 100_000, "schedule+cancel", "ns"),
    "cancel_storm": (cancel_storm, 100_000, 20_000, "cancel+wait per task", "ns"),
    "lock_contention": (lock_contention, 100_000, 20_000, "acquire+release", "ns"),
    "parked_memory": (parked_memory, 1_000_000, 100_000, "parked task", "bytes"),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--size", type=int, default=0, help="tasks or round trips; default per scenario")
    parser.add_argument("--repeats", type=int, default=0, help="runs; default 3 with --quick, else 5")
    args = parser.parse_args()
    if args.loop == "uvloop":
        try:
            import uvloop
        except ImportError:
            sys.exit("uvloop is not installed for " + sys.executable + ": apt-get install python3-uvloop")
        def runner(coro):
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as r:
                return r.run(coro)
    else:
        runner = asyncio.run
    fn, size, quick_size, metric, unit = SCENARIOS[args.scenario]
    n = args.size or (quick_size if args.quick else size)
    repeats = args.repeats or (3 if args.quick else 5)
    runs = [runner(fn(n)) for _ in range(repeats)]
    if args.scenario == "parked_memory":
        value = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    else:
        value = statistics.median(runs)
    print(json.dumps({"scenario": args.scenario, "loop": args.loop, "metric": metric, "unit": unit,
                      "size": n, "value": value, "runs": runs}))


if __name__ == "__main__":
    main()
