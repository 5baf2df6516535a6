// PCRE2's header needs the code-unit width chosen before it is included:
// Trawl matches UTF-8 bytes, so the 8-bit library.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
