/* numbers.c - money amounts, quantities and dates in normalized sentence text.
 *
 * Every finder makes one left-to-right pass. At the start of a run of digits
 * it parses the number once, looks back a bounded distance for a prefix
 * (約, about, US$) and ahead a bounded distance for a unit (億ドル, units,
 * 年12月); when nothing matches it resumes after the digits, so no byte is
 * parsed twice and the scan is linear. Nothing is allocated.
 *
 * The text is NFKC-normalized: full-width digits, ＄ and ￥ are ASCII (or
 * U+00A5), and an ideographic space is an ASCII space, so one space is all
 * we look for between words. */
#include "numbers.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- byte helpers ------------------------------------------------------- */

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool digit_at(fg_str s, size_t i)
{
    return i < s.len && is_digit((unsigned char)s.ptr[i]);
}

static bool alpha_at(fg_str s, size_t i)
{
    return i < s.len && is_alpha((unsigned char)s.ptr[i]);
}

/* Does lit occur at s[i..)? Returns its length, or 0. */
static size_t lit_at(fg_str s, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i <= s.len && s.len - i >= n && memcmp(s.ptr + i, lit, n) == 0 ? n : 0;
}

/* Same, ignoring ASCII case. */
static size_t word_at_ci(fg_str s, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    if (i > s.len || s.len - i < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (lower(s.ptr[i + k]) != lower(lit[k]))
            return 0;
    return n;
}

/* Does lit end at s[..i), starting at or after floor? Returns its length, or 0. */
static size_t lit_before(fg_str s, size_t floor, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i >= floor + n && memcmp(s.ptr + i - n, lit, n) == 0 ? n : 0;
}

/* A Latin word may start at i (no letter or digit before it). */
static bool word_start(fg_str s, size_t i)
{
    if (i == 0)
        return true;
    unsigned char c = (unsigned char)s.ptr[i - 1];
    return !(is_alpha(c) || is_digit(c));
}

/* A Latin word may end at i (no letter or digit after it). */
static bool word_end(fg_str s, size_t i)
{
    return !(alpha_at(s, i) || digit_at(s, i));
}

/* A number may start at i: not inside a word (H100, B200) or another number
 * (1.3, 2,000). */
static bool number_start(fg_str s, size_t i)
{
    if (i == 0)
        return true;
    unsigned char c = (unsigned char)s.ptr[i - 1];
    return !(is_alpha(c) || is_digit(c) || c == '.' || c == ',');
}

/* Length of the UTF-8 sequence at s[i] (1 for ASCII or a stray byte). */
static size_t char_len(fg_str s, size_t i)
{
    size_t n = fg_utf8_seqlen((unsigned char)s.ptr[i]);
    return n <= s.len - i ? n : 1;
}

/* ---- numbers ------------------------------------------------------------ */

/* Digits with thousands separators and a decimal part: "614,682", "1.3".
 * A comma separates thousands only before exactly three digits, so "1,2,3"
 * is three numbers. *mant gets the digits as an integer and *frac the number
 * of decimals: exact in a double up to 2^53, and 1.3 x 10^12 stays exact when
 * scaled as 13 x 10^12 / 10. */
static size_t parse_plain(fg_str s, size_t pos, double *mant, int *frac)
{
    size_t i = pos;
    double m = 0;
    int f = 0;
    if (!digit_at(s, i))
        return 0;
    while (i < s.len) {
        if (digit_at(s, i)) {
            m = m * 10 + (s.ptr[i] - '0');
            i++;
        } else if (s.ptr[i] == ',' && digit_at(s, i + 1) && digit_at(s, i + 2) &&
                   digit_at(s, i + 3) && !digit_at(s, i + 4)) {
            i++;
        } else {
            break;
        }
    }
    if (i + 1 < s.len && s.ptr[i] == '.' && digit_at(s, i + 1)) {
        i++;
        while (digit_at(s, i)) {
            m = m * 10 + (s.ptr[i] - '0');
            f++;
            i++;
        }
    }
    *mant = m;
    *frac = f;
    return i - pos;
}

/* v / 10^frac in one correctly rounded division (powers of ten up to 10^22
 * are exact doubles), so 13 x 10^12 / 10 is exactly 1.3 x 10^12. */
static double scale_down(double v, int frac)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    while (frac > 22) {
        v /= 10;
        frac--;
    }
    return v / pow10[frac];
}

/* Japanese multipliers, largest first: a compound number names them in
 * decreasing order (1兆2000億, 2億5千万). 千/百 scale the group before a
 * larger unit (5千億 = 5000億). */
static const struct {
    const char *text;
    double mult;
} big_units[] = {{"兆", 1e12}, {"億", 1e8}, {"万", 1e4}};

/* Index of the first of big_units[from..] at s[i], or COUNT(big_units). */
static size_t big_unit_at(fg_str s, size_t i, size_t from)
{
    size_t u = from;
    while (u < COUNT(big_units) && lit_at(s, i, big_units[u].text) == 0)
        u++;
    return u;
}

size_t fg_numbers_parse(fg_str s, size_t pos, double *value)
{
    size_t i = pos;
    double total = 0;
    size_t next_unit = 0; /* index of the largest unit still allowed */
    bool any = false;
    for (;;) {
        double mant;
        int frac;
        size_t len = parse_plain(s, i, &mant, &frac);
        if (len == 0)
            break;
        size_t j = i + len;
        double group = mant;
        size_t small = lit_at(s, j, "千");
        if (small > 0) {
            group *= 1000;
        } else {
            small = lit_at(s, j, "百");
            if (small > 0)
                group *= 100;
        }
        j += small;
        size_t u = big_unit_at(s, j, next_unit);
        if (u == COUNT(big_units)) {
            group = scale_down(group, frac);
            /* A plain number, or the tail of a compound (1万2345). A tail
             * with decimals, of 10,000 or more, or that is a year or a date
             * (1兆 2024年) is not part of this number. */
            if (any && (frac > 0 || group >= 1e4 || lit_at(s, j, "年") || lit_at(s, j, "月") ||
                        lit_at(s, j, "日")))
                break;
            total += group;
            i = j;
            any = true;
            break;
        }
        total += scale_down(group * big_units[u].mult, frac);
        i = j + strlen(big_units[u].text);
        any = true;
        next_unit = u + 1;
        if (frac > 0 || !digit_at(s, i))
            break; /* 1.5兆 ends the number; 1兆2000億 goes on */
    }
    if (!any)
        return 0;
    *value = total;
    return i - pos;
}

/* English scale words: "16 billion", "$2bn", "$5m". The short forms must be
 * attached to the number ("5 m" is five metres); the long ones follow a space. */
static size_t english_scale(fg_str s, size_t i, double *mult)
{
    static const struct {
        const char *word;
        double mult;
        bool attached; /* may be written without a space */
        bool spaced;   /* may follow a space */
    } scales[] = {
        {"trillion", 1e12, false, true}, {"billion", 1e9, false, true},
        {"million", 1e6, false, true},   {"thousand", 1e3, false, true},
        {"tn", 1e12, true, true},        {"bn", 1e9, true, true},
        {"mn", 1e6, true, true},         {"m", 1e6, true, false},
        {"k", 1e3, true, false},
    };
    bool space = i < s.len && s.ptr[i] == ' ';
    size_t at = space ? i + 1 : i;
    for (size_t k = 0; k < sizeof(scales) / sizeof(scales[0]); k++) {
        if (space ? !scales[k].spaced : !scales[k].attached)
            continue;
        size_t n = word_at_ci(s, at, scales[k].word);
        if (n && word_end(s, at + n)) {
            *mult = scales[k].mult;
            return at + n - i;
        }
    }
    return 0;
}

/* Digits after the decimal point in s[pos..pos+len). */
static int decimals(fg_str s, size_t pos, size_t len)
{
    const char *dot = memchr(s.ptr + pos, '.', len);
    int n = 0;
    if (dot)
        for (size_t i = (size_t)(dot - s.ptr) + 1; digit_at(s, i); i++)
            n++;
    return n;
}

/* A number plus an English scale word: [ns, *end) with *value. */
static size_t number_with_scale(fg_str s, size_t ns, double *value)
{
    size_t n = fg_numbers_parse(s, ns, value);
    if (n == 0)
        return 0;
    double mult;
    size_t sc = english_scale(s, ns + n, &mult);
    if (sc) {
        /* 1.15 x 10^9 is not exact in binary; a figure with no more
         * decimals than the scale has zeros is a whole number. */
        int dec = decimals(s, ns, n);
        *value *= mult;
        if ((dec <= 3 && mult >= 1e3) || (dec <= 6 && mult >= 1e6) ||
            (dec <= 9 && mult >= 1e9) || (dec <= 12 && mult >= 1e12))
            *value = round(*value);
        n += sc;
    }
    return n;
}

/* ---- qualifiers shared by amounts and quantities ------------------------ */

/* Before the number (or its currency symbol): 約160億ドル, about $16 billion. */
static size_t qualifier_before(fg_str s, size_t floor, size_t i)
{
    static const char *const ja[] = {"約", "およそ", "推定", "最大", "最低"};
    static const char *const en[] = {"about", "approximately", "around", "roughly", "nearly",
                                     "almost", "over", "more than", "less than", "up to",
                                     "at least", "an estimated", "some", "just over",
                                     "just under", "under"};
    size_t n;
    for (size_t k = 0; k < sizeof(ja) / sizeof(ja[0]); k++) {
        n = lit_before(s, floor, i, ja[k]);
        if (n > 0)
            return n;
    }
    if (i < floor + 2 || s.ptr[i - 1] != ' ')
        return 0;
    for (size_t k = 0; k < sizeof(en) / sizeof(en[0]); k++) {
        n = strlen(en[k]);
        if (i - 1 >= floor + n && word_at_ci(s, i - 1 - n, en[k]) && word_start(s, i - 1 - n))
            return n + 1;
    }
    return 0;
}

/* After the unit: 1兆円超, 20万基以上, 10億ドル相当. */
static size_t qualifier_after(fg_str s, size_t i)
{
    static const char *const ja[] = {"以上", "超", "相当", "強", "弱", "余り", "程度",
                                     "前後", "規模", "未満"};
    size_t n;
    for (size_t k = 0; k < sizeof(ja) / sizeof(ja[0]); k++) {
        n = lit_at(s, i, ja[k]);
        if (n > 0)
            return n;
    }
    return 0;
}

/* ---- amounts ------------------------------------------------------------ */

struct currency {
    const char *text;
    const char *code;
};

/* Written right after the number. Longer names first where one contains
 * another at the same position. */
static const struct currency ja_suffix[] = {
    {"米ドル", "USD"},   {"台湾ドル", "TWD"},   {"香港ドル", "HKD"}, {"豪ドル", "AUD"},
    {"カナダドル", "CAD"}, {"シンガポールドル", "SGD"}, {"ドル", "USD"}, {"円", "JPY"},
    {"人民元", "CNY"},   {"元", "CNY"},        {"ユーロ", "EUR"},   {"ウォン", "KRW"},
    {"ポンド", "GBP"},
};

/* After the number (and scale) and one space: "16 billion dollars". */
static const struct currency en_suffix[] = {
    {"U.S. dollars", "USD"}, {"US dollars", "USD"},     {"Taiwan dollars", "TWD"},
    {"NT dollars", "TWD"},   {"Hong Kong dollars", "HKD"}, {"dollars", "USD"},
    {"dollar", "USD"},       {"yen", "JPY"},            {"euros", "EUR"},
    {"euro", "EUR"},         {"yuan", "CNY"},           {"renminbi", "CNY"},
    {"won", "KRW"},          {"USD", "USD"},            {"JPY", "JPY"},
    {"EUR", "EUR"},          {"CNY", "CNY"},            {"KRW", "KRW"},
    {"TWD", "TWD"},
};

/* Right before the number. "¥" followed by digits is yen (NFKC turns the
 * full-width ￥ into it); the yuan is written 元 or RMB in the news we read. */
static const struct currency symbol_prefix[] = {
    {"US$", "USD"},
    {"NT$", "TWD"},
    {"HK$", "HKD"},
    {"A$", "AUD"},
    {"C$", "CAD"},
    {"S$", "SGD"},
    {"$", "USD"},
    {"\xC2\xA5", "JPY"},     /* ¥ */
    {"\xE2\x82\xAC", "EUR"}, /* € */
    {"\xC2\xA3", "GBP"},     /* £ */
    {"\xE2\x82\xA9", "KRW"}, /* ₩ */
};

/* ISO codes before the number, with or without a space: "USD 5 million". */
static const struct currency code_prefix[] = {
    {"USD", "USD"}, {"JPY", "JPY"}, {"EUR", "EUR"}, {"CNY", "CNY"},
    {"RMB", "CNY"}, {"KRW", "KRW"}, {"TWD", "TWD"},
};

/* A currency written before the number at ns; returns its start (or ns). */
static size_t currency_before(fg_str s, size_t floor, size_t ns, const char **code)
{
    for (size_t k = 0; k < COUNT(symbol_prefix); k++) {
        size_t n = lit_before(s, floor, ns, symbol_prefix[k].text);
        /* US$ must start a word: "BUS$5" is not US dollars */
        bool lettered = is_alpha((unsigned char)symbol_prefix[k].text[0]);
        if (n && (!lettered || word_start(s, ns - n))) {
            *code = symbol_prefix[k].code;
            return ns - n;
        }
    }
    size_t end = ns > floor && s.ptr[ns - 1] == ' ' ? ns - 1 : ns;
    for (size_t k = 0; k < COUNT(code_prefix); k++) {
        size_t n = lit_before(s, floor, end, code_prefix[k].text);
        if (n && word_start(s, end - n)) {
            *code = code_prefix[k].code;
            return end - n;
        }
    }
    return ns;
}

/* A currency written after the number at i; returns its length. */
static size_t currency_after(fg_str s, size_t i, double value, const char **code)
{
    size_t n;
    for (size_t k = 0; k < COUNT(ja_suffix); k++) {
        n = lit_at(s, i, ja_suffix[k].text);
        if (n > 0) {
            *code = ja_suffix[k].code;
            return n;
        }
    }
    if (!lit_at(s, i, " "))
        return 0;
    for (size_t k = 0; k < COUNT(en_suffix); k++) {
        n = lit_at(s, i + 1, en_suffix[k].text);
        if (n == 0 || !word_end(s, i + 1 + n))
            continue;
        /* "won" is also a verb: only after a large figure (5 billion won) */
        if (strcmp(en_suffix[k].text, "won") == 0 && value < 1000)
            continue;
        *code = en_suffix[k].code;
        return n + 1;
    }
    return 0;
}

/* Tries an amount whose number starts at ns. floor: end of the previous match. */
static bool match_amount(fg_str s, size_t floor, size_t ns, size_t nlen, double value,
                         fg_amount *out)
{
    const char *code = NULL;
    size_t start = currency_before(s, floor, ns, &code);
    size_t end = ns + nlen;
    if (!code) {
        size_t n = currency_after(s, end, value, &code);
        if (!code)
            return false;
        end += n;
    }
    start -= qualifier_before(s, floor, start);
    end += qualifier_after(s, end);
    out->start = start;
    out->end = end;
    out->value = value;
    out->currency = code;
    return true;
}

size_t fg_numbers_find_amounts(fg_str s, fg_amount *out, size_t max)
{
    size_t count = 0, floor = 0, i = 0;
    while (i < s.len && count < max) {
        if (!digit_at(s, i) || !number_start(s, i)) {
            i++;
            continue;
        }
        double value = 0;
        size_t nlen = number_with_scale(s, i, &value);
        if (match_amount(s, floor, i, nlen, value, &out[count])) {
            floor = i = out[count].end;
            count++;
        } else {
            i += nlen;
        }
    }
    return count;
}

/* ---- quantities --------------------------------------------------------- */

/* Japanese counters for things that are built, shipped or sold. People (人)
 * and companies (社) are left out: "2社" is a subject, not a quantity. */
static const char *const ja_counters[] = {"個", "基", "台", "枚", "機", "セット", "ユニット"};

/* A counter followed by one of these is the start of another word:
 * 5台湾ドル is money, 3基準 is not three of anything. */
static const char *const ja_counter_words[] = {"台湾", "台頭", "基準", "基本", "基盤", "基地",
                                               "個人", "個別", "機能", "機関", "機器"};

static const struct {
    const char *word;
    const char *unit; /* as reported: the plural */
} en_units[] = {
    {"units", "units"},       {"unit", "units"},
    {"chips", "chips"},       {"chip", "chips"},
    {"GPUs", "GPUs"},         {"GPU", "GPUs"},
    {"processors", "processors"}, {"processor", "processors"},
    {"accelerators", "accelerators"}, {"accelerator", "accelerators"},
    {"servers", "servers"},   {"server", "servers"},
    {"wafers", "wafers"},     {"wafer", "wafers"},
    {"systems", "systems"},   {"racks", "racks"},
};

/* Words that may not stand between a number and its unit noun: "50,000 H100
 * GPUs" is a quantity, "50,000 of the chips" is not. */
static const char *const en_stop[] = {"of", "in", "on", "at", "to", "for", "and", "or", "the",
                                      "a", "an", "by", "from", "with", "than", "per", "as",
                                      "percent", "year", "years"};

static size_t ja_counter(fg_str s, size_t i, const char **unit)
{
    for (size_t k = 0; k < COUNT(ja_counter_words); k++)
        if (lit_at(s, i, ja_counter_words[k]))
            return 0;
    for (size_t k = 0; k < COUNT(ja_counters); k++) {
        size_t n = lit_at(s, i, ja_counters[k]);
        if (n) {
            *unit = ja_counters[k];
            return n;
        }
    }
    return 0;
}

static size_t en_unit_at(fg_str s, size_t i, const char **unit)
{
    for (size_t k = 0; k < COUNT(en_units); k++) {
        size_t n = word_at_ci(s, i, en_units[k].word);
        if (n && word_end(s, i + n)) {
            *unit = en_units[k].unit;
            return n;
        }
    }
    return 0;
}

/* " [word [word]] unit" after the number: up to two modifiers (a brand, a
 * model, "AI"). Returns the length up to the end of the unit noun. */
static size_t en_unit(fg_str s, size_t i, const char **unit)
{
    size_t j = i;
    for (int words = 0; words <= 2; words++) {
        if (!lit_at(s, j, " "))
            return 0;
        j++;
        size_t n = en_unit_at(s, j, unit);
        if (n)
            return j + n - i;
        size_t w = j;
        while (w < s.len && (alpha_at(s, w) || digit_at(s, w) || s.ptr[w] == '-'))
            w++;
        if (w == j)
            return 0;
        for (size_t k = 0; k < COUNT(en_stop); k++)
            if (w - j == strlen(en_stop[k]) && word_at_ci(s, j, en_stop[k]))
                return 0;
        j = w;
    }
    return 0;
}

size_t fg_numbers_find_quantities(fg_str s, fg_quantity *out, size_t max)
{
    size_t count = 0, floor = 0, i = 0;
    while (i < s.len && count < max) {
        if (!digit_at(s, i) || !number_start(s, i)) {
            i++;
            continue;
        }
        double value = 0;
        size_t nlen = number_with_scale(s, i, &value);
        size_t end = i + nlen;
        const char *code = NULL, *unit = NULL;
        /* money is not a quantity */
        bool money = currency_before(s, floor, i, &code) != i ||
                     currency_after(s, end, value, &code) > 0;
        size_t ulen = 0;
        if (!money) {
            ulen = ja_counter(s, end, &unit);
            if (ulen == 0)
                ulen = en_unit(s, end, &unit);
        }
        if (ulen == 0) {
            i = end;
            continue;
        }
        fg_quantity *q = &out[count++];
        q->start = i - qualifier_before(s, floor, i);
        q->end = end + ulen;
        q->end += qualifier_after(s, q->end);
        q->value = value;
        q->unit = unit;
        floor = i = q->end;
    }
    return count;
}

/* ---- dates -------------------------------------------------------------- */

/* Digits at s[i..), at most maxlen of them and not followed by another
 * digit. Returns their count (0 if none or too many) and their value. */
static size_t small_number(fg_str s, size_t i, size_t maxlen, int *value)
{
    size_t n = 0;
    int v = 0;
    while (digit_at(s, i + n)) {
        if (n == maxlen)
            return 0;
        v = v * 10 + (s.ptr[i + n] - '0');
        n++;
    }
    *value = v;
    return n;
}

static char *put_digits(char *p, int v, int width)
{
    for (int k = width - 1; k >= 0; k--) {
        p[k] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when the year is unknown (or not a
 * four-digit year, e.g. a doc_year that makes no sense). */
static void set_norm(fg_date *d, int year, int month, int day)
{
    char *p = d->norm;
    if (year >= 1 && year <= 9999) {
        p = put_digits(p, year, 4);
        if (month >= 1 && month <= 12) {
            *p++ = '-';
            p = put_digits(p, month, 2);
            if (day >= 1 && day <= 31) {
                *p++ = '-';
                p = put_digits(p, day, 2);
            }
        }
    }
    *p = '\0';
}

/* Words after 年 or 月 that narrow the period without changing its
 * normalized form: 2024年末 is "2024", 12月上旬 "….-12". 中 is left out:
 * 2024年中国 is "2024年" + "中国". */
static size_t ja_period_suffix(fg_str s, size_t i)
{
    static const char *const sfx[] = {"末", "初め", "初頭", "前半", "後半", "上期", "下期",
                                      "度", "上旬", "中旬", "下旬", "半ば"};
    size_t n;
    for (size_t k = 0; k < COUNT(sfx); k++) {
        n = lit_at(s, i, sfx[k]);
        if (n > 0)
            return n;
    }
    return 0;
}

/* "M月[D日]" at s[i..). year may be 0 (unknown). */
static size_t ja_month_day(fg_str s, size_t i, int year, fg_date *d)
{
    int month, day;
    size_t n = small_number(s, i, 2, &month);
    if (n == 0 || month < 1 || month > 12)
        return 0;
    size_t m = lit_at(s, i + n, "月");
    if (m == 0)
        return 0;
    size_t j = i + n + m;
    size_t dn = small_number(s, j, 2, &day);
    size_t dm = dn ? lit_at(s, j + dn, "日") : 0;
    if (dm > 0 && day >= 1 && day <= 31) {
        set_norm(d, year, month, day);
        return j + dn + dm - i;
    }
    set_norm(d, year, month, 0);
    return j + ja_period_suffix(s, j) - i;
}

/* After "YYYY年" ending at j: an optional month and day, or a suffix. */
static size_t ja_after_year(fg_str s, size_t j, int year, fg_date *d)
{
    size_t n = ja_month_day(s, j, year, d);
    if (n)
        return n;
    set_norm(d, year, 0, 0);
    return ja_period_suffix(s, j);
}

/* 今年4月, 昨年, 来年度: resolved against doc_year when it is known. */
static size_t ja_relative_year(fg_str s, size_t i, int doc_year, fg_date *d)
{
    static const struct {
        const char *text;
        int delta;
    } rel[] = {{"今年", 0}, {"本年", 0}, {"昨年", -1}, {"去年", -1}, {"来年", 1}};
    for (size_t k = 0; k < COUNT(rel); k++) {
        size_t n = lit_at(s, i, rel[k].text);
        if (n) {
            int year = doc_year > 0 ? doc_year + rel[k].delta : 0;
            return n + ja_after_year(s, i + n, year, d);
        }
    }
    return 0;
}

/* 令和6年, 平成31年, 令和元年. */
static size_t ja_era_year(fg_str s, size_t i, fg_date *d)
{
    static const struct {
        const char *era;
        int base;
    } eras[] = {{"令和", 2018}, {"平成", 1988}};
    for (size_t k = 0; k < COUNT(eras); k++) {
        size_t n = lit_at(s, i, eras[k].era);
        if (n == 0)
            continue;
        int y;
        size_t yn = small_number(s, i + n, 2, &y);
        if (yn == 0) {
            yn = lit_at(s, i + n, "元"); /* 元年: the first year */
            y = 1;
        }
        size_t ym = yn ? lit_at(s, i + n + yn, "年") : 0;
        if (ym == 0 || y < 1)
            return 0;
        size_t j = i + n + yn + ym;
        return j - i + ja_after_year(s, j, eras[k].base + y, d);
    }
    return 0;
}

static const struct {
    const char *name;
    int month;
    bool abbrev;
} months[] = {
    {"January", 1, false},  {"February", 2, false}, {"March", 3, false},
    {"April", 4, false},    {"May", 5, false},      {"June", 6, false},
    {"July", 7, false},     {"August", 8, false},   {"September", 9, false},
    {"October", 10, false}, {"November", 11, false}, {"December", 12, false},
    {"Jan", 1, true},       {"Feb", 2, true},       {"Mar", 3, true},
    {"Apr", 4, true},       {"Jun", 6, true},       {"Jul", 7, true},
    {"Aug", 8, true},       {"Sept", 9, true},      {"Sep", 9, true},
    {"Oct", 10, true},      {"Nov", 11, true},      {"Dec", 12, true},
};

/* An English month name at s[i..) with a word boundary after it (and the
 * period of an abbreviation). Case-sensitive: "may" and "march" are verbs. */
static size_t month_at(fg_str s, size_t i, int *month)
{
    if (!word_start(s, i))
        return 0;
    for (size_t k = 0; k < COUNT(months); k++) {
        size_t n = lit_at(s, i, months[k].name);
        if (n && word_end(s, i + n)) {
            *month = months[k].month;
            if (months[k].abbrev && lit_at(s, i + n, "."))
                n++;
            return n;
        }
    }
    return 0;
}

static bool plausible_year(int y)
{
    return y >= 1900 && y <= 2100;
}

/* " 2024" or ", 2024" at s[i..): returns its length and the year. */
static size_t en_year_after(fg_str s, size_t i, int *year)
{
    size_t j = i;
    if (lit_at(s, j, ","))
        j++;
    if (!lit_at(s, j, " "))
        return 0;
    j++;
    size_t n = small_number(s, j, 4, year);
    if (n != 4 || !plausible_year(*year) || !word_end(s, j + n))
        return 0;
    return j + n - i;
}

/* Words after which a bare year or month is a date: "in 2024", "since
 * March". "mid-2024" is handled by the caller. */
static bool preceded_by_preposition(fg_str s, size_t floor, size_t i)
{
    static const char *const preps[] = {"in", "since", "by", "from", "until", "through",
                                        "during", "early", "late", "fiscal", "till"};
    if (lit_before(s, floor, i, "mid-"))
        return true;
    if (i < floor + 2 || s.ptr[i - 1] != ' ')
        return false;
    for (size_t k = 0; k < COUNT(preps); k++) {
        size_t n = strlen(preps[k]);
        if (i - 1 >= floor + n && word_at_ci(s, i - 1 - n, preps[k]) && word_start(s, i - 1 - n))
            return true;
    }
    return false;
}

/* " 8", " 8th" after a month name at s[j..): returns the length and the day. */
static size_t en_day_after(fg_str s, size_t j, int *day)
{
    static const char *const ord[] = {"st", "nd", "rd", "th"};
    if (!lit_at(s, j, " "))
        return 0;
    size_t dn = small_number(s, j + 1, 2, day);
    if (dn == 0 || *day < 1 || *day > 31)
        return 0;
    size_t k = j + 1 + dn;
    for (size_t o = 0; o < COUNT(ord); o++) {
        if (lit_at(s, k, ord[o]) && word_end(s, k + 2)) {
            k += 2;
            break;
        }
    }
    return word_end(s, k) ? k - j : 0;
}

/* "December 8, 2024", "December 8", "Dec. 2024", "December 2024", and a bare
 * month after a preposition ("in March"). */
static size_t en_month_date(fg_str s, size_t floor, size_t i, int doc_year, fg_date *d)
{
    int month, day, year;
    size_t n = month_at(s, i, &month);
    if (n == 0)
        return 0;
    size_t j = i + n;
    size_t yn = en_year_after(s, j, &year);
    if (yn) {
        set_norm(d, year, month, 0);
        return j + yn - i;
    }
    size_t dn = en_day_after(s, j, &day);
    if (dn) {
        yn = en_year_after(s, j + dn, &year);
        set_norm(d, yn ? year : doc_year, month, day);
        return j + dn + yn - i;
    }
    if (preceded_by_preposition(s, floor, i)) {
        set_norm(d, doc_year, month, 0);
        return n;
    }
    return 0;
}

/* this year, last year, next year. */
static size_t en_relative_year(fg_str s, size_t i, int doc_year, fg_date *d)
{
    static const struct {
        const char *text;
        int delta;
    } rel[] = {{"this year", 0}, {"last year", -1}, {"next year", 1}};
    if (!word_start(s, i))
        return 0;
    for (size_t k = 0; k < COUNT(rel); k++) {
        size_t n = word_at_ci(s, i, rel[k].text);
        if (n && word_end(s, i + n)) {
            set_norm(d, doc_year > 0 ? doc_year + rel[k].delta : 0, 0, 0);
            return n;
        }
    }
    return 0;
}

/* "2024-12-08", "2024/12/08", "2024-12", "2024/12" after the year ending at j. */
static size_t iso_rest(fg_str s, size_t j, int year, fg_date *d)
{
    if (j >= s.len || (s.ptr[j] != '-' && s.ptr[j] != '/'))
        return 0;
    char sep = s.ptr[j];
    int month, day;
    size_t mn = small_number(s, j + 1, 2, &month);
    if (mn == 0 || month < 1 || month > 12)
        return 0;
    size_t k = j + 1 + mn;
    if (k < s.len && s.ptr[k] == sep) {
        size_t dn = small_number(s, k + 1, 2, &day);
        if (dn == 0 || day < 1 || day > 31 || !word_end(s, k + 1 + dn))
            return 0;
        set_norm(d, year, month, day);
        return k + 1 + dn - j;
    }
    if (!word_end(s, k))
        return 0;
    set_norm(d, year, month, 0);
    return k - j;
}

/* One or two digits at i, then j: 12月8日, or 8 December 2024. */
static size_t short_numeric_date(fg_str s, size_t i, size_t j, int v, int doc_year, fg_date *d)
{
    size_t md = ja_month_day(s, i, doc_year, d);
    if (md)
        return md;
    int month, year;
    if (v < 1 || v > 31 || !lit_at(s, j, " "))
        return 0;
    size_t mn = month_at(s, j + 1, &month);
    if (mn == 0)
        return 0;
    size_t yn = en_year_after(s, j + 1 + mn, &year);
    set_norm(d, yn ? year : doc_year, month, v);
    return j + 1 + mn + yn - i;
}

/* A bare year after a preposition: "in 2024", not "in 2024.5" or "2,024". */
static bool bare_year(fg_str s, size_t floor, size_t i, size_t j, int v)
{
    if (v < 1990 || v > 2099 || !word_end(s, j))
        return false;
    if (j < s.len && (s.ptr[j] == ',' || s.ptr[j] == '.') && digit_at(s, j + 1))
        return false;
    return preceded_by_preposition(s, floor, i);
}

/* A date that starts with digits at i: 2024年…, 12月…, 2024-12-08, 2024/12,
 * 8 December 2024, and a bare year after a preposition (in 2024). */
static size_t numeric_date(fg_str s, size_t floor, size_t i, int doc_year, fg_date *d)
{
    int v;
    size_t n = small_number(s, i, 4, &v);
    size_t j = i + n;
    if (n == 0 || n == 3)
        return 0;
    if (n <= 2)
        return short_numeric_date(s, i, j, v, doc_year, d);
    if (!plausible_year(v))
        return 0;
    size_t m = lit_at(s, j, "年");
    if (m > 0)
        return j + m - i + ja_after_year(s, j + m, v, d);
    size_t iso = iso_rest(s, j, v, d);
    if (iso > 0)
        return n + iso;
    if (bare_year(s, floor, i, j, v)) {
        set_norm(d, v, 0, 0);
        return n;
    }
    return 0;
}

size_t fg_numbers_find_dates(fg_str s, fg_date *out, size_t max, int doc_year)
{
    size_t count = 0, floor = 0, i = 0;
    while (i < s.len && count < max) {
        fg_date *d = &out[count];
        size_t n = 0;
        unsigned char c = (unsigned char)s.ptr[i];
        if (is_digit(c)) {
            if (number_start(s, i))
                n = numeric_date(s, floor, i, doc_year, d);
            if (n == 0) { /* skip the whole run of digits: linear time */
                while (digit_at(s, i))
                    i++;
                continue;
            }
        } else if (is_alpha(c)) {
            n = en_month_date(s, floor, i, doc_year, d);
            if (n == 0)
                n = en_relative_year(s, i, doc_year, d);
            if (n == 0) { /* skip the word */
                while (alpha_at(s, i))
                    i++;
                continue;
            }
        } else if (c >= 0x80) {
            n = ja_relative_year(s, i, doc_year, d);
            if (n == 0)
                n = ja_era_year(s, i, d);
            if (n == 0) {
                i += char_len(s, i);
                continue;
            }
        } else {
            i++;
            continue;
        }
        d->start = i;
        d->end = i + n;
        count++;
        floor = i = d->end;
    }
    return count;
}
