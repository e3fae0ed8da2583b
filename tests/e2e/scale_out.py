#!/usr/bin/env python3
"""More than one machine, on one: the recipe of docs/scale-out.md on a Dask
cluster of local processes (a scheduler and three workers, each its own
process, listening on 127.0.0.1 only). scripts/factgraph_dask.py shards a
corpus (text, HTML, JSON Lines), runs `factgraph extract` on the workers and
merges the shards, flat and as a tree; each result must equal a single
`factgraph build` of the same files byte for byte (JSON and GraphML). The
GNU parallel form of the recipe runs too, with local job slots.

Run by Debian's /usr/bin/python3 (python3-distributed; parallel).
Environment: FG_BIN, FG_SOURCE_DIR. Last line: "N passed, M failed".
"""
import filecmp
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_workers(address, n, timeout=60):
    from distributed import Client
    with Client(address, timeout=timeout) as c:
        c.wait_for_workers(n, timeout=timeout)
        return len(c.scheduler_info()["workers"])


def main():
    fg = os.environ["FG_BIN"]
    src = os.environ["FG_SOURCE_DIR"]
    tmp = tempfile.mkdtemp(prefix="fg_scale_out_")
    procs = []
    try:
        corpus = os.path.join(tmp, "corpus")
        shutil.copytree(os.path.join(src, "samples"), corpus,
                        ignore=shutil.ignore_patterns("*.json", "*.md", "*.py"))
        shutil.copy(os.path.join(src, "tests", "cases", "input", "article_sjis.html"), corpus)
        with open(os.path.join(corpus, "feed.jsonl"), "w", encoding="utf-8") as f:
            for i, text in enumerate(["Microsoft invested $1.5 billion in G42.",
                                      "エヌビディアはH20を開発した。",
                                      "The Commerce Department banned exports of the H20 to China."]):
                f.write('{"id": "f%d", "text": "%s"}\n' % (i, text))
        single = os.path.join(tmp, "single.json")
        r = subprocess.run([fg, "build", "-q", corpus, "--output", single])
        check(r.returncode == 0, "single build exit %d" % r.returncode)
        r = subprocess.run([fg, "build", "-q", corpus, "--output", single + ".graphml"])

        # the cluster: one scheduler, three workers, each a process on 127.0.0.1
        port = free_port()
        address = "tcp://127.0.0.1:%d" % port
        env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
        py = "/usr/bin/python3"
        procs.append(subprocess.Popen(
            [py, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
             str(port), "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, cwd=tmp))
        for i in range(3):
            procs.append(subprocess.Popen(
                [py, "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1",
                 "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--name", "w%d" % i,
                 "--local-directory", os.path.join(tmp, "w%d" % i)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp))
        n = wait_for_workers(address, 3)
        check(n == 3, "three workers joined (%d)" % n)

        driver = os.path.join(src, "scripts", "factgraph_dask.py")
        for fan_in, fmt in ((0, "json"), (2, "json"), (0, "graphml")):
            work = os.path.join(tmp, "work_%d_%s" % (fan_in, fmt))
            out = os.path.join(tmp, "dask_%d.%s" % (fan_in, fmt))
            r = subprocess.run([py, driver, "--scheduler", address, "--work", work,
                                "--shards", "5", "--fan-in", str(fan_in), "--factgraph", fg,
                                "-o", out, corpus], stderr=subprocess.PIPE, text=True)
            check(r.returncode == 0, "driver exit %d: %s" % (r.returncode, r.stderr[-500:]))
            check("on 3 worker processes" in r.stderr or "on 2 worker processes" in r.stderr,
                  "shards ran on several workers: %s" % r.stderr.strip()[-200:])
            check(len(glob.glob(os.path.join(work, "shard-*.jsonl.gz"))) == 5, "five shards")
            want = single if fmt == "json" else single + ".graphml"
            check(os.path.exists(out) and filecmp.cmp(out, want, shallow=False),
                  "Dask (fan-in %d, %s) equals one build" % (fan_in, fmt))

        # GNU parallel: the same map and reduce with local job slots
        if shutil.which("parallel"):
            files = sorted(glob.glob(os.path.join(corpus, "*.txt")) +
                           glob.glob(os.path.join(corpus, "*.html")) +
                           glob.glob(os.path.join(corpus, "*.jsonl")))
            pdir = os.path.join(tmp, "par")
            os.makedirs(pdir)
            r = subprocess.run(["parallel", "--will-cite", "-j", "3", "-N", "4", fg, "extract",
                                "-q", "-o", os.path.join(pdir, "shard-{#}.jsonl"), "{}", ":::"]
                               + files)
            check(r.returncode == 0, "parallel exit %d" % r.returncode)
            out = os.path.join(tmp, "parallel.json")
            subprocess.run([fg, "merge", "-q", "-o", out] +
                           sorted(glob.glob(os.path.join(pdir, "*.jsonl"))))
            single_files = os.path.join(tmp, "single_files.json")
            subprocess.run([fg, "build", "-q", "--output", single_files] + files)
            check(filecmp.cmp(out, single_files, shallow=False), "GNU parallel equals one build")
        else:
            check(False, "GNU parallel is not installed (make deps)")
    finally:
        for p in reversed(procs):  # only the processes this test started
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
