// The hand-over of CSV and TSV records that hold no quote to FieldScanner's batch, many
// records per call. Written by hand: it is FieldScanner's batch format (a record's bytes
// with its delimiters turned into newlines, a field per record), which no library knows.
// Through DelimitedTextReader's call per record (DelimitedFieldHandler.plainRecord) the
// hand-over took about 290 instructions a record on the benchmark's CSV (callgrind),
// most of it the calls and checks around the search and the copy this loop makes.
#include "trawl_kernels.h"

size_t trawl_csv_batch_rows(const uint8_t *buf, size_t i, size_t n, uint8_t delimiter, uint8_t *text,
                            size_t *text_count, size_t text_room, size_t batch_bytes, trawl_batch_field *fields,
                            size_t *field_count, size_t field_room, uint8_t kind, long row, long total,
                            long *records) {
    size_t t = *text_count, f = *field_count;
    long r = 0;
    while (i < n) {
        size_t j = i + trawl_find_either_padded(buf + i, n - i, '"', '\n');
        if (j >= n || buf[j] != '\n') break;
        size_t end = j > i && buf[j - 1] == '\r' ? j - 1 : j, length = end - i;
        if (length > 0) {
            if (t + length + 1 > text_room || f + 1 > field_room) break;
            trawl_copy_replacing(buf + i, length, delimiter, '\n', text + t);
            fields[f++] = trawl_batch_field_of(kind, t, t + length, 0, row + r, 0, 0, 0, total + (long)i);
            t += length;
            text[t++] = '\n';
        }
        r++;
        i = j + 1;
        if (t >= batch_bytes) break;
    }
    *text_count = t;
    *field_count = f;
    *records = r;
    return i;
}
