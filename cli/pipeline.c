/* pipeline.c - read in order, extract in parallel, consume in order.
 *
 * The slots form a ring of `window` entries. Counters only grow:
 *   consumed <= next_job <= produced, produced - consumed <= window.
 * The caller's thread fills slot `produced` (reading the next document; a
 * file that cannot be opened or a record that cannot be read becomes a slot
 * that already holds its error), then publishes it by incrementing produced.
 * A worker claims slot `next_job`, processes it without the lock (no other
 * thread touches a claimed slot), and marks it done. The caller's thread
 * waits for slot `consumed` to be done, hands it to the consumer and empties
 * it. With one job there are no threads: the caller's thread processes each
 * slot itself when it comes to consume it, in the same code path.
 *
 * Why not one thread per file, or a shared graph with a lock? Output order
 * would then depend on timing, and `build -j 8` must write the bytes that
 * `build -j 1` writes. Consuming in input order costs some idle time when one
 * document is much slower than the others; the window absorbs most of it. */
#include "pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Documents in flight per thread: enough to keep every worker busy while
 * one slow document holds up consumption, few enough to bound memory (each
 * holds a document's arena, about ten times its text). */
#define WINDOW_PER_JOB 4
/* More threads than this is a typo, not a machine. */
#define MAX_JOBS 1024
/* The progress line is redrawn at most this often. */
#define PROGRESS_SECONDS 0.25

enum slot_state { SLOT_EMPTY, SLOT_QUEUED, SLOT_DONE };

struct slot {
    enum slot_state state;
    fg_input_item *item;  /* NULL when the slot holds a read error */
    fg_status status;
    fg_error err;
    fg_doc *doc;
    fg_extraction x;
    fg_buf line;
    uint64_t bytes;
};

struct run {
    const struct fg_pipeline_opts *o;
    const fg_inputs *in;
    fg_extractor **ex;       /* one per worker; ex[0] also for -j 1 */
    unsigned jobs;
    struct slot *slots;
    size_t window;
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    size_t produced, next_job, consumed;
    bool shutdown;
    /* reading (the caller's thread only) */
    fg_input *cur;
    size_t next_path;
    bool exhausted;
    uint64_t bytes_of_closed_files, total_bytes;
    /* progress */
    struct timespec start;
    double last_progress;
    bool show_progress;
};

/* ---- options ------------------------------------------------------------- */

static bool parse_count(const char *arg, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || end == arg || *end || arg[0] == '-' || v > max)
        return false;
    *out = v;
    return true;
}

int fg_pipeline_option(struct fg_pipeline_opts *o, int c, const char *arg)
{
    unsigned long v;
    switch (c) {
    case 'j':
        if (!parse_count(arg, MAX_JOBS, &v) || v == 0) {
            fg_cli_errorf("--jobs takes a number from 1 to %d, not '%s'", MAX_JOBS, arg);
            return -1;
        }
        o->jobs = (unsigned)v;
        return 1;
    case FG_OPT_MAX_ERRORS:
        if (!parse_count(arg, (unsigned long)-1, &v) || v == 0) {
            fg_cli_errorf("--max-errors takes a positive number, not '%s'", arg);
            return -1;
        }
        o->max_errors = v;
        return 1;
    case FG_OPT_INPUT_FORMAT:
        if (fg_input_format_parse(&o->input.format, arg, NULL) != FG_OK) {
            fg_cli_errorf("unknown input format '%s' (use auto, text, html, jsonl or json)", arg);
            return -1;
        }
        return 1;
    case FG_OPT_TEXT_FIELD: o->input.text_field = arg; return 1;
    case FG_OPT_TITLE_FIELD: o->input.title_field = arg; return 1;
    case FG_OPT_ID_FIELD: o->input.id_field = arg; return 1;
    case FG_OPT_DATE_FIELD: o->input.date_field = arg; return 1;
    default: return 0;
    }
}

/* ---- reporting ----------------------------------------------------------- */

void fg_pipeline_report(const fg_error *err)
{
    char msg[512];
    fg_error_format(err, msg, sizeof(msg));
    if (err->line > 0 && err->has_offset)
        fprintf(stderr, "factgraph: %s (byte %zu)\n", msg, err->offset);
    else
        fprintf(stderr, "factgraph: %s\n", msg);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double elapsed(const struct run *r)
{
    return now() - ((double)r->start.tv_sec + (double)r->start.tv_nsec / 1e9);
}

static uint64_t file_bytes_read(const struct run *r)
{
    return r->bytes_of_closed_files + (r->cur ? fg_input_offset(r->cur) : 0);
}

/* "12:34" or "1:02:03". */
static void format_duration(char *buf, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static void progress(struct run *r, const struct fg_pipeline_stats *s, bool force)
{
    if (!r->show_progress)
        return;
    double t = elapsed(r);
    if (!force && t - r->last_progress < PROGRESS_SECONDS)
        return;
    r->last_progress = t;
    double mb = (double)s->bytes / 1e6;
    char eta[32] = "?";
    uint64_t done = file_bytes_read(r);
    if (r->total_bytes > 0 && done > 0 && t > 0) {
        double rest = (double)(r->total_bytes > done ? r->total_bytes - done : 0);
        format_duration(eta, sizeof(eta), rest / ((double)done / t));
    }
    fprintf(stderr, "\rfactgraph: %zu documents (%zu failed), %.1f MB, %.1f MB/s, %.0f docs/s, "
                    "ETA %s\033[K",
            s->documents + s->failed, s->failed, mb, t > 0 ? mb / t : 0.0,
            t > 0 ? (double)(s->documents + s->failed) / t : 0.0, eta);
}

static void summary_line(const struct fg_pipeline_stats *s)
{
    double mb = (double)s->bytes / 1e6;
    double t = s->seconds > 0 ? s->seconds : 1e-9;
    fprintf(stderr,
            "factgraph: %zu documents, %zu failed, %.1f MB in %.2f s (%.2f MB/s, %.1f "
            "documents/s, %u thread%s)%s\n",
            s->documents, s->failed, mb, s->seconds, mb / t, (double)s->documents / t, s->jobs,
            s->jobs == 1 ? "" : "s", s->stopped ? ", stopped by --max-errors" : "");
}

/* ---- the work ------------------------------------------------------------ */

static void process(struct run *r, fg_extractor *ex, struct slot *s)
{
    if (!s->item)
        return; /* a read error: nothing to do */
    fg_error_clear(&s->err);
    s->bytes = fg_input_item_size(s->item);
    fg_status st = fg_input_item_load(&s->doc, s->item, &s->err);
    if (st == FG_OK)
        st = fg_extract_doc(ex, s->doc, &s->x, &s->err);
    if (st == FG_OK && r->o->facts_lines) {
        st = fg_facts_format(&s->line, s->doc, &s->x, &s->err);
        fg_doc_free(s->doc); /* the line holds what is needed */
        s->doc = NULL;
    }
    s->status = st;
    fg_input_item_free(s->item); /* the raw bytes are not needed any more */
    s->item = NULL;
}

struct worker_arg {
    struct run *r;
    fg_extractor *ex;
};

static void *worker(void *arg)
{
    struct run *r = ((struct worker_arg *)arg)->r;
    fg_extractor *ex = ((struct worker_arg *)arg)->ex;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (r->next_job == r->produced && !r->shutdown)
            pthread_cond_wait(&r->work, &r->lock);
        if (r->next_job == r->produced)
            break; /* shut down, nothing left */
        struct slot *s = &r->slots[r->next_job++ % r->window];
        pthread_mutex_unlock(&r->lock);
        process(r, ex, s);
        pthread_mutex_lock(&r->lock);
        s->state = SLOT_DONE;
        pthread_cond_signal(&r->done);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

/* Fills s with the next document, or an error; false when there is none. */
static bool produce(struct run *r, struct slot *s)
{
    for (;;) {
        fg_status st;
        fg_error_clear(&s->err);
        if (!r->cur) {
            if (r->next_path == r->in->count) {
                r->exhausted = true;
                return false;
            }
            st = fg_input_open(&r->cur, r->in->paths[r->next_path++], &r->o->input, &s->err);
            if (st != FG_OK) {
                s->status = st;
                return true;
            }
        }
        st = fg_input_next(&s->item, r->cur, &s->err);
        if (st != FG_OK) {
            s->status = st;
            return true;
        }
        if (s->item)
            return true;
        r->bytes_of_closed_files += fg_input_size(r->cur);
        fg_input_free(r->cur);
        r->cur = NULL;
    }
}

/* Hands slot s to the consumer, or reports its error; empties it. Returns a
 * fatal status, or FG_OK. */
static fg_status consume_slot(struct run *r, struct slot *s, fg_pipeline_consume consume,
                              void *payload, struct fg_pipeline_stats *stats, bool discard)
{
    fg_status st = FG_OK;
    if (discard) {
        /* after a stop: documents read ahead are dropped, as -j 1 never reads them */
    } else if (s->status == FG_ENOMEM) {
        fg_pipeline_report(&s->err);
        st = FG_ENOMEM;
    } else if (s->status != FG_OK) {
        fg_pipeline_report(&s->err);
        stats->failed++;
        stats->bytes += s->bytes;
    } else {
        struct fg_pipeline_result res = {
            r->o->facts_lines ? NULL : s->doc, r->o->facts_lines ? NULL : &s->x,
            fg_str_make(s->line.ptr, s->line.len)};
        fg_error err;
        fg_error_clear(&err);
        st = consume(payload, &res, &err);
        if (st != FG_OK)
            fg_pipeline_report(&err);
        else
            stats->documents++;
        stats->bytes += s->bytes;
    }
    fg_input_item_free(s->item);
    fg_doc_free(s->doc);
    fg_buf_reset(&s->line);
    s->item = NULL;
    s->doc = NULL;
    s->status = FG_OK;
    s->bytes = 0;
    s->state = SLOT_EMPTY;
    return st;
}

static unsigned all_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* Sum of the inputs' sizes, for the ETA (0 when one is a pipe). */
static uint64_t total_size(const fg_inputs *in)
{
    uint64_t total = 0;
    for (size_t i = 0; i < in->count; i++) {
        struct stat st;
        if (strcmp(in->paths[i], "-") == 0 || stat(in->paths[i], &st) != 0 ||
            !S_ISREG(st.st_mode))
            return 0;
        total += (uint64_t)st.st_size;
    }
    return total;
}

/* The main loop on the caller's thread. */
static fg_status drive(struct run *r, fg_pipeline_consume consume, void *payload,
                       struct fg_pipeline_stats *stats)
{
    fg_status fatal = FG_OK;
    bool stop = false;
    for (;;) {
        while (!stop && !r->exhausted && r->produced - r->consumed < r->window) {
            struct slot *s = &r->slots[r->produced % r->window];
            if (!produce(r, s))
                break;
            /* A read error goes through a worker too, though there is
             * nothing to do: a slot is emptied only after the worker that
             * claimed it is done with it. */
            pthread_mutex_lock(&r->lock);
            s->state = SLOT_QUEUED;
            r->produced++;
            pthread_cond_signal(&r->work);
            pthread_mutex_unlock(&r->lock);
        }
        if (r->consumed == r->produced)
            break;
        struct slot *s = &r->slots[r->consumed % r->window];
        if (r->jobs == 1) {
            process(r, r->ex[0], s);
            s->state = SLOT_DONE;
        } else {
            pthread_mutex_lock(&r->lock);
            while (s->state != SLOT_DONE)
                pthread_cond_wait(&r->done, &r->lock);
            pthread_mutex_unlock(&r->lock);
        }
        bool failed = s->status != FG_OK;
        fg_status st = consume_slot(r, s, consume, payload, stats, stop);
        r->consumed++;
        if (st != FG_OK && fatal == FG_OK) {
            fatal = st;
            stop = true;
        }
        if (!stop && failed && r->o->max_errors && stats->failed >= r->o->max_errors) {
            stop = stats->stopped = true;
            fg_cli_errorf("stopping after %zu bad documents (--max-errors)", stats->failed);
        }
        progress(r, stats, false);
    }
    return fatal;
}

fg_status fg_pipeline_run(const struct fg_pipeline_opts *o, const fg_lexicon *lex,
                          const fg_inputs *in, fg_pipeline_consume consume, void *payload,
                          struct fg_pipeline_stats *stats)
{
    fg_status st = FG_OK;
    fg_error err;
    struct run r = {0};
    pthread_t *threads = NULL;
    struct worker_arg *args = NULL;
    unsigned started = 0;

    memset(stats, 0, sizeof(*stats));
    stats->failed = in->errors;
    r.o = o;
    r.in = in;
    r.jobs = o->jobs ? o->jobs : all_cores();
    if (r.jobs > MAX_JOBS)
        r.jobs = MAX_JOBS;
    r.window = (size_t)r.jobs * WINDOW_PER_JOB;
    r.show_progress = !o->quiet && isatty(STDERR_FILENO);
    r.last_progress = -PROGRESS_SECONDS; /* the first document shows the line at once */
    if (r.show_progress)
        r.total_bytes = total_size(in);
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.work, NULL);
    pthread_cond_init(&r.done, NULL);

    r.slots = calloc(r.window, sizeof(*r.slots));
    r.ex = calloc(r.jobs, sizeof(*r.ex));
    threads = calloc(r.jobs, sizeof(*threads));
    args = calloc(r.jobs, sizeof(*args));
    if (!r.slots || !r.ex || !threads || !args) {
        fg_cli_errorf("out of memory");
        st = FG_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < r.window; i++)
        fg_buf_init(&r.slots[i].line, 0);
    for (unsigned i = 0; i < r.jobs; i++) {
        fg_error_clear(&err);
        if ((st = fg_extractor_new(&r.ex[i], lex, &err)) != FG_OK) {
            fg_cli_report(&err);
            goto out;
        }
    }
    for (unsigned i = 0; r.jobs > 1 && i < r.jobs; i++) {
        args[i].r = &r;
        args[i].ex = r.ex[i];
        int e = pthread_create(&threads[i], NULL, worker, &args[i]);
        if (e != 0) { /* pthread_create returns the error; errno is not set */
            fg_cli_errorf("cannot start a thread: %s", strerror(e));
            st = FG_ENOMEM;
            goto out;
        }
        started++;
    }
    st = drive(&r, consume, payload, stats);
out:
    pthread_mutex_lock(&r.lock);
    r.shutdown = true;
    pthread_cond_broadcast(&r.work);
    pthread_mutex_unlock(&r.lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    stats->seconds = elapsed(&r);
    stats->jobs = r.jobs;
    if (r.show_progress)
        fputs("\r\033[K", stderr);
    if (!o->quiet)
        summary_line(stats);
    for (size_t i = 0; r.slots && i < r.window; i++) {
        fg_input_item_free(r.slots[i].item);
        fg_doc_free(r.slots[i].doc);
        fg_buf_release(&r.slots[i].line);
    }
    for (unsigned i = 0; r.ex && i < r.jobs; i++)
        fg_extractor_free(r.ex[i]);
    fg_input_free(r.cur);
    free(args);
    free(threads);
    free(r.ex);
    free(r.slots);
    pthread_cond_destroy(&r.done);
    pthread_cond_destroy(&r.work);
    pthread_mutex_destroy(&r.lock);
    return st;
}
