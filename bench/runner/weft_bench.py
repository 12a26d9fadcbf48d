#!/usr/bin/env python3
"""Weft's benchmark runner: Weft and its peers side by side, interleaved, on this machine.

Called by `./weft bench [SCENARIO...] [--quick] [--rounds N]` with the JDK and the class paths.
The method (issue 21), the same for every scenario and every implementation:

- A run is made of rounds (at least 5). In each round every implementation is measured once,
  one after the other (its own JVM fork or process), and the order is reversed every other round,
  so that all of them see the machine's slow and fast spells alike.
- A per-round figure is the median of that fork's measured iterations (JMH) or that process's
  one figure (the asyncio/uvloop peers, the memory mains, the echo servers under load).
- The table gives, per implementation, the median of its per-round figures and their range.
- Ratios (Weft / peer) are computed within each round and summarised the same way: median and
  range. The headline ratio is against the strongest peer of the scenario (the best median
  among its `strongest_of` peers), and the goal is checked on that ratio: "met" or "missed".
- Nothing is rerun alone: a rerun is a new run of the whole scenario and replaces its file.
- Memory compares like with like: heap after full GCs with heap (Java only), resident bytes
  (VmRSS from /proc/self/status) with resident bytes, for every implementation that has one.

Writes bench/results/<scenario>.json (with the run's id and date) and, with --docs or after a
run, docs/benchmarks.md, the charts under docs/benchmarks/, and README.md's performance table
(between its `bench:table` markers) from the latest complete run only: every scenario, without
--quick. Standard library only.
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.path.join(ROOT, "bench", "peers", "asyncio_peers.py")
SYSTEM_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
RESULTS = os.path.join(ROOT, "bench", "results")
METHOD = 2  # result files of the method above; files without it are from before issue 21
MIN_ROUNDS = 5

# Each scenario: its implementations (label -> how to measure it), the Weft label the headline is
# about, the peers the strongest is chosen among, the goal as text and as a check on the headline
# ratio, the metrics (key, name, unit; the first is the headline) and the configurations.
SCENARIOS = {
    "spawn_join": {
        "jmh": "SpawnJoinBench",
        "impls": {"weft (parallel)": "weftScopeParallel", "weft (confined)": "weftScopeConfined",
                  "raw, virtual spawner + latch": "rawVirtualLatch",
                  "raw, virtual spawner + join": "rawVirtualJoin",
                  "raw, platform spawner + join": "rawVirtualThreads",
                  "virtual-thread executor": "virtualThreadExecutor",
                  "CompletableFuture (common pool)": "completableFutures",
                  "StructuredTaskScope (preview)": "preview:structuredTaskScope"},
        "python": True, "param": "tasks",
        "configs": {"full": [10_000, 100_000, 1_000_000], "quick": [100_000]},
        "weft": "weft (parallel)",
        "strongest_of": ["raw, virtual spawner + latch", "raw, virtual spawner + join", "raw, platform spawner + join"],
        "goal": "at most 1.1x the strongest raw peer (time; bytes: JMH -prof gc, bench/PROFILING.md)",
        "check": ("max_ratio", 1.1),
        "metrics": [("time", "spawn+join per task", "ns")],
    },
    "gather_fanout": {
        "jmh": "GatherBench", "python": True,
        "impls": {"weft gather": "weftGather", "raw CompletableFutures": "rawCompletableFutures"},
        "weft": "weft gather", "strongest_of": ["raw CompletableFutures"],
        "goal": "at most 1.5x raw", "check": ("max_ratio", 1.5),
        "metrics": [("time", "gather per task", "ns")],
    },
    "timer_storm": {
        "jmh": "TimerBench", "python": True,
        "impls": {"weft deadline": "weftDeadlineBlock", "ScheduledThreadPoolExecutor": "scheduledThreadPoolExecutor",
                  "Netty HashedWheelTimer": "nettyHashedWheelTimer"},
        "weft": "weft deadline", "strongest_of": ["ScheduledThreadPoolExecutor", "Netty HashedWheelTimer"],
        "goal": "at most 200 ns per schedule+cancel", "check": ("max_value", 200),
        "metrics": [("time", "schedule+cancel", "ns")],
    },
    "cancel_storm": {
        "jmh": "CancelStormBench", "python": True,
        "impls": {"weft scope cancel": "weftCancelScope", "raw interrupt+join": "rawInterruptAndJoin"},
        "weft": "weft scope cancel", "strongest_of": ["raw interrupt+join"],
        "goal": "at most 1.5x raw", "check": ("max_ratio", 1.5),
        "metrics": [("time", "cancel+wait per task", "ns")],
    },
    "pingpong": {
        "jmh": "PingPongBench", "python": True,
        "impls": {"weft (parallel)": "weftChannelsParallel", "weft (confined)": "weftChannelsConfined",
                  "raw SynchronousQueue": "rawSynchronousQueue", "weft Queue(1) (parallel)": "weftQueueParallel",
                  "raw ArrayBlockingQueue(1)": "rawArrayBlockingQueue"},
        "weft": "weft (parallel)", "strongest_of": ["raw SynchronousQueue"],
        "goal": "parallel at most 1.5x raw SynchronousQueue; confined at most 1000 ns per round trip",
        "check": ("max_ratio", 1.5),
        "metrics": [("time", "round trip", "ns")],
    },
    "lock_contention": {
        "jmh": "LockContentionBench", "python": True,
        "impls": {"weft Lock": "weftLock", "ReentrantLock (fair)": "rawFairReentrantLock",
                  "ReentrantLock": "rawReentrantLock"},
        "weft": "weft Lock", "strongest_of": ["ReentrantLock (fair)"],
        "goal": "at most 1.5x the fair ReentrantLock (Weft's Lock is FIFO by contract, ADR 0006)",
        "check": ("max_ratio", 1.5),
        "metrics": [("time", "acquire+release", "ns")],
    },
    "tcp_echo": {
        "impls": {"weft example echo-server": ("example", "dev.weft.examples.EchoServer"),
                  "weft (nio, transferTo)": ("java", "dev.weft.bench.echo.WeftEchoServer", "nio"),
                  "weft (nio, read loop)": ("java", "dev.weft.bench.echo.WeftEchoServer", "nio", "--read-loop"),
                  "weft (blocking)": ("java", "dev.weft.bench.echo.WeftEchoServer", "blocking"),
                  "raw virtual threads": ("java", "dev.weft.bench.echo.RawEchoServer"),
                  "netty": ("java", "dev.weft.bench.echo.NettyEchoServer"),
                  "asyncio": ("python", "asyncio"), "uvloop": ("python", "uvloop")},
        "quick_skip": ["weft (blocking)", "weft (nio, read loop)"],
        # (connections, size) for the project's EchoLoadClient; ("echoclient.py", processes, size) for
        # uvloop's own client (the shape of its published benchmark), when python3-uvloop ships it
        "configs": {"full": [(c, s) for s in (1024, 10240, 102400) for c in (10, 100)]
                    + [("echoclient.py", w, s) for s in (1024, 10240, 102400) for w in (1, 4)],
                    "quick": [(10, 10240), ("echoclient.py", 4, 10240)]},
        "weft": "weft example echo-server", "strongest_of": ["raw virtual threads", "uvloop"],
        "goal": "the shipped example at least 1.0x raw virtual threads and uvloop in every configuration "
                "(requests/s, higher is better)",
        "check": ("min_ratio", 1.0),
        "metrics": [("rps", "echo round trips per second", "req/s")],
    },
    "idle_conns": {
        "impls": {"weft (nio)": "weft-nio", "weft (nio, transferTo)": "weft-nio-transfer",
                  "weft (blocking)": "weft-blocking", "raw virtual threads": "raw", "netty": "netty"},
        "quick_skip": ["weft (blocking)", "weft (nio, transferTo)"],
        "weft": "weft (nio)", "strongest_of": ["netty"],
        "goal": "at most Netty's heap bytes per idle connection (10^4 connections)", "check": ("max_ratio", 1.0),
        "metrics": [("heap", "heap per idle connection", "bytes"), ("rss", "resident bytes per idle connection", "bytes")],
    },
    "parked_memory": {
        "impls": {"weft": "weft", "raw virtual threads": "raw", "asyncio": "python:asyncio", "uvloop": "python:uvloop"},
        "configs": {"full": [1_000_000], "quick": [100_000]},
        "weft": "weft", "strongest_of": ["raw virtual threads"],
        "goal": "heap at most 1.15x raw per task; wall time at most 0.9x raw Thread.sleep",
        "check": ("max_ratio", 1.15), "checks": {"wall": ("max_ratio", 0.9)},
        "metrics": [("heap", "heap per parked task", "bytes"), ("rss", "resident bytes per parked task", "bytes"),
                    ("wall", "wall time until every task has slept 1 s", "s")],
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


class Context:
    """What every measurement needs: the JVM, the class paths, the run's settings."""

    def __init__(self, args, have_uvloop):
        self.java, self.classpath = args.java, args.classpath
        self.preview_classpath, self.examples_classpath = args.preview_classpath, args.examples_classpath
        self.quick, self.rounds, self.have_uvloop = args.quick, args.rounds, have_uvloop


# ---------------------------------------------------------------------------------------------
# One measurement of one implementation: the figure it contributes to one round.

def jmh_once(ctx, spec, method, config):
    """One JMH fork of one benchmark method; {"time": median of its iterations, per task}."""
    classpath = ctx.classpath
    if method.startswith("preview:"):
        method, classpath = method.split(":", 1)[1], ctx.preview_classpath
        bench_class = "preview.StructuredTaskScopeBench"
    else:
        bench_class = spec["jmh"]
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    cmd = [ctx.java, "-cp", classpath, "org.openjdk.jmh.Main", f"dev.weft.bench.{bench_class}.{method}$",
           "-rf", "json", "-rff", out, "-f", "1"]
    if spec["jmh"] != "CancelStormBench":  # single-shot: its own iteration counts stand
        cmd += (["-wi", "1", "-i", "2"] if ctx.quick else ["-wi", "2", "-i", "3"]) + ["-w", "1", "-r", "1"]
    elif ctx.quick:
        cmd += ["-wi", "2", "-i", "3"]
    if "param" in spec:
        cmd += ["-p", f"{spec['param']}={config}"]
    run(cmd)
    with open(out) as f:
        result = json.load(f)[0]
    os.unlink(out)
    per = int(result.get("params", {}).get(spec.get("param", ""), 1))
    scores = [v for fork in result["primaryMetric"]["rawData"] for v in fork]
    return {"time": statistics.median(scores) / per}


def python_once(ctx, scenario, loop, config):
    cmd = [SYSTEM_PYTHON, PEERS, scenario, "--loop", loop, "--repeats", "1"] + (["--quick"] if ctx.quick else [])
    if config is not None:
        cmd += ["--size", str(config)]
    value = json.loads(run(cmd).stdout)["value"]
    if scenario == "parked_memory":
        return {"rss": value["rss_bytes_per_task"], "wall": value["wall_s"]}
    return {"time": value}


def parked_once(ctx, impl, config):
    """Two JVMs: heap and RSS after full GCs, then the wall time without them."""
    base = [ctx.java, "-Xmx8g", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", ctx.classpath,
            "dev.weft.bench.ParkedMemory", impl, str(config)]
    memory = json.loads(run(base).stdout)
    wall = json.loads(run(base + ["wall"]).stdout)
    return {"heap": memory["bytes_per_task"], "rss": memory["rss_bytes_per_task"], "wall": wall["wall_s"]}


def idle_once(ctx, impl):
    """One server JVM, 10^4 idle connections from one client JVM; heap and RSS per connection."""
    n = "10000"
    server = subprocess.Popen([ctx.java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", ctx.classpath,
                               "dev.weft.bench.idle.IdleConnsServer", impl, n],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    client = None
    try:
        first = server.stdout.readline().split()
        if len(first) != 2 or first[0] != "listening":
            raise RuntimeError(impl + " idle server did not start")
        client = subprocess.Popen([ctx.java, "-cp", ctx.classpath, "dev.weft.bench.idle.IdleConnsClient", first[1], n],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        result = json.loads(server.stdout.readline())
        return {"heap": result["heap_bytes_per_conn"], "rss": result["rss_bytes_per_conn"]}
    finally:
        server.kill()
        server.wait()
        if client is not None:
            client.stdin.close()
            client.kill()
            client.wait()


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_echo_servers(ctx, spec, labels):
    """Every echo server in its own process, all started before the first round."""
    servers = {}
    for label in labels:
        how = spec["impls"][label]
        port = free_port()
        if how[0] == "java":
            cmd = [ctx.java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", ctx.classpath, how[1], str(port)]
            cmd += list(how[2:])
        elif how[0] == "example":
            cmd = [ctx.java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", ctx.examples_classpath, how[1],
                   "--port", str(port)]
        else:
            cmd = [SYSTEM_PYTHON, os.path.join(ROOT, "bench", "peers", "echo_server.py"), str(port), "--loop", how[1]]
        server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        servers[label] = (server, port)
        if "listening" not in server.stdout.readline():
            raise RuntimeError(label + " echo server did not start: " + " ".join(cmd))
    return servers


UVLOOP_ECHOCLIENT = "/usr/share/doc/python3-uvloop/examples/bench/echoclient.py"
# messages per client process, so that one measurement takes a second or two on a quiet machine
ECHOCLIENT_MESSAGES = {1024: 20000, 10240: 10000, 102400: 2000}


def echo_once(ctx, port, config):
    if config[0] == "echoclient.py":
        _, workers, size = config
        num = ECHOCLIENT_MESSAGES[size] // (5 if ctx.quick else 1)
        out = run([SYSTEM_PYTHON, UVLOOP_ECHOCLIENT, "--addr", f"127.0.0.1:{port}", "--msize", str(size),
                   "--workers", str(workers), "--num", str(num)]).stdout
        return {"rps": float(out.strip().splitlines()[-1].split()[0])}
    conns, size = config
    out = run([ctx.java, "-cp", ctx.classpath, "dev.weft.bench.echo.EchoLoadClient", str(port), str(conns), str(size),
               "1" if ctx.quick else "2"]).stdout
    return {"rps": json.loads(out)["requests_per_second"]}


# ---------------------------------------------------------------------------------------------
# Rounds, and their summary.

def chosen_impls(ctx, spec):
    labels = []
    for label, how in spec["impls"].items():
        if ctx.quick and label in spec.get("quick_skip", ()):
            continue
        if "uvloop" in str(how) and not ctx.have_uvloop:
            continue
        if isinstance(how, str) and how.startswith("preview:") and not ctx.preview_classpath:
            print("bench: no StructuredTaskScope peer (a preview API built for JDK 25 only)", file=sys.stderr)
            continue
        if isinstance(how, tuple) and how[0] == "example" and not ctx.examples_classpath:
            print("bench: no example echo-server (no --examples-classpath)", file=sys.stderr)
            continue
        labels.append(label)
    if spec.get("python"):
        labels += ["asyncio"] + (["uvloop"] if ctx.have_uvloop else [])
    return labels


def config_name(scenario, config):
    if config is None:
        return "default"
    if scenario == "tcp_echo" and config[0] == "echoclient.py":
        return f"uvloop echoclient.py, {config[1]} process{'es' if config[1] > 1 else ''} x {config[2] // 1024} KiB"
    if scenario == "tcp_echo":
        return f"{config[0]} conns x {config[1] // 1024} KiB"
    return f"10^{len(str(config)) - 1} tasks" if str(config).strip("0") == "1" else f"{config:,} tasks"


def measure_scenario(ctx, scenario):
    """All rounds of every configuration of one scenario: {config: {label: [per-round dicts]}}."""
    spec = SCENARIOS[scenario]
    configs = spec.get("configs", {}).get("quick" if ctx.quick else "full", [None])
    if scenario == "tcp_echo" and not os.path.exists(UVLOOP_ECHOCLIENT):
        print(f"bench: tcp_echo: no {UVLOOP_ECHOCLIENT} (Debian's python3-uvloop ships it); measuring with "
              "EchoLoadClient only", file=sys.stderr)
        configs = [c for c in configs if c[0] != "echoclient.py"]
    labels = chosen_impls(ctx, spec)
    servers = start_echo_servers(ctx, spec, labels) if scenario == "tcp_echo" else {}
    out = {}
    try:
        for config in configs:
            rounds = {label: [] for label in labels}
            for r in range(ctx.rounds):
                print(f"bench: {scenario}, {config_name(scenario, config)}, round {r + 1} of {ctx.rounds}",
                      file=sys.stderr, flush=True)
                for label in (labels if r % 2 == 0 else labels[::-1]):
                    rounds[label].append(measure_one(ctx, scenario, spec, label, config, servers))
            out[config_name(scenario, config)] = rounds
    finally:
        for server, _ in servers.values():
            server.kill()
            server.wait()
    return out


def measure_one(ctx, scenario, spec, label, config, servers):
    how = spec["impls"].get(label)
    if scenario == "tcp_echo":
        return echo_once(ctx, servers[label][1], config)
    if scenario == "idle_conns":
        return idle_once(ctx, how)
    if scenario == "parked_memory":
        if how.startswith("python:"):
            return python_once(ctx, scenario, how.split(":", 1)[1], config)
        return parked_once(ctx, how, config)
    if how is None:  # the asyncio/uvloop peers of a JMH scenario
        return python_once(ctx, scenario, label, config)
    return jmh_once(ctx, spec, how, config)


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "rounds": values}


def summarise(scenario, measured):
    """Medians and ranges of the per-round figures and of the per-round ratios, per metric."""
    spec = SCENARIOS[scenario]
    weft = spec["weft"]
    metrics = {}
    for key, name, unit in spec["metrics"]:
        higher_better = unit.endswith("/s")
        configs = {}
        for cfg, rounds in measured.items():
            figures = {label: spread([r[key] for r in rs]) for label, rs in rounds.items() if rs and key in rs[0]}
            ratios = {}
            if weft in figures:
                for label in figures:
                    if label == weft:
                        continue
                    per_round = [w / p for w, p in zip(figures[weft]["rounds"], figures[label]["rounds"]) if p]
                    if per_round:
                        ratios[label] = spread([round(x, 3) for x in per_round])
            candidates = [l for l in spec["strongest_of"] if l in figures]
            headline = None
            if candidates and weft in figures:
                best = (max if higher_better else min)(candidates, key=lambda l: figures[l]["median"])
                check = spec["check"] if key == spec["metrics"][0][0] else spec.get("checks", {}).get(key)
                headline = {"against": best, "ratio": ratios.get(best), "verdict": verdict(check, figures[weft], ratios.get(best))}
            configs[cfg] = {"figures": figures, "ratios": ratios, "headline": headline}
        metrics[key] = {"name": name, "unit": unit, "configurations": configs}
    return metrics


def verdict(check, weft_figure, ratio):
    if check is None:
        return None
    kind, bound = check
    if kind == "max_value":
        return "met" if weft_figure["median"] <= bound else "missed"
    if ratio is None:
        return None
    if kind == "max_ratio":
        return "met" if ratio["median"] <= bound else "missed"
    return "met" if ratio["median"] >= bound else "missed"


def machine():
    return {"cpus": os.cpu_count(), "os": platform.platform(), "python": platform.python_version(),
            "java": os.environ.get("WEFT_BENCH_JAVA_VERSION", ""), "load_average": os.getloadavg()}


# ---------------------------------------------------------------------------------------------
# Output: the table on stdout, docs/benchmarks.md, the charts, README's table.

def fmt(value, unit):
    if unit == "s":
        return f"{value:,.2f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def ratio_text(r):
    return f"{r['median']:.2f}x ({r['min']:.2f}-{r['max']:.2f})"


def scenario_lines(r):
    """Markdown for one result: per metric and configuration, a table and the headline."""
    lines = []
    for key, m in r["metrics"].items():
        for cfg, c in m["configurations"].items():
            title = m["name"] + ("" if cfg == "default" else ", " + cfg)
            lines += [f"**{title}** ({m['unit']}, {'higher' if m['unit'].endswith('/s') else 'lower'} is better; "
                      f"median of {r['rounds']} rounds, range in brackets)", "",
                      "| implementation | median | range | Weft / this, per round |", "|---|---|---|---|"]
            order = sorted(c["figures"].items(), key=lambda kv: kv[1]["median"], reverse=m["unit"].endswith("/s"))
            for label, f in order:
                ratio = c["ratios"].get(label)
                lines.append(f"| {label} | {fmt(f['median'], m['unit'])} | {fmt(f['min'], m['unit'])}-"
                             f"{fmt(f['max'], m['unit'])} | " + (ratio_text(ratio) if ratio else "") + " |")
            h = c.get("headline")
            if h and h["ratio"]:
                lines += ["", f"Headline: {r['weft']} is {ratio_text(h['ratio'])} {h['against']} (the strongest peer)"
                          + (f": goal **{h['verdict']}**." if h["verdict"] else ".")]
            lines.append("")
    return lines


def svg_chart(path, title, unit, rows):
    """Horizontal bars: one per (label, median), Weft in blue; rows already in display order."""
    width, bar, gap, left = 820, 20, 6, 290
    height = 40 + len(rows) * (bar + gap)
    top = max(v for _, v in rows) or 1
    out = []
    for i, (label, value) in enumerate(rows):
        y = 30 + i * (bar + gap)
        w = max(1, (width - left - 100) * value / top)
        colour = "#2b7bb9" if "weft" in label else "#9aa5b1"
        out.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12">{label}</text>'
                   f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}"/>'
                   f'<text x="{left + w + 6:.1f}" y="{y + 15}" font-size="12">{fmt(value, unit)} {unit}</text>')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif">'
                f'<rect width="100%" height="100%" fill="white"/><text x="10" y="18" font-size="14" '
                f'font-weight="bold">{title} ({unit}, {"higher" if unit.endswith("/s") else "lower"} is better, '
                f'medians)</text>' + "".join(out) + "</svg>\n")


def chart(r):
    """One chart per scenario: the headline metric, every configuration (so cost against N shows)."""
    key, m = next(iter(r["metrics"].items()))
    rows = []
    for cfg, c in m["configurations"].items():
        for label, f in c["figures"].items():
            rows.append((label if cfg == "default" else f"{label}, {cfg}", f["median"]))
    svg_chart(os.path.join(ROOT, "docs", "benchmarks", r["scenario"] + ".svg"), r["scenario"] + ", " + m["name"],
              m["unit"], rows)


def load_results():
    found = {}
    if os.path.isdir(RESULTS):
        for name in sorted(os.listdir(RESULTS)):
            if name.endswith(".json"):
                with open(os.path.join(RESULTS, name)) as f:
                    r = json.load(f)
                found[r["scenario"]] = r
    return found


def latest_complete_run(results):
    """The results of the latest run that measured every scenario without --quick, or {}."""
    runs = {}
    for r in results.values():
        if r.get("method") == METHOD and r.get("complete") and not r.get("quick"):
            runs.setdefault(r["run"], {})[r["scenario"]] = r
    whole = [run_id for run_id, rs in runs.items() if set(rs) == set(SCENARIOS)]
    return runs[max(whole)] if whole else {}


def write_docs():
    results = load_results()
    lines = ["# Benchmarks", "",
             "Written by `./weft bench` (or `./weft bench --docs`) from `bench/results/*.json`. The method",
             "(bench/README.md): every implementation measured once per round, rounds interleaved with the",
             "order reversed every other round, at least 5 rounds; figures are medians of per-round figures",
             "with their range; ratios are taken within each round. Charts: `docs/benchmarks/`. Where a goal",
             "is missed, [bench/PROFILING.md](../bench/PROFILING.md) gives the profiler's evidence.", ""]
    for name in SCENARIOS:
        r = results.get(name)
        lines += [f"## {name}", ""]
        if r is None or r.get("method") != METHOD:
            lines += ["Not measured yet under the interleaved method of issue 21. Figures published before it "
                      "(one run, Java means against the best of 5 Python runs, reruns of single configurations) "
                      "are withdrawn; they remain in git history.", ""]
            continue
        m = r["machine"]
        lines += [f"Goal: {r['goal']}. Run `{r['run']}`, {r['rounds']} rounds"
                  + (", `--quick` (not a publishable run)" if r.get("quick") else "")
                  + f"; {m['cpus']} CPUs, {m['os']}, {m.get('java', '')}; load average at the start "
                  + ", ".join(f"{x:.1f}" for x in m.get("load_average", [])) + ".", ""]
        lines += scenario_lines(r)
        chart(r)
        lines += [f"![{name}](benchmarks/{name}.svg)", ""]
    with open(os.path.join(ROOT, "docs", "benchmarks.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    write_readme_table(latest_complete_run(results))


README_BEGIN, README_END = "<!-- bench:table begin -->", "<!-- bench:table end -->"


def write_readme_table(run_results):
    """README.md's performance table between its markers, from one complete run only."""
    path = os.path.join(ROOT, "README.md")
    with open(path) as f:
        text = f.read()
    if README_BEGIN not in text or README_END not in text:
        return
    if not run_results:
        body = ["No complete run of `./weft bench` under the interleaved method (issue 21) has been published",
                "yet. The figures this README gave before (spawn \"0.55x raw\", parked tasks \"0.86x wall\",",
                "tcp_echo \"1.3-3.1x uvloop\", and the rest) were not measured that way and are withdrawn;",
                "see [docs/benchmarks.md](docs/benchmarks.md) for what has been measured since."]
    else:
        first = next(iter(run_results.values()))
        load = ", ".join(f"{x:.1f}" for x in first["machine"].get("load_average", []))
        body = [f"From the complete run `{first['run']}` of `./weft bench` ({first['rounds']} interleaved rounds of "
                f"every scenario, load average {load} at its start; medians, per-round ratio ranges in brackets; "
                "written by the runner, not by hand). Details, all peers and the machine: "
                "[docs/benchmarks.md](docs/benchmarks.md).", "",
                "| scenario | configuration | Weft | against the strongest peer | goal |", "| --- | --- | --- | --- | --- |"]
        for name in SCENARIOS:
            r = run_results[name]
            for key, m in r["metrics"].items():
                for cfg, c in m["configurations"].items():
                    h = c.get("headline")
                    weft = c["figures"].get(r["weft"])
                    if not h or not weft or not h["ratio"]:
                        continue
                    goal = {"met": "met", "missed": "**missed**"}.get(h["verdict"], "")
                    body.append(f"| {name} ({m['name']}) | {cfg} | {fmt(weft['median'], m['unit'])} {m['unit']} | "
                                f"{ratio_text(h['ratio'])} {h['against']} | {goal} |")
    new = README_BEGIN + "\n" + "\n".join(body) + "\n" + README_END
    text = re.sub(re.escape(README_BEGIN) + ".*?" + re.escape(README_END), lambda _: new, text, flags=re.S)
    with open(path, "w") as f:
        f.write(text)


def print_summary(r):
    print(f"\n{r['scenario']}: goal: {r['goal']}")
    for line in scenario_lines(r):
        if line:
            print("  " + line.replace("**", ""))


def main():
    if "--docs" in sys.argv:
        write_docs()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", help="default: all of " + ", ".join(SCENARIOS))
    parser.add_argument("--quick", action="store_true", help="fewer iterations and smaller sizes; not publishable")
    parser.add_argument("--rounds", type=int, default=MIN_ROUNDS, help=f"interleaved rounds, at least {MIN_ROUNDS}")
    parser.add_argument("--java", required=True)
    parser.add_argument("--classpath", required=True)
    parser.add_argument("--preview-classpath", default="",
                        help="class path of bench-preview (StructuredTaskScope), built for this JDK")
    parser.add_argument("--examples-classpath", default="", help="class path of the examples (echo-server)")
    args = parser.parse_args()
    if args.rounds < MIN_ROUNDS and not args.quick:
        sys.exit(f"bench: --rounds {args.rounds}: a run needs at least {MIN_ROUNDS} interleaved rounds "
                 "(fewer only with --quick, whose figures are not published)")
    chosen = args.scenarios or list(SCENARIOS)
    unknown = [s for s in chosen if s not in SCENARIOS]
    if unknown:
        sys.exit("bench: unknown scenario(s) " + ", ".join(unknown) + "; choose from " + ", ".join(SCENARIOS))
    load = os.getloadavg()[0]
    if load >= 3:
        print(f"bench: the 1-minute load average is {load:.1f}: figures taken now are not comparable with a "
              "quiet machine's; they are recorded with the load", file=sys.stderr)
    ctx = Context(args, ensure_uvloop())
    os.makedirs(RESULTS, exist_ok=True)
    run_id = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    began = time.monotonic()
    for scenario in chosen:
        spec = SCENARIOS[scenario]
        print(f"bench: {scenario} ... (started at {time.monotonic() - began:.0f} s)", file=sys.stderr, flush=True)
        measured = measure_scenario(ctx, scenario)
        result = {"scenario": scenario, "method": METHOD, "run": run_id,
                  "complete": set(chosen) == set(SCENARIOS), "quick": args.quick, "rounds": args.rounds,
                  "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  "machine": machine(), "goal": spec["goal"], "weft": spec["weft"],
                  "metrics": summarise(scenario, measured)}
        with open(os.path.join(RESULTS, scenario + ".json"), "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        print_summary(result)
    print(f"bench: {len(chosen)} scenario(s) in {time.monotonic() - began:.0f} s", file=sys.stderr)
    write_docs()


if __name__ == "__main__":
    main()
