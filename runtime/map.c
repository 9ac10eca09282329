// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Associative arrays. Every entry a map can ever hold is allocated when
 * the module loads: a flat array of fixed-size entries (a header, the key
 * fields, the value), a table of hash chains, the insertion-order list
 * (iteration order, and the oldest entry a wrap-around array overwrites),
 * a free list, and the index arrays sorted foreach uses. So no operation
 * allocates, sleeps or recurses, and each one's work is bounded by the
 * map's capacity and MAXSTRINGLEN.
 *
 * Locking: none here. Every call runs inside a handler that holds the
 * global's lock (exclusively for anything that changes the map, sorts it
 * or combines a statistic value).
 *
 * Keys and values are passed as the translator holds them: a key is an
 * array of union stp_key, one per field, typed by map->key_types. String
 * keys and values are stored truncated to MAXSTRINGLEN - 1 characters.
 */

struct stp_map_entry {
	u32 hash_next;		/* chain of this hash bucket, or the free list */
	u32 prev, next;		/* insertion-order list */
	u32 hash;
};

static struct stp_map_entry *stp_map_entry(const struct stp_map *m, u32 i)
{
	return (struct stp_map_entry *)(m->entries + (size_t)i * m->entry_size);
}

static char *stp_map_field(const struct stp_map *m, u32 i, u32 offset)
{
	return m->entries + (size_t)i * m->entry_size + offset;
}

/* FNV-1a over the key fields, strings bounded by MAXSTRINGLEN - 1. */
static u32 stp_map_hash(const struct stp_map *m, const union stp_key *key)
{
	u32 h = 2166136261U;
	unsigned int f;
	size_t i, len;

	for (f = 0; f < m->nkeys; f++) {
		const u8 *p = (const u8 *)&key[f].l;

		len = sizeof(key[f].l);
		if (m->key_types[f] == STP_TYPE_STRING) {
			p = (const u8 *)key[f].s;
			len = strnlen(key[f].s, MAXSTRINGLEN - 1);
		}
		for (i = 0; i < len; i++)
			h = (h ^ p[i]) * 16777619U;
		h = (h ^ 0xff) * 16777619U;	/* field separator */
	}
	return h;
}

static bool stp_map_key_equal(const struct stp_map *m, u32 e, const union stp_key *key)
{
	unsigned int f;
	const char *field;

	for (f = 0; f < m->nkeys; f++) {
		field = stp_map_field(m, e, m->key_offset[f]);
		if (m->key_types[f] == STP_TYPE_STRING) {
			if (strncmp(field, key[f].s, MAXSTRINGLEN - 1))
				return false;
		} else if (*(const int64_t *)field != key[f].l) {
			return false;
		}
	}
	return true;
}

/* The entry holding key, or STP_MAP_NIL. */
static u32 stp_map_find(const struct stp_map *m, const union stp_key *key, u32 hash)
{
	u32 e;

	if (!m->buckets)
		return STP_MAP_NIL;
	for (e = m->buckets[hash & m->hash_mask]; e != STP_MAP_NIL;
	     e = stp_map_entry(m, e)->hash_next)
		if (stp_map_entry(m, e)->hash == hash && stp_map_key_equal(m, e, key))
			return e;
	return STP_MAP_NIL;
}

/* Take entry e out of its hash chain and the order list; free it. */
static void stp_map_remove(struct stp_map *m, u32 e)
{
	struct stp_map_entry *ent = stp_map_entry(m, e);
	u32 *link = &m->buckets[ent->hash & m->hash_mask];

	while (*link != e)
		link = &stp_map_entry(m, *link)->hash_next;
	*link = ent->hash_next;
	if (ent->prev != STP_MAP_NIL)
		stp_map_entry(m, ent->prev)->next = ent->next;
	else
		m->oldest = ent->next;
	if (ent->next != STP_MAP_NIL)
		stp_map_entry(m, ent->next)->prev = ent->prev;
	else
		m->newest = ent->prev;
	ent->hash_next = m->free;
	m->free = e;
	m->count--;
}

/* Store key into a fresh entry e with a zero value; link it in. */
static void stp_map_link(struct stp_map *m, u32 e, const union stp_key *key, u32 hash)
{
	struct stp_map_entry *ent = stp_map_entry(m, e);
	unsigned int f;
	char *field;

	memset(ent + 1, 0, m->entry_size - sizeof(*ent));
	for (f = 0; f < m->nkeys; f++) {
		field = stp_map_field(m, e, m->key_offset[f]);
		if (m->key_types[f] == STP_TYPE_STRING)
			strscpy(field, key[f].s, MAXSTRINGLEN);
		else
			*(int64_t *)field = key[f].l;
	}
	ent->hash = hash;
	ent->hash_next = m->buckets[hash & m->hash_mask];
	m->buckets[hash & m->hash_mask] = e;
	ent->prev = m->newest;
	ent->next = STP_MAP_NIL;
	if (m->newest != STP_MAP_NIL)
		stp_map_entry(m, m->newest)->next = e;
	else
		m->oldest = e;
	m->newest = e;
	m->count++;
}

/*
 * The entry for key, created (value zero) when absent. A full map gives
 * up its oldest entry when it wraps; otherwise it is the overflow error
 * and STP_MAP_NIL.
 */
static u32 stp_map_slot(struct stp_context *c, struct stp_map *m,
			const union stp_key *key, const char *where)
{
	u32 hash = stp_map_hash(m, key);
	u32 e = stp_map_find(m, key, hash);

	if (e != STP_MAP_NIL)
		return e;
	if (m->free == STP_MAP_NIL && m->wrap && m->oldest != STP_MAP_NIL)
		stp_map_remove(m, m->oldest);
	if (m->free == STP_MAP_NIL) {
		stp_error(c, m->overflow_msg, where);
		return STP_MAP_NIL;
	}
	e = m->free;
	m->free = stp_map_entry(m, e)->hash_next;
	stp_map_link(m, e, key, hash);
	return e;
}

static u32 stp_map_lookup(const struct stp_map *m, const union stp_key *key)
{
	return stp_map_find(m, key, stp_map_hash(m, key));
}

/**
 * stp_map_exists() - `[k...] in a`.
 * @m: the map
 * @key: m->nkeys key fields
 */
static bool stp_map_exists(const struct stp_map *m, const union stp_key *key)
{
	return stp_map_lookup(m, key) != STP_MAP_NIL;
}

/**
 * stp_map_get_long() - read a[k...] of a long-valued map.
 * @m: the map
 * @key: m->nkeys key fields
 *
 * Return: the value, 0 when absent (an absent element is not created).
 */
static int64_t stp_map_get_long(const struct stp_map *m, const union stp_key *key)
{
	u32 e = stp_map_lookup(m, key);

	return e == STP_MAP_NIL ? 0 : *(int64_t *)stp_map_field(m, e, m->value_offset);
}

/**
 * stp_map_get_str() - read a[k...] of a string-valued map.
 * @m: the map
 * @key: m->nkeys key fields
 * @buf: MAXSTRINGLEN bytes that receive a copy of the value ("" when absent)
 *
 * Return: @buf.
 */
static const char *stp_map_get_str(const struct stp_map *m, const union stp_key *key,
				   char *buf)
{
	u32 e = stp_map_lookup(m, key);

	strscpy(buf, e == STP_MAP_NIL ? "" : stp_map_field(m, e, m->value_offset),
		MAXSTRINGLEN);
	return buf;
}

/**
 * stp_map_set_long() - a[k...] = v on a long-valued map.
 * @c: the handler's context
 * @m: the map
 * @key: m->nkeys key fields
 * @v: the value
 * @where: the element's location, for the overflow error
 *
 * Return: 0, or -ENOSPC after the script error "Array overflow, check
 * MAXMAPENTRIES" ("..., check size limit (N)" for `global a[N]`) when the
 * map is full and does not wrap.
 */
static int stp_map_set_long(struct stp_context *c, struct stp_map *m,
			    const union stp_key *key, int64_t v, const char *where)
{
	u32 e = stp_map_slot(c, m, key, where);

	if (e == STP_MAP_NIL)
		return -ENOSPC;
	*(int64_t *)stp_map_field(m, e, m->value_offset) = v;
	return 0;
}

/**
 * stp_map_add_long() - a[k...] += delta (and ++, --) on a long-valued map.
 * @c: the handler's context
 * @m: the map
 * @key: m->nkeys key fields
 * @delta: added to the value (an absent element counts as 0)
 * @where: the element's location, for the overflow error
 *
 * Return: the new value; 0 after the overflow error of stp_map_set_long().
 */
static int64_t stp_map_add_long(struct stp_context *c, struct stp_map *m,
				const union stp_key *key, int64_t delta,
				const char *where)
{
	u32 e = stp_map_slot(c, m, key, where);
	int64_t *value;

	if (e == STP_MAP_NIL)
		return 0;
	value = (int64_t *)stp_map_field(m, e, m->value_offset);
	*value = (int64_t)((u64)*value + (u64)delta);
	return *value;
}

/**
 * stp_map_set_str() - a[k...] = s on a string-valued map.
 * @c: the handler's context
 * @m: the map
 * @key: m->nkeys key fields
 * @s: the value, stored truncated to MAXSTRINGLEN - 1 characters
 * @where: the element's location, for the overflow error
 *
 * Return: 0, or -ENOSPC after the overflow error of stp_map_set_long().
 */
static int stp_map_set_str(struct stp_context *c, struct stp_map *m,
			   const union stp_key *key, const char *s, const char *where)
{
	u32 e = stp_map_slot(c, m, key, where);
	char *value;

	if (e == STP_MAP_NIL)
		return -ENOSPC;
	value = stp_map_field(m, e, m->value_offset);
	if (value != s)
		strscpy(value, s, MAXSTRINGLEN);
	return 0;
}

/**
 * stp_map_stat_add() - a[k...] <<< v on a map of statistics.
 * @c: the handler's context
 * @m: the map
 * @key: m->nkeys key fields
 * @v: the value
 * @where: the element's location, for the overflow error
 *
 * The element's statistic is one data block updated under the global's
 * lock (held exclusively: the element may be created).
 *
 * Return: 0, or -ENOSPC after the overflow error of stp_map_set_long().
 */
static int stp_map_stat_add(struct stp_context *c, struct stp_map *m,
			    const union stp_key *key, int64_t v, const char *where)
{
	u32 e = stp_map_slot(c, m, key, where);

	if (e == STP_MAP_NIL)
		return -ENOSPC;
	stp_stat_data_add(&m->stat, (struct stp_stat_data *)
			  stp_map_field(m, e, m->value_offset), v);
	return 0;
}

/**
 * stp_map_entry_stat() - the combined statistic of entry e.
 * @m: a map of statistics
 * @e: an entry index from iteration, or STP_MAP_NIL
 *
 * Return: the combined data (in a buffer of @m's, valid until the next
 * call for @m), or NULL for STP_MAP_NIL; for the stp_stat_* extractors
 * and stp_hist_print() with &m->stat as the description.
 */
static const struct stp_stat_data *stp_map_entry_stat(struct stp_map *m, u32 e)
{
	if (e == STP_MAP_NIL)
		return NULL;
	stp_stat_combine_one(&m->stat, m->stat_agg, (const struct stp_stat_data *)
			     stp_map_field(m, e, m->value_offset));
	return m->stat_agg;
}

/**
 * stp_map_get_stat() - the statistic a[k...] of a map of statistics.
 * @m: the map
 * @key: m->nkeys key fields
 *
 * Return: as stp_map_entry_stat(); NULL when the element is absent (the
 * extractors then give 0 for @count/@sum and "empty aggregate" otherwise).
 */
static const struct stp_stat_data *stp_map_get_stat(struct stp_map *m,
						    const union stp_key *key)
{
	return stp_map_entry_stat(m, stp_map_lookup(m, key));
}

/**
 * stp_map_delete() - `delete a[k...]`; nothing happens when it is absent.
 * @m: the map
 * @key: m->nkeys key fields
 */
static void stp_map_delete(struct stp_map *m, const union stp_key *key)
{
	u32 e = stp_map_lookup(m, key);

	if (e != STP_MAP_NIL)
		stp_map_remove(m, e);
}

/**
 * stp_map_clear() - `delete a`: remove every element.
 * @m: the map
 *
 * O(capacity): resets the hash table and rebuilds the free list.
 */
static void stp_map_clear(struct stp_map *m)
{
	u32 i;

	if (!m->buckets)
		return;
	memset(m->buckets, 0xff, (m->hash_mask + 1) * sizeof(u32));
	m->free = STP_MAP_NIL;
	for (i = m->capacity; i-- > 0;) {
		stp_map_entry(m, i)->hash_next = m->free;
		m->free = i;
	}
	m->oldest = m->newest = STP_MAP_NIL;
	m->count = 0;
}

/**
 * stp_map_size() - the number of elements in the map.
 * @m: the map
 */
static int64_t stp_map_size(const struct stp_map *m)
{
	return m->count;
}

/**
 * stp_map_first() - start an unsorted foreach: the oldest element.
 * @m: the map
 *
 * Return: an entry index for the stp_map_key_* and stp_map_entry_*
 * accessors, or STP_MAP_NIL when the map is empty. Iteration is in
 * insertion order; it needs no storage, so such loops nest freely.
 */
static u32 stp_map_first(const struct stp_map *m)
{
	return m->oldest;
}

/**
 * stp_map_next() - the element inserted after entry e.
 * @m: the map
 * @e: an entry index from stp_map_first() or stp_map_next()
 *
 * Return: the next entry index, or STP_MAP_NIL at the end.
 */
static u32 stp_map_next(const struct stp_map *m, u32 e)
{
	return stp_map_entry(m, e)->next;
}

/**
 * stp_map_key_long() - key field @field (0-based) of entry e, a long.
 * @m: the map
 * @e: an entry index
 * @field: 0..m->nkeys-1, a STP_TYPE_LONG field
 */
static int64_t stp_map_key_long(const struct stp_map *m, u32 e, unsigned int field)
{
	return *(const int64_t *)stp_map_field(m, e, m->key_offset[field]);
}

/**
 * stp_map_key_str() - key field @field (0-based) of entry e, a string.
 * @m: the map
 * @e: an entry index
 * @field: 0..m->nkeys-1, a STP_TYPE_STRING field
 *
 * Return: the map's own copy; valid while the entry is not removed.
 */
static const char *stp_map_key_str(const struct stp_map *m, u32 e, unsigned int field)
{
	return stp_map_field(m, e, m->key_offset[field]);
}

/**
 * stp_map_entry_long() - the value of entry e of a long-valued map.
 * @m: the map
 * @e: an entry index
 */
static int64_t stp_map_entry_long(const struct stp_map *m, u32 e)
{
	return *(const int64_t *)stp_map_field(m, e, m->value_offset);
}

/**
 * stp_map_entry_str() - the value of entry e of a string-valued map.
 * @m: the map
 * @e: an entry index
 *
 * Return: the map's own copy; valid while the entry is not changed.
 */
static const char *stp_map_entry_str(const struct stp_map *m, u32 e)
{
	return stp_map_field(m, e, m->value_offset);
}

static int64_t stp_map_stat_key(const struct stp_map *m, u32 e, int stat_by)
{
	const struct stp_stat_data *d = (const struct stp_stat_data *)
		stp_map_field(m, e, m->value_offset);

	switch (stat_by) {
	case STP_STAT_BY_SUM:
		return d->sum;
	case STP_STAT_BY_MIN:
		return d->min;
	case STP_STAT_BY_MAX:
		return d->max;
	case STP_STAT_BY_AVG:
		return stp_stat_div(d->sum, d->count);
	default:
		return d->count;
	}
}

/* <0, 0, >0 as entry a sorts before, with, after entry b, ascending. */
static int stp_map_compare(const struct stp_map *m, u32 a, u32 b, int by, int stat_by)
{
	u8 type = by == STP_SORT_VALUE ? m->value_type : m->key_types[by - 1];
	u32 offset = by == STP_SORT_VALUE ? m->value_offset : m->key_offset[by - 1];
	int64_t x, y;

	if (type == STP_TYPE_STRING)
		return strncmp(stp_map_field(m, a, offset), stp_map_field(m, b, offset),
			       MAXSTRINGLEN);
	if (type == STP_TYPE_STAT) {
		x = stp_map_stat_key(m, a, stat_by);
		y = stp_map_stat_key(m, b, stat_by);
	} else {
		x = *(const int64_t *)stp_map_field(m, a, offset);
		y = *(const int64_t *)stp_map_field(m, b, offset);
	}
	return x < y ? -1 : x > y;
}

/* Merge sorted runs src[lo, mid) and src[mid, hi) into dst; stable. */
static void stp_map_merge(const struct stp_map *m, const u32 *src, u32 *dst,
			  u32 lo, u32 mid, u32 hi, int by, int dir, int stat_by)
{
	u32 i = lo, j = mid, k = lo;

	while (i < mid && j < hi) {
		if (dir * stp_map_compare(m, src[i], src[j], by, stat_by) <= 0)
			dst[k++] = src[i++];
		else
			dst[k++] = src[j++];
	}
	while (i < mid)
		dst[k++] = src[i++];
	while (j < hi)
		dst[k++] = src[j++];
}

/**
 * stp_map_sort() - order a map's elements for a sorted foreach.
 * @m: the map; the caller holds its global's lock exclusively
 * @slot: which of the map's m->sort_slots index arrays to fill: the
 *        translator gives nested sorted loops over one map distinct slots
 * @by: STP_SORT_VALUE, or key field 1..m->nkeys
 * @dir: STP_SORT_ASC or STP_SORT_DESC
 * @stat_by: for a map of statistics sorted by value, STP_STAT_BY_*
 * @limit: `limit N`: at most this many elements; negative for no limit
 *
 * An iterative, stable merge sort of entry indices in preallocated
 * arrays: elements that compare equal stay in insertion order, nothing is
 * allocated, and the work is O(n log n). Strings compare as strcmp().
 *
 * Return: how many elements to visit; the i-th is stp_map_sorted(m, slot, i).
 */
static u32 stp_map_sort(struct stp_map *m, unsigned int slot, int by, int dir,
			int stat_by, int64_t limit)
{
	u32 *src = m->order[slot], *dst = m->scratch, *swap;
	u32 n = 0, e, width, lo;

	for (e = m->oldest; e != STP_MAP_NIL; e = stp_map_entry(m, e)->next)
		src[n++] = e;
	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width)
			stp_map_merge(m, src, dst, lo, min(lo + width, n),
				      min(lo + 2 * width, n), by, dir, stat_by);
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != m->order[slot])
		memcpy(m->order[slot], src, n * sizeof(u32));
	return limit >= 0 && limit < n ? (u32)limit : n;
}

/**
 * stp_map_sorted() - the i-th element of the last stp_map_sort() of @slot.
 * @m: the map
 * @slot: the slot given to stp_map_sort()
 * @i: 0 .. its result - 1
 *
 * Return: an entry index for the accessors.
 */
static u32 stp_map_sorted(const struct stp_map *m, unsigned int slot, u32 i)
{
	return m->order[slot][i];
}

static void stp_map_free(struct stp_map *m)
{
	unsigned int i;

	if (m->order) {
		for (i = 0; i < max(m->sort_slots, 1U); i++)
			kvfree(m->order[i]);
		kfree(m->order);
	}
	kvfree(m->scratch);
	kvfree(m->entries);
	kvfree(m->buckets);
	kvfree(m->stat_agg);
	m->order = NULL;
	m->scratch = NULL;
	m->entries = NULL;
	m->buckets = NULL;
	m->stat_agg = NULL;
}

/* Field offsets and entry size, every field 8-byte aligned. */
static int stp_map_layout(struct stp_map *m)
{
	u32 off = sizeof(struct stp_map_entry);
	unsigned int f;

	if (m->nkeys < 1 || m->nkeys > STP_MAP_MAX_KEYS)
		return -EINVAL;
	for (f = 0; f < m->nkeys; f++) {
		m->key_offset[f] = off;
		off += m->key_types[f] == STP_TYPE_STRING ? ALIGN(MAXSTRINGLEN, 8) : 8;
	}
	m->value_offset = off;
	if (m->value_type == STP_TYPE_STAT) {
		if (stp_stat_buckets(&m->stat) < 0)
			return -EINVAL;
		off += stp_stat_data_size(&m->stat);
	} else {
		off += m->value_type == STP_TYPE_STRING ? ALIGN(MAXSTRINGLEN, 8) : 8;
	}
	m->entry_size = ALIGN(off, 8);
	return 0;
}

static int stp_map_alloc_order(struct stp_map *m)
{
	unsigned int i, slots = max(m->sort_slots, 1U);

	m->order = kcalloc(slots, sizeof(*m->order), GFP_KERNEL);
	m->scratch = kvcalloc(max(m->capacity, 1U), sizeof(u32), GFP_KERNEL);
	if (!m->order || !m->scratch)
		return -ENOMEM;
	for (i = 0; i < slots; i++) {
		m->order[i] = kvcalloc(max(m->capacity, 1U), sizeof(u32), GFP_KERNEL);
		if (!m->order[i])
			return -ENOMEM;
	}
	return 0;
}

/* At module load: every entry, the hash table and the sort arrays. */
static int stp_map_alloc(struct stp_map *m)
{
	int rc;

	m->capacity = m->size ? m->size : MAXMAPENTRIES;
	if (m->size)
		snprintf(m->overflow_msg, sizeof(m->overflow_msg),
			 "Array overflow, check size limit (%u)", m->size);
	else
		strscpy(m->overflow_msg, "Array overflow, check MAXMAPENTRIES",
			sizeof(m->overflow_msg));
	rc = stp_map_layout(m);
	if (rc)
		return rc;
	m->hash_mask = roundup_pow_of_two(max(m->capacity, 1U) * 2) - 1;
	m->entries = kvcalloc(max(m->capacity, 1U), m->entry_size, GFP_KERNEL);
	m->buckets = kvcalloc(m->hash_mask + 1, sizeof(u32), GFP_KERNEL);
	if (m->value_type == STP_TYPE_STAT)
		m->stat_agg = kvzalloc(stp_stat_data_size(&m->stat), GFP_KERNEL);
	if (!m->entries || !m->buckets || stp_map_alloc_order(m) ||
	    (m->value_type == STP_TYPE_STAT && !m->stat_agg))
		goto fail;
	stp_map_clear(m);
	return 0;
fail:
	stp_map_free(m);
	return -ENOMEM;
}

/* Allocate every map and statistic of the script; all or nothing. */
static int stp_globals_alloc(void)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < stp_script.nmaps; i++)
		rc = stp_map_alloc(stp_script.maps[i]);
	for (i = 0; !rc && i < stp_script.nstats; i++)
		rc = stp_stat_alloc(stp_script.stats[i]);
	return rc;
}

static void stp_globals_free(void)
{
	unsigned int i;

	for (i = 0; i < stp_script.nmaps; i++)
		stp_map_free(stp_script.maps[i]);
	for (i = 0; i < stp_script.nstats; i++)
		stp_stat_free(stp_script.stats[i]);
}
