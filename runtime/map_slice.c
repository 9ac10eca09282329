// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Array slices: `[k, *] in a`, `delete a[*, k]`, `foreach ([i, j] in
 * a[*, k])`. A slice is a full key whose wildcard fields are marked in a
 * bit mask (bit i: field i is '*'); it names every element that matches
 * the other fields. Same locking as map.c: the caller holds the global's
 * lock, exclusively to delete.
 */

/**
 * stp_map_slice_match() - whether entry @e matches the slice.
 * @m: the map
 * @e: an entry index
 * @key: m->nkeys key fields; wildcard fields are not read
 * @wild: bit i set when field i is '*'
 */
static bool stp_map_slice_match(const struct stp_map *m, u32 e, const union stp_key *key,
				u32 wild)
{
	unsigned int i;

	for (i = 0; i < m->nkeys; i++) {
		if (wild & (1u << i))
			continue;
		if (m->key_types[i] == STP_TYPE_STRING) {
			if (strncmp(stp_map_key_str(m, e, i), key[i].s, MAXSTRINGLEN - 1))
				return false;
		} else if (stp_map_key_long(m, e, i) != key[i].l) {
			return false;
		}
	}
	return true;
}

/**
 * stp_map_slice_exists() - `[k, *] in a`: whether any element matches.
 * @m: the map
 * @key: the slice's fields
 * @wild: its wildcard mask
 */
static bool stp_map_slice_exists(const struct stp_map *m, const union stp_key *key, u32 wild)
{
	u32 e;

	for (e = stp_map_first(m); e != STP_MAP_NIL; e = stp_map_next(m, e))
		if (stp_map_slice_match(m, e, key, wild))
			return true;
	return false;
}

/**
 * stp_map_delete_slice() - `delete a[k, *]`: remove every matching element.
 * @m: the map
 * @key: the slice's fields
 * @wild: its wildcard mask
 */
static void stp_map_delete_slice(struct stp_map *m, const union stp_key *key, u32 wild)
{
	u32 e, next;

	for (e = stp_map_first(m); e != STP_MAP_NIL; e = next) {
		next = stp_map_next(m, e);
		if (stp_map_slice_match(m, e, key, wild))
			stp_map_remove(m, e);
	}
}
