/* digest.h — SHA-256 content hashes (for manifests: which bytes were labeled).
 *
 * A plain streaming implementation of FIPS 180-4 SHA-256; no I/O, no globals. */
#ifndef CHUDE_DIGEST_H
#define CHUDE_DIGEST_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
} chude_sha256;

void chude_sha256_init(chude_sha256 *s);
void chude_sha256_update(chude_sha256 *s, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits and a NUL into hex. */
void chude_sha256_hex(chude_sha256 *s, char hex[65]);
/* One call: the hex digest of len bytes at data. */
void chude_sha256_of(const void *data, size_t len, char hex[65]);

#endif
