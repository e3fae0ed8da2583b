/* test_numbers.c - amounts, quantities, dates and number parsing.
 *
 * Spans are byte offsets worked out by hand: a kana or kanji is 3 bytes,
 * ¥ and £ are 2, € is 3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "numbers.h"

#define S(lit) fg_str_make((lit), strlen(lit))

/* ---- amounts ------------------------------------------------------------ */

static void check_amount(const char *text, size_t idx, size_t want_count, size_t start,
                         size_t end, double value, const char *currency)
{
    fg_amount am[8];
    size_t n = fg_numbers_find_amounts(S(text), am, 8);
    if (n != want_count)
        fail_msg("\"%s\": %zu amounts, want %zu", text, n, want_count);
    assert_int_equal(am[idx].start, start);
    assert_int_equal(am[idx].end, end);
    assert_true(am[idx].value == value);
    assert_string_equal(am[idx].currency, currency);
}

static void no_amount(const char *text)
{
    fg_amount am[4];
    size_t n = fg_numbers_find_amounts(S(text), am, 4);
    if (n != 0)
        fail_msg("\"%s\": unexpected amount [%zu,%zu)", text, am[0].start, am[0].end);
}

static void test_amounts_ja(void **state)
{
    (void)state;
    check_amount("約160億ドル", 0, 1, 0, 15, 16000000000.0, "USD");
    check_amount("70億ドル(約1兆円)", 0, 2, 0, 11, 7e9, "USD");
    check_amount("70億ドル(約1兆円)", 1, 2, 12, 22, 1e12, "JPY");
    check_amount("1兆円超", 0, 1, 0, 10, 1e12, "JPY");
    check_amount("10億ドル相当", 0, 1, 0, 17, 1e9, "USD");
    check_amount("560万ドル", 0, 1, 0, 12, 5.6e6, "USD");
    check_amount("70億米ドル", 0, 1, 0, 14, 7e9, "USD");
    check_amount("5000億元", 0, 1, 0, 10, 5e11, "CNY");
    check_amount("3000億人民元", 0, 1, 0, 16, 3e11, "CNY");
    check_amount("50億ユーロ", 0, 1, 0, 14, 5e9, "EUR");
    check_amount("3000億ウォン", 0, 1, 0, 16, 3e11, "KRW");
    check_amount("100台湾ドル", 0, 1, 0, 15, 100, "TWD");
    check_amount("1兆2000億円", 0, 1, 0, 14, 1.2e12, "JPY");
    check_amount("1.5兆円以上", 0, 1, 0, 15, 1.5e12, "JPY");
    check_amount("2億5千万円", 0, 1, 0, 14, 2.5e8, "JPY");
    check_amount("12,345円", 0, 1, 0, 9, 12345, "JPY");
    /* in a sentence: 売上高は 12 bytes, 約 at 12 */
    check_amount("売上高は約393億ドルだった", 0, 1, 12, 27, 3.93e10, "USD");
}

static void test_amounts_en(void **state)
{
    (void)state;
    check_amount("$16 billion", 0, 1, 0, 11, 1.6e10, "USD");
    check_amount("US$1.5 million", 0, 1, 0, 14, 1.5e6, "USD");
    check_amount("16 billion dollars", 0, 1, 0, 18, 1.6e10, "USD");
    check_amount("$2bn", 0, 1, 0, 4, 2e9, "USD");
    check_amount("$5m", 0, 1, 0, 3, 5e6, "USD");
    check_amount("\xC2\xA5" "1 trillion", 0, 1, 0, 12, 1e12, "JPY");   /* ¥ */
    check_amount("\xE2\x82\xAC" "3 billion", 0, 1, 0, 12, 3e9, "EUR"); /* € */
    check_amount("NT$300 million", 0, 1, 0, 14, 3e8, "TWD");
    check_amount("about $2.5 billion", 0, 1, 0, 18, 2.5e9, "USD");
    check_amount("More than $40 billion", 0, 1, 0, 21, 4e10, "USD");
    check_amount("1 trillion yen", 0, 1, 0, 14, 1e12, "JPY");
    check_amount("5 billion yuan", 0, 1, 0, 14, 5e9, "CNY");
    check_amount("2 billion U.S. dollars", 0, 1, 0, 22, 2e9, "USD");
    check_amount("USD 5 million", 0, 1, 0, 13, 5e6, "USD");
    check_amount("$1,200", 0, 1, 0, 6, 1200, "USD");
    /* decimals that are not exact in binary still give whole numbers */
    check_amount("$2.01 million", 0, 1, 0, 13, 2010000.0, "USD");
    check_amount("$39.3 billion", 0, 1, 0, 13, 39300000000.0, "USD");
    check_amount("1.15億ドル", 0, 1, 0, 13, 115000000.0, "USD");
    check_amount("0.07兆円", 0, 1, 0, 10, 7e10, "JPY");
    /* "Nvidia paid " is 12 bytes */
    check_amount("Nvidia paid $7 billion for Mellanox in 2019.", 0, 1, 12, 22, 7e9, "USD");
}

static void test_not_amounts(void **state)
{
    (void)state;
    no_amount("13%");
    no_amount("2024年");
    no_amount("約23万個");
    no_amount("200,000 units");
    no_amount("the H100 chip");
    no_amount("3 won the race");
    no_amount("");
}

/* ---- quantities --------------------------------------------------------- */

static void check_qty(const char *text, size_t want_count, size_t start, size_t end, double value,
                      const char *unit)
{
    fg_quantity q[8];
    size_t n = fg_numbers_find_quantities(S(text), q, 8);
    if (n != want_count)
        fail_msg("\"%s\": %zu quantities, want %zu", text, n, want_count);
    assert_int_equal(q[0].start, start);
    assert_int_equal(q[0].end, end);
    assert_true(q[0].value == value);
    assert_string_equal(q[0].unit, unit);
}

static void no_qty(const char *text)
{
    fg_quantity q[4];
    size_t n = fg_numbers_find_quantities(S(text), q, 4);
    if (n != 0)
        fail_msg("\"%s\": unexpected quantity [%zu,%zu)", text, q[0].start, q[0].end);
}

static void test_quantities(void **state)
{
    (void)state;
    check_qty("約23万個", 1, 0, 11, 230000, "個");
    check_qty("5万基", 1, 0, 7, 50000, "基");
    check_qty("1万個", 1, 0, 7, 10000, "個");
    check_qty("614,682基", 1, 0, 10, 614682, "基");
    check_qty("20万基以上", 1, 0, 14, 200000, "基");
    check_qty("100万台", 1, 0, 9, 1e6, "台");
    check_qty("200,000 units", 1, 0, 13, 200000, "units");
    check_qty("50,000 GPUs", 1, 0, 11, 50000, "GPUs");
    check_qty("10,000 chips", 1, 0, 12, 10000, "chips");
    check_qty("1 million units", 1, 0, 15, 1e6, "units");
    check_qty("1.5 million chips", 1, 0, 17, 1.5e6, "chips");
    check_qty("more than 50,000 Nvidia H100 GPUs", 1, 0, 33, 50000, "GPUs");
    check_qty("200,000 AI chips", 1, 0, 16, 200000, "chips");
    /* NVIDIAは 9 bytes, 2024年に 10 bytes: 約 at 19 */
    check_qty("NVIDIAは2024年に約23万個のH100を出荷した", 1, 19, 30, 230000, "個");
}

static void test_not_quantities(void **state)
{
    (void)state;
    no_qty("2024年");
    no_qty("13%");
    no_qty("約160億ドル");
    no_qty("$16 billion");
    no_qty("5台湾ドル");
    no_qty("50,000 of the chips");
    no_qty("the H100 GPU");
    no_qty("3社");
    no_qty("1,000");
}

/* ---- dates -------------------------------------------------------------- */

static void check_date(const char *text, int doc_year, size_t idx, size_t want_count,
                       size_t start, size_t end, const char *norm)
{
    fg_date d[8];
    size_t n = fg_numbers_find_dates(S(text), d, 8, doc_year);
    if (n != want_count)
        fail_msg("\"%s\": %zu dates, want %zu", text, n, want_count);
    assert_int_equal(d[idx].start, start);
    assert_int_equal(d[idx].end, end);
    assert_string_equal(d[idx].norm, norm);
}

static void no_date(const char *text)
{
    fg_date d[4];
    size_t n = fg_numbers_find_dates(S(text), d, 4, 2025);
    if (n != 0)
        fail_msg("\"%s\": unexpected date [%zu,%zu)", text, d[0].start, d[0].end);
}

static void test_dates_ja(void **state)
{
    (void)state;
    check_date("2024年12月8日", 0, 0, 1, 0, 16, "2024-12-08");
    check_date("2024年12月", 0, 0, 1, 0, 12, "2024-12");
    check_date("2024年", 0, 0, 1, 0, 7, "2024");
    check_date("2024年末", 0, 0, 1, 0, 10, "2024");
    check_date("2024年12月上旬", 0, 0, 1, 0, 18, "2024-12");
    check_date("今年4月", 2025, 0, 1, 0, 10, "2025-04");
    check_date("今年4月", 0, 0, 1, 0, 10, "");
    check_date("昨年", 2025, 0, 1, 0, 6, "2024");
    check_date("去年", 2025, 0, 1, 0, 6, "2024");
    check_date("来年度", 2025, 0, 1, 0, 9, "2026");
    check_date("12月", 0, 0, 1, 0, 5, "");
    check_date("12月", 2024, 0, 1, 0, 5, "2024-12");
    check_date("3月15日", 2024, 0, 1, 0, 9, "2024-03-15");
    check_date("令和6年", 0, 0, 1, 0, 10, "2024");
    check_date("2024-12-08", 0, 0, 1, 0, 10, "2024-12-08");
    check_date("2024/12", 0, 0, 1, 0, 7, "2024-12");
    /* 2024年 then 11〜1月期: 〜 is 3 bytes, 1月 at 12 */
    check_date("2024年11〜1月期", 0, 0, 2, 0, 7, "2024");
    check_date("2024年11〜1月期", 0, 1, 2, 12, 16, "");
    /* 2024年中国 is the year and China */
    check_date("2024年中国で", 0, 0, 1, 0, 7, "2024");
}

static void test_dates_en(void **state)
{
    (void)state;
    check_date("December 2024", 0, 0, 1, 0, 13, "2024-12");
    check_date("December 8, 2024", 0, 0, 1, 0, 16, "2024-12-08");
    check_date("Dec. 2024", 0, 0, 1, 0, 9, "2024-12");
    check_date("Dec 2024", 0, 0, 1, 0, 8, "2024-12");
    check_date("Sept. 30, 2024", 0, 0, 1, 0, 14, "2024-09-30");
    check_date("8 December 2024", 0, 0, 1, 0, 15, "2024-12-08");
    check_date("in 2024", 0, 0, 1, 3, 7, "2024");
    check_date("Sales rose since 2019.", 0, 0, 1, 17, 21, "2019");
    check_date("by mid-2025", 0, 0, 1, 7, 11, "2025");
    check_date("on March 3", 2025, 0, 1, 3, 10, "2025-03-03");
    check_date("on March 3", 0, 0, 1, 3, 10, "");
    check_date("since March", 2025, 0, 1, 6, 11, "2025-03");
    check_date("last year", 2025, 0, 1, 0, 9, "2024");
    /* two dates in order */
    check_date("From Jan. 5, 2024 to Feb. 2025", 0, 0, 2, 5, 17, "2024-01-05");
    check_date("From Jan. 5, 2024 to Feb. 2025", 0, 1, 2, 21, 30, "2025-02");
}

static void test_not_dates(void **state)
{
    (void)state;
    no_date("2024 units");
    no_date("Theresa May said");
    no_date("they may march");
    no_date("the B2024 part");
    no_date("in 20245");
    no_date("13%");
    no_date("約23万個");
}

/* ---- parsing and limits ------------------------------------------------- */

static void check_parse(const char *text, size_t pos, size_t want_len, double want)
{
    double v = -1;
    size_t n = fg_numbers_parse(S(text), pos, &v);
    if (n != want_len)
        fail_msg("\"%s\"+%zu: consumed %zu, want %zu", text, pos, n, want_len);
    if (n)
        assert_true(v == want);
}

static void test_parse(void **state)
{
    (void)state;
    check_parse("1.3", 0, 3, 1.3);
    check_parse("614,682", 0, 7, 614682);
    check_parse("23万", 0, 5, 230000);
    check_parse("1兆2000億", 0, 11, 1.2e12);
    check_parse("2億5千万", 0, 11, 2.5e8);
    check_parse("1万2345個", 0, 8, 12345);
    check_parse("1兆2024年", 0, 4, 1e12);
    check_parse("1,2,3", 0, 1, 1);
    check_parse("1,2345", 0, 1, 1);
    check_parse("x12y", 1, 2, 12);
    check_parse("5千人", 0, 4, 5000);
    check_parse("abc", 0, 0, 0);
    check_parse("", 0, 0, 0);
}

static void test_max_and_long_input(void **state)
{
    (void)state;
    /* max bounds the output */
    fg_amount am[2];
    assert_int_equal(fg_numbers_find_amounts(S("$1 $2 $3 $4"), am, 2), 2);
    assert_int_equal(am[1].start, 3);

    /* A megabyte of digits, commas and spaces with no unit: linear scan, no
     * match. (A quadratic finder would take minutes here.) */
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = i % 64 == 63 ? ' ' : (i % 4 == 3 ? ',' : '1');
    big[n] = '\0';
    fg_str s = fg_str_make(big, n);
    fg_quantity q[4];
    fg_date d[4];
    assert_int_equal(fg_numbers_find_amounts(s, am, 2), 0);
    assert_int_equal(fg_numbers_find_quantities(s, q, 4), 0);
    assert_int_equal(fg_numbers_find_dates(s, d, 4, 2025), 0);
    memset(big, '7', n);
    assert_int_equal(fg_numbers_find_amounts(s, am, 2), 0);
    assert_int_equal(fg_numbers_find_dates(s, d, 4, 2025), 0);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amounts_ja),   cmocka_unit_test(test_amounts_en),
        cmocka_unit_test(test_not_amounts),  cmocka_unit_test(test_quantities),
        cmocka_unit_test(test_not_quantities), cmocka_unit_test(test_dates_ja),
        cmocka_unit_test(test_dates_en),     cmocka_unit_test(test_not_dates),
        cmocka_unit_test(test_parse),        cmocka_unit_test(test_max_and_long_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
