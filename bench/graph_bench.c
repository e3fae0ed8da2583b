/* graph_bench.c - the graph side of the benchmark: merge, canonical order,
 * analysis (centrality, communities) and GraphML writing for a synthetic graph
 * of N nodes and M facts, and igraph's own GraphML writer on the same graph
 * with the same attributes.
 *
 * usage: graph_bench NODES FACTS OUTDIR
 * Prints one "name seconds [bytes]" line per step. Not a test: bench/run.sh
 * builds and runs it.
 *
 * The graph: node i is "n<i>" with one of the seven node types; each fact
 * links a source to a target drawn with a skew (target = n * u^2, u uniform),
 * so that a few nodes are hubs, as companies like NVIDIA are in news; its type
 * is one of the thirteen edge types. 1000 facts make one document. The RNG
 * is a fixed xorshift, so runs are repeatable. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <igraph.h>

#include "factgraph/factgraph.h"

static const char *const node_types[] = {"company", "chip", "government", "person",
                                         "model", "organization", "place"};
static const char *const edge_types[] = {"orders", "supplies", "bans", "permits", "funds",
                                         "develops", "manufactures", "uses", "competes",
                                         "partners", "investigates", "leads", "part_of"};

static uint64_t rng = 88172645463325252ull;

static uint64_t next_u64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double uniform(void)
{
    return (double)(next_u64() >> 11) / 9007199254740992.0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what, const fg_error *err)
{
    fprintf(stderr, "graph_bench: %s: %s\n", what, err ? err->text : "failed");
    exit(1);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The graph as igraph sees it, with the attributes our GraphML writer
 * writes for nodes and edges (without the evidence, which igraph's attribute
 * model cannot hold as a list: our file is the larger one). */
static void write_igraph(const fg_graph *g, const char *path)
{
    igraph_t ig;
    igraph_vector_int_t edges;
    size_t n = fg_graph_node_count(g), m = fg_graph_edge_count(g);
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m));
    for (size_t i = 0; i < m; i++) {
        const fg_edge *e = fg_graph_edge_get(g, i);
        VECTOR(edges)[2 * i] = (igraph_integer_t)e->source;
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)e->target;
    }
    double t0 = now();
    igraph_create(&ig, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
    for (size_t i = 0; i < n; i++) {
        const fg_node *v = fg_graph_node_get(g, i);
        igraph_integer_t k = (igraph_integer_t)i;
        SETVAS(&ig, "id", k, v->id);
        SETVAS(&ig, "label", k, v->label);
        SETVAS(&ig, "type", k, v->type);
        SETVAN(&ig, "documents", k, (double)v->doc_count);
        SETVAN(&ig, "degree", k, (double)v->degree);
        SETVAN(&ig, "pagerank", k, v->pagerank);
        SETVAN(&ig, "betweenness", k, v->betweenness);
        SETVAN(&ig, "community", k, (double)v->community);
    }
    for (size_t i = 0; i < m; i++) {
        const fg_edge *e = fg_graph_edge_get(g, i);
        igraph_integer_t k = (igraph_integer_t)i;
        SETEAS(&ig, "type", k, e->type);
        SETEAN(&ig, "weight", k, (double)e->weight);
    }
    double t1 = now();
    FILE *f = fopen(path, "w");
    if (!f || igraph_write_graph_graphml(&ig, f, true) != IGRAPH_SUCCESS || fclose(f) != 0)
        die("igraph_write_graph_graphml", NULL);
    double t2 = now();
    printf("igraph_attributes %.3f\n", t1 - t0);
    printf("igraph_write_graphml %.3f %ld\n", t2 - t1, file_size(path));
    igraph_destroy(&ig);
    igraph_vector_int_destroy(&edges);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: graph_bench NODES FACTS OUTDIR\n");
        return 2;
    }
    size_t n = strtoul(argv[1], NULL, 10), m = strtoul(argv[2], NULL, 10);
    const char *dir = argv[3];
    fg_graph *g = NULL;
    fg_error err;
    fg_error_clear(&err);
    if (fg_graph_new(&g, &err) != FG_OK)
        die("fg_graph_new", &err);

    enum { PER_DOC = 1000 };
    char (*ids)[16] = malloc(n * sizeof(*ids));
    fg_mention *ms = calloc(PER_DOC, sizeof(*ms));
    fg_fact *fs = calloc(PER_DOC, sizeof(*fs));
    if (!ids || !ms || !fs)
        die("malloc", NULL);
    for (size_t i = 0; i < n; i++)
        snprintf(ids[i], sizeof(ids[i]), "n%zu", i);

    double t0 = now();
    /* every node named once, so the graph has all n nodes */
    for (size_t i = 0; i < n; i += PER_DOC) {
        size_t k = 0;
        for (; k < PER_DOC && i + k < n; k++) {
            ms[k].id = ids[i + k];
            ms[k].type = node_types[(i + k) % 7];
            ms[k].surface = fg_str_cstr(ids[i + k]);
        }
        fg_extraction x = {ms, k, NULL, 0};
        if (fg_graph_add_extraction(g, "names", &x, &err) != FG_OK)
            die("add", &err);
    }
    char doc[32];
    for (size_t i = 0; i < m; i += PER_DOC) {
        size_t k = 0;
        for (; k < PER_DOC && i + k < m; k++) {
            size_t s = (size_t)(uniform() * (double)n), t = (size_t)(uniform() * uniform() * (double)n);
            fg_fact *f = &fs[k];
            f->type = edge_types[next_u64() % 13];
            f->src_id = ids[s];
            f->src_type = node_types[s % 7];
            f->dst_id = ids[t];
            f->dst_type = node_types[t % 7];
            f->src_surface = fg_str_cstr(ids[s]);
            f->dst_surface = fg_str_cstr(ids[t]);
            f->sentence = k;
            f->sentence_text = fg_str_cstr("A synthetic sentence that states the fact.");
            f->start = 0;
            f->end = 40;
            f->trigger = "trigger";
            f->rule = "bench";
        }
        snprintf(doc, sizeof(doc), "doc%zu", i / PER_DOC);
        fg_extraction x = {NULL, 0, fs, k};
        if (fg_graph_add_extraction(g, doc, &x, &err) != FG_OK)
            die("add", &err);
        fg_graph_count_document(g);
    }
    double t1 = now();
    if (fg_graph_canonicalize(g, &err) != FG_OK)
        die("canonicalize", &err);
    double t2 = now();
    if (fg_graph_analyze(g, &err) != FG_OK)
        die("analyze", &err);
    double t3 = now();
    char path[4096];
    snprintf(path, sizeof(path), "%s/factgraph.graphml", dir);
    if (fg_export_to_path(g, FG_FORMAT_GRAPHML, path, &err) != FG_OK)
        die("graphml", &err);
    double t4 = now();
    printf("nodes %zu\nedges %zu\n", fg_graph_node_count(g), fg_graph_edge_count(g));
    printf("merge %.3f\n", t1 - t0);
    printf("canonicalize %.3f\n", t2 - t1);
    printf("analyze %.3f\n", t3 - t2);
    printf("factgraph_write_graphml %.3f %ld\n", t4 - t3, file_size(path));
    snprintf(path, sizeof(path), "%s/igraph.graphml", dir);
    write_igraph(g, path);
    fg_graph_free(g);
    free(ids);
    free(ms);
    free(fs);
    return 0;
}
