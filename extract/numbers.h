/* numbers.h - money amounts, quantities and dates in normalized sentence text
 * (private to extract/).
 *
 * Input is NFKC-normalized UTF-8 (full-width digits are already ASCII). Every
 * finder scans the whole string and reports non-overlapping spans in order of
 * position; a span's start/end are byte offsets into s. */
#ifndef FG_NUMBERS_H
#define FG_NUMBERS_H

#include <stddef.h>
#include "factgraph/core.h"

typedef struct fg_amount {
    size_t start, end;     /* whole expression, including 約/about and the unit */
    double value;          /* in units of the currency: 160億ドル -> 16000000000 */
    const char *currency;  /* static: "USD", "JPY", "CNY", "EUR", "KRW", "TWD", ... */
} fg_amount;

typedef struct fg_quantity {
    size_t start, end;
    double value;          /* 約23万個 -> 230000; 200,000 units -> 200000 */
    const char *unit;      /* static, as normalized: "個", "基", "台", "枚", "units", "chips", ... */
} fg_quantity;

typedef struct fg_date {
    size_t start, end;
    char norm[16];         /* "2024", "2024-12", "2024-12-08", or "" when the year is unknown */
} fg_date;

/* Amounts: Japanese (160億ドル, 約1兆円, 1兆円超, 10億ドル相当, 560万ドル, 70億米ドル,
 * 5000億元), English ($16 billion, $2bn, US$1.5 million, 16 billion dollars,
 * ¥1 trillion, €3 billion). Returns how many were found (at most max). */
size_t fg_numbers_find_amounts(fg_str s, fg_amount *out, size_t max);

/* Quantities with a counter or a unit noun: 約23万個, 5万基, 1万個, 614,682基,
 * 20万基以上, 200,000 units, 50,000 GPUs, 10,000 chips. Bare numbers, years,
 * percentages and amounts of money are not quantities. */
size_t fg_numbers_find_quantities(fg_str s, fg_quantity *out, size_t max);

/* Dates: 2024年12月8日, 2024年12月, 2024年, 2024年末, 今年4月 / 昨年 / 来年 (resolved
 * with doc_year when doc_year > 0, else norm is ""), 12月 alone (norm "" unless
 * doc_year), December 8, 2024 / Dec. 2024 / in 2024 / 2024-12-08. */
size_t fg_numbers_find_dates(fg_str s, fg_date *out, size_t max, int doc_year);

/* Parses a number with optional Japanese multipliers (万, 億, 兆), commas and a
 * decimal point at s[pos..): "1.3", "614,682", "23万", "1兆2000億". Returns bytes
 * consumed (0 if none) and sets *value. */
size_t fg_numbers_parse(fg_str s, size_t pos, double *value);

#endif
