/* See include/document_libraries.h: why poppler-glib and GMime are loaded on first use.
   The functions are called through tables typed from the libraries' own headers
   (__typeof__), so each call is checked like a direct one; dlsym on a library's handle
   also finds the GLib functions of the libraries it depends on. */

#include "document_libraries.h"
#include "library_loading.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>
#include <gmime/gmime.h>

#define GLIB_FUNCTIONS(F) \
    F(g_object_unref) \
    F(g_free) \
    F(g_error_free) \
    F(g_type_check_instance_is_a)

#define POPPLER_FUNCTIONS(F) \
    GLIB_FUNCTIONS(F) \
    F(g_bytes_new) \
    F(g_bytes_unref) \
    F(poppler_error_quark) \
    F(poppler_document_new_from_bytes) \
    F(poppler_document_get_n_pages) \
    F(poppler_document_get_page) \
    F(poppler_page_get_text)

#define GMIME_FUNCTIONS(F) \
    GLIB_FUNCTIONS(F) \
    F(g_mime_init) \
    F(g_mime_stream_mem_new) \
    F(g_mime_stream_mem_new_with_buffer) \
    F(g_mime_stream_mem_get_byte_array) \
    F(g_mime_parser_new_with_stream) \
    F(g_mime_parser_construct_message) \
    F(g_mime_message_get_mime_part) \
    F(g_mime_message_part_get_type) \
    F(g_mime_message_part_get_message) \
    F(g_mime_multipart_get_type) \
    F(g_mime_multipart_get_count) \
    F(g_mime_multipart_get_part) \
    F(g_mime_part_get_type) \
    F(g_mime_part_get_content) \
    F(g_mime_text_part_get_type) \
    F(g_mime_text_part_get_text) \
    F(g_mime_object_get_header_list) \
    F(g_mime_object_get_content_type) \
    F(g_mime_object_get_content_type_parameter) \
    F(g_mime_object_get_content_disposition) \
    F(g_mime_object_get_content_disposition_parameter) \
    F(g_mime_object_write_to_stream) \
    F(g_mime_header_list_get_count) \
    F(g_mime_header_list_get_header_at) \
    F(g_mime_header_get_name) \
    F(g_mime_header_get_value) \
    F(g_mime_content_type_get_mime_type) \
    F(g_mime_content_disposition_is_attachment) \
    F(g_mime_data_wrapper_write_to_stream)

static struct { POPPLER_FUNCTIONS(TRAWL_TABLE_FIELD) } pdf;
static struct { GMIME_FUNCTIONS(TRAWL_TABLE_FIELD) } mime;

/* MARK: Loading */

/* Why each library did not load (empty while it did or was not needed). */
static char pdf_error[512], mime_error[512];

void *trawl_open_library(const char *variable, const char *soname, const char *dev_name, char *load_error,
                         size_t error_size) {
    const char *chosen = getenv(variable);
    void *handle;
    if (chosen && *chosen) {
        handle = dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
    } else {
        handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
        if (!handle) handle = dlopen(dev_name, RTLD_NOW | RTLD_LOCAL);
    }
    if (!handle) snprintf(load_error, error_size, "cannot load %s: %s", chosen && *chosen ? chosen : soname, dlerror());
    return handle;
}

static int pdf_ready, mime_ready;
static pthread_once_t pdf_once = PTHREAD_ONCE_INIT, mime_once = PTHREAD_ONCE_INIT;

static void load_poppler(void) {
    TRAWL_LOAD_TABLE(pdf, POPPLER_FUNCTIONS, "TRAWL_POPPLER_LIBRARY", "libpoppler-glib.so.8", "libpoppler-glib.so",
                     "libpoppler-glib", pdf_error)
    pdf_ready = 1;
}

static void load_gmime(void) {
    TRAWL_LOAD_TABLE(mime, GMIME_FUNCTIONS, "TRAWL_GMIME_LIBRARY", "libgmime-3.0.so.0", "libgmime-3.0.so",
                     "libgmime-3.0", mime_error)
    mime.g_mime_init();   /* once per process, before any other GMime call */
    mime_ready = 1;
}

TRAWL_LOADED_ONCE(poppler_loaded, pdf_once, load_poppler, pdf_ready)
TRAWL_LOADED_ONCE(gmime_loaded, mime_once, load_gmime, mime_ready)

const char *trawl_pdf_library_error(void) { return pdf_error; }

const char *trawl_mime_library_error(void) { return mime_error; }

void trawl_document_free(void *block) { free(block); }

/* A copy in malloc'd memory (what the caller frees with trawl_document_free) of a string
   GLib allocated, which is then freed with the library's g_free. */
static char *take_string(char *glib_string, __typeof__(&g_free) glib_free) {
    if (!glib_string) return NULL;
    char *copy = strdup(glib_string);
    glib_free(glib_string);
    return copy;
}

/* MARK: PDF */

trawl_doc_status trawl_pdf_open(const void *bytes, size_t count, trawl_pdf **document, char *error, size_t error_size) {
    *document = NULL;
    if (!poppler_loaded()) return TRAWL_DOC_UNAVAILABLE;
    GBytes *data = pdf.g_bytes_new(bytes, count);
    GError *failure = NULL;
    PopplerDocument *opened = pdf.poppler_document_new_from_bytes(data, NULL, &failure);
    pdf.g_bytes_unref(data);
    if (opened) {
        if (failure) pdf.g_error_free(failure);   /* not expected with a document; never leaked */
        *document = (trawl_pdf *)opened;
        return TRAWL_DOC_OK;
    }
    if (!failure) {
        snprintf(error, error_size, "poppler returned no document and no error");
        return TRAWL_DOC_MALFORMED;
    }
    int encrypted = failure->domain == pdf.poppler_error_quark() && failure->code == POPPLER_ERROR_ENCRYPTED;
    snprintf(error, error_size, "%s", failure->message ? failure->message : "unknown error");
    pdf.g_error_free(failure);
    return encrypted ? TRAWL_DOC_ENCRYPTED : TRAWL_DOC_MALFORMED;
}

int trawl_pdf_page_count(trawl_pdf *document) {
    return pdf.poppler_document_get_n_pages((PopplerDocument *)document);
}

int trawl_pdf_page_text(trawl_pdf *document, int index, char **text) {
    *text = NULL;
    PopplerPage *page = pdf.poppler_document_get_page((PopplerDocument *)document, index);
    if (!page) return 0;
    *text = take_string(pdf.poppler_page_get_text(page), pdf.g_free);
    pdf.g_object_unref(page);
    return 1;
}

void trawl_pdf_close(trawl_pdf *document) {
    if (document) pdf.g_object_unref(document);
}

/* MARK: MIME messages */

struct trawl_mime_message {
    GMimeStream *stream;
    GMimeParser *parser;
    GMimeMessage *message;
};

trawl_doc_status trawl_mime_parse(const void *bytes, size_t count, trawl_mime_message **out) {
    *out = NULL;
    if (!gmime_loaded()) return TRAWL_DOC_UNAVAILABLE;
    trawl_mime_message *m = calloc(1, sizeof *m);
    if (!m) return TRAWL_DOC_MALFORMED;
    m->stream = mime.g_mime_stream_mem_new_with_buffer(bytes, count);
    if (m->stream) m->parser = mime.g_mime_parser_new_with_stream(m->stream);
    if (m->parser) m->message = mime.g_mime_parser_construct_message(m->parser, NULL);
    if (!m->message) {
        trawl_mime_close(m);
        return TRAWL_DOC_MALFORMED;
    }
    *out = m;
    return TRAWL_DOC_OK;
}

void trawl_mime_close(trawl_mime_message *m) {
    if (!m) return;
    if (m->message) mime.g_object_unref(m->message);
    if (m->parser) mime.g_object_unref(m->parser);
    if (m->stream) mime.g_object_unref(m->stream);
    free(m);
}

trawl_mime *trawl_mime_message_object(trawl_mime_message *m) { return (trawl_mime *)m->message; }

trawl_mime *trawl_mime_message_body(trawl_mime_message *m) {
    return (trawl_mime *)mime.g_mime_message_get_mime_part(m->message);
}

static int is_a(trawl_mime *entity, GType type) {
    return mime.g_type_check_instance_is_a((GTypeInstance *)entity, type) != 0;
}

trawl_mime_kind trawl_mime_kind_of(trawl_mime *entity) {
    if (is_a(entity, mime.g_mime_multipart_get_type())) return TRAWL_MIME_MULTIPART;
    if (is_a(entity, mime.g_mime_message_part_get_type())) return TRAWL_MIME_MESSAGE_PART;
    if (is_a(entity, mime.g_mime_text_part_get_type())) return TRAWL_MIME_TEXT_PART;
    if (is_a(entity, mime.g_mime_part_get_type())) return TRAWL_MIME_PART;
    return TRAWL_MIME_OTHER;
}

int trawl_mime_child_count(trawl_mime *multipart) {
    return mime.g_mime_multipart_get_count((GMimeMultipart *)multipart);
}

trawl_mime *trawl_mime_child(trawl_mime *multipart, int index) {
    return (trawl_mime *)mime.g_mime_multipart_get_part((GMimeMultipart *)multipart, index);
}

int trawl_mime_header_count(trawl_mime *entity) {
    GMimeHeaderList *list = mime.g_mime_object_get_header_list((GMimeObject *)entity);
    return list ? mime.g_mime_header_list_get_count(list) : 0;
}

int trawl_mime_header(trawl_mime *entity, int index, const char **name, const char **value) {
    *name = *value = NULL;
    GMimeHeaderList *list = mime.g_mime_object_get_header_list((GMimeObject *)entity);
    GMimeHeader *header = list ? mime.g_mime_header_list_get_header_at(list, index) : NULL;
    if (!header || !(*name = mime.g_mime_header_get_name(header))) return 0;
    *value = mime.g_mime_header_get_value(header);
    return 1;
}

char *trawl_mime_type(trawl_mime *entity) {
    GMimeContentType *type = mime.g_mime_object_get_content_type((GMimeObject *)entity);
    return type ? take_string(mime.g_mime_content_type_get_mime_type(type), mime.g_free) : NULL;
}

const char *trawl_mime_type_parameter(trawl_mime *entity, const char *name) {
    return mime.g_mime_object_get_content_type_parameter((GMimeObject *)entity, name);
}

const char *trawl_mime_disposition_parameter(trawl_mime *entity, const char *name) {
    return mime.g_mime_object_get_content_disposition_parameter((GMimeObject *)entity, name);
}

int trawl_mime_is_attachment(trawl_mime *entity) {
    GMimeContentDisposition *disposition = mime.g_mime_object_get_content_disposition((GMimeObject *)entity);
    return disposition && mime.g_mime_content_disposition_is_attachment(disposition);
}

char *trawl_mime_text(trawl_mime *text_part) {
    return take_string(mime.g_mime_text_part_get_text((GMimeTextPart *)text_part), mime.g_free);
}

int trawl_mime_content(trawl_mime *entity, uint8_t **data, size_t *count) {
    *data = NULL;
    *count = 0;
    GMimeStream *stream = mime.g_mime_stream_mem_new();
    if (!stream) return 0;
    ssize_t written = -1;
    if (is_a(entity, mime.g_mime_message_part_get_type())) {
        GMimeMessage *inner = mime.g_mime_message_part_get_message((GMimeMessagePart *)entity);
        if (inner) written = mime.g_mime_object_write_to_stream((GMimeObject *)inner, NULL, stream);
        else written = 0;
    } else {
        GMimeDataWrapper *wrapper = mime.g_mime_part_get_content((GMimePart *)entity);
        if (wrapper) written = mime.g_mime_data_wrapper_write_to_stream(wrapper, stream);
        else written = 0;
    }
    GByteArray *array = written >= 0 ? mime.g_mime_stream_mem_get_byte_array((GMimeStreamMem *)stream) : NULL;
    int ok = 0;
    if (array) {
        *count = array->len;
        *data = malloc(array->len ? array->len : 1);
        if (*data) {
            if (array->len) memcpy(*data, array->data, array->len);
            ok = 1;
        } else {
            *count = 0;
        }
    }
    mime.g_object_unref(stream);
    return ok;
}
