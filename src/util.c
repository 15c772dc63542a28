/* util.c — the internal hash map and sorting helpers declared in util.h.
 *
 * No globals, no I/O; callers own every map they initialise. */
#include "util.h"

#include <stdlib.h>
#include <string.h>

int chude_map64_init(chude_map64 *m, size_t expected)
{
    size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    m->keys = calloc(cap, sizeof *m->keys);
    m->vals = malloc(cap * sizeof *m->vals);
    m->mask = cap - 1;
    m->count = 0;
    if (!m->keys || !m->vals) { free(m->keys); free(m->vals); memset(m, 0, sizeof *m); return 0; }
    return 1;
}

void chude_map64_free(chude_map64 *m)
{
    if (!m) return;
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static int grow(chude_map64 *m)
{
    chude_map64 n;
    if (!chude_map64_init(&n, (m->mask + 1)))
        return 0;
    for (size_t i = 0; i <= m->mask; i++) {
        if (!m->keys[i]) continue;
        size_t j = (size_t)chude_mix64(m->keys[i]) & n.mask;
        while (n.keys[j]) j = (j + 1) & n.mask;
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
    }
    n.count = m->count;
    chude_map64_free(m);
    *m = n;
    return 1;
}

uint32_t *chude_map64_upsert(chude_map64 *m, uint64_t key, uint32_t init, int *added)
{
    if (key == 0) key = 1;
    if ((m->count + 1) * 4 > (m->mask + 1) * 3 && !grow(m)) return NULL;
    size_t j = (size_t)chude_mix64(key) & m->mask;
    while (m->keys[j]) {
        if (m->keys[j] == key) { if (added) *added = 0; return &m->vals[j]; }
        j = (j + 1) & m->mask;
    }
    m->keys[j] = key;
    m->vals[j] = init;
    m->count++;
    if (added) *added = 1;
    return &m->vals[j];
}

uint32_t *chude_map64_find(const chude_map64 *m, uint64_t key)
{
    if (key == 0) key = 1;
    if (!m->keys) return NULL;
    size_t j = (size_t)chude_mix64(key) & m->mask;
    while (m->keys[j]) {
        if (m->keys[j] == key) return &m->vals[j];
        j = (j + 1) & m->mask;
    }
    return NULL;
}

/* LSD radix sort on 8-bit digits, skipping digits where all keys agree; tmp holds n. */
static void radix_u64(uint64_t *a, uint64_t *tmp, size_t n, int first_digit, int digits)
{
    size_t count[256];
    uint64_t *src = a, *dst = tmp;
    for (int d = first_digit; d < first_digit + digits; d++) {
        unsigned shift = (unsigned)d * 8;
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++) count[(src[i] >> shift) & 0xFF]++;
        if (count[(src[0] >> shift) & 0xFF] == n) continue;   /* all equal: nothing to do */
        size_t sum = 0;
        for (int b = 0; b < 256; b++) { size_t c = count[b]; count[b] = sum; sum += c; }
        for (size_t i = 0; i < n; i++) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *t = src; src = dst; dst = t;
    }
    if (src != a) memcpy(a, src, n * sizeof *a);
}

void chude_sort_u64_radix(uint64_t *a, uint64_t *tmp, size_t n, int high32_only)
{
    if (n < 2) return;
    if (n < 64) { chude_sort_u64(a, n); return; }
    radix_u64(a, tmp, n, high32_only ? 4 : 0, high32_only ? 4 : 8);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

void chude_sort_u64(uint64_t *a, size_t n) { if (n > 1) qsort(a, n, sizeof *a, cmp_u64); }
