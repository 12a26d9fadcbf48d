#!/usr/bin/env python3
"""Weft's benchmark runner: Weft and its peers side by side, in one run, on this machine.

Called by `./weft bench [SCENARIO...] [--quick]` with the JDK and the bench class path. For each
scenario it runs the JMH benchmarks (Weft and the Java peers), the asyncio and uvloop peers, and
writes bench/results/<scenario>.json (scenario, metric, unit, Weft's figures, each peer's figure,
the ratios, the goal), a table on stdout, and an SVG chart per scenario under docs/benchmarks/.
Standard library only.
"""
import argparse
import datetime
import json
import statistics
import os
import platform
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.path.join(ROOT, "bench", "peers", "asyncio_peers.py")
SYSTEM_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

# scenario: JMH class, {method: label}, the Weft label the ratios are taken against, the
# reference label for the goal, the goal text, and whether the asyncio peers run.
SCENARIOS = {
    "spawn_join": {
        "jmh": "SpawnJoinBench",
        "labels": {"weftScopeParallel": "weft (parallel)", "weftScopeConfined": "weft (confined)",
                   "rawVirtualThreads": "raw virtual threads", "virtualThreadExecutor": "virtual-thread executor",
                   "completableFutures": "CompletableFuture (common pool)",
                   "structuredTaskScope": "StructuredTaskScope (preview)"},
        "preview": "preview.StructuredTaskScopeBench", "sizes": {"quick": 100_000, "full": 1_000_000},
        "weft": "weft (parallel)", "reference": "raw virtual threads",
        "goal": "at most 1.3x raw virtual threads; at least 10x faster than asyncio",
        "metric": "spawn+join per task", "unit": "ns", "python": True,
    },
    "gather_fanout": {
        "jmh": "GatherBench",
        "labels": {"weftGather": "weft gather", "rawCompletableFutures": "raw CompletableFutures"},
        "weft": "weft gather", "reference": "raw CompletableFutures",
        "goal": "at most 1.5x raw", "metric": "gather per task", "unit": "ns", "python": True,
    },
    "timer_storm": {
        "jmh": "TimerBench",
        "labels": {"weftDeadlineBlock": "weft deadline", "scheduledThreadPoolExecutor": "ScheduledThreadPoolExecutor",
                   "nettyHashedWheelTimer": "Netty HashedWheelTimer"},
        "weft": "weft deadline", "reference": None,
        "goal": "at most 200 ns per schedule+cancel", "metric": "schedule+cancel", "unit": "ns", "python": True,
    },
    "cancel_storm": {
        "jmh": "CancelStormBench",
        "labels": {"weftCancelScope": "weft scope cancel", "rawInterruptAndJoin": "raw interrupt+join"},
        "weft": "weft scope cancel", "reference": "raw interrupt+join",
        "goal": "at most 1.5x raw", "metric": "cancel+wait per task", "unit": "ns", "python": True,
    },
    "pingpong": {
        "jmh": "PingPongBench",
        "labels": {"weftChannelsParallel": "weft (parallel)", "weftChannelsConfined": "weft (confined)",
                   "rawSynchronousQueue": "raw SynchronousQueue",
                   "weftQueueParallel": "weft Queue(1) (parallel)", "rawArrayBlockingQueue": "raw ArrayBlockingQueue(1)"},
        "weft": "weft (parallel)", "reference": "raw SynchronousQueue",
        "goal": "parallel at most 1.5x raw; confined at most 1000 ns per round trip",
        "metric": "round trip", "unit": "ns", "python": True,
        # Weft's form and the raw one, measured again in alternating forks (see interleaved())
        "interleave": [["weftChannelsParallel", "rawSynchronousQueue"], ["weftQueueParallel", "rawArrayBlockingQueue"]],
    },
    "lock_contention": {
        "jmh": "LockContentionBench",
        "labels": {"weftLock": "weft Lock", "rawReentrantLock": "ReentrantLock",
                   "rawFairReentrantLock": "ReentrantLock (fair)"},
        "weft": "weft Lock", "reference": "ReentrantLock",
        "goal": "at most 1.5x ReentrantLock; Weft's Lock serves waiters first come, first served (issue 4, "
                "ADR 0006), so the like-for-like structure is the fair ReentrantLock",
        "metric": "acquire+release", "unit": "ns", "python": True,
        "interleave": [["weftLock", "rawFairReentrantLock"]],
    },
    "tcp_echo": {
        "weft": "weft (nio)", "reference": "raw virtual threads",
        "goal": "at least 1.0x raw virtual threads, 1.3x uvloop, 0.8x Netty (requests/s, higher is better)",
        "metric": "echo round trips per second", "unit": "req/s", "python": False,
        "note": "Each figure is the median of 5 rounds of 2 s (1 of 1 s with `--quick`); the servers run "
                "side by side and take turns, the order reversed every other round. \"weft (nio)\" is "
                "`reader.transferTo(writer)`; \"read loop\" is the hand-written readInto/write/drain loop on "
                "one 64 KiB buffer, as the raw peer's.",
    },
    "idle_conns": {
        "weft": "weft (nio)", "reference": "netty",
        "goal": "at most Netty's heap bytes per idle connection (10^4 connections)",
        "metric": "heap per idle connection", "unit": "bytes", "python": False,
    },
    "parked_memory": {
        "main": "dev.weft.bench.ParkedMemory",
        "weft": "weft", "reference": "raw virtual threads",
        "goal": "at most 1.25x raw bytes per task; wall time at most 0.9x raw Thread.sleep",
        "metric": "heap per parked task", "unit": "bytes", "python": True,
    },
}


def run(cmd, **kw):
    done = subprocess.run(cmd, text=True, capture_output=True, **kw)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        sys.exit(f"bench: this command failed (exit {done.returncode}):\n  {' '.join(cmd)}\n{tail}")
    return done


def ensure_uvloop():
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uvloop"], capture_output=True)
    if probe.returncode == 0:
        return True
    if os.geteuid() == 0 and os.path.exists("/usr/bin/apt-get"):
        print("bench: installing python3-uvloop with apt-get ...", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-q", "python3-uvloop"], capture_output=True)
        if subprocess.run([SYSTEM_PYTHON, "-c", "import uvloop"], capture_output=True).returncode == 0:
            return True
    print("bench: uvloop is missing and could not be installed; install it with "
          "'apt-get install python3-uvloop' (as root) to get the uvloop column", file=sys.stderr)
    return False


def jmh(java, classpath, scenario, quick, bench_class=None):
    """Runs one JMH class; a benchmark with a `tasks` parameter is scored per task."""
    spec = SCENARIOS[scenario]
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    cmd = [java, "-cp", classpath, "org.openjdk.jmh.Main", "dev.weft.bench." + (bench_class or spec["jmh"]) + ".",
           "-rf", "json", "-rff", out]
    if "sizes" in spec:
        cmd += ["-p", "tasks=" + str(spec["sizes"]["quick" if quick else "full"])]
    if quick:
        cmd += ["-f", "1", "-wi", "1", "-i", "3"]
        if spec["jmh"] != "CancelStormBench":
            cmd += ["-w", "1", "-r", "1"]
    run(cmd)
    figures = {}
    with open(out) as f:
        for r in json.load(f):
            method = r["benchmark"].rsplit(".", 1)[1]
            label = spec["labels"].get(method, method)
            per = int(r.get("params", {}).get("tasks", 1))
            figures[label] = {"value": r["primaryMetric"]["score"] / per, "error": r["primaryMetric"]["scoreError"] / per}
    os.unlink(out)
    return figures


def jmh_iterations(java, classpath, jmh_class, method, quick):
    """One fork of one JMH benchmark, iterations of 1 s: its per-iteration scores."""
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    run([java, "-cp", classpath, "org.openjdk.jmh.Main", f"dev.weft.bench.{jmh_class}.{method}$",
         "-rf", "json", "-rff", out, "-f", "1", "-w", "1", "-r", "1"]
        + (["-wi", "1", "-i", "3"] if quick else ["-wi", "3", "-i", "5"]))
    with open(out) as f:
        raw = json.load(f)[0]["primaryMetric"]["rawData"]
    os.unlink(out)
    return [v for fork in raw for v in fork]


def two_speeds(values):
    """Splits per-iteration scores at their widest gap, if that gap is at least 1.8x: the VM this
    runs on switches, on its own, between a fast and a slow speed (bench/PROFILING.md), so that
    scores taken minutes apart are only comparable at the same speed. Returns (fast, slow)."""
    ordered = sorted(values)
    if len(ordered) < 2:
        return ordered, []
    gap, at = max((ordered[i + 1] / ordered[i], i) for i in range(len(ordered) - 1))
    return (ordered[:at + 1], ordered[at + 1:]) if gap >= 1.8 else (ordered, [])


def interleaved(java, classpath, scenario, quick):
    """For each (Weft, raw peer) pair of the scenario: rounds of one fork each, the order swapped
    every round, so that both see the machine's slow and fast spells alike. Keeps only the
    per-iteration scores; pair_summary() derives the medians and ratios from them."""
    spec = SCENARIOS[scenario]
    rounds = 2 if quick else 6
    pairs = []
    for weft_method, peer_method in spec["interleave"]:
        scores = {weft_method: [], peer_method: []}
        for r in range(rounds):
            for method in ([weft_method, peer_method] if r % 2 == 0 else [peer_method, weft_method]):
                scores[method] += jmh_iterations(java, classpath, spec["jmh"], method, quick)
        pairs.append({"weft": spec["labels"][weft_method], "peer": spec["labels"][peer_method], "rounds": rounds,
                      "iterations": {spec["labels"][m]: v for m, v in scores.items()}})
    return pairs


def pair_summary(pair):
    """Medians of an interleaved pair: overall, and at each of the VM's speeds when both sides
    show both speeds (only then is a per-speed ratio a comparison at the same speed)."""
    out = {"median": {}, "speeds": {}}
    split = True
    for label, values in pair["iterations"].items():
        fast, slow = two_speeds(values)
        out["median"][label] = statistics.median(values)
        out["speeds"][label] = {"fast": statistics.median(fast), "fast_count": len(fast),
                                "slow": statistics.median(slow) if slow else None, "slow_count": len(slow)}
        split = split and bool(slow)
    w, r = pair["weft"], pair["peer"]
    out["ratio"] = round(out["median"][w] / out["median"][r], 3)
    if split:
        out["ratio_fast"] = round(out["speeds"][w]["fast"] / out["speeds"][r]["fast"], 3)
        out["ratio_slow"] = round(out["speeds"][w]["slow"] / out["speeds"][r]["slow"], 3)
    return out


def interleaved_lines(pairs, unit):
    """Markdown lines for interleaved()'s pairs."""
    lines = []
    for p in pairs:
        sm = pair_summary(p)
        w, r = p["weft"], p["peer"]
        sw, sr = sm["speeds"][w], sm["speeds"][r]
        line = (f"- {w} against {r}, {p['rounds']} alternating rounds ({len(p['iterations'][w])} and "
                f"{len(p['iterations'][r])} iterations of 1 s): ")
        overall = f"{sm['median'][w]:,.0f} and {sm['median'][r]:,.0f} {unit}"
        if "ratio_fast" in sm:
            line += (f"at the VM's fast speed {sw['fast']:,.0f} ({sw['fast_count']}) and {sr['fast']:,.0f} "
                     f"({sr['fast_count']}), **{sm['ratio_fast']:.2f}x**; at its slow speed {sw['slow']:,.0f} "
                     f"({sw['slow_count']}) and {sr['slow']:,.0f} ({sr['slow_count']}), **{sm['ratio_slow']:.2f}x** "
                     f"(the medians of all iterations, {overall}, mix the speeds)")
        elif not sw["slow_count"] and not sr["slow_count"]:
            line += f"medians {overall}, **{sm['ratio']:.2f}x**; neither side's scores split into two speeds"
        else:
            changed = w if sw["slow_count"] else r
            line += (f"medians {overall}, {sm['ratio']:.2f}x, not a fair comparison: only {changed} saw the VM "
                     f"change speed ({sm['speeds'][changed]['slow_count']} slow iterations)")
        lines.append(line)
    return lines


def preview_peer(java, preview_classpath, scenario, quick):
    """The peers that need --enable-preview (StructuredTaskScope), built for this exact JDK by
    `./weft bench` (module bench-preview, profile `preview`); empty with a note when unavailable."""
    spec = SCENARIOS[scenario]
    if "preview" not in spec:
        return {}
    if not preview_classpath:
        print(f"bench: {scenario}: no StructuredTaskScope peer (it is a preview API built for JDK 25 only; "
              "run ./weft bench on a JDK 25 to get it)", file=sys.stderr)
        return {}
    return jmh(java, preview_classpath, scenario, quick, spec["preview"])


def python_peer(scenario, loop, quick):
    cmd = [SYSTEM_PYTHON, PEERS, scenario, "--loop", loop] + (["--quick"] if quick else [])
    return json.loads(run(cmd).stdout)


def parked_memory(java, classpath, quick):
    n = "100000" if quick else "1000000"
    figures, walls = {}, {}
    for impl, label in (("raw", "raw virtual threads"), ("weft", "weft")):
        base = [java, "-Xmx8g", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", classpath,
                SCENARIOS["parked_memory"]["main"], impl, n]
        heap = json.loads(run(base).stdout)
        wall = json.loads(run(base + ["wall"]).stdout)
        figures[label] = {"value": heap["bytes_per_task"]}
        walls[label] = {"value": wall["wall_s"]}
    return figures, walls


ECHO_SERVERS = [
    ("weft (nio)", ["java", "dev.weft.bench.echo.WeftEchoServer", "nio"]),
    ("weft (nio, read loop)", ["java", "dev.weft.bench.echo.WeftEchoServer", "nio", "--read-loop"]),
    ("weft (blocking)", ["java", "dev.weft.bench.echo.WeftEchoServer", "blocking"]),
    ("raw virtual threads", ["java", "dev.weft.bench.echo.RawEchoServer"]),
    ("netty", ["java", "dev.weft.bench.echo.NettyEchoServer"]),
    ("asyncio", ["python", "asyncio"]),
    ("uvloop", ["python", "uvloop"]),
]


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tcp_echo(java, classpath, quick, have_uvloop):
    """Every server in its own process, all started first; for each configuration the same load
    client runs against each server in turn, round after round (the order reversed every other
    round), and each figure is the median of its rounds. Interleaving spreads the machine's drift
    over all servers instead of charging it to whichever ran last."""
    seconds, rounds = ("1", 1) if quick else ("2", 5)
    configs = [(c, size) for size in (1024, 10240, 102400) for c in (10, 100)]
    servers = {}
    try:
        for label, how in ECHO_SERVERS:
            if how[0] == "python" and how[1] == "uvloop" and not have_uvloop:
                continue
            if quick and label in QUICK_SKIPS_ECHO:
                continue  # --quick keeps one Weft server, to stay under five minutes
            port = free_port()
            if how[0] == "java":
                cmd = [java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", classpath, how[1], str(port)] + how[2:]
            else:
                cmd = [SYSTEM_PYTHON, os.path.join(ROOT, "bench", "peers", "echo_server.py"), str(port), "--loop", how[1]]
            server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            servers[label] = (server, port)
            if server.stdout.readline().strip() != "listening":
                raise RuntimeError(label + " echo server did not start")
        table = {}
        labels = list(servers)
        for conns, size in configs:
            runs = {label: [] for label in labels}
            for r in range(rounds):
                for label in (labels if r % 2 == 0 else labels[::-1]):
                    out = run([java, "-cp", classpath, "dev.weft.bench.echo.EchoLoadClient", str(servers[label][1]),
                               str(conns), str(size), seconds]).stdout
                    runs[label].append(json.loads(out)["requests_per_second"])
            table[f"{conns} conns x {size // 1024} KiB"] = {
                label: {"value": statistics.median(v), "rounds": v} for label, v in runs.items()}
        return table
    finally:
        for server, _ in servers.values():
            server.kill()
            server.wait()


QUICK_SKIPS_ECHO = ("weft (blocking)", "weft (nio, read loop)")

IDLE_SERVERS = [("weft (nio)", "weft-nio"), ("weft (blocking)", "weft-blocking"),
                ("raw virtual threads", "raw"), ("netty", "netty")]


def idle_conns(java, classpath, quick):
    """Each server in its own JVM, 10^4 idle connections from one client JVM; heap and RSS per connection."""
    n = "10000"
    figures, rss = {}, {}
    for label, impl in IDLE_SERVERS:
        if quick and impl == "weft-blocking":
            continue  # --quick keeps the nio transport only, to stay under five minutes
        server = subprocess.Popen([java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", classpath,
                                   "dev.weft.bench.idle.IdleConnsServer", impl, n],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        client = None
        try:
            first = server.stdout.readline().split()
            if len(first) != 2 or first[0] != "listening":
                raise RuntimeError(label + " idle server did not start")
            client = subprocess.Popen([java, "-cp", classpath, "dev.weft.bench.idle.IdleConnsClient", first[1], n],
                                      stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            result = json.loads(server.stdout.readline())
            figures[label] = {"value": result["heap_bytes_per_conn"]}
            rss[label] = {"value": result["rss_bytes_per_conn"]}
        finally:
            server.kill()
            server.wait()
            if client is not None:
                client.stdin.close()
                client.kill()
                client.wait()
    return figures, rss


def ratios(figures, weft_label):
    weft = figures.get(weft_label, {}).get("value")
    if not weft:
        return {}
    return {label: round(weft / f["value"], 3) for label, f in figures.items()
            if label != weft_label and f.get("value")}


def svg_chart(path, title, unit, figures):
    items = sorted(figures.items(), key=lambda kv: kv[1]["value"])
    width, bar, gap, left = 760, 22, 8, 230
    height = 40 + len(items) * (bar + gap)
    top = max(f["value"] for _, f in items) or 1
    rows = []
    for i, (label, f) in enumerate(items):
        y = 30 + i * (bar + gap)
        w = max(1, (width - left - 90) * f["value"] / top)
        colour = "#2b7bb9" if label.startswith("weft") else "#9aa5b1"
        rows.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="13">{label}</text>'
                    f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"/>'
                    f'<text x="{left + w + 6:.1f}" y="{y + 16}" font-size="12">{f["value"]:,.0f} {unit}</text>')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                  f'font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>'
                  f'<text x="10" y="18" font-size="14" font-weight="bold">{title} ({unit}, '
                  f'{"higher" if unit.endswith("/s") else "lower"} is better)</text>'
                  + "".join(rows) + "</svg>\n")


def machine():
    return {"cpus": os.cpu_count(), "os": platform.platform(), "python": platform.python_version(),
            "java": os.environ.get("WEFT_BENCH_JAVA_VERSION", "")}


def write_docs():
    """docs/benchmarks.md from the result files in bench/results: one section per scenario."""
    results_dir = os.path.join(ROOT, "bench", "results")
    found = [json.load(open(os.path.join(results_dir, f))) for f in sorted(os.listdir(results_dir))
             if f.endswith(".json")]
    by_name = {r["scenario"]: r for r in found}
    lines = ["# Benchmarks", "",
             "Written by `./weft bench --docs` from `bench/results/*.json`; each scenario's figures come from one",
             "run of `./weft bench` on the machine named in its section, Weft and peers side by side. "
             "Charts: `docs/benchmarks/`.", "",
             "The machine is a 2-core VM: figures swing between runs, for the peers as much as for Weft; the",
             "JMH error column gives each figure's 99.9% interval. Compare ratios within one run only. The VM",
             "also switches between a fast and a slow speed within a run, for every benchmark at once: where a",
             "scenario is measured again in alternating forks, those lines, not the table, are the comparison.",
             "Where a goal is missed, [bench/PROFILING.md](../bench/PROFILING.md) gives the profiler's evidence "
             "and what would close it.", ""]
    for name in SCENARIOS:
        r = by_name.get(name)
        if r is None:
            lines += [f"## {name}", "", "Not measured yet.", ""]
            continue
        m = r["machine"]
        lines += [f"## {name}", "",
                  f"{r['metric']} ({r['unit']}). Goal: {r['goal']}. Run {r['date']}"
                  + (" with `--quick`" if r.get("quick") else "") + f"; {m['cpus']} CPUs, {m['os']}, {m.get('java', '')}.", ""]
        chart = os.path.join(ROOT, "docs", "benchmarks", name + ".svg")
        if "configurations" in r:
            key = "100 conns x 1 KiB"
            svg_chart(chart, name + ", " + key, r["unit"], r["configurations"].get(key, {}).get("figures", {}))
        else:
            svg_chart(chart, name, r["unit"], dict(r["weft"], **r["peers"]))
        if "configurations" in r:
            labels = list(next(iter(r["configurations"].values()))["figures"])
            lines += ["| configuration | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
            for cfg, row in r["configurations"].items():
                lines.append(f"| {cfg} | " + " | ".join(f"{row['figures'][l]['value']:,.0f}" if l in row["figures"] else "-"
                                                      for l in labels) + " |")
            if r.get("note"):
                lines += ["", r["note"]]
            lines += ["", f"![{name}](benchmarks/{name}.svg)", ""]
            continue
        rows = dict(r["weft"], **r["peers"])
        lines += ["| implementation | " + r["unit"] + " | JMH error (99.9%) | Weft / this |", "|---|---|---|---|"]
        for label, f in sorted(rows.items(), key=lambda kv: kv[1]["value"]):
            ratio = r["ratios"].get(label)
            error = f"± {f['error']:,.1f}" if f.get("error") else ""
            lines.append(f"| {label} | {f['value']:,.1f} | {error} | " + (f"{ratio:.2f}" if ratio else "") + " |")
        if r.get("interleaved"):
            lines += ["", "Measured again in alternating forks, so that Weft and its raw peer see this VM's fast "
                          "and slow spells alike (iteration counts in brackets; the speeds are split at the widest "
                          "gap between scores):", ""] + interleaved_lines(r["interleaved"], r["unit"])
        if "wall_seconds" in r:
            lines += ["", "Wall time (s): " + ", ".join(f"{k} {v['value']:.2f}" for k, v in r["wall_seconds"].items())]
        if "rss_bytes" in r:
            lines += ["", "Resident bytes per connection (RSS growth): "
                      + ", ".join(f"{k} {v['value']:,.0f}" for k, v in r["rss_bytes"].items())]
        lines += ["", f"![{name}](benchmarks/{name}.svg)", ""]
    with open(os.path.join(ROOT, "docs", "benchmarks.md"), "w") as out:
        out.write("\n".join(lines) + "\n")


def main():
    if "--docs" in sys.argv:
        write_docs()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="default: all of " + ", ".join(SCENARIOS))
    parser.add_argument("--quick", action="store_true", help="fewer iterations and smaller sizes")
    parser.add_argument("--java", required=True)
    parser.add_argument("--classpath", required=True)
    parser.add_argument("--preview-classpath", default="",
                        help="class path of bench-preview (StructuredTaskScope), built for this JDK")
    args = parser.parse_args()
    chosen = args.scenarios or list(SCENARIOS)
    unknown = [s for s in chosen if s not in SCENARIOS]
    if unknown:
        sys.exit("bench: unknown scenario(s) " + ", ".join(unknown) + "; choose from " + ", ".join(SCENARIOS))
    have_uvloop = ensure_uvloop()
    results_dir = os.path.join(ROOT, "bench", "results")
    os.makedirs(results_dir, exist_ok=True)
    summary = []
    began = time.monotonic()
    for scenario in chosen:
        spec = SCENARIOS[scenario]
        print(f"bench: {scenario} ... (started at {time.monotonic() - began:.0f} s)", file=sys.stderr, flush=True)
        extra = {}
        if scenario == "tcp_echo":
            table = tcp_echo(args.java, args.classpath, args.quick, have_uvloop)
            result = {
                "scenario": scenario, "metric": spec["metric"], "unit": spec["unit"], "goal": spec["goal"],
                "quick": args.quick, "machine": machine(), "note": spec.get("note"),
                "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "configurations": {cfg: {"figures": row, "ratios": ratios(row, spec["weft"])} for cfg, row in table.items()},
            }
            with open(os.path.join(results_dir, scenario + ".json"), "w") as out:
                json.dump(result, out, indent=2)
                out.write("\n")
            svg_chart(os.path.join(ROOT, "docs", "benchmarks", scenario + ".svg"),
                      "tcp_echo, 100 conns x 1 KiB", "req/s", table.get("100 conns x 1 KiB", {}))
            summary.append(result)
            continue
        if scenario == "parked_memory":
            figures, walls = parked_memory(args.java, args.classpath, args.quick)
            extra["wall_seconds"] = walls
        elif scenario == "idle_conns":
            figures, rss = idle_conns(args.java, args.classpath, args.quick)
            extra["rss_bytes"] = rss
        else:
            figures = jmh(args.java, args.classpath, scenario, args.quick)
            figures.update(preview_peer(args.java, args.preview_classpath, scenario, args.quick))
            if "interleave" in spec:
                extra["interleaved"] = interleaved(args.java, args.classpath, scenario, args.quick)
        if spec["python"]:
            for loop in ["asyncio"] + (["uvloop"] if have_uvloop else []):
                peer = python_peer(scenario, loop, args.quick)
                if scenario == "parked_memory":
                    figures[loop] = {"value": peer["value"]["bytes_per_task"]}
                    extra["wall_seconds"][loop] = {"value": peer["value"]["wall_s"]}
                else:
                    figures[loop] = {"value": peer["value"]}
        result = {
            "scenario": scenario, "metric": spec["metric"], "unit": spec["unit"], "goal": spec["goal"],
            "quick": args.quick, "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "machine": machine(), "weft": {k: v for k, v in figures.items() if k.startswith("weft")},
            "peers": {k: v for k, v in figures.items() if not k.startswith("weft")},
            "ratios": ratios(figures, spec["weft"]),
        }
        result.update(extra)
        with open(os.path.join(results_dir, scenario + ".json"), "w") as out:
            json.dump(result, out, indent=2)
            out.write("\n")
        svg_chart(os.path.join(ROOT, "docs", "benchmarks", scenario + ".svg"), scenario, spec["unit"], figures)
        summary.append(result)
    print(f"bench: {len(chosen)} scenario(s) in {time.monotonic() - began:.0f} s", file=sys.stderr)
    for r in summary:
        print(f"\n{r['scenario']}: {r['metric']} ({r['unit']}); goal: {r['goal']}")
        if "configurations" in r:
            for cfg, row in r["configurations"].items():
                cells = ", ".join(f"{k} {v['value']:,.0f}" for k, v in row["figures"].items())
                rs = ", ".join(f"/{k} {v:.2f}" for k, v in row["ratios"].items())
                print(f"  {cfg}: {cells}\n    weft (nio) {rs}")
            continue
        rows = dict(r["weft"], **r["peers"])
        for label, f in sorted(rows.items(), key=lambda kv: kv[1]["value"]):
            ratio = r["ratios"].get(label)
            print(f"  {label:28s} {f['value']:>14,.1f}" + (f"   weft/this = {ratio:.2f}" if ratio else ""))
        for line in interleaved_lines(r.get("interleaved", []), r["unit"]):
            print("  " + line.replace("**", ""))
        if "wall_seconds" in r:
            walls = r["wall_seconds"]
            print("  wall time (s): " + ", ".join(f"{k} {v['value']:.2f}" for k, v in walls.items()))
        if "rss_bytes" in r:
            print("  resident bytes per connection: " + ", ".join(f"{k} {v['value']:,.0f}" for k, v in r["rss_bytes"].items()))


if __name__ == "__main__":
    main()
