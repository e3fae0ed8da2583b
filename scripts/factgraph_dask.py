#!/usr/bin/python3
"""Runs factgraph on a Dask cluster: `factgraph extract` on every worker (map),
`factgraph merge` where this script runs (reduce). docs/scale-out.md is the
recipe; tests/e2e/scale_out.py runs it on a cluster of local processes.

usage: factgraph_dask.py --scheduler tcp://HOST:8786 --work DIR [options] INPUT...

INPUTs (files or directories, expanded here as factgraph does: directories
walked in sorted order, .txt/.html/.htm/.jsonl/.ndjson and their .gz) are
split into --shards shards, round-robin by file, so that every shard gets a
share of big and small files alike. Each shard is one task: a worker runs
`factgraph extract -j THREADS -q SHARD_FILES -o DIR/shard-NNNNN.jsonl.gz`.
Paths must mean the same on every machine (a shared file system: NFS, a
mounted bucket), and DIR too: the workers write there and the merge reads
there. Document ids are the paths as given, so give the paths a single
`factgraph build` would be given to get the same bytes.

The merge is one `factgraph merge` of all shards, or, with --fan-in K, a
tree: groups of K shards merged into facts files on the workers, then the
last merge here. Merge is associative and order-independent, so every
grouping writes the same bytes.

Exit status: 0, or 1 when some document failed (each is reported on standard
error by the worker's factgraph, relayed here), or 3 on a fatal error.
Uses Debian's python3-distributed; the workers need factgraph at --factgraph
(default: the same path as here).
"""
import argparse
import os
import shutil
import subprocess
import sys

from distributed import Client, as_completed

EXTS = (".txt", ".html", ".htm", ".jsonl", ".ndjson")


def wanted(name):
    base = name[:-3] if name.endswith(".gz") else name
    return base.endswith(EXTS)


def expand(paths):
    """The files factgraph would read, in its order (cli/inputs.c)."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith(".") and wanted(f):
                        out.append(os.path.join(root, f))
        else:
            out.append(p)
    return out


def run_factgraph(argv):
    """Runs factgraph on a worker; returns (exit status, stderr, host)."""
    import socket  # on the worker
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return r.returncode, r.stderr, socket.gethostname() + ":" + str(os.getpid())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--scheduler", required=True, help="tcp://HOST:PORT of the Dask scheduler")
    ap.add_argument("--work", required=True, help="shared directory for the shards' facts")
    ap.add_argument("--shards", type=int, default=0, help="default: 4 per worker")
    ap.add_argument("--threads", type=int, default=1, help="factgraph -j on each worker")
    ap.add_argument("--fan-in", type=int, default=0, help="merge in a tree of this fan-in")
    ap.add_argument("--factgraph", default=shutil.which("factgraph") or "factgraph")
    ap.add_argument("--lang", default=None)
    ap.add_argument("-o", "--output", required=True, help="the graph (.json, .graphml, .dot)")
    args = ap.parse_args()

    fg = os.path.abspath(args.factgraph) if os.path.exists(args.factgraph) else args.factgraph
    files = expand(args.inputs)
    if not files:
        print("factgraph_dask: no input files", file=sys.stderr)
        return 2
    os.makedirs(args.work, exist_ok=True)
    client = Client(args.scheduler)
    workers = len(client.scheduler_info()["workers"])
    nshards = max(1, min(len(files), args.shards or 4 * max(workers, 1)))
    shards = [files[i::nshards] for i in range(nshards)]
    extra = ["--lang", args.lang] if args.lang else []

    # map: one extract per shard
    futures, outputs = {}, []
    for i, shard in enumerate(shards):
        out = os.path.join(args.work, "shard-%05d.jsonl.gz" % i)
        outputs.append(out)
        argv = [fg, "extract", "-q", "-j", str(args.threads)] + extra + ["-o", out, "--"] + shard
        futures[client.submit(run_factgraph, argv, pure=False, key="extract-%05d" % i)] = i
    status, hosts = 0, set()
    for fut in as_completed(futures):
        code, err, host = fut.result()
        hosts.add(host)
        sys.stderr.write(err)
        if code == 1:
            status = 1
        elif code != 0:
            print("factgraph_dask: shard %d failed (exit %d)" % (futures[fut], code),
                  file=sys.stderr)
            return 3

    # reduce: a tree of merges on the workers, then the last one here
    level = 0
    while args.fan_in > 1 and len(outputs) > args.fan_in:
        groups = [outputs[i:i + args.fan_in] for i in range(0, len(outputs), args.fan_in)]
        merged, futs = [], []
        for k, group in enumerate(groups):
            out = os.path.join(args.work, "merge-%d-%05d.jsonl.gz" % (level, k))
            merged.append(out)
            futs.append(client.submit(run_factgraph, [fg, "merge", "-q", "-o", out, "--"] + group,
                                      pure=False, key="merge-%d-%05d" % (level, k)))
        for fut in futs:
            code, err, host = fut.result()
            hosts.add(host)
            sys.stderr.write(err)
            if code not in (0, 1):
                return 3
            status = max(status, code)
        outputs, level = merged, level + 1
    r = subprocess.run([fg, "merge", "-q", "-o", args.output, "--"] + outputs)
    if r.returncode not in (0, 1):
        return 3
    print("factgraph_dask: %d files in %d shards on %d worker processes" %
          (len(files), nshards, len(hosts)), file=sys.stderr)
    client.close()
    return max(status, r.returncode)


if __name__ == "__main__":
    sys.exit(main())
