#!/usr/bin/env python3
# make bench: runs the bench payload under two fw_dynamic images (HotSBI and
# Debian's OpenSBI 1.1) in QEMU with -icount, parses the instret figures the
# payload prints and prints them side by side with the requirements.
# Exit status: 0 all requirements met, 1 a requirement failed or a run failed,
# 2 bad usage.  An empty --fw-a (HotSBI) gives an OpenSBI-only table.

import argparse
import os
import subprocess
import sys

# -icount shift=0: instret is QEMU's virtual clock, one ns per guest
# instruction.  sleep=off: idle time is not taken from the host clock, so the
# figures are exact and repeatable (with sleep=on the boot figure also
# includes a host-time warp at start-up and varies run to run).
# -rtc clock=vm: the goldfish RTC alarm runs on the virtual clock; the payload
# uses it to make QEMU switch harts in the -smp 2 run (see payload/start.S).
QEMU_COMMON = ["-M", "virt", "-m", "256M", "-nographic",
               "-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]

BOOT_FACTOR = 10        # HotSBI boot <= OpenSBI boot / 10
BASE_FACTOR = 3         # HotSBI BASE call <= OpenSBI BASE call / 3
SIZE_LIMIT = 65536      # HotSBI fw_dynamic.bin <= 64 KiB


def run_qemu(qemu, fw, payload, smp, timeout, log):
    cmd = [qemu] + QEMU_COMMON + ["-smp", str(smp), "-bios", fw,
                                  "-kernel", payload]
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


def measure(label, fw, args):
    """Both runs for one firmware: dict metric -> value, or None if failed."""
    m = {"size": os.path.getsize(fw)}
    ok = True
    for smp in (1, 2):
        log = os.path.join(args.log_dir, "bench-%s-smp%d.log" %
                           (label.split()[0].lower(), smp))
        cmd, vals, loops, err, text = run_qemu(args.qemu, fw, args.payload,
                                               smp, args.timeout, log)
        print("  %s -smp %d: %s" % (label, smp, " ".join(cmd)))
        if err:
            ok = False
            print("FAIL %s -smp %d: %s" % (label, smp, err))
            print("----- console log (%s) -----" % log)
            sys.stdout.write(text)
            print("\n----- end of console log -----")
            continue
        if smp == 1:
            m["boot"] = int(vals["boot_instret"])
            m["spec"] = per_call(loops, "get_spec_version")
            m["probe"] = per_call(loops, "probe_extension")
            m["ipi"] = per_call(loops, "ipi_self")
            m["id"] = "spec %s, impl id %s, impl version %s" % (
                vals.get("spec_version"), vals.get("impl_id"),
                vals.get("impl_version"))
        else:
            m["boot2"] = int(vals["boot_instret"])
            m["rfence"] = per_call(loops, "remote_sfence_vma")
            m["slice"] = vals.get("remote_slice")
            m["share"] = vals.get("remote_target_share")
    return m, ok


def fmt(v, kind):
    if v is None:
        return "n/a"
    if kind == "int":
        return "{:,}".format(v)
    return "{:,.1f}".format(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qemu", default="qemu-system-riscv64")
    ap.add_argument("--payload", required=True)
    ap.add_argument("--fw-a", default="", help="HotSBI fw_dynamic.bin ('' = n/a)")
    ap.add_argument("--fw-b", required=True, help="OpenSBI 1.1 fw_dynamic.bin")
    ap.add_argument("--log-dir", default=".")
    ap.add_argument("--timeout", type=int, default=120)
    args = ap.parse_args()

    os.makedirs(args.log_dir, exist_ok=True)
    for fw in [args.fw_b] + ([args.fw_a] if args.fw_a else []):
        if not os.path.isfile(fw):
            print("bench: firmware %s not found" % fw)
            return 2
    if not os.path.isfile(args.payload):
        print("bench: payload %s not found" % args.payload)
        return 2

    failed = False
    b, ok = measure("OpenSBI 1.1", args.fw_b, args)
    failed |= not ok
    a = {}
    if args.fw_a:
        a, ok = measure("HotSBI", args.fw_a, args)
        failed |= not ok

    # metric, key, kind, factor or limit, requirement text
    rows = [
        ("boot: reset to payload entry (-smp 1)", "boot", "int",
         ("ratio", 1 / BOOT_FACTOR), "<= 1/%d of OpenSBI" % BOOT_FACTOR),
        ("BASE get_spec_version round trip", "spec", "float",
         ("ratio", 1 / BASE_FACTOR), "<= 1/%d of OpenSBI" % BASE_FACTOR),
        ("BASE probe_extension(TIME) round trip", "probe", "float",
         ("ratio", 1 / BASE_FACTOR), "<= 1/%d of OpenSBI" % BASE_FACTOR),
        ("IPI to self + clear sip.SSIP", "ipi", "float", None, "-"),
        ("remote sfence.vma, 1 remote hart (-smp 2)", "rfence", "float",
         None, "-"),
        ("boot, both harts (-smp 2, info)", "boot2", "int", None, "-"),
        ("fw_dynamic.bin size, bytes", "size", "int",
         ("limit", SIZE_LIMIT), "HotSBI <= %d" % SIZE_LIMIT),
    ]
    table = [("metric", "HotSBI", "OpenSBI 1.1", "ratio", "requirement",
              "met?")]
    for name, key, kind, req, text in rows:
        va, vb = a.get(key), b.get(key)
        ratio = va / vb if va is not None and vb else None
        met = "-"
        if req is not None:
            if va is None or (req[0] == "ratio" and ratio is None):
                met = "n/a"
                if args.fw_a:
                    failed = True
            else:
                good = ratio <= req[1] if req[0] == "ratio" else va <= req[1]
                met = "yes" if good else "NO"
                failed |= not good
        table.append((name, fmt(va, kind), fmt(vb, kind),
                      "n/a" if ratio is None else "%.3f" % ratio, text, met))

    widths = [max(len(r[i]) for r in table) for i in range(6)]
    print()
    for i, r in enumerate(table):
        cells = [r[0].ljust(widths[0])] + \
                [c.rjust(widths[j + 1]) for j, c in enumerate(r[1:4])] + \
                [r[4].ljust(widths[4]), r[5]]
        print(" | ".join(cells))
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    print()
    print("Guest instructions: instret under QEMU -icount shift=0,sleep=off "
          "(exact, repeatable).")
    print("Boot: instret read by the payload's first instruction, hart 0, "
          "-smp 1 (with -smp 2")
    print("QEMU's instret is machine-wide and also counts hart 1, see the "
          "info row).")
    print("Per-call rows: raw instret of one loop iteration, averaged over "
          "1000, nothing subtracted:")
    print("the firmware's round trip plus the ecall and the loop's own 4 "
          "(get_spec_version),")
    print("5 (probe_extension), 8 (IPI: incl. csrc sip) or 9 (remote fence) "
          "S-mode instructions.")
    print("Remote fence (-smp 2): hart 1 fences hart 0, which idles in an "
          "RTC-alarm loop so that")
    print("QEMU 7.2's round-robin vCPU scheduler switches harts (see "
          "payload/start.S); the count")
    print("is machine-wide: sender and target work plus that loop's 8 "
          "instructions per fence.")
    for label, m in (("HotSBI", a), ("OpenSBI 1.1", b)):
        if m.get("id"):
            print("  %s: %s" % (label, m["id"]))
        if m.get("slice"):
            print("  %s remote fence: sender slice %s, target share %s" %
                  (label, m["slice"], m["share"]))
    if not args.fw_a:
        print("HotSBI not measured (no firmware given): OpenSBI 1.1 only.")
    print("bench: %s" % ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
