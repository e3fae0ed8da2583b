/* rules_ja.h - what the Japanese rule files share (private to extract/).
 *
 * rules_ja_roles.c reads a sentence into units (a name, or one MeCab token),
 * gives each name a role from the particle after it and joins coordinated
 * names into groups; rules_ja.c draws facts from trigger words with those
 * roles; rules_ja_np.c draws facts that need no verb (noun phrases). */
#ifndef FG_RULES_JA_H
#define FG_RULES_JA_H

#include <stdbool.h>
#include <string.h>

#include "extract_int.h"

typedef enum role {
    R_NONE, R_GA, R_WA, R_MO, R_WO, R_DAT, R_DATNO, R_TARGET, R_BY, R_FROM, R_WITH,
    R_COORD, R_NO, R_NOM, R_NOTRIG, R_DE, R_EXT, R_BYNO
} role;

typedef struct unit {
    int m;              /* mention index, or -1 for a token */
    size_t t0, t1;      /* token range */
} unit;

typedef struct group {
    int first, last;    /* member mention indexes (consecutive in text order) */
    int u_first, u_last;/* their units */
    role r;
    int role_unit;      /* unit where the role was read */
    int trig_unit;      /* R_NOTRIG: the trigger noun it modifies */
    bool competitors;   /* AやBのような競合: rivals of the sentence's subject */
    bool phrase_topic;  /* its noun phrase is the topic or subject (H20の輸出は) */
    bool by_agent;      /* Xによる<event>: the agent of the event noun it modifies */
} group;

typedef struct ja {
    fg_sentctx *c;
    unit *u;
    int nu;
    int *unit_of_tok;   /* token -> unit */
    group *g;
    int ng;
    int *group_of_m;    /* mention -> group */
    role *mrole;        /* mention -> role */
    int *mrole_unit;
    int topic_group;    /* group of the carried-over topic mention, or -1 */
} ja;

static inline fg_str tsurf(const ja *j, size_t t)
{
    const fg_token *k = &j->c->tok[t];
    return fg_str_make(j->c->text.ptr + k->start, k->end - k->start);
}

static inline bool ueq(const ja *j, int u, const char *s)
{
    return u >= 0 && u < j->nu && j->u[u].m < 0 && fg_str_eq_cstr(tsurf(j, j->u[u].t0), s);
}

static inline bool ubase(const ja *j, int u, const char *s)
{
    return u >= 0 && u < j->nu && j->u[u].m < 0 && fg_str_eq_cstr(j->c->tok[j->u[u].t0].base, s);
}

static inline bool uis_mention(const ja *j, int u)
{
    return u >= 0 && u < j->nu && j->u[u].m >= 0;
}

static inline const fg_token *utok(const ja *j, int u)
{
    return &j->c->tok[j->u[u].t0];
}

static inline bool is_open_bracket(const ja *j, int u)
{
    return ueq(j, u, "「") || ueq(j, u, "『") || ueq(j, u, "\"") || ueq(j, u, "“");
}

static inline bool is_close_bracket(const ja *j, int u)
{
    return ueq(j, u, "」") || ueq(j, u, "』") || ueq(j, u, "\"") || ueq(j, u, "”");
}

/* Skips 「 before a unit. */
static inline int skip_open(const ja *j, int u)
{
    while (u < j->nu && is_open_bracket(j, u))
        u++;
    return u;
}

/* A token that starts with a closing bracket (")", ")、", ")」"). */
static inline bool starts_close(const ja *j, int u)
{
    return u >= 0 && u < j->nu && j->u[u].m < 0 && tsurf(j, j->u[u].t0).len > 0 &&
           tsurf(j, j->u[u].t0).ptr[0] == ')';
}

/* The trigger that starts at token t, longest first, or NULL. */
const fg_trigger *ja_trigger_at(const ja *j, size_t t);
/* Reads the sentence into units, roles and groups (allocated from the arena). */
fg_status ja_build(ja *j, fg_error *err);
/* Prints units, roles and groups on stderr (FG_DEBUG_RULES=1). */
void ja_debug_dump(const ja *j);
/* Whether some member of group gi can be the source (as_src) or target of type. */
bool ja_group_fits(const ja *j, int gi, const char *type, bool as_src);
/* Adds a fact for every fitting pair of members of groups sg and dg. */
fg_status ja_emit(ja *j, const char *type, int sg, int dg, size_t ts, size_t te, const char *rule,
                  fg_error *err);

/* Noun-phrase rules (rules_ja_np.c). */
fg_status ja_np_maker(ja *j, fg_error *err);
fg_status ja_titles(ja *j, fg_error *err);
fg_status ja_relnouns(ja *j, fg_error *err);
fg_status ja_competitors(ja *j, fg_error *err);

#endif
