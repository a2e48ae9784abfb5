"""`python -m bench [all|throughput|latency|dedupe|recovery|timers] [options]`: run benchmarks, write bench/results/.

Without --bootstrap each benchmark starts its own Kafka broker (hub.broker.LocalBroker) in a temporary
directory and stops it afterwards; the default sizes keep the whole run around ten minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def _ints(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part.strip()]


def _setting(text: str) -> tuple[str, str]:
    name, separator, value = text.partition("=")
    if not separator or not name:
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=VALUE, e.g. session_timeout_s=30")
    return name, value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("benchmark", nargs="?", default="all",
                   choices=["all", "throughput", "latency", "dedupe", "dedupe-quality", "recovery", "timers"])
    p.add_argument("--bootstrap", help="use this Kafka instead of starting a local broker")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--events", type=int, default=3000, help="throughput: workload size (default 3000)")
    p.add_argument("--profile", action="store_true", help="throughput, recovery: run the worker (recovery: the cold start's) under "
                   "pyinstrument")
    p.add_argument("--rates", type=_ints, default=[25, 1000, 5000],
                   help="latency: offered loads in events/s (default 25,1000,5000)")
    p.add_argument("--seconds", type=float, default=8.0, help="latency: seconds of load per rate (default 8)")
    p.add_argument("--wait", type=float, default=45.0, help="latency: seconds to wait for probes after the load")
    p.add_argument("--sizes", type=_ints, default=[10_000, 100_000],
                   help="dedupe: offers in the index (default 10000,100000; 100000 took 26 min to build on 2 cores); "
                        "timers: needs held by the engine")
    p.add_argument("--city-sizes", type=_ints, default=[10_000, 50_000],
                   help="dedupe: offers in one large city (default 10000,50000)")
    p.add_argument("--window", type=int, default=1000,
                   help="dedupe: offers timed at each size; timers: gaps timed at each size")
    p.add_argument("--entities", type=_ints, default=[100_000],
                   help="recovery: entities in the tables (default 100000; 1000000 behind this flag)")
    p.add_argument("--no-kill", action="store_true", help="recovery: cold start only, no kill and replacement")
    p.add_argument("--dynamic-membership", action="store_true",
                   help="recovery: workers without static membership (a replacement waits for the session timeout)")
    p.add_argument("--worker-setting", action="append", default=[], type=_setting, metavar="NAME=VALUE",
                   help="recovery: a worker setting for every worker of the run (e.g. session_timeout_s=30); repeatable")
    p.add_argument("--join", action="store_true",
                   help="recovery: after the cold start a second worker joins (instead of the kill): how soon the "
                        "partitions the first keeps, and those that move, answer")
    p.add_argument("--label", default="after",
                   help="dedupe-quality: the name the run is stored under in results/dedupe_quality.json")
    p.add_argument("--timeout", type=float, default=900.0, help="per run (seconds)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    chosen = ["throughput", "latency", "dedupe", "recovery"] if args.benchmark == "all" else [args.benchmark]
    print(f"load average before: {os.getloadavg()}", flush=True)
    for name in chosen:
        started = time.monotonic()
        if name == "throughput":
            from bench import throughput

            throughput.main(args.bootstrap, args.events, args.seed, args.timeout, args.profile)
        elif name == "latency":
            from bench import latency

            latency.main(args.bootstrap, args.rates, args.seconds, 0.25, args.wait, args.seed)
        elif name == "dedupe":
            from bench import dedupe_scaling

            dedupe_scaling.main(args.sizes, args.city_sizes, args.seed, args.window)
        elif name == "dedupe-quality":
            from bench import dedupe_quality

            dedupe_quality.main(args.label)
        elif name == "timers":
            from bench import timers

            timers.main(args.sizes, args.window)
        elif name == "recovery":
            from bench import recovery

            recovery.main(args.bootstrap, args.entities, args.seed, args.timeout, kill=not args.no_kill,
                          profile=args.profile, static_membership=not args.dynamic_membership,
                          join=args.join, worker_settings=dict(args.worker_setting))
        print(f"{name}: {time.monotonic() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
