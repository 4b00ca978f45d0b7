#!/usr/bin/env python3
"""make bench: signpost at national scale (issue 13; docs/performance.md). Never in make check.

For the shipped directory and synthetic ones of 1k, 10k and 100k services (--max 1000000 adds
1M; tests/bench/make-directory.py makes them), measures over many runs, median and p99:
  - build time (signpost-admin build) and database size (bytes per service, and before
    translations);
  - cold start of `signpost search refuge --format json` with the signature check, to the end
    of its output and to its first result (the first byte it writes), against the floor
    `sqlite3 DB 'select 1'`;
  - per-keystroke search latency in the core library (tests/bench/bench-keystroke), queries typed
    one character at a time as the TUI's search screen runs them;
  - peak RSS (VmHWM) of `signpost --kiosk` in tmux after a search;
  - the same keystrokes answered by sqlite3 on an FTS5 table of the same rows, `grep -i` over
    the Markdown export and `fzf --filter` over the TSV export (each a process per keystroke).
Prints a table at the end and writes it to BENCH_DIR/results.md.

Environment: BENCH_DIR (default bench-work in the build tree), BENCH_RUNS (cold-start runs,
default 30), BENCH_KEY_RUNS (runs per keystroke; default 20 up to 1k services, fewer above),
BENCH_EXT_RUNS (runs per keystroke of the outside tools, default 3), BENCH_BUILD_RUNS
(default 3 up to 100k services, 1 above; 0 measures a directory built and signed before); each
build is timed after a sync(), so that the bench's earlier writes are not written back during
it."""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

QUERIES = ["a", "abuse", "refuge", "for:male", "pl:nękanie", "bg:насилие"]
NOW = "2026-11-23T10:30:00Z"


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))]


LAST_CPU = [0.0]


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, drain=False, **kw):
    """Wall milliseconds of one run; its CPU milliseconds (user + system) in LAST_CPU. With
    drain, its output goes to a pipe that is read to the end, as a person reading the answer
    would: GNU grep writing to /dev/null stops at its first match."""
    c0 = child_cpu()
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE if drain else subprocess.DEVNULL,
                       stderr=subprocess.PIPE, **kw)
    ms = (time.perf_counter() - t0) * 1e3
    LAST_CPU[0] = (child_cpu() - c0) * 1e3
    if r.returncode not in (0, 1):  # grep says 1 for no match
        raise SystemExit("bench: %s failed (%d): %s" % (cmd, r.returncode, r.stderr.decode()))
    return ms


def runs_of(cmd, n, **kw):
    """n runs after one to warm the page cache (as on a kiosk that has run before): wall
    milliseconds, and CPU milliseconds, which a machine shared with other work disturbs less."""
    timed(cmd, **kw)
    wall, cpu = [], []
    for _ in range(n):
        wall.append(timed(cmd, **kw))
        cpu.append(LAST_CPU[0])
    return wall, cpu


def first_result_runs(cmd, n, **kw):
    """Time to the first result: the first byte on stdout (a page of results, as the program
    writes them), after which the pipe is closed and the program stops. Wall milliseconds,
    and the CPU milliseconds the program used until it stopped."""
    wall, cpu = [], []
    for i in range(n + 1):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, **kw)
        first = p.stdout.read(1)
        ms = (time.perf_counter() - t0) * 1e3
        p.stdout.close()
        _, _, ru = os.wait4(p.pid, 0)
        p.returncode = 0
        if not first:
            raise SystemExit("bench: %s printed nothing" % cmd)
        if i:  # the first run warms the page cache
            wall.append(ms)
            cpu.append((ru.ru_utime + ru.ru_stime) * 1e3)
    return wall, cpu


def env():
    e = dict(os.environ)
    e.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", SIGNPOST_NOW=NOW)
    e.pop("SIGNPOST_DB", None)
    return e


class Bench:
    def __init__(self, a):
        self.top = os.path.abspath(a.top_builddir)
        self.src = os.path.abspath(a.srcdir)
        self.work = os.path.abspath(os.environ.get("BENCH_DIR", os.path.join(self.top, "bench-work")))
        self.signpost = os.path.join(self.top, "src", "signpost")
        self.admin = os.path.join(self.top, "src", "signpost-admin")
        self.keystroke = os.path.join(self.top, "tests", "bench", "bench-keystroke")
        self.key = os.path.join(self.src, "db", "dev-signing.key")
        self.runs = int(os.environ.get("BENCH_RUNS", "30"))
        self.ext_runs = int(os.environ.get("BENCH_EXT_RUNS", "3"))
        self.rows = []
        os.makedirs(self.work, exist_ok=True)

    def log(self, *args):
        print("bench:", *args, flush=True)

    def directory(self, n):
        """Builds (timed) and signs the directory of n services; its path and build times."""
        if n == 0:
            return os.path.join(self.top, "db", "signpost.db"), []
        d = os.path.join(self.work, str(n))
        srcdir, db = os.path.join(d, "src"), os.path.join(d, "signpost.db")
        if not os.path.isdir(srcdir):
            self.log("generating %d services" % n)
            subprocess.run([sys.executable, os.path.join(self.src, "tests", "bench", "make-directory.py"),
                            "--services", str(n), "--base", os.path.join(self.src, "db"),
                            "--csv", srcdir], check=True)
        nb = int(os.environ.get("BENCH_BUILD_RUNS", "3" if n <= 100000 else "1"))
        times = []
        if nb == 0 and os.path.exists(db + ".minisig"):
            return db, times  # BENCH_BUILD_RUNS=0: measure the directory built before
        for i in range(nb):
            self.log("building %d services (%d of %d)" % (n, i + 1, nb))
            # The bench's own writes before (directories, exports, indexes: gigabytes) are
            # written back first, so the kernel does not do it on the build's two cores.
            os.sync()
            t0 = time.perf_counter()
            r = subprocess.run([self.admin, "build", "--quiet", "--src", srcdir, "--out", db],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
            times.append(time.perf_counter() - t0)
            if r.returncode != 0:
                self.log("build of %d services failed: %s" % (n, r.stderr.decode()[-2000:]))
                return None, times
        subprocess.run([self.admin, "sign", "--secret", self.key, db], check=True,
                       stdout=subprocess.DEVNULL)
        return db, times

    def exports(self, db, d):
        md, tsv = os.path.join(d, "export.md"), os.path.join(d, "export.tsv")
        with open(md, "wb") as f:
            subprocess.run([self.signpost, "--db", db, "export", "--format", "markdown"],
                           stdout=f, check=True, env=env())
        with open(tsv, "wb") as f:
            subprocess.run([self.signpost, "--db", db, "search", "--format", "tsv"], stdout=f,
                           check=True, env=env())
        fts = os.path.join(d, "fts5.sqlite")
        if os.path.exists(fts):
            os.unlink(fts)
        subprocess.run(["sqlite3", fts,
                        "ATTACH '%s' AS s;"
                        " CREATE VIRTUAL TABLE f USING fts5(name, description, eligibility,"
                        " tokenize='unicode61 remove_diacritics 2');"
                        " INSERT INTO f(rowid, name, description, eligibility)"
                        " SELECT rowid, name, description, coalesce(eligibility, '') FROM s.service;"
                        " INSERT INTO f(rowid, name, description, eligibility)"
                        " SELECT 1000000000 + row_number() OVER (), '', text, '' FROM s.translation;" % db],
                       check=True)
        return md, tsv, fts

    def outside(self, query, md, tsv, fts):
        """Per-keystroke times of sqlite3/FTS5, grep -i and fzf --filter for one query."""
        out = {"sqlite3 fts5": [], "grep -i": [], "fzf --filter": []}
        if query.startswith("for:"):
            return out
        if query[2:3] == ":":
            query = query[3:]
        prefixes = [query[:i] for i in range(1, len(query) + 1)]
        for p in prefixes:
            match = "'\"%s\"*'" % p.replace("'", "''")
            for _ in range(self.ext_runs):
                out["sqlite3 fts5"].append(timed(
                    ["sqlite3", fts, "SELECT rowid, name FROM f WHERE f MATCH %s ORDER BY rank" % match],
                    drain=True))
                out["grep -i"].append(timed(["grep", "-i", "--", p, md], drain=True))
                with open(tsv, "rb") as f:
                    out["fzf --filter"].append(timed(["fzf", "--filter", p], drain=True, stdin=f))
        return out

    def kiosk_rss(self, db):
        """VmHWM (kB) of signpost --kiosk on db after typing a one-letter search."""
        sock = "signpost-bench-%d" % os.getpid()
        T = ["tmux", "-L", sock, "-f", "/dev/null"]
        cmd = "exec env LANG=C.UTF-8 SIGNPOST_NOW=%s %s --kiosk --db %s" % (NOW, self.signpost, db)
        try:
            subprocess.run(T + ["new-session", "-d", "-s", "k", "-x", "80", "-y", "24", cmd], check=True)
            pid = int(subprocess.run(T + ["list-panes", "-t", "k", "-F", "#{pane_pid}"],
                                     capture_output=True, check=True).stdout.split()[0])

            def screen():
                return subprocess.run(T + ["capture-pane", "-p", "-t", "k"],
                                      capture_output=True).stdout.decode()

            def wait(text, before=None):
                for _ in range(600):
                    s = screen()
                    if text in s and (before is None or s != before):
                        return True
                    time.sleep(0.05)
                return False

            wait("999")
            subprocess.run(T + ["send-keys", "-t", "k", "3"], check=True)
            time.sleep(0.3)
            before = screen()
            subprocess.run(T + ["send-keys", "-t", "k", "-l", "a"], check=True)
            wait("a", before)
            time.sleep(0.5)
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        finally:
            subprocess.run(T + ["kill-server"], stderr=subprocess.DEVNULL)
        return None

    def measure(self, n):
        label = "shipped" if n == 0 else "%d" % n
        db, build = self.directory(n)
        row = {"label": label, "build": build}
        if not db:
            row["failed"] = True
            self.rows.append(row)
            return
        d = os.path.dirname(db) if n else os.path.join(self.work, "shipped")
        os.makedirs(d, exist_ok=True)
        size = os.path.getsize(db)
        services = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM service"],
                                      capture_output=True, check=True).stdout)
        tr = subprocess.run(["sqlite3", db, "SELECT coalesce(sum(pgsize), 0) FROM dbstat"
                             " WHERE name LIKE 'translation%'"], capture_output=True)
        tr_bytes = int(tr.stdout or 0) if tr.returncode == 0 else 0
        row.update(services=services, size=size, per_service=(size - tr_bytes) / services)
        self.log("%s: cold start" % label)
        row["cold"], row["cold_cpu"] = runs_of(
            [self.signpost, "--db", db, "search", "refuge", "--format", "json"], self.runs, env=env())
        row["first"], row["first_cpu"] = first_result_runs(
            [self.signpost, "--db", db, "search", "refuge", "--format", "json"], self.runs, env=env())
        row["floor"], row["floor_cpu"] = runs_of(["sqlite3", db, "select 1"], self.runs)
        row["load"] = os.getloadavg()[0]
        key_runs = os.environ.get("BENCH_KEY_RUNS",
                                  "20" if services <= 2000 else "5" if services <= 20000 else "3")
        self.log("%s: keystrokes (%s runs each)" % (label, key_runs))
        r = subprocess.run([self.keystroke, db, key_runs] + QUERIES, capture_output=True, env=env())
        row["keys"] = {}
        for line in r.stdout.decode().splitlines():
            q, med, p99, worst, found = line.split("\t")
            row["keys"][q] = (float(med), float(p99), float(worst), found)
        if r.returncode != 0:
            self.log("bench-keystroke failed: %s" % r.stderr.decode())
        self.log("%s: sqlite3, grep, fzf" % label)
        md, tsv, fts = self.exports(db, d)
        row["outside"] = {q: self.outside(q, md, tsv, fts) for q in QUERIES}
        self.log("%s: kiosk peak RSS" % label)
        row["rss"] = self.kiosk_rss(db)
        self.rows.append(row)

    def table(self):
        out = []
        out.append("| directory | services | build s (median) | DB MB | bytes/service before translations"
                   " | cold start ms median / p99 | sqlite3 floor ms median | ratio"
                   " | cold start CPU ms median (floor) | first result ms median / p99 (CPU median)"
                   " | kiosk peak RSS MB | load |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for r in self.rows:
            if r.get("failed"):
                out.append("| %s | build failed after %.1f s | | | | | | | | | | |" % (r["label"], r["build"][-1]))
                continue
            b = "%.2f" % statistics.median(r["build"]) if r["build"] else "-"
            cm, cp, fm = statistics.median(r["cold"]), pct(r["cold"], 99), statistics.median(r["floor"])
            out.append("| %s | %d | %s | %.1f | %.0f | %.1f / %.1f | %.1f | %.1fx | %.1f (%.1f) | %.1f / %.1f (%.1f) | %s | %.1f |" % (
                r["label"], r["services"], b, r["size"] / 1e6, r["per_service"], cm, cp, fm, cm / fm,
                statistics.median(r["cold_cpu"]), statistics.median(r["floor_cpu"]),
                statistics.median(r["first"]), pct(r["first"], 99), statistics.median(r["first_cpu"]),
                "%.1f" % (r["rss"] / 1024) if r.get("rss") else "-", r["load"]))
        out.append("")
        out.append("Per keystroke, ms: median / p99 (worst). signpost = the core library's search as"
                   " the TUI runs it, CPU time (BENCH_WALL=1 for wall time); the others are a process"
                   " per keystroke, wall time.")
        out.append("")
        out.append("| directory | query | results | signpost | sqlite3 fts5 | grep -i markdown | fzf --filter tsv |")
        out.append("|---|---|---|---|---|---|---|")
        for r in self.rows:
            if r.get("failed"):
                continue
            for q in QUERIES:
                if q not in r["keys"]:
                    continue
                med, p99, worst, found = r["keys"][q]
                cells = []
                for tool in ("sqlite3 fts5", "grep -i", "fzf --filter"):
                    t = r["outside"][q][tool]
                    cells.append("%.1f / %.1f" % (statistics.median(t), pct(t, 99)) if t else "-")
                out.append("| %s | %s | %s | %.2f / %.2f (%.2f) | %s |" % (
                    r["label"], q, found, med, p99, worst, " | ".join(cells)))
        return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top-builddir", default=".")
    ap.add_argument("--srcdir", default=".")
    ap.add_argument("--max", type=int, default=100000)
    ap.add_argument("--sizes", help="comma-separated service counts (0 = shipped), overrides --max")
    a = ap.parse_args()
    for tool in ("sqlite3", "fzf", "tmux", "grep"):
        if not shutil.which(tool):
            raise SystemExit("bench: %s is not installed (see README.md)" % tool)
    sizes = [int(s) for s in a.sizes.split(",")] if a.sizes else \
        [0] + [n for n in (1000, 10000, 100000, 1000000) if n <= a.max]
    b = Bench(a)
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    machine = "%s, %d cores, Linux %s" % (cpu, os.cpu_count(), os.uname().release)
    for n in sizes:
        b.measure(n)
    text = "Machine: %s\n\n%s\n" % (machine, b.table())
    print()
    print(text)
    with open(os.path.join(b.work, "results.md"), "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
