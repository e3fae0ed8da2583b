/* limits.h - hard limits and why they exist (after SQLite's sqliteLimit.h). */
#ifndef FG_LIMITS_H
#define FG_LIMITS_H

/* One article larger than this is not news text; refusing it bounds the memory
 * one document can take (the arena holds ~10x the text in tokens and spans). */
#define FG_MAX_DOC_BYTES ((size_t)64 * 1024 * 1024)

/* MeCab's lattice grows with sentence length; a "sentence" longer than this is
 * a table or a dump, and is cut into pieces of this size before tokenizing. */
#define FG_MAX_SENTENCE_BYTES ((size_t)16 * 1024)

/* A headline is short; a first line longer than this is a paragraph, split
 * into sentences like the rest of the text (300 bytes = 100 kanji). */
#define FG_MAX_TITLE_BYTES ((size_t)300)

/* A lexicon line longer than this is a mistake (aliases are names, not text). */
#define FG_MAX_LEXICON_LINE 8192

/* Entity mentions inside one sentence that rules pair up: pairs are quadratic. */
#define FG_MAX_MENTIONS_PER_SENTENCE 256

/* A JSON Lines record holds one document plus its JSON escapes (\u3042 is six
 * bytes for three), so twice the document limit; a longer line is skipped. */
#define FG_MAX_JSONL_LINE (2 * FG_MAX_DOC_BYTES)

/* A .json file (an array of articles) is parsed whole by jansson, which takes
 * several times the text in memory; past this, JSON Lines is the format. */
#define FG_MAX_JSON_BYTES ((size_t)256 * 1024 * 1024)

/* An HTML page carries markup, scripts and styles around its text; a page
 * larger than this is not an article. */
#define FG_MAX_HTML_BYTES ((size_t)64 * 1024 * 1024)

/* A line of the facts file (facts.h) holds one document's mentions and facts,
 * each with its sentence: a few times the document at most. */
#define FG_MAX_FACTS_LINE (4 * FG_MAX_DOC_BYTES)

#endif
