/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Associative arrays: the types the translator declares. See map.c.
 */
#ifndef CTAP_RUNTIME_MAP_H
#define CTAP_RUNTIME_MAP_H

#ifndef MAXMAPENTRIES
#define MAXMAPENTRIES 2048
#endif

#define STP_MAP_MAX_KEYS	9

/* Key and value types. */
#define STP_TYPE_LONG	1
#define STP_TYPE_STRING	2
#define STP_TYPE_STAT	3	/* values only */

/* One key field as the translator passes it: a long or a string. */
union stp_key {
	int64_t l;
	const char *s;
};

/* Sort orders for stp_map_sort(). */
#define STP_SORT_ASC	1
#define STP_SORT_DESC	(-1)
/* Sort fields: the value, or key field 1..9. */
#define STP_SORT_VALUE	0
/* What a statistic value sorts by (foreach (k in a @sum-)); default count. */
#define STP_STAT_BY_COUNT	0
#define STP_STAT_BY_SUM		1
#define STP_STAT_BY_MIN		2
#define STP_STAT_BY_MAX		3
#define STP_STAT_BY_AVG		4

/* "No entry": the end of a chain or list, an absent element. */
#define STP_MAP_NIL	U32_MAX

/*
 * A global array. The translator fills in the first fields; the runtime
 * allocates the entries when the module loads (stp_script.maps lists
 * every map), so no operation allocates.
 */
struct stp_map {
	unsigned int nkeys;		/* 1..STP_MAP_MAX_KEYS */
	const u8 *key_types;		/* nkeys STP_TYPE_LONG/STRING */
	u8 value_type;			/* STP_TYPE_LONG/STRING/STAT */
	u32 size;			/* global a[N]: N; 0: MAXMAPENTRIES */
	bool wrap;			/* global a%: overwrite the oldest entry */
	unsigned int sort_slots;	/* sorted foreach nesting depth; 0 means 1 */
	struct stp_stat_desc stat;	/* value_type STP_TYPE_STAT */
	/* runtime-private */
	u32 capacity;
	u32 key_offset[STP_MAP_MAX_KEYS];
	u32 value_offset;
	u32 entry_size;
	u32 hash_mask;
	u32 count;
	u32 oldest, newest;		/* insertion-order list */
	u32 free;			/* unused entries, chained */
	char *entries;
	u32 *buckets;
	u32 **order;			/* sort_slots arrays of capacity indices */
	u32 *scratch;			/* merge sort's second array */
	struct stp_stat_data *stat_agg;	/* stp_map_get_stat()'s result */
	char overflow_msg[64];
};

#endif
