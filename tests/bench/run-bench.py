#!/usr/bin/env python3
# make bench: runs the bench payload under a list of fw_dynamic images, the
# columns (--fw LABEL=image, in order; by default OpenSBI 1.9, OpenSBI 1.9 +
# MEMHP, HotSBI and Debian's OpenSBI 1.1), in QEMU with -icount, parses the
# instret figures the payload prints and prints one table with a column per
# image, ratios side by side, then the requirements, each with its figures
# and PASS/FAIL.  The payload probes each image for the MEMHP extension; on
# those that implement it the MEMHP runs follow: PLUG/UNPLUG on 1, 4 and 8
# harts (generated DTBs: 2 GiB, a 1 GiB emulated card and a board window),
# in the table's MEMHP rows (n/a for the others) and in a detail table per
# image.  The PMP planner's cost (payload code) runs once.  Last, the Linux
# table: the hotplug cycle as Linux sees it (the project's kernel, the
# hotsbi-memhp driver and a static init timing each sysfs write), 1 and 4
# blocks on 1 and 4 harts, for every --linux-fw.
# Exit status: 0 all requirements met, 1 a requirement failed or a run failed,
# 2 bad usage.  A requirement whose columns are not in the list is skipped
# (said in its line), not failed.

import argparse
import os
import re
import subprocess
import sys

# -icount shift=0: instret is QEMU's virtual clock, one ns per guest
# instruction.  sleep=off: idle time is not taken from the host clock, so the
# figures are exact and repeatable (with sleep=on the boot figure also
# includes a host-time warp at start-up and varies run to run).
# -rtc clock=vm: the goldfish RTC alarm runs on the virtual clock; the payload
# uses it to make QEMU switch harts in the -smp 2 run (see payload/loops.S).
# -m 1G: the boot rows include carving and publishing the default 512 MiB
# emulated card, as every product boot with 1 GiB or more does.
QEMU_COMMON = ["-M", "virt", "-m", "1G", "-nographic",
               "-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]

BOOT_FACTOR = 10        # HotSBI boot <= OpenSBI 1.1 boot / 10
BASE_FACTOR = 3         # HotSBI BASE call <= OpenSBI 1.1 BASE call / 3
SIZE_LIMIT = 65536      # HotSBI fw_dynamic.bin <= 64 KiB
PLUG_LIMIT = 3000       # HotSBI MEMHP PLUG of 1 block, 1 hart < 3,000
SCRUB_MIN_BPI = 7.75    # scrub of 8 blocks, 1 hart: bytes per instruction
UNPLUG_SCRUB_LIMIT = 17500000  # UNPLUG of 1 block incl. scrub, 1 hart

# MEMHP runs: 2 GiB of RAM, a 1 GiB emulated card (8 blocks of 128 MiB,
# scrubbed on UNPLUG) carved from its top, and a board window of 8 blocks
# just above RAM without hotsbi,scrub-on-unplug (QEMU has no memory there:
# the bench only plugs and unplugs it, never touches it).
MEMHP_RAM = "2G"
MEMHP_CARD_SIZE = 0x40000000
MEMHP_BOARD = (0x100000000, 0x40000000, 0x8000000)  # base, size, block size
MEMHP_HARTS = (1, 4, 8)
MEMHP_BLOCK_BYTES = 0x8000000

# Linux runs: the default card (512 MiB, 4 blocks of 128 MiB) of -m 1G, the
# project's kernel and the driver, /init = linux-memhp.c; blocks appear
# offline after the add so that online_movable is timed on its own.  The
# QEMU run goes through the Linux tests' runner (run-linux.sh: timeout,
# console log printed on failure, kernel warnings fail the run).
RUN_LINUX = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "..", "linux", "run-linux.sh")
LINUX_HARTS = (1, 4)
LINUX_APPEND = ("console=ttyS0 earlycon=uart8250,mmio,0x10000000 panic=-1 "
                "memhp_default_state=offline")
LINUX_DONE = "HOTSBI-MEMHP-BENCH: done"
LINUX_STEPS = (
    ("up", "requested_size up (PLUG + add_memory_driver_managed)"),
    ("online", "online_movable"),
    ("offline", "offline (empty block)"),
    ("down", "requested_size down (remove + UNPLUG with scrub)"),
)
# The figures of issue 15 (HotSBI before the scrub work, 1 hart, 1 block):
# the "before" of the remove + UNPLUG row.
LINUX_DOWN_BEFORE = 21030000
# remove + UNPLUG with scrub per block in Linux, 1 hart: the firmware's
# UNPLUG with scrub (held to UNPLUG_SCRUB_LIMIT in the MEMHP table) plus the
# kernel's remove. With the test kernel's 56-byte struct page a block's
# memmap shares 2 MiB vmemmap leaves with its neighbours, and the riscv fix
# of the Linux series marks and checks the shared leaf on every remove
# (memset + memchr_inv of 2 MiB, as x86 does): the kernel's share went from
# about 65,000 to about 1,530,000 (17,106,700 -> 18,574,200 per block, the
# firmware's part unchanged at 17,041,413).
LINUX_DOWN_LIMIT = 18750000


# The default columns' labels (bench.mk's BENCH_FW): the requirements and
# the ratio columns name their columns by these; with other labels they are
# skipped.
OSBI19 = "OpenSBI-1.9"
OSBI19M = "OpenSBI-1.9+MEMHP"
HOTSBI = "HotSBI"
OSBI11 = "OpenSBI-1.1"
# ratio columns: numerator / denominator, shown when both columns are here
RATIOS = ((OSBI19M, OSBI19), (HOTSBI, OSBI11), (OSBI19M, HOTSBI))
OSBI_BOOT_LIMIT = 1.01  # OpenSBI 1.9 + MEMHP boot <= 1.01 x OpenSBI 1.9
OSBI_BASE_LIMIT = 1.0   # ... BASE round trip <= OpenSBI 1.9's
OSBI_PLUG_FACTOR = 2.0  # ... PLUG 1 block, 1 hart <= 2 x HotSBI's


def run_qemu(qemu, fw, payload, smp, timeout, log, dtb=None, ram=None):
    common = list(QEMU_COMMON)
    if ram:
        common[common.index("-m") + 1] = ram
    cmd = [qemu] + common + ["-smp", str(smp), "-bios", fw,
                             "-kernel", payload]
    if dtb:
        cmd += ["-dtb", dtb]
    err = None
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        out, rc = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = e.stdout or b"", None
        err = "timed out after %ds" % timeout
    text = out.decode("utf-8", "replace").replace("\r", "")
    with open(log, "w") as f:
        f.write(text)
    vals, loops = {}, {}
    for line in text.splitlines():
        # the payload may share a line with firmware output: find "@@ "
        i = line.find("@@ ")
        if i < 0:
            continue
        w = line[i + 3:].split()
        if len(w) == 4 and w[0] == "loop":
            loops[w[1]] = (int(w[2]), int(w[3]))
        elif len(w) >= 3 and w[0] in ("memhp", "plan", "plan_layout",
                                      "memhp_wakes", "memhp_split"):
            # "memhp <op> <raw> <targets' share> <slice> <spread>",
            # "plan <blocks> <runs> <total> <patterns> <min> <max> <entries>"
            key = (w[0],) + tuple(w[1:3] if w[0] == "plan" else w[1:2])
            rest = w[3:] if w[0] == "plan" else w[2:]
            loops[key] = tuple(int(x) for x in rest)
        elif len(w) == 2:
            vals[w[0]] = w[1]
    if err is None and rc != 0:
        err = "QEMU exited %d" % rc
    if err is None and vals.get("result") != "done":
        err = "payload did not finish"
    return cmd, vals, loops, err, text


def per_call(loops, name):
    if name not in loops:
        return None
    delta, n = loops[name]
    return delta / n


def slug(label):
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def show_failure(what, err, log, text):
    print("FAIL %s: %s" % (what, err))
    print("----- console log (%s) -----" % log)
    sys.stdout.write(text)
    print("\n----- end of console log -----")


def measure(label, fw, args):
    """The -smp 1 and -smp 2 runs of one column: dict metric -> value (MEMHP:
    whether the payload's probe found the extension), and False if a run
    failed."""
    m = {"size": os.path.getsize(fw)}
    ok = True
    for smp in (1, 2):
        log = os.path.join(args.log_dir, "bench-%s-smp%d.log" %
                           (slug(label), smp))
        cmd, vals, loops, err, text = run_qemu(args.qemu, fw, args.payload,
                                               smp, args.timeout, log)
        print("  %s -smp %d: %s" % (label, smp, " ".join(cmd)))
        if err:
            ok = False
            show_failure("%s -smp %d" % (label, smp), err, log, text)
            continue
        if smp == 1:
            m["boot"] = int(vals["boot_instret"])
            m["spec"] = per_call(loops, "get_spec_version")
            m["probe"] = per_call(loops, "probe_extension")
            m["ipi"] = per_call(loops, "ipi_self")
            m["id"] = "spec %s, impl id %s, impl version %s" % (
                vals.get("spec_version"), vals.get("impl_id"),
                vals.get("impl_version"))
            m["memhp"] = vals.get("memhp_ext") == "1"
            m["windows"] = vals.get("memhp_windows")
            if m["memhp"] and vals.get("memhp_emulated_windows", "0") == "0":
                # the boot row of a MEMHP firmware includes carving the
                # default card (-m 1G), as every product boot does
                ok = False
                print("FAIL %s -smp 1: MEMHP but no emulated card at boot: "
                      "the boot rows must include carving it (log %s)" %
                      (label, log))
        else:
            m["boot2"] = int(vals["boot_instret"])
            m["rfence"] = per_call(loops, "remote_sfence_vma")
            m["slice"] = vals.get("remote_slice")
            m["share"] = vals.get("remote_target_share")
    return m, ok


def make_dtb(qemu, smp, mode, path, timeout):
    """QEMU's own virt DTB for -smp/-m, plus the bench mode and windows."""
    def hilo(v):
        return ["0x%x" % (v >> 32), "0x%x" % (v & 0xffffffff)]

    steps = [[qemu, "-M", "virt,dumpdtb=" + path, "-smp", str(smp),
              "-m", MEMHP_RAM, "-nographic"],
             ["fdtput", "-t", "s", path, "/chosen", "hotsbi-bench,mode",
              mode]]
    if mode == "memhp":
        base, size, bsize = MEMHP_BOARD
        node = "/hotplug-window@%x" % base
        steps += [["fdtput", "-t", "x", path, "/chosen",
                   "hotsbi,emulated-card-size"] + hilo(MEMHP_CARD_SIZE),
                  ["fdtput", "-c", path, node],
                  ["fdtput", "-t", "s", path, node, "compatible",
                   "hotsbi,memory-hotplug-window"],
                  ["fdtput", "-t", "x", path, node, "reg"] + hilo(base) +
                  hilo(size),
                  ["fdtput", "-t", "x", path, node, "block-size"] +
                  hilo(bsize)]
    for cmd in steps:
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            return "%s: %s" % (" ".join(cmd), e)
        if p.returncode != 0:
            return "%s: exit %d: %s" % (" ".join(cmd), p.returncode,
                                        p.stdout.decode("utf-8", "replace"))
    return None


DTBS = {}   # (mode, harts) -> DTB path, made once for every column


def measure_memhp(label, fw, args, runs):
    """The payload's DTB-selected runs (("memhp", harts) or ("plan", 1))
    under one column: {run: parsed lines}, and False if one failed."""
    m = {}
    ok = True
    for mode, smp in runs:
        tag = "memhp-smp%d" % smp if mode == "memhp" else "plan"
        log = os.path.join(args.log_dir, "bench-%s-%s.log" % (slug(label),
                                                               tag))
        dtb = DTBS.get((mode, smp))
        if dtb is None:
            dtb = os.path.join(args.log_dir, "bench-%s.dtb" % tag)
            err = make_dtb(args.qemu, smp, mode, dtb, args.timeout)
            if err:
                ok = False
                print("FAIL %s %s: cannot make the DTB: %s" % (label, tag,
                                                               err))
                continue
            DTBS[mode, smp] = dtb
        cmd, vals, parsed, err, text = run_qemu(
            args.qemu, fw, args.payload, smp, args.timeout, log, dtb,
            MEMHP_RAM)
        print("  %s %s: %s" % (label, tag, " ".join(cmd)))
        if err:
            ok = False
            show_failure("%s %s" % (label, tag), err, log, text)
            continue
        m[mode, smp] = parsed
    return m, ok


def print_table(table, left):
    """Columns in @left are left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    print()
    for i, r in enumerate(table):
        cells = [c.ljust(widths[j]) if j in left else c.rjust(widths[j])
                 for j, c in enumerate(r)]
        print(" | ".join(cells).rstrip())
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    print()




def memhp_raw(mm, n, name):
    v = mm.get(("memhp", n), {}).get(("memhp", name))
    return v and v[0]


def memhp_op(mm, n, name):
    """(caller's own, all harts) instret of one call on @n harts, or None;
    @mm: measure_memhp's runs of one column."""
    d = mm.get(("memhp", n), {})
    v = d.get(("memhp", name))
    if v is None:
        return None
    if n > 1 and ("memhp_split", name) in d:
        board = name.replace("_card", "_board")
        wc = d.get(("memhp_wakes", name))
        wb = d.get(("memhp_wakes", board))
        vb = d.get(("memhp", board))
        if wc and wb and vb and max(wc) <= 2 * max(wb):
            # the targets woke for the PMP update only, as for the same
            # UNPLUG on the board window: the scrub ran on the caller
            # alone, and the targets' share is the board UNPLUG's
            return v[0] - vb[1], v[0]
        # the targets took shares of the scrub (HotSBI splits it), which
        # interleave under QEMU: the caller's count is the same UNPLUG on
        # the board window, its share of the 1-hart scrub, and a second
        # cross-hart call as the plan's
        b = memhp_op(mm, n, board)
        c1, b1 = memhp_raw(mm, 1, name), memhp_raw(mm, 1, board)
        if b is None or c1 is None or b1 is None:
            return None, v[0]
        return b[0] + (c1 - b1) // n + (b[0] - b1), v[0]
    raw_, share = v[0], v[1]
    return (raw_ - share if n > 1 else raw_), raw_


def memhp_scrub(mm, n, count, k):
    """Scrub of @count blocks on @n harts (card - board UNPLUG), caller's
    (k = 0) or all harts' (k = 1) instret, or None."""
    c = memhp_op(mm, n, "unplug%d_card" % count)
    b = memhp_op(mm, n, "unplug%d_board" % count)
    if not c or not b or c[k] is None or b[k] is None:
        return None
    return c[k] - b[k]


def memhp_bpi(scrub, count):
    return count * MEMHP_BLOCK_BYTES / scrub if scrub and scrub > 0 else None


# The main table's MEMHP rows: (operation, text); on more than one hart a
# row for the caller's own count and one for all harts'.
MEMHP_ROWS = (
    ("plug1_card", "MEMHP PLUG 1 block (card)"),
    ("unplug1_board", "MEMHP UNPLUG 1 block, excl. scrub (board window)"),
    ("unplug1_card", "MEMHP UNPLUG 1 block, incl. scrub (card)"),
)


def memhp_keys():
    """[(key, text)] of the main table's MEMHP rows."""
    keys = []
    for name, text in MEMHP_ROWS:
        for n in MEMHP_HARTS:
            if n == 1:
                keys.append(((name, 1, 0), "%s, 1 hart" % text))
                continue
            keys.append(((name, n, 0), "%s, %d harts: caller" % (text, n)))
            keys.append(((name, n, 1), "%s, %d harts: all" % (text, n)))
    keys.append((("scrub_bpi", 8), "MEMHP scrub of 8 blocks, 1 hart: bytes "
                 "per instruction"))
    return keys


def memhp_metrics(mm):
    """The main table's MEMHP figures of one column: {key: value}."""
    m = {}
    for (key, _) in memhp_keys():
        if key[0] == "scrub_bpi":
            m[key] = memhp_bpi(memhp_scrub(mm, 1, key[1], 1), key[1])
        else:
            v = memhp_op(mm, key[1], key[0])
            m[key] = v and v[key[2]]
    return m


def memhp_detail(label, mm):
    """Print the MEMHP detail table of one column."""
    head = ["MEMHP on %s, instret per call" % label]
    for n in MEMHP_HARTS:
        head += ["1 hart"] if n == 1 else ["%d harts: caller" % n,
                                           "%d harts: all" % n]
    table = [tuple(head)]
    rows = [
        ("PLUG 1 block (card)", "plug1_card"),
        ("PLUG 8 blocks (card)", "plug8_card"),
        ("PLUG 1 block (board window)", "plug1_board"),
        ("PLUG 8 blocks (board window)", "plug8_board"),
        ("UNPLUG 1 block, excl. scrub (board window)", "unplug1_board"),
        ("UNPLUG 1 block, incl. scrub (card)", "unplug1_card"),
        ("UNPLUG 8 blocks, excl. scrub (board window)", "unplug8_board"),
        ("UNPLUG 8 blocks, incl. scrub (card)", "unplug8_card"),
    ]
    for text, name in rows:
        cells = [text]
        for n in MEMHP_HARTS:
            v = memhp_op(mm, n, name)
            if n == 1:
                cells.append(fmt(v and v[1], "int"))
            else:
                cells += [fmt(v and v[0], "int"), fmt(v and v[1], "int")]
        table.append(tuple(cells))
    for count in (1, 8):
        cells_i = ["scrub of %d block%s (card - board UNPLUG)" %
                   (count, "s" if count > 1 else "")]
        cells_b = ["scrub, %d block%s: bytes per instruction" %
                   (count, "s" if count > 1 else "")]
        for n in MEMHP_HARTS:
            for k in ((1,) if n == 1 else (0, 1)):
                d = memhp_scrub(mm, n, count, k)
                cells_i.append(fmt(d, "int"))
                cells_b.append(fmt(memhp_bpi(d, count), "float2"))
        table.append(tuple(cells_i))
        table.append(tuple(cells_b))
    print_table(table, (0,))
    for n in MEMHP_HARTS[1:]:
        d = mm.get(("memhp", n), {})
        parts = []
        for name in ("plug1_card", "plug8_card", "unplug1_board",
                     "unplug8_board"):
            v = d.get(("memhp", name))
            if v:
                parts.append("%s %s, slice %s" % (
                    name, "{:,}".format(v[1] // (n - 1)),
                    "{:,}".format(v[2])))
        if parts:
            print("  %d harts, per target hart (IPI handler + 3 idle-loop "
                  "instructions): %s" % (n, "; ".join(parts)))
    spread = [v[3] for d in mm.values() for k, v in d.items()
              if k[0] == "memhp"]
    print("  largest spread between repeats of a row: %s instructions" %
          (max(spread) if spread else "n/a"))


def memhp_notes():
    print("MEMHP runs: -m %s, a DTB from QEMU's dumpdtb with "
          "/chosen/hotsbi,emulated-card-size = 1 GiB" % MEMHP_RAM)
    print("(card: 8 blocks of 128 MiB at the top of RAM, scrubbed on "
          "UNPLUG) and a board window of")
    print("8 blocks at 0x%x without hotsbi,scrub-on-unplug (no memory "
          "there in QEMU: only plugged" % MEMHP_BOARD[0])
    print("and unplugged, never touched).  PLUG never scrubs; 'excl. "
          "scrub' is the same UNPLUG on the")
    print("board window.  Raw instret around the ecall (the ecall "
          "included), nothing subtracted, the")
    print("smallest of the repeats.  All harts are started (HSM); the "
          "calling hart is the last one.")
    print("How harts wait: the firmware posts an IPI to every other "
          "started hart, rewrites its own PMP,")
    print("then spins on each target's ack; each target rewrites its PMP "
          "in its M-mode IPI handler and")
    print("acks.  Idle harts wait in wfi in S-mode (not spinning): QEMU "
          "7.2 -icount runs harts")
    print("round-robin, a spinning idle hart would use its whole turn "
          "every round, and instret under")
    print("-icount is the machine-wide virtual clock, not per hart: every "
          "instruction any hart retires")
    print("while the call is in flight lands in the caller's delta.  'all' "
          "is that raw delta.  A hart in")
    print("wfi retires nothing until the IPI wakes it; each target stores "
          "instret as it leaves wfi, and")
    print("as the targets run one after another once the caller's turn "
          "ends, their share is exact;")
    print("'caller' = all - targets' share.  The caller's turn is ended by "
          "a goldfish-RTC alarm it arms")
    print("before the call (-rtc clock=vm), at the smallest slice where its "
          "last IPI still goes out")
    print("before the alarm (searched per row), so it does not spin for "
          "nothing.")
    print("UNPLUG incl. scrub on several harts: 'all' is the raw delta.  "
          "Where the targets woke for the")
    print("PMP update only (their wakes as for the same UNPLUG on the board "
          "window: the firmware scrubs")
    print("on the calling hart), 'caller' = all - the board UNPLUG's targets' "
          "share.  Where they took")
    print("shares of the scrub (HotSBI: a second cross-hart call giving "
          "every hart an equal share,")
    print("lib/sbi/sbi_scrub.c), QEMU's round-robin turns (time to the next "
          "timer deadline / harts, a")
    print("kick every 100 ms) interleave the shares and 'all' includes the "
          "caller's spin while QEMU runs")
    print("the other harts' shares one after another; 'caller' is derived: "
          "the caller's count of the same")
    print("UNPLUG on the board window + the 1-hart scrub / harts + a second "
          "cross-hart call costing what")
    print("the plan's does (board caller - board 1 hart).")


def planner_report(label, lay):
    """Print the planner table (payload code, run under @label); False if
    its figures are missing."""
    parts = ["%s %s (%d PMP entries)" % (name, "{:,}".format(v[0]), v[1])
             for name, v in ((k[1], v) for k, v in lay.items()
                             if k[0] == "plan_layout")]
    if parts:
        print("  planner share: memhp_plan_build() on the same two windows "
              "(payload copy): %s" % ", ".join(parts))
    # planner cost on random patterns
    cells = {}
    for k, v in lay.items():
        if k[0] == "plan":
            cells[int(k[1]), int(k[2])] = v
    if not cells:
        return False
    sizes = sorted(set(b for b, r in cells))
    runs = sorted(set(r for b, r in cells))
    n_pat = next(iter(cells.values()))[1]
    table = [tuple(["memhp_plan_build(), one window, avg of %d random "
                    "patterns" % n_pat] +
                   ["%d run%s" % (r, "s" if r > 1 else "") for r in runs] +
                   ["%d/%d runs" % (runs[-1], runs[0])])]
    for b in sizes:
        avg = [cells[b, r][0] / cells[b, r][1] if (b, r) in cells else None
               for r in runs]
        ratio = avg[-1] / avg[0] if avg[0] and avg[-1] else None
        table.append(tuple(["%s blocks" % "{:,}".format(b)] +
                           [fmt(a, "int" if a is None else "float")
                            for a in avg] +
                           ["n/a" if ratio is None else "x%.1f" % ratio]))
    if len(sizes) > 1:
        row = ["%s / %s blocks" % ("{:,}".format(sizes[-1]),
                                   "{:,}".format(sizes[0]))]
        for r in runs:
            a, b = cells.get((sizes[-1], r)), cells.get((sizes[0], r))
            row.append("x%.1f" % ((a[0] / a[1]) / (b[0] / b[1]))
                       if a and b else "n/a")
        table.append(tuple(row + ["-"]))
    print_table(table, (0,))
    print("Planner: lib/memhp/memhp_plan.c compiled into the payload (bench "
          "flags), instret of one")
    print("memhp_plan_build() on a window of 128 MiB blocks with 1-8 "
          "plugged runs; cut points drawn")
    print("from one seed as 24-bit fractions of the window, so every window "
          "size gets the same patterns")
    print("scaled (boundaries unaligned).  Ranges per cell (min-max, most "
          "PMP entries of a plan):")
    for b in sizes:
        print("  %s blocks: %s" % ("{:,}".format(b), "; ".join(
            "%d run%s %s-%s, %d entries" % (
                r, "s" if r > 1 else "", "{:,}".format(cells[b, r][2]),
                "{:,}".format(cells[b, r][3]), cells[b, r][4])
            for r in runs if (b, r) in cells)))
    print("  (planner run under %s: the firmware plays no part)" % label)
    return True




def run_linux(label, fw, smp, args):
    """One Linux boot: {blocks or "first": [(up, online, offline, down)]}
    in ns per cycle (totals over the blocks), the setup line, or None."""
    tag = "%s-smp%d" % (re.sub(r"[^a-z0-9]+", "-", label.lower()), smp)
    log = os.path.join(args.log_dir, "bench-linux-%s.log" % tag)
    qemu = ["-M", "virt", "-smp", str(smp), "-m", "1G", "-nographic",
            "-no-reboot", "-icount", "shift=0,sleep=off", "-bios", fw,
            "-kernel", args.linux_image, "-initrd", args.linux_initramfs,
            "-append", LINUX_APPEND]
    cmd = ["bash", RUN_LINUX, "-n", "bench Linux %s -smp %d" % (label, smp),
           "-l", log, "-t", str(args.linux_timeout), "-g", LINUX_DONE,
           "-g", r"smp: Brought up [0-9]+ nodes?, %d CPUs?" % smp,
           "--"] + qemu
    print("  %s Linux -smp %d: %s %s" % (label, smp, args.qemu,
                                        " ".join(qemu)))
    sys.stdout.flush()
    env = dict(os.environ, QEMU=args.qemu)
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, env=env)
    if p.returncode != 0:
        # run-linux.sh printed why and the console log
        print("FAIL %s Linux -smp %d: the run failed (log %s)" %
              (label, smp, log))
        return None
    cycles, setup = {}, None
    with open(log, errors="replace") as f:
        for line in f:
            i = line.find("@@ ")
            if i < 0:
                continue
            w = line[i + 3:].split()
            if w[0] == "setup" and len(w) == 5:
                setup = (int(w[1]), int(w[2]), int(w[3]))
            elif w[0] == "cycle" and len(w) == 7:
                key = w[1] if w[1] == "first" else int(w[1])
                cycles.setdefault(key, []).append(
                    tuple(int(x) for x in w[3:]))
    if setup is None or setup[0] != smp or "first" not in cycles or \
            1 not in cycles or setup[1] not in cycles:
        print("FAIL %s Linux -smp %d: missing or wrong figures in %s "
              "(setup %s, cycles of %s blocks)" %
              (label, smp, log, setup, sorted(map(str, cycles))))
        return None
    return {"setup": setup, "cycles": cycles}


def median(v):
    v = sorted(v)
    return v[len(v) // 2]


def linux_report(label, runs, check):
    """Print the table of one firmware; return False if a requirement
    (@check) failed or a figure is missing."""
    good = True
    cols = []   # (harts, blocks, cycles of that block count)
    for smp in LINUX_HARTS:
        r = runs.get(smp)
        blocks = (1, r["setup"][1]) if r else (1, 4)
        for n in blocks:
            cols.append((smp, n, r and r["cycles"].get(n)))
    head = ["Linux on %s, guest ns per block" % label] + \
        ["%d hart%s: %d block%s" % (h, "s" if h > 1 else "", n,
                                    "s" if n > 1 else "")
         for h, n, _ in cols] + ["requirement", "met?"]
    table = [tuple(head)]

    def cell(c, k):
        h, n, cyc = c
        return None if not cyc else median(x[k] for x in cyc) // n

    for k, (key, text) in enumerate(LINUX_STEPS):
        cells = [text] + [fmt(cell(c, k), "int") for c in cols]
        req, met = "-", "-"
        if key == "down" and check:
            req = "<= %s (1 hart)" % "{:,}".format(LINUX_DOWN_LIMIT)
            vals = [cell(c, k) for c in cols if c[0] == 1]
            ok = all(v is not None and v <= LINUX_DOWN_LIMIT for v in vals)
            met = "yes" if ok else "NO"
            good &= ok
        table.append(tuple(cells + [req, met]))
        if key == "up":
            first = []
            for h, n, cyc in cols:
                r = runs.get(h)
                first.append(fmt(r["cycles"]["first"][0][0]
                                 if r and n == 1 else None, "int"))
            table.append(tuple(["  the first time after insmod (1 block)"] +
                               first + ["-", "-"]))
    table.append(tuple(["whole cycle"] +
                       [fmt(None if cell(c, 0) is None else
                            sum(cell(c, k) for k in range(4)), "int")
                        for c in cols] + ["-", "-"]))
    good &= all(c[2] for c in cols)
    print_table(table, (0, len(head) - 2, len(head) - 1))
    for smp in LINUX_HARTS:
        r = runs.get(smp)
        if not r:
            continue
        spread = []
        for n in sorted(k for k in r["cycles"] if k != "first"):
            for k, (key, _) in enumerate(LINUX_STEPS):
                v = [x[k] // n for x in r["cycles"][n]]
                if max(v) - min(v) > max(v) // 100:
                    spread.append("%s %d: %s-%s" % (
                        key, n, "{:,}".format(min(v)), "{:,}".format(max(v))))
        print("  %d hart%s, %d cycles per column: %s" % (
            smp, "s" if smp > 1 else "", len(r["cycles"][1]),
            "every step within 1% of its median" if not spread else
            "median; spread over 1%: " + "; ".join(spread)))
    return good


def measure_linux(args):
    """The Linux table for every --linux-fw; False if anything failed."""
    for f, what in ((args.linux_image, "Linux kernel (make linux-image)"),
                    (args.linux_initramfs,
                     "bench initramfs (make bench-linux-initramfs)")):
        if not os.path.isfile(f):
            print("FAIL Linux table: %s %s not found" % (what, f))
            return False
    ok = True
    tables = []     # (label, 1-hart run)
    print()
    for i, spec in enumerate(args.linux_fw):
        label, _, fw = spec.rpartition("=")
        label = label or "HotSBI"
        if not os.path.isfile(fw):
            print("FAIL Linux table: firmware %s not found" % fw)
            ok = False
            continue
        runs = {}
        for smp in LINUX_HARTS:
            r = run_linux(label, fw, smp, args)
            if r is None:
                ok = False
            else:
                runs[smp] = r
        # the requirement is HotSBI's (the first firmware); other columns
        # (another firmware, an older HotSBI) are stated next to it
        ok &= linux_report(label, runs, i == 0)
        tables.append((label, runs.get(1)))
        d = runs.get(1) and median(x[3] for x in runs[1]["cycles"][1])
        if i == 0 and d:
            print("  remove + UNPLUG per block, 1 hart: %s, before the scrub "
                  "work (issue 15): %s (%+.1f%%)" % (
                      "{:,}".format(d), "{:,}".format(LINUX_DOWN_BEFORE),
                      100.0 * (d - LINUX_DOWN_BEFORE) / LINUX_DOWN_BEFORE))
    if len(tables) > 1:
        # side by side: every firmware's 1-hart figures, per block
        first = tables[0]
        table = [tuple(["Linux, 1 hart, guest ns per block (1 block)"] +
                       [t[0] for t in tables] +
                       ["%s / %s" % (t[0], first[0]) for t in tables[1:]])]
        for k, (key, text) in enumerate(LINUX_STEPS):
            v = [t[1] and median(x[k] for x in t[1]["cycles"][1])
                 for t in tables]
            table.append(tuple([text] + [fmt(x, "int") for x in v] +
                               ["%.3f" % (x / v[0]) if x and v[0] else "n/a"
                                for x in v[1:]]))
        print_table(table, (0,))
    print("Linux table: QEMU virt -m 1G (the default card: 4 blocks of "
          "128 MiB, scrubbed on UNPLUG),")
    print("-icount shift=0,sleep=off: one ns of the guest's CLOCK_MONOTONIC "
          "is one instruction of any hart")
    print("(machine-wide), and a wait (all harts idle) counts at its virtual "
          "length.  The project's kernel")
    print("and hotsbi-memhp; a static /init (tests/bench/linux-memhp.c) times "
          "each sysfs write and checks")
    print("its result outside the timed write.  A cycle of N blocks: "
          "requested_size = N blocks, online_movable")
    print("and offline to each block's memoryM/state, requested_size = 0; "
          "per block = the step's total / N,")
    print("median of the cycles.  On 1 hart the figures repeat exactly run "
          "to run.  On 4 harts they do not,")
    print("and are mostly QEMU's: it runs the harts round-robin, and a hart "
          "that waits for another (the")
    print("firmware's cross-hart calls: the PMP update of PLUG and UNPLUG, "
          "the split scrub, remote fences;")
    print("the kernel's own cross-CPU waits) spins until QEMU moves on to the "
          "next hart, at the latest at")
    print("its round-robin kick every 100 ms of virtual time (100,000,000 "
          "here), so a 4-hart figure can")
    print("differ run to run by hundreds of millions.  What 4 harts change on "
          "real hardware (the scrub's")
    print("wall time / harts) is in the MEMHP table above.")
    return ok


def fmt(v, kind):
    if v is None:
        return "n/a"
    if kind == "int":
        return "{:,}".format(v)
    if kind == "float2":
        return "{:,.2f}".format(v)
    return "{:,.1f}".format(v)


# The main table's rows: (key, text, kind); the MEMHP rows are n/a for a
# column whose firmware does not implement MEMHP (the payload probes it).
BASE_ROWS = (
    ("boot", "boot: reset to payload entry (-smp 1)", "int"),
    ("spec", "BASE get_spec_version round trip", "float"),
    ("probe", "BASE probe_extension(TIME) round trip", "float"),
    ("ipi", "IPI to self + clear sip.SSIP", "float"),
    ("rfence", "remote sfence.vma, 1 remote hart (-smp 2)", "float"),
    ("boot2", "boot, both harts (-smp 2, info)", "int"),
    ("size", "fw_dynamic.bin size, bytes", "int"),
)


def table_rows():
    return list(BASE_ROWS) + [
        (key, text, "float2" if key[0] == "scrub_bpi" else "int")
        for key, text in memhp_keys()]


def requirements():
    """[(subject column, row key, test, bound, text, also)]: test "ratio"
    is subject <= bound[1] x the bound[0] column's figure, "<", "<=" and
    ">=" compare with the number bound; @also: row keys stated against
    the same bound without being required."""
    plug1 = ("plug1_card", 1, 0)
    return [
        (HOTSBI, "boot", "ratio", (OSBI11, 1.0 / BOOT_FACTOR),
         "HotSBI boot <= 1/%d of OpenSBI-1.1's" % BOOT_FACTOR, ()),
        (HOTSBI, "spec", "ratio", (OSBI11, 1.0 / BASE_FACTOR),
         "HotSBI BASE get_spec_version <= 1/%d of OpenSBI-1.1's" %
         BASE_FACTOR, ()),
        (HOTSBI, "probe", "ratio", (OSBI11, 1.0 / BASE_FACTOR),
         "HotSBI BASE probe_extension <= 1/%d of OpenSBI-1.1's" %
         BASE_FACTOR, ()),
        (HOTSBI, "size", "<=", SIZE_LIMIT,
         "HotSBI fw_dynamic.bin <= %s bytes" % "{:,}".format(SIZE_LIMIT),
         ()),
        (HOTSBI, plug1, "<", PLUG_LIMIT,
         "HotSBI MEMHP PLUG 1 block, 1 hart < %s" %
         "{:,}".format(PLUG_LIMIT),
         tuple(("plug1_card", n, 0) for n in MEMHP_HARTS[1:])),
        (HOTSBI, ("unplug1_card", 1, 0), "<=", UNPLUG_SCRUB_LIMIT,
         "HotSBI MEMHP UNPLUG 1 block incl. scrub, 1 hart <= %s" %
         "{:,}".format(UNPLUG_SCRUB_LIMIT), ()),
        (HOTSBI, ("scrub_bpi", 8), ">=", SCRUB_MIN_BPI,
         "HotSBI MEMHP scrub of 8 blocks, 1 hart >= %.2f bytes per "
         "instruction" % SCRUB_MIN_BPI, ()),
        (OSBI19M, "boot", "ratio", (OSBI19, OSBI_BOOT_LIMIT),
         "OpenSBI-1.9+MEMHP boot <= OpenSBI-1.9's + %d%%" %
         round(100 * (OSBI_BOOT_LIMIT - 1)), ()),
        (OSBI19M, "spec", "ratio", (OSBI19, OSBI_BASE_LIMIT),
         "OpenSBI-1.9+MEMHP BASE get_spec_version <= OpenSBI-1.9's "
         "(MEMHP adds nothing)", ()),
        (OSBI19M, plug1, "ratio", (HOTSBI, OSBI_PLUG_FACTOR),
         "OpenSBI-1.9+MEMHP MEMHP PLUG 1 block, 1 hart <= %gx HotSBI's" %
         OSBI_PLUG_FACTOR, ()),
    ]


def check_requirements(cols):
    """Print every requirement with its figures and PASS/FAIL (or why it
    is skipped); return False if one failed.  @cols: {label: metrics}."""
    kinds = dict((k, kind) for k, _, kind in table_rows())
    good = True
    print("Requirements:")
    for subj, key, test, bound, text, also in requirements():
        ref = bound[0] if test == "ratio" else None
        absent = [c for c in (subj, ref) if c and c not in cols]
        if absent:
            print("  skip  %s: no %s column" % (text, " or ".join(absent)))
            continue
        kind = kinds[key]
        v = cols[subj].get(key)
        if test == "ratio":
            r = cols[ref].get(key)
            ok = v is not None and r is not None and v <= bound[1] * r
            figs = "%s %s, %s %s" % (subj, fmt(v, kind), ref, fmt(r, kind))
            if v is not None and r:
                figs += ": %.1f%% (at most %.1f%%)" % (100.0 * v / r,
                                                      100.0 * bound[1])
        else:
            cmp = {"<": lambda a: a < bound, "<=": lambda a: a <= bound,
                   ">=": lambda a: a >= bound}[test]
            ok = v is not None and cmp(v)
            figs = "%s %s" % (subj, fmt(v, kind))
            for k in also:
                w = cols[subj].get(k)
                figs += "; %d harts (stated, not required) %s %s" % (
                    k[1], fmt(w, kind), "n/a" if w is None else
                    "met" if cmp(w) else "not met")
        print("  %s  %s: %s" % ("PASS" if ok else "FAIL", text, figs))
        good &= ok
    return good


def main_table(labels, cols):
    ratios = [(a, b) for a, b in RATIOS if a in cols and b in cols]
    short = lambda c: c[len("OpenSBI-"):] if c.startswith("OpenSBI-") else c
    table = [tuple(["metric"] + labels +
                   ["%s / %s" % (short(a), short(b)) for a, b in ratios])]
    for key, text, kind in table_rows():
        vals = [cols[c].get(key) for c in labels]
        cells = [text] + [fmt(v, kind) for v in vals]
        for a, b in ratios:
            x, y = cols[a].get(key), cols[b].get(key)
            cells.append("%.1f%%" % (100.0 * x / y) if x is not None and y
                         else "n/a")
        table.append(tuple(cells))
    print_table(table, (0,))
    print("Guest instructions: instret under QEMU -icount shift=0,sleep=off "
          "(exact, repeatable).")
    print("Ratios (OpenSBI- left out of the labels): the first column's "
          "figure as a percentage of the")
    print("second's.  MEMHP rows: n/a where the payload's probe_extension "
          "finds no MEMHP extension")
    print("(the vendor EID of mvendorid).")
    print("Boot: instret read by the payload's first instruction, hart 0, "
          "-smp 1 -m 1G (with -smp 2")
    print("QEMU's instret is machine-wide and also counts hart 1, see the "
          "info row); a firmware with")
    print("MEMHP carves its default emulated card there (checked through "
          "MEMHP GET_ATTR).")
    print("Per-call rows: raw instret of one loop iteration, averaged over "
          "1000, nothing subtracted:")
    print("the firmware's round trip plus the ecall and the loop's own 4 "
          "(get_spec_version),")
    print("5 (probe_extension), 8 (IPI: incl. csrc sip) or 9 (remote fence) "
          "S-mode instructions.")
    print("Remote fence (-smp 2): hart 1 fences hart 0, which idles in an "
          "RTC-alarm loop so that")
    print("QEMU 7.2's round-robin vCPU scheduler switches harts (see "
          "payload/loops.S); the count")
    print("is machine-wide: sender and target work plus that loop's 8 "
          "instructions per fence.")
    print("MEMHP rows: the MEMHP runs below (1 GiB card, board window), "
          "the calling hart's own count")
    print("('caller') or the machine-wide delta ('all').")
    for c in labels:
        m = cols[c]
        if m.get("id"):
            print("  %s: %s; MEMHP %s" % (
                c, m["id"], "yes (windows at boot: %s)" % m.get("windows")
                if m.get("memhp") else "no"))
        if m.get("slice"):
            print("  %s remote fence: sender slice %s, target share %s" %
                  (c, m["slice"], m["share"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qemu", default="qemu-system-riscv64")
    ap.add_argument("--payload", required=True)
    ap.add_argument("--fw", action="append", default=[],
                    help="LABEL=fw_dynamic.bin: a column of the table "
                    "(repeatable, in order)")
    ap.add_argument("--log-dir", default=".")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--linux-fw", action="append", default=[],
                    help="LABEL=fw_dynamic.bin with MEMHP for the Linux table "
                    "(repeatable; none: no Linux table)")
    ap.add_argument("--linux-image", default="")
    ap.add_argument("--linux-initramfs", default="")
    ap.add_argument("--linux-timeout", type=int, default=90,
                    help="per Linux boot, before HOTSBI_TIMEOUT_SCALE")
    args = ap.parse_args()

    os.makedirs(args.log_dir, exist_ok=True)
    images = []
    for spec in args.fw:
        label, _, fw = spec.rpartition("=")
        if not label or not fw or label in [l for l, _ in images]:
            print("bench: bad or repeated column %r (want LABEL=image, "
                  "labels unique)" % spec)
            return 2
        if not os.path.isfile(fw):
            print("bench: firmware %s not found (column %s)" % (fw, label))
            return 2
        images.append((label, fw))
    if not images:
        print("bench: no firmware to measure (BENCH_FW is empty)")
        return 2
    if not os.path.isfile(args.payload):
        print("bench: payload %s not found" % args.payload)
        return 2

    failed = False
    cols, details = {}, {}
    for label, fw in images:
        cols[label], ok = measure(label, fw, args)
        failed |= not ok
    for label, fw in images:
        if cols[label].get("memhp"):
            details[label], ok = measure_memhp(
                label, fw, args, [("memhp", n) for n in MEMHP_HARTS])
            failed |= not ok
            cols[label].update(memhp_metrics(details[label]))
    # the planner is the payload's own copy: one run, under HotSBI if here
    plan_label, plan_fw = next((i for i in images if i[0] == HOTSBI),
                               images[0])
    plan, ok = measure_memhp(plan_label, plan_fw, args, [("plan", 1)])
    failed |= not ok

    labels = [l for l, _ in images]
    main_table(labels, cols)
    print()
    failed |= not check_requirements(cols)
    for label in labels:
        if label in details:
            memhp_detail(label, details[label])
    if details:
        memhp_notes()
    failed |= not planner_report(plan_label, plan.get(("plan", 1), {}))
    if args.linux_fw:
        failed |= not measure_linux(args)
    print("bench: %s" % ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
