/* libarchive, avro-c and uchardet, loaded with dlopen the first time one of their
   functions is called, not at every start.

   Why: linked the usual way, the three and what they pull in (libxml2 and ICU, nettle,
   acl, lzma, zstd, lz4, bzip2, jansson, snappy) were 14 of the binary's 24 shared
   libraries, and the dynamic loader mapped and relocated them at every start: a C program
   that only prints a line took 5.1 ms to run linked with all 24 and 3.0 ms without these
   three, and most scans open no archive, Avro file or non-UTF-8 text.

   How: this file defines the functions Trawl calls, under the libraries' own names and
   with the prototypes of their own headers (so the compiler checks each one), and each
   forwards through a table filled with dlsym from the library's handle. The Swift code
   calls them as before (CArchive, CAvro and CUchardet now only give the headers; nothing
   links the libraries). The executable does not export these names (it is linked with
   --no-export-dynamic), and dlsym on the handle finds the library's own functions, never
   these. Hand-written because no library does this.

   When a library cannot be loaded, its functions fail the way the library itself reports
   failure: NULL from a constructor, ARCHIVE_FATAL, an errno code (avro-c), and
   archive_error_string returns why. */

#include "document_libraries.h"
#include "library_loading.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#include <archive.h>
#include <archive_entry.h>
#include <avro.h>
#include <uchardet/uchardet.h>

#define ARCHIVE_FUNCTIONS(F) \
    F(archive_read_new) \
    F(archive_read_free) \
    F(archive_read_support_filter_by_code) \
    F(archive_read_support_format_7zip) \
    F(archive_read_support_format_ar) \
    F(archive_read_support_format_cab) \
    F(archive_read_support_format_cpio) \
    F(archive_read_support_format_empty) \
    F(archive_read_support_format_iso9660) \
    F(archive_read_support_format_lha) \
    F(archive_read_support_format_rar) \
    F(archive_read_support_format_rar5) \
    F(archive_read_support_format_raw) \
    F(archive_read_support_format_tar) \
    F(archive_read_support_format_warc) \
    F(archive_read_support_format_xar) \
    F(archive_read_support_format_zip) \
    F(archive_read_set_callback_data) \
    F(archive_read_set_read_callback) \
    F(archive_read_set_seek_callback) \
    F(archive_read_set_skip_callback) \
    F(archive_read_open1) \
    F(archive_read_next_header) \
    F(archive_read_data) \
    F(archive_format_name) \
    F(archive_filter_name) \
    F(archive_filter_count) \
    F(archive_filter_code) \
    F(archive_error_string) \
    F(archive_errno) \
    F(archive_entry_is_encrypted) \
    F(archive_entry_filetype) \
    F(archive_entry_hardlink) \
    F(archive_entry_pathname) \
    F(archive_entry_pathname_utf8) \
    F(archive_entry_size) \
    F(archive_entry_size_is_set) \
    F(archive_entry_symlink)

#define AVRO_FUNCTIONS(F) \
    F(avro_schema_from_json_length) \
    F(avro_schema_decref) \
    F(avro_schema_enum_get) \
    F(avro_generic_class_from_schema) \
    F(avro_generic_value_new) \
    F(avro_value_decref) \
    F(avro_reader_memory) \
    F(avro_reader_memory_set_source) \
    F(avro_reader_free) \
    F(avro_value_read)

#define UCHARDET_FUNCTIONS(F) \
    F(uchardet_new) \
    F(uchardet_delete) \
    F(uchardet_handle_data) \
    F(uchardet_data_end) \
    F(uchardet_get_charset)

static struct { ARCHIVE_FUNCTIONS(TRAWL_TABLE_FIELD) } archive_lib;
static struct { AVRO_FUNCTIONS(TRAWL_TABLE_FIELD) } avro_lib;
static struct { UCHARDET_FUNCTIONS(TRAWL_TABLE_FIELD) } uchardet_lib;

/* MARK: Loading */

/* Why each library did not load (empty while it did or was not needed). */
static char archive_error[512], avro_error[512], uchardet_error[512];
static int archive_ready, avro_ready, uchardet_ready;
static pthread_once_t archive_once = PTHREAD_ONCE_INIT, avro_once = PTHREAD_ONCE_INIT,
                      uchardet_once = PTHREAD_ONCE_INIT;

static void load_archive(void) {
    TRAWL_LOAD_TABLE(archive_lib, ARCHIVE_FUNCTIONS, "TRAWL_ARCHIVE_LIBRARY", "libarchive.so.13", "libarchive.so",
                     "libarchive.so.13", archive_error)
    archive_ready = 1;
}

static void load_avro(void) {
    TRAWL_LOAD_TABLE(avro_lib, AVRO_FUNCTIONS, "TRAWL_AVRO_LIBRARY", "libavro.so.23", "libavro.so", "libavro.so.23",
                     avro_error)
    avro_ready = 1;
}

static void load_uchardet(void) {
    TRAWL_LOAD_TABLE(uchardet_lib, UCHARDET_FUNCTIONS, "TRAWL_UCHARDET_LIBRARY", "libuchardet.so.0", "libuchardet.so",
                     "libuchardet.so.0", uchardet_error)
    uchardet_ready = 1;
}

TRAWL_LOADED_ONCE(archive_loaded, archive_once, load_archive, archive_ready)
TRAWL_LOADED_ONCE(avro_loaded, avro_once, load_avro, avro_ready)
TRAWL_LOADED_ONCE(uchardet_loaded, uchardet_once, load_uchardet, uchardet_ready)

const char *trawl_archive_library_error(void) { return archive_error; }

/* MARK: The functions */

/* One function: the library's when it is loaded, else `failed`. */
#define FORWARD(lib, failed, type, name, parameters, arguments) \
    type name parameters { return lib##_loaded() ? lib##_lib.name arguments : (failed); }
#define FORWARD_VOID(lib, name, parameters, arguments) \
    void name parameters { if (lib##_loaded()) lib##_lib.name arguments; }

typedef struct archive archive_t;
typedef struct archive_entry archive_entry_t;

FORWARD(archive, NULL, archive_t *, archive_read_new, (void), ())
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_free, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_filter_by_code, (archive_t *a, int code), (a, code))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_7zip, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_ar, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_cab, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_cpio, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_empty, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_iso9660, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_lha, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_rar, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_rar5, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_raw, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_tar, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_warc, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_xar, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_support_format_zip, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_set_callback_data, (archive_t *a, void *data), (a, data))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_set_read_callback, (archive_t *a, archive_read_callback *f), (a, f))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_set_seek_callback, (archive_t *a, archive_seek_callback *f), (a, f))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_set_skip_callback, (archive_t *a, archive_skip_callback *f), (a, f))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_open1, (archive_t *a), (a))
FORWARD(archive, ARCHIVE_FATAL, int, archive_read_next_header, (archive_t *a, archive_entry_t **entry), (a, entry))
FORWARD(archive, ARCHIVE_FATAL, la_ssize_t, archive_read_data, (archive_t *a, void *buffer, size_t size), (a, buffer, size))
FORWARD(archive, NULL, const char *, archive_format_name, (archive_t *a), (a))
FORWARD(archive, NULL, const char *, archive_filter_name, (archive_t *a, int n), (a, n))
FORWARD(archive, 0, int, archive_filter_count, (archive_t *a), (a))
FORWARD(archive, 0, int, archive_filter_code, (archive_t *a, int n), (a, n))
FORWARD(archive, archive_error, const char *, archive_error_string, (archive_t *a), (a))
FORWARD(archive, ENOSYS, int, archive_errno, (archive_t *a), (a))
FORWARD(archive, 0, int, archive_entry_is_encrypted, (archive_entry_t *e), (e))
FORWARD(archive, 0, __LA_MODE_T, archive_entry_filetype, (archive_entry_t *e), (e))
FORWARD(archive, NULL, const char *, archive_entry_hardlink, (archive_entry_t *e), (e))
FORWARD(archive, NULL, const char *, archive_entry_pathname, (archive_entry_t *e), (e))
FORWARD(archive, NULL, const char *, archive_entry_pathname_utf8, (archive_entry_t *e), (e))
FORWARD(archive, 0, la_int64_t, archive_entry_size, (archive_entry_t *e), (e))
FORWARD(archive, 0, int, archive_entry_size_is_set, (archive_entry_t *e), (e))
FORWARD(archive, NULL, const char *, archive_entry_symlink, (archive_entry_t *e), (e))

FORWARD(avro, ENOSYS, int, avro_schema_from_json_length, (const char *text, size_t length, avro_schema_t *schema),
        (text, length, schema))
FORWARD(avro, ENOSYS, int, avro_schema_decref, (avro_schema_t schema), (schema))
FORWARD(avro, NULL, const char *, avro_schema_enum_get, (const avro_schema_t schema, int index), (schema, index))
FORWARD(avro, NULL, avro_value_iface_t *, avro_generic_class_from_schema, (avro_schema_t schema), (schema))
FORWARD(avro, ENOSYS, int, avro_generic_value_new, (avro_value_iface_t *iface, avro_value_t *dest), (iface, dest))
FORWARD_VOID(avro, avro_value_decref, (avro_value_t *value), (value))
FORWARD(avro, NULL, avro_reader_t, avro_reader_memory, (const char *buffer, int64_t length), (buffer, length))
FORWARD_VOID(avro, avro_reader_memory_set_source, (avro_reader_t reader, const char *buffer, int64_t length),
             (reader, buffer, length))
FORWARD_VOID(avro, avro_reader_free, (avro_reader_t reader), (reader))
FORWARD(avro, ENOSYS, int, avro_value_read, (avro_reader_t reader, avro_value_t *dest), (reader, dest))

FORWARD(uchardet, NULL, uchardet_t, uchardet_new, (void), ())
FORWARD_VOID(uchardet, uchardet_delete, (uchardet_t detector), (detector))
FORWARD(uchardet, ENOSYS, int, uchardet_handle_data, (uchardet_t detector, const char *data, size_t length),
        (detector, data, length))
FORWARD_VOID(uchardet, uchardet_data_end, (uchardet_t detector), (detector))
FORWARD(uchardet, "", const char *, uchardet_get_charset, (uchardet_t detector), (detector))
