/* Shared by the files that load a library with dlopen on first use (document_libraries.c,
   format_libraries.c): how the file is found, and how a function table is filled. */

#ifndef TRAWL_LIBRARY_LOADING_H
#define TRAWL_LIBRARY_LOADING_H

#include <stddef.h>

/* Opens the library: the file named by the environment variable `variable` when it is
   set (another soname, another build), else its soname (Debian 12's), else the name the
   -dev package links to, which follows whatever soname is installed. On failure, NULL,
   and load_error says why. */
void *trawl_open_library(const char *variable, const char *soname, const char *dev_name, char *load_error,
                         size_t error_size);

/* One field of a function table: a pointer of the function's own type, so each call
   through the table is checked like a direct one. */
#define TRAWL_TABLE_FIELD(name) __typeof__(&name) name;

/* Fills one table field from the handle, unless a function is already missing (the
   caller declares `handle`, `table_ref` and `missing`). */
#define TRAWL_RESOLVE_FIELD(name) \
    if (!missing && !(table_ref->name = (__typeof__(&name))dlsym(handle, #name))) missing = #name;

/* The body of a library's load function: opens it (`trawl_open_library`) and fills
   `table` with `functions` (an X-macro of the table's fields); on failure returns from
   the enclosing function, `error` (a char array) saying why, naming the library `name`.
   After it the library is loaded: the caller then marks it ready. The handle stays open,
   since the table points into it. */
#define TRAWL_LOAD_TABLE(table, functions, variable, soname, dev_name, name, error) \
    void *handle = trawl_open_library(variable, soname, dev_name, error, sizeof error); \
    if (!handle) return; \
    __typeof__(&table) table_ref = &table; \
    const char *missing = NULL; \
    functions(TRAWL_RESOLVE_FIELD) \
    if (missing) { \
        snprintf(error, sizeof error, "%s has no function %s", name, missing); \
        return; \
    }

/* `static int name(void)`: loads the library once (`load` sets `ready`), then says
   whether it is loaded. */
#define TRAWL_LOADED_ONCE(name, once, load, ready) \
    static int name(void) { \
        pthread_once(&once, load); \
        return ready; \
    }

#endif
