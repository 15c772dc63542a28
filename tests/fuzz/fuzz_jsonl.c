/* fuzz_jsonl.c — JSONL record parsing and the bounded line reader on any bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "chude/jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chude_record rec;
    if (chude_record_parse((const char *)data, size, 1, &rec, NULL) == CHUDE_OK) chude_record_clear(&rec);
    char path[] = "/tmp/chude-fuzz-jsonl-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    if (write(fd, data, size) != (ssize_t)size) { close(fd); unlink(path); return 0; }
    close(fd);
    chude_line_reader *r;
    if (chude_line_reader_open(path, 256, &r, NULL) == CHUDE_OK) {
        const char *line;
        size_t len, no;
        for (int k = 0; k < 100000; k++) {
            chude_status s = chude_line_reader_next(r, &line, &len, &no);
            if (s == CHUDE_OK && !line) break;
            if (s == CHUDE_OK && chude_record_parse(line, len, 0, &rec, NULL) == CHUDE_OK) chude_record_clear(&rec);
            if (s != CHUDE_OK && s != CHUDE_ERR_LIMIT) break;
        }
        chude_line_reader_close(r);
    }
    unlink(path);
    return 0;
}
