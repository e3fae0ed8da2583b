/* cmd_explain.c - factgraph explain: why each fact is (or is not) there.
 *
 * Prints, sentence by sentence, the sentence as written, the names found in
 * it (with how: lexicon, cue, abbrev, shape) and the facts drawn from it with
 * their trigger, rule and attributes. Sentences with neither are skipped
 * unless --all. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *const explain_usage =
    "usage: factgraph explain [options] FILE...\n"
    "\n"
    "Shows, sentence by sentence, the names found and the facts drawn, with the\n"
    "trigger word and the rule behind each fact.\n"
    "\n"
    "options:\n"
    "      --lang LANG      ja, en or auto (default: detected)\n"
    "      --lexicon FILE   add or override lexicon entries (repeatable)\n"
    "  -a, --all            also show sentences with no names\n"
    "  -h, --help           show this help\n";

static void print_fact(const fg_fact *f)
{
    printf("    fact  %s -%s-> %s   [rule %s, trigger \"%s\"", f->src_id, f->type, f->dst_id,
           f->rule, f->trigger);
    if (f->status)
        printf(", %s", f->status);
    if (f->has_amount)
        printf(", amount %.0f %s", f->amount, f->currency);
    if (f->has_quantity)
        printf(", quantity %.0f", f->quantity);
    if (f->date)
        printf(", date %s%s%s", f->date, f->date_norm ? " = " : "", f->date_norm ? f->date_norm : "");
    printf("]\n");
}

static int explain_one(fg_extractor *ex, const char *path, fg_lang lang, bool all)
{
    fg_error err;
    fg_error_clear(&err);
    fg_doc *doc = NULL;
    fg_extraction x;
    fg_status st = fg_doc_load_file(&doc, path, lang, &err);
    if (st == FG_OK)
        st = fg_extract_doc(ex, doc, &x, &err);
    if (st != FG_OK) {
        fg_error_set_source(&err, strcmp(path, "-") == 0 ? "<stdin>" : path);
        fg_cli_report(&err);
        fg_doc_free(doc);
        return 1;
    }
    fg_str orig = fg_doc_original(doc);
    printf("== %s (%s, %zu sentences, %zu names, %zu facts)\n", fg_doc_source(doc),
           fg_lang_name(fg_doc_lang(doc)), fg_doc_sentence_count(doc), x.mention_count, x.fact_count);
    size_t mi = 0, fi = 0;
    for (size_t i = 0; i < fg_doc_sentence_count(doc); i++) {
        const fg_sentence *s = fg_doc_sentence_get(doc, i);
        size_t m0 = mi, f0 = fi;
        while (mi < x.mention_count && x.mentions[mi].sentence == s->index)
            mi++;
        while (fi < x.fact_count && x.facts[fi].sentence == s->index)
            fi++;
        if (!all && mi == m0 && fi == f0)
            continue;
        printf("[%zu] %.*s\n", s->index, (int)(s->orig_end - s->orig_start), orig.ptr + s->orig_start);
        if (mi > m0) {
            printf("    names");
            for (size_t k = m0; k < mi; k++)
                printf(" %.*s=%s(%s%s%s)", (int)x.mentions[k].surface.len, x.mentions[k].surface.ptr,
                       x.mentions[k].id, x.mentions[k].type, strcmp(x.mentions[k].origin, "lexicon") ? ", " : "",
                       strcmp(x.mentions[k].origin, "lexicon") ? x.mentions[k].origin : "");
            printf("\n");
        }
        for (size_t k = f0; k < fi; k++)
            print_fact(&x.facts[k]);
    }
    fg_doc_free(doc);
    return 0;
}

int cmd_explain(int argc, char **argv)
{
    enum { OPT_LANG = 256, OPT_LEXICON };
    static const struct option longopts[] = {
        {"lang", required_argument, NULL, OPT_LANG},
        {"lexicon", required_argument, NULL, OPT_LEXICON},
        {"all", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    fg_lang lang = FG_LANG_AUTO;
    const char *lexicons[32];
    size_t nlex = 0;
    bool all = false;
    fg_error err;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ah", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_LANG:
            if (fg_cli_parse_lang(&lang, optarg) != 0)
                return FG_EXIT_USAGE;
            break;
        case OPT_LEXICON:
            if (fg_cli_add_lexicon(lexicons, &nlex, sizeof(lexicons) / sizeof(lexicons[0]), optarg) != 0)
                return FG_EXIT_USAGE;
            break;
        case 'a': all = true; break;
        case 'h': fputs(explain_usage, stdout); return FG_EXIT_OK;
        default: fputs(explain_usage, stderr); return FG_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fg_cli_errorf("no input; see 'factgraph explain --help'");
        return FG_EXIT_USAGE;
    }
    fg_lexicon *lex = NULL;
    fg_extractor *ex = NULL;
    int rc = fg_cli_load_lexicon(&lex, lexicons, nlex, false);
    if (rc != FG_EXIT_OK)
        goto out;
    fg_error_clear(&err);
    if (fg_extractor_new(&ex, lex, &err) != FG_OK) {
        fg_cli_report(&err);
        rc = FG_EXIT_FATAL;
        goto out;
    }
    for (int i = optind; i < argc; i++)
        if (explain_one(ex, argv[i], lang, all) != 0)
            rc = FG_EXIT_PARTIAL;
out:
    fg_extractor_free(ex);
    fg_lexicon_free(lex);
    return rc;
}
