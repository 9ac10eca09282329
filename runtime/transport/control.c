// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The control channel: /sys/kernel/debug/ctap_<module>/control.
 *
 * staprun writes commands ("start", "stop"); each runs to completion in
 * the writer's (process) context, so when write() returns, the begin or
 * end probes have run and their output is in the relay channel.
 *
 * The module queues messages for staprun in a fixed ring, one line each,
 * whose first byte is a tag:
 *   'E' text   an error line for stderr ("ERROR: ..."); the run failed
 *   'W' text   a warning line for stderr ("WARNING: ...")
 *   'F'        the run failed (staprun exits non-zero)
 *   'X'        the script asked to end (exit() or an error): send "stop"
 * Probe context only ever trylocks the ring and never wakes anybody up (a
 * wake-up from inside the scheduler could deadlock); staprun polls. A
 * queued line can be lost (ring full or busy: counted), so 'F' and 'X' are
 * not queued: read() adds each once, after the queued lines, from flags.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>

#define STP_MSG_RING_SIZE 16384

static struct {
	raw_spinlock_t lock;
	char buf[STP_MSG_RING_SIZE];
	size_t head;	/* total bytes written */
	size_t tail;	/* total bytes read */
} stp_msgs = { .lock = __RAW_SPIN_LOCK_UNLOCKED(stp_msgs.lock) };

static atomic_t stp_msgs_dropped = ATOMIC_INIT(0);

/* The run's outcome so far, set from any context (context.c, session.c). */
static atomic_t stp_exit_requested = ATOMIC_INIT(0);
static atomic_t stp_failed = ATOMIC_INIT(0);
static atomic_t stp_failure_delivered = ATOMIC_INIT(0);
static atomic_t stp_exit_delivered = ATOMIC_INIT(0);

static int stp_session_start(void);
static int stp_session_stop(void);

/**
 * stp_msg_put() - queue one tagged line for staprun; safe in any context.
 * @tag: 'E', 'W' or 'X'
 * @text: the line, without a newline (truncated if the ring is too full)
 */
static void stp_msg_put(char tag, const char *text)
{
	size_t len = strlen(text), i;
	unsigned long flags;

	if (!raw_spin_trylock_irqsave(&stp_msgs.lock, flags)) {
		atomic_inc(&stp_msgs_dropped);
		return;
	}
	if (len + 2 > STP_MSG_RING_SIZE - (stp_msgs.head - stp_msgs.tail)) {
		raw_spin_unlock_irqrestore(&stp_msgs.lock, flags);
		atomic_inc(&stp_msgs_dropped);
		return;
	}
	stp_msgs.buf[stp_msgs.head++ % STP_MSG_RING_SIZE] = tag;
	for (i = 0; i < len; i++)
		stp_msgs.buf[stp_msgs.head++ % STP_MSG_RING_SIZE] = text[i];
	stp_msgs.buf[stp_msgs.head++ % STP_MSG_RING_SIZE] = '\n';
	raw_spin_unlock_irqrestore(&stp_msgs.lock, flags);
}

/* Format and queue a message; for probe context, so the buffer is small. */
static __printf(2, 3) void stp_msg_printf(char tag, const char *fmt, ...)
{
	char line[384];
	va_list args;

	va_start(args, fmt);
	vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	stp_msg_put(tag, line);
}

/* Once the queue is empty: 'F' then 'X', each once, when they hold. */
static size_t stp_control_flags(char *out, size_t room)
{
	size_t n = 0;

	if (room >= 2 && atomic_read(&stp_failed) &&
	    !atomic_xchg(&stp_failure_delivered, 1)) {
		out[n++] = 'F';
		out[n++] = '\n';
	}
	if (room - n >= 2 && atomic_read(&stp_exit_requested) &&
	    !atomic_xchg(&stp_exit_delivered, 1)) {
		out[n++] = 'X';
		out[n++] = '\n';
	}
	return n;
}

/* read(): whatever messages are queued, 0 bytes when there are none. */
static ssize_t stp_control_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char chunk[256];
	size_t n = 0, room = min(count, sizeof(chunk));
	unsigned long flags;

	raw_spin_lock_irqsave(&stp_msgs.lock, flags);
	while (n < room && stp_msgs.tail != stp_msgs.head)
		chunk[n++] = stp_msgs.buf[stp_msgs.tail++ % STP_MSG_RING_SIZE];
	if (stp_msgs.tail == stp_msgs.head)
		n += stp_control_flags(chunk + n, room - n);
	raw_spin_unlock_irqrestore(&stp_msgs.lock, flags);
	if (n && copy_to_user(ubuf, chunk, n))
		return -EFAULT;
	return n;
}

static DEFINE_MUTEX(stp_control_mutex);

static ssize_t stp_control_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	char cmd[16];
	size_t n = min(count, sizeof(cmd) - 1);
	int rc;

	if (copy_from_user(cmd, ubuf, n))
		return -EFAULT;
	cmd[n] = '\0';
	strim(cmd);
	mutex_lock(&stp_control_mutex);
	if (strcmp(cmd, "start") == 0)
		rc = stp_session_start();
	else if (strcmp(cmd, "stop") == 0)
		rc = stp_session_stop();
	else
		rc = -EINVAL;
	mutex_unlock(&stp_control_mutex);
	return rc ? rc : count;
}

static const struct file_operations stp_control_fops = {
	.owner = THIS_MODULE,
	.read = stp_control_read,
	.write = stp_control_write,
	.llseek = noop_llseek,
};
