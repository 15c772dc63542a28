/* util.h — small internal helpers shared by the library's modules (not installed).
 *
 * A 64-bit FNV-1a hash, an open-addressing map from 64-bit keys to 32-bit values, and
 * sorting helpers. Plain data, no globals, no I/O. */
#ifndef CHUDE_UTIL_H
#define CHUDE_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define CHUDE_FNV_OFFSET 0xcbf29ce484222325ULL
#define CHUDE_FNV_PRIME 0x100000001b3ULL

static inline uint64_t chude_fnv_step(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= CHUDE_FNV_PRIME;
    }
    return h;
}

/* Mixes a hash before it picks a slot (FNV's low bits are weak). */
static inline uint64_t chude_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Map from nonzero 64-bit keys to 32-bit values. */
typedef struct {
    uint64_t *keys;    /* 0 = empty */
    uint32_t *vals;
    size_t mask;       /* capacity - 1 (a power of two) */
    size_t count;
} chude_map64;

int chude_map64_init(chude_map64 *m, size_t expected);   /* 1 on success */
void chude_map64_free(chude_map64 *m);
/* Pointer to the value for key, inserting *val=init when absent (*added set to 1). NULL
 * when memory runs out. The pointer is valid until the next insertion. */
uint32_t *chude_map64_upsert(chude_map64 *m, uint64_t key, uint32_t init, int *added);
/* Pointer to the value for key, or NULL. */
uint32_t *chude_map64_find(const chude_map64 *m, uint64_t key);

void chude_sort_u64(uint64_t *a, size_t n);
/* Radix sort of n keys using tmp (n entries) as scratch; high32_only: order by bits 32..63
 * only (stable for the low half). Falls back to qsort for small n. */
void chude_sort_u64_radix(uint64_t *a, uint64_t *tmp, size_t n, int high32_only);

#endif
