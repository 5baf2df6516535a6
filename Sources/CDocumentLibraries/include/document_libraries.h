/* PDF text (poppler-glib) and MIME messages (GMime), through libraries loaded with dlopen
   the first time a PDF or an e-mail is read.

   Why: linked the usual way, the two libraries and what they pull in (cairo, GIO,
   fontconfig, freetype, NSS, ...) are 53 of the binary's 72 shared libraries, and the
   dynamic loader mapped and relocated them at every start: about 18 ms of every process,
   most of which never opens a PDF or an e-mail. Hand-written because no library does
   this. The implementation calls the libraries through function tables typed from their
   own headers; this header has none of their types, so the Swift modules that import it
   neither need those headers nor link the libraries.

   Each library is found by its soname, then by the name its -dev package installs; the
   environment variables TRAWL_POPPLER_LIBRARY and TRAWL_GMIME_LIBRARY name another file
   (a system with other sonames). Every function that loads a library returns
   TRAWL_DOC_UNAVAILABLE when it cannot be loaded; trawl_pdf_library_error() or
   trawl_mime_library_error() then says why. Pointers returned as
   `char *` or through `uint8_t **` are the caller's, freed with trawl_document_free. */

#ifndef TRAWL_DOCUMENT_LIBRARIES_H
#define TRAWL_DOCUMENT_LIBRARIES_H

#include <stddef.h>
#include <stdint.h>

typedef enum trawl_doc_status {
    TRAWL_DOC_OK = 0,
    /* The PDF needs a user password. */
    TRAWL_DOC_ENCRYPTED = 1,
    /* Not readable as a PDF or a message; the error text says why. */
    TRAWL_DOC_MALFORMED = 2,
    /* The library could not be loaded (trawl_pdf_library_error, trawl_mime_library_error). */
    TRAWL_DOC_UNAVAILABLE = 3,
} trawl_doc_status;

/* Why poppler-glib, or GMime, could not be loaded (empty while it could). */
const char *trawl_pdf_library_error(void);
const char *trawl_mime_library_error(void);

/* Frees a string or byte block these functions returned. */
void trawl_document_free(void *block);

/* Why libarchive could not be loaded (empty while it could, or before its first use):
   format_libraries.c loads libarchive, avro-c and uchardet on the first call of one of
   their functions. */
const char *trawl_archive_library_error(void);

/* MARK: PDF */

typedef struct trawl_pdf trawl_pdf;

/* Opens the PDF in bytes[0..<count] (poppler keeps its own copy). On failure *document is
   NULL and, for TRAWL_DOC_MALFORMED, error holds poppler's message (no document data). */
trawl_doc_status trawl_pdf_open(const void *bytes, size_t count, trawl_pdf **document, char *error, size_t error_size);
int trawl_pdf_page_count(trawl_pdf *document);
/* The text of page index (0-based), UTF-8, in *text (NULL for a page without text).
   Returns 0 when the page cannot be loaded. */
int trawl_pdf_page_text(trawl_pdf *document, int index, char **text);
void trawl_pdf_close(trawl_pdf *document);

/* MARK: MIME messages */

typedef struct trawl_mime_message trawl_mime_message;
/* A MIME entity of a message (a GMimeObject), borrowed from its message. */
typedef struct trawl_mime trawl_mime;

typedef enum trawl_mime_kind {
    TRAWL_MIME_OTHER = 0,
    TRAWL_MIME_MULTIPART = 1,
    /* message/rfc822 */
    TRAWL_MIME_MESSAGE_PART = 2,
    /* A leaf part that is not text. */
    TRAWL_MIME_PART = 3,
    TRAWL_MIME_TEXT_PART = 4,
} trawl_mime_kind;

/* Parses the message in bytes[0..<count] (GMime keeps its own copy). */
trawl_doc_status trawl_mime_parse(const void *bytes, size_t count, trawl_mime_message **message);
void trawl_mime_close(trawl_mime_message *message);
/* The message itself (for its header fields), and its body's root entity (NULL if none). */
trawl_mime *trawl_mime_message_object(trawl_mime_message *message);
trawl_mime *trawl_mime_message_body(trawl_mime_message *message);

trawl_mime_kind trawl_mime_kind_of(trawl_mime *entity);
int trawl_mime_child_count(trawl_mime *multipart);
trawl_mime *trawl_mime_child(trawl_mime *multipart, int index);

int trawl_mime_header_count(trawl_mime *entity);
/* Header field index's name and value (value decoded, unfolded); 0 when there is none. */
int trawl_mime_header(trawl_mime *entity, int index, const char **name, const char **value);
/* "type/subtype" (the caller's), or NULL without a Content-Type. */
char *trawl_mime_type(trawl_mime *entity);
const char *trawl_mime_type_parameter(trawl_mime *entity, const char *name);
const char *trawl_mime_disposition_parameter(trawl_mime *entity, const char *name);
int trawl_mime_is_attachment(trawl_mime *entity);
/* A text part's text converted to UTF-8 from its charset (the caller's), or NULL. */
char *trawl_mime_text(trawl_mime *text_part);
/* A leaf part's content with its transfer encoding undone, or an attached message's
   bytes as GMime writes them back: the caller's block in *data. Returns 0 on failure. */
int trawl_mime_content(trawl_mime *entity, uint8_t **data, size_t *count);

#endif
