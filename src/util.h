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

/* The code points the normalizer's and tokenizer's fast paths know (ASCII, Latin up to
 * Extended-B, the Vietnamese letters of Latin Extended Additional, general punctuation,
 * currency signs), numbered 0..CHUDE_FAST_TABLE-1 for their lookup tables. */
#define CHUDE_FAST_R0_END 0x250u
#define CHUDE_FAST_R1_BEGIN 0x1EA0u
#define CHUDE_FAST_R1_END 0x1F00u
#define CHUDE_FAST_R2_BEGIN 0x2010u
#define CHUDE_FAST_R2_END 0x2060u
#define CHUDE_FAST_R3_BEGIN 0x20A0u
#define CHUDE_FAST_R3_END 0x20C0u
#define CHUDE_FAST_TABLE (CHUDE_FAST_R0_END + (CHUDE_FAST_R1_END - CHUDE_FAST_R1_BEGIN) + \
    (CHUDE_FAST_R2_END - CHUDE_FAST_R2_BEGIN) + (CHUDE_FAST_R3_END - CHUDE_FAST_R3_BEGIN))

/* The code point at index i (< CHUDE_FAST_TABLE) of the fast-path tables. */
static inline uint32_t chude_fast_char(size_t i)
{
    if (i < CHUDE_FAST_R0_END) return (uint32_t)i;
    i -= CHUDE_FAST_R0_END;
    if (i < CHUDE_FAST_R1_END - CHUDE_FAST_R1_BEGIN) return CHUDE_FAST_R1_BEGIN + (uint32_t)i;
    i -= CHUDE_FAST_R1_END - CHUDE_FAST_R1_BEGIN;
    if (i < CHUDE_FAST_R2_END - CHUDE_FAST_R2_BEGIN) return CHUDE_FAST_R2_BEGIN + (uint32_t)i;
    i -= CHUDE_FAST_R2_END - CHUDE_FAST_R2_BEGIN;
    return CHUDE_FAST_R3_BEGIN + (uint32_t)i;
}

/* Index of code point c in the fast-path tables, or SIZE_MAX when c is not in them. */
static inline size_t chude_fast_index(uint32_t c)
{
    if (c < CHUDE_FAST_R0_END) return c;
    size_t off = CHUDE_FAST_R0_END;
    if (c >= CHUDE_FAST_R1_BEGIN && c < CHUDE_FAST_R1_END) return off + (c - CHUDE_FAST_R1_BEGIN);
    off += CHUDE_FAST_R1_END - CHUDE_FAST_R1_BEGIN;
    if (c >= CHUDE_FAST_R2_BEGIN && c < CHUDE_FAST_R2_END) return off + (c - CHUDE_FAST_R2_BEGIN);
    off += CHUDE_FAST_R2_END - CHUDE_FAST_R2_BEGIN;
    if (c >= CHUDE_FAST_R3_BEGIN && c < CHUDE_FAST_R3_END) return off + (c - CHUDE_FAST_R3_BEGIN);
    return SIZE_MAX;
}

/* Length of the valid (strict: no overlongs, surrogates or values past U+10FFFF) UTF-8
 * sequence at s, at most n bytes, with its code point in *cp; 0 when invalid. */
static inline size_t chude_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { need = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < need) return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return need;
}

/* Writes code point cp (at most U+10FFFF) as UTF-8 at o; returns the byte count (1..4). */
static inline size_t chude_utf8_encode(char *o, uint32_t cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

void chude_sort_u64(uint64_t *a, size_t n);
/* Radix sort of n keys using tmp (n entries) as scratch; high32_only: order by bits 32..63
 * only (stable for the low half). Falls back to qsort for small n. */
void chude_sort_u64_radix(uint64_t *a, uint64_t *tmp, size_t n, int high32_only);

#endif
