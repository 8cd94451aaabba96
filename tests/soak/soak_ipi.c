/*
 * IPI and remote-fence load of the soak program. An IPI carries a message:
 * the sender adds one to the target's inbox before sbi_send_ipi, and the
 * target's S-mode software interrupt handler takes the whole inbox. IPIs
 * may coalesce, messages may not get lost: at the end every message sent
 * must have been received, and no hart may take more interrupts than IPIs
 * were sent to it. Between two steps a hart also checks that every message
 * posted before the previous step arrived (a lost IPI would otherwise hide
 * behind the next one). Remote fences go to random hart masks and must succeed;
 * calls naming a hart that does not exist must fail with INVALID_PARAM.
 */
#include "soak.h"

static struct {
	unsigned long pending;		/* messages not yet taken */
	unsigned long sent_to;		/* messages ever sent to this hart */
	unsigned long posted;		/* ... whose send_ipi call returned */
	unsigned long checked[2];	/* posted when its hart last looked */
	unsigned long late_since;	/* first look that found one missing */
} __aligned(64) inbox[MAX_HARTS];

static unsigned long all_harts_mask(void)
{
	unsigned long i, m = 0;

	for (i = 0; i < soak_nharts; i++)
		m |= 1UL << soak_hartids[i];
	return m;
}

/*
 * A random target set as (mask, base) and the harts it names as a bit
 * mask of hart ids; false when the set names a hart that does not exist.
 */
static bool random_targets(unsigned long *seed, unsigned long *mask,
			   unsigned long *base, unsigned long *harts)
{
	unsigned long all = all_harts_mask(), x = rand64(seed) % 100, b;

	if (x < 70) {
		*base = 0;
		*mask = rand64(seed) & all;
		*harts = *mask;
	} else if (x < 80) {
		*base = -1UL;
		*mask = rand64(seed);		/* ignored */
		*harts = all;
	} else if (x < 93) {
		b = rand64(seed) % soak_nharts;
		*base = b;
		*mask = rand64(seed) & (all >> b);
		*harts = *mask << b;
	} else if (x < 97) {
		*base = soak_nharts + rand64(seed) % 4;	/* no such hart */
		*mask = 1 | (rand64(seed) & 6);
		return false;
	} else {
		*base = 0;
		*mask = (rand64(seed) & all) |
			(1UL << (soak_nharts + rand64(seed) % 3));
		return false;
	}
	return true;
}

void ipi_irq(unsigned long hartid)
{
	struct soak_stats *st = &soak_stats[hartid];
	unsigned long n;

	/* clear first: a message added after the exchange raises it again */
	csr_clear(sip, SIP_SSIP);
	n = __atomic_exchange_n(&inbox[hartid].pending, 0, __ATOMIC_ACQ_REL);
	st->ipi_irqs++;
	if (!n)
		st->ipi_empty++;
	st->ipi_received += n;
}

void ipi_step(unsigned long hartid, unsigned long *seed)
{
	struct soak_stats *st = &soak_stats[hartid];
	unsigned long mask, base, harts, m, t;
	bool valid = random_targets(seed, &mask, &base, &harts);
	struct sbiret r;

	if (valid) {
		for (t = 0, m = harts; m; t++, m >>= 1) {
			if (!(m & 1))
				continue;
			atomic_add(&inbox[t].sent_to, 1);
			atomic_add(&inbox[t].pending, 1);
			st->ipi_sent++;
		}
	}
	op_begin(st, OP_IPI, mask, base);
	r = sbi_send_ipi(mask, base);
	op_end(st);
	st->ipi_calls++;
	if (valid && r.error)
		violation(hartid, "send_ipi(%#lx, %ld) returned %ld", mask,
			  (long)base, r.error);
	for (t = 0, m = harts; valid && m; t++, m >>= 1)
		if (m & 1)
			atomic_add(&inbox[t].posted, 1);
	if (!valid) {
		if (r.error == SBI_ERR_INVALID_PARAM)
			st->ipi_bad_mask++;
		else
			violation(hartid, "send_ipi(%#lx, %lu) names a missing hart but returned %ld, want %d",
				  mask, base, r.error, SBI_ERR_INVALID_PARAM);
	}
}

void fence_step(unsigned long hartid, unsigned long *seed)
{
	static const unsigned long fids[3] = {
		SBI_RFENCE_FENCE_I, SBI_RFENCE_SFENCE_VMA,
		SBI_RFENCE_SFENCE_VMA_ASID,
	};
	static const unsigned long ops[3] = {
		OP_FENCE_I, OP_SFENCE_VMA, OP_SFENCE_VMA_ASID,
	};
	struct soak_stats *st = &soak_stats[hartid];
	unsigned long mask, base, harts, type = rand64(seed) % 3;
	unsigned long start = (rand64(seed) & 0xfffff) << 12, size, asid;
	bool valid = random_targets(seed, &mask, &base, &harts);
	struct sbiret r;

	switch (rand64(seed) % 4) {
	case 0:
		size = -1UL;			/* everything */
		break;
	case 1:
		size = 0;
		start = 0;			/* also everything */
		break;
	default:
		size = (1 + rand64(seed) % 80) << 12;
		break;
	}
	asid = rand64(seed) & 0xff;
	op_begin(st, ops[type], mask, base);
	r = sbi_ecall(SBI_EXT_RFENCE, fids[type], mask, base, start, size,
		      asid, 0);
	op_end(st);
	if (valid && r.error)
		violation(hartid, "RFENCE fid %lu (%#lx, %ld) returned %ld",
			  fids[type], mask, (long)base, r.error);
	else if (valid)
		st->fences[type]++;
	if (!valid) {
		if (r.error == SBI_ERR_INVALID_PARAM)
			st->fence_bad_mask++;
		else
			violation(hartid, "RFENCE fid %lu (%#lx, %lu) names a missing hart but returned %ld, want %d",
				  fids[type], mask, base, r.error,
				  SBI_ERR_INVALID_PARAM);
	}
}

/*
 * Called between two steps, interrupts on: every message whose send_ipi
 * had returned two looks ago must have been taken by now, since the hart
 * ran two steps of S-mode code with its software interrupt enabled in
 * between (one step would do on QEMU; two leave slack for slower
 * interrupt delivery).
 *
 * That holds on HotSBI, where every send_ipi writes the target's MSIP
 * before it returns. The SBI specification does not promise it, and
 * OpenSBI does not: its sbi_ipi_send() writes MSIP only when the target's
 * pending event bits were zero, so a call that finds another hart's bit
 * there returns at once and its IPI waits for that hart's MSIP write, on
 * QEMU sometimes several milliseconds (docs/soak.md). soak.ipi-late-ms=N
 * allows that: a look that finds a message missing starts a late period,
 * and only a period longer than N ms is a violation. The late periods
 * are counted either way; N = 0 (the default) is the strict check.
 */
void ipi_check_lost(unsigned long hartid)
{
	struct soak_stats *st = &soak_stats[hartid];
	unsigned long got = READ_ONCE(st->ipi_received);
	unsigned long want = inbox[hartid].checked[0];
	unsigned long now = rdtime(), late;

	if (got < want) {
		if (!inbox[hartid].late_since) {
			inbox[hartid].late_since = now;
			st->ipi_late++;
		}
		late = now - inbox[hartid].late_since;
		if (late > st->ipi_late_max_ticks)
			st->ipi_late_max_ticks = late;
		if (late >= us_to_ticks(soak_ipi_late_ms * 1000))
			violation(hartid, "IPI lost: %lu messages were posted two steps ago, only %lu received",
				  want, got);
	} else {
		inbox[hartid].late_since = 0;
	}
	inbox[hartid].checked[0] = inbox[hartid].checked[1];
	inbox[hartid].checked[1] = atomic_load(&inbox[hartid].posted);
}

/* With interrupts on, waits until every message sent here was taken. */
bool ipi_drain(unsigned long hartid, unsigned long us)
{
	return WAIT_UNTIL(!atomic_load(&inbox[hartid].pending), us);
}

/*
 * After the load, with nobody else sending: the boot hart sends
 * EXACT_ROUNDS single IPIs to every hart in turn and waits for each; every
 * hart must then have taken exactly that many more interrupts (an IPI the
 * firmware raised on its own, or one lost, shows here where coalescing
 * hid it during the load).
 */
#define EXACT_ROUNDS	40

bool ipi_exact_round(unsigned long boot)
{
	unsigned long before[MAX_HARTS], i, k, h, n;
	bool ok = true;

	delay_us(20000);	/* IPIs of the load still in flight land first */
	for (i = 0; i < soak_nharts; i++)
		before[i] = atomic_load(&soak_stats[soak_hartids[i]].ipi_irqs);
	for (k = 0; ok && k < EXACT_ROUNDS; k++) {
		for (i = 0; ok && i < soak_nharts; i++) {
			struct soak_stats *st;

			h = soak_hartids[i];
			st = &soak_stats[h];
			n = atomic_load(&st->ipi_irqs);
			atomic_add(&inbox[h].sent_to, 1);
			atomic_add(&inbox[h].pending, 1);
			soak_stats[boot].ipi_sent++;
			if (sbi_send_ipi(1, h).error) {
				violation(boot, "send_ipi to hart %lu failed", h);
				ok = false;
			}
			if (!WAIT_UNTIL(atomic_load(&st->ipi_irqs) != n, 1000000)) {
				violation(boot, "hart %lu never took IPI %lu of the exact round",
					  h, k);
				ok = false;
			}
		}
	}
	delay_us(20000);
	for (i = 0; ok && i < soak_nharts; i++) {
		h = soak_hartids[i];
		n = atomic_load(&soak_stats[h].ipi_irqs) - before[i];
		if (n != EXACT_ROUNDS) {
			violation(h, "took %lu interrupts for %d IPIs sent one at a time",
				  n, EXACT_ROUNDS);
			ok = false;
		}
	}
	printk("soak: ipi: exact round: %d IPIs to each of %lu harts, one at a time: %s\n",
	       EXACT_ROUNDS, soak_nharts, ok ? "one interrupt each" : "FAILED");
	return ok;
}

bool ipi_final(void)
{
	unsigned long i, sent = 0, sent_to = 0, recv = 0, bad = 0, bad_f = 0;
	unsigned long calls = 0, irqs = 0, empty = 0, late = 0, late_max = 0;
	unsigned long ticks_per_ms;
	bool ok = true;

	for (i = 0; i < soak_nharts; i++) {
		unsigned long h = soak_hartids[i];
		struct soak_stats *st = &soak_stats[h];
		unsigned long to = atomic_load(&inbox[h].sent_to);

		sent += st->ipi_sent;
		sent_to += to;
		recv += st->ipi_received;
		irqs += st->ipi_irqs;
		empty += st->ipi_empty;
		calls += st->ipi_calls;
		bad += st->ipi_bad_mask;
		bad_f += st->fence_bad_mask;
		late += st->ipi_late;
		if (st->ipi_late_max_ticks > late_max)
			late_max = st->ipi_late_max_ticks;
		if (to != st->ipi_received) {
			violation(h, "%lu IPI messages were sent to this hart, it received %lu",
				  to, st->ipi_received);
			ok = false;
		}
		if (st->ipi_irqs > to) {
			violation(h, "%lu software interrupts for %lu IPIs sent: extra interrupts",
				  st->ipi_irqs, to);
			ok = false;
		}
		if (to && !st->ipi_irqs) {
			violation(h, "no software interrupt although %lu IPIs were sent", to);
			ok = false;
		}
	}
	if (sent != sent_to) {
		violation(0, "senders counted %lu messages, targets %lu", sent,
			  sent_to);
		ok = false;
	}
	printk("soak: ipi: %lu send_ipi calls, %lu messages sent, %lu received in %lu interrupts (%lu found the inbox empty), %lu calls with a missing hart refused (+ %lu fences)\n",
	       calls, sent, recv, irqs, empty, bad, bad_f);
	ticks_per_ms = us_to_ticks(1000) ?: 1;
	printk("soak: ipi: late: %lu times a message was missing two steps after send_ipi returned, waited up to %lu us more (%lu ms allowed)\n",
	       late, late_max * 1000 / ticks_per_ms, soak_ipi_late_ms);
	return ok;
}
