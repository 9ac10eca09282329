// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * procfs probes. Each file is /proc/systemtap/MODULE/NAME, so two modules
 * loaded at once do not clash. Opening a file for reading runs its .read
 * probe into a buffer of that open file, which read() then serves (so a
 * reader sees one consistent text however it splits its reads); each
 * write() runs the .write probe with what was written. Both run in the
 * reader's or writer's process context, through stp_run_probe_with like
 * every other probe (interrupts off, globals' trylocks), on a buffer
 * allocated beforehand.
 *
 * /proc/systemtap is made by the first module that needs it and left in
 * place: the kernel offers modules no way to tell whether another module
 * still has files under it.
 */
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

static struct proc_dir_entry *stp_procfs_dir;	/* /proc/systemtap/MODULE */

static struct stp_procfs_value *stp_procfs_value_alloc(size_t size)
{
	struct stp_procfs_value *v = kzalloc(sizeof(*v) + size, GFP_KERNEL);

	if (!v)
		return NULL;
	v->buf = (char *)(v + 1);
	v->size = size;
	return v;
}

static int stp_procfs_open(struct inode *inode, struct file *file)
{
	struct stp_procfs_file *f = pde_data(inode);
	struct stp_procfs_value *v;

	if (!(file->f_mode & FMODE_READ))
		return 0;
	v = stp_procfs_value_alloc(f->bufsize);
	if (!v)
		return -ENOMEM;
	if (f->read)		/* else root opened a write-only file: empty */
		stp_run_probe_procfs(f->read, v);
	file->private_data = v;
	return 0;
}

static ssize_t stp_procfs_read(struct file *file, char __user *ubuf, size_t count,
			       loff_t *ppos)
{
	struct stp_procfs_value *v = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, v->buf, v->len);
}

/* Each write runs the probe once, with at most MAXSTRINGLEN - 1 bytes. */
static ssize_t stp_procfs_write(struct file *file, const char __user *ubuf, size_t count,
				loff_t *ppos)
{
	struct stp_procfs_file *f = pde_data(file_inode(file));
	struct stp_procfs_value *v;

	if (!f->write)		/* root may write a read-only file */
		return -EIO;
	count = min_t(size_t, count, MAXSTRINGLEN - 1);
	v = stp_procfs_value_alloc(MAXSTRINGLEN);
	if (!v)
		return -ENOMEM;
	if (copy_from_user(v->buf, ubuf, count)) {
		kfree(v);
		return -EFAULT;
	}
	v->buf[count] = '\0';
	v->len = strlen(v->buf);
	stp_run_probe_procfs(f->write, v);
	kfree(v);
	return count;
}

static int stp_procfs_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static const struct proc_ops stp_procfs_ops = {
	.proc_open = stp_procfs_open,
	.proc_read = stp_procfs_read,
	.proc_write = stp_procfs_write,
	.proc_release = stp_procfs_release,
	.proc_lseek = default_llseek,
};

/* Remove the files; proc waits for running handlers and closes open files. */
static void stp_procfs_unregister(void)
{
	proc_remove(stp_procfs_dir);
	stp_procfs_dir = NULL;
}

/* /proc/systemtap, made unless it exists (proc_mkdir warns on a duplicate). */
static bool stp_procfs_root(void)
{
	struct path path;

	if (kern_path("/proc/systemtap", LOOKUP_DIRECTORY, &path) == 0) {
		path_put(&path);
		return true;
	}
	return proc_mkdir("systemtap", NULL) != NULL;
}

static int stp_procfs_register(void)
{
	unsigned int i;

	if (!stp_script.nprocfs_files)
		return 0;
	if (!stp_procfs_root())
		goto fail;
	stp_procfs_dir = proc_mkdir("systemtap/" KBUILD_MODNAME, NULL);
	if (!stp_procfs_dir)
		goto fail;
	for (i = 0; i < stp_script.nprocfs_files; i++) {
		struct stp_procfs_file *f = &stp_script.procfs_files[i];
		umode_t mode = (f->read ? 0400 : 0) | (f->write ? 0200 : 0);

		if (!proc_create_data(f->name, mode, stp_procfs_dir, &stp_procfs_ops, f)) {
			stp_msg_printf('E', "ERROR: cannot create /proc/systemtap/%s/%s",
				       KBUILD_MODNAME, f->name);
			stp_procfs_unregister();
			return -ENOMEM;
		}
	}
	return 0;
fail:
	stp_msg_printf('E', "ERROR: cannot create /proc/systemtap/%s", KBUILD_MODNAME);
	return -ENOMEM;
}

/* $value in a .write probe: what was written (MAXSTRINGLEN at most). */
static __maybe_unused void stp_procfs_value_get(struct stp_context *c, char *out)
{
	strscpy(out, c->procfs ? c->procfs->buf : "", MAXSTRINGLEN);
}

/* $value = s, or with append $value .= s, in a .read probe; out gets the
 * new value (MAXSTRINGLEN at most), as an assignment's result. */
static __maybe_unused void stp_procfs_value_set(struct stp_context *c, const char *s,
						bool append, char *out)
{
	struct stp_procfs_value *v = c->procfs;
	size_t n;

	out[0] = '\0';
	if (!v)
		return;
	if (!append)
		v->len = 0;
	n = min(strlen(s), v->size - 1 - v->len);
	memcpy(v->buf + v->len, s, n);
	v->len += n;
	v->buf[v->len] = '\0';
	strscpy(out, v->buf, MAXSTRINGLEN);
}
