// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The output channel: a per-CPU relay channel, files
 * /sys/kernel/debug/ctap_<module>/trace<CPU>. Each flush of a handler's
 * print buffer is one record, written with one relay_write() so it never
 * straddles sub-buffers or mixes with another CPU's output:
 *   struct stp_record_header, then len bytes of output.
 * The sequence number orders records across CPUs: staprun merges by it.
 */
#include <linux/relay.h>

#define STP_RECORD_MAGIC 0x70617463U	/* "ctap", little-endian */
/* 4 MiB a CPU by default: staprun may get little CPU time while probes
 * fire on every CPU. Overridable with stap -D. */
#ifndef STP_SUBBUF_SIZE
#define STP_SUBBUF_SIZE (256 * 1024)
#endif
#ifndef STP_N_SUBBUFS
#define STP_N_SUBBUFS 16
#endif

struct stp_record_header {
	u32 magic;
	u32 len;
	u64 seq;
};

/* relay drops a write larger than a sub-buffer without telling anyone. */
#if STP_SUBBUF_SIZE < STP_BUFFER_SIZE + 16
#error "STP_SUBBUF_SIZE must hold a whole print buffer (STP_BUFFER_SIZE + 16)"
#endif

static struct rchan *stp_relay;
static atomic_t stp_transport_drops = ATOMIC_INIT(0);
static atomic64_t stp_record_seq = ATOMIC64_INIT(0);

/* A full buffer drops the record, counted and reported at exit. */
static int stp_relay_subbuf_start(struct rchan_buf *buf, void *subbuf,
				  void *prev_subbuf, size_t prev_padding)
{
	if (relay_buf_full(buf)) {
		atomic_inc(&stp_transport_drops);
		return 0;
	}
	return 1;
}

static struct dentry *stp_relay_create_file(const char *filename,
					    struct dentry *parent, umode_t mode,
					    struct rchan_buf *buf, int *is_global)
{
	struct dentry *d = debugfs_create_file(filename, 0400, parent, buf,
					       &relay_file_operations);

	*is_global = 0;
	return IS_ERR(d) ? NULL : d;
}

static int stp_relay_remove_file(struct dentry *dentry)
{
	debugfs_remove(dentry);
	return 0;
}

static const struct rchan_callbacks stp_relay_callbacks = {
	.subbuf_start = stp_relay_subbuf_start,
	.create_buf_file = stp_relay_create_file,
	.remove_buf_file = stp_relay_remove_file,
};

static int stp_relay_open(struct dentry *dir)
{
	stp_relay = relay_open("trace", dir, STP_SUBBUF_SIZE, STP_N_SUBBUFS,
			       &stp_relay_callbacks, NULL);
	return stp_relay ? 0 : -ENOMEM;
}

static void stp_relay_close(void)
{
	if (stp_relay)
		relay_close(stp_relay);
	stp_relay = NULL;
}

/**
 * stp_relay_write_record() - send one record from this CPU.
 * @rec: a header's room followed by @len bytes of output
 * @len: output bytes
 *
 * Fills in the header; the caller has interrupts or preemption off.
 */
static void stp_relay_write_record(void *rec, size_t len)
{
	struct stp_record_header *h = rec;

	h->magic = STP_RECORD_MAGIC;
	h->len = len;
	h->seq = atomic64_inc_return(&stp_record_seq);
	relay_write(stp_relay, rec, sizeof(*h) + len);
}
