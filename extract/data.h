/* data.h - data files compiled into the binary by cmake/embed_data.cmake
 * (private to extract/). Each array is NUL-terminated; _len excludes the NUL. */
#ifndef FG_DATA_H
#define FG_DATA_H

#include <stddef.h>

extern const char fg_data_lexicon[];
extern const size_t fg_data_lexicon_len;
extern const char fg_data_triggers[];
extern const size_t fg_data_triggers_len;
extern const char fg_data_cues[];
extern const size_t fg_data_cues_len;

#endif
