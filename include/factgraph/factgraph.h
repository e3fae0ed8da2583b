/* factgraph.h - the whole public API. */
#ifndef FACTGRAPH_H
#define FACTGRAPH_H

#define FG_VERSION_MAJOR 0
#define FG_VERSION_MINOR 1
#define FG_VERSION_PATCH 0
#define FG_VERSION_NUM ((FG_VERSION_MAJOR << 16) | (FG_VERSION_MINOR << 8) | FG_VERSION_PATCH)
#define FG_VERSION_STRING "0.1.0"

#include "factgraph/error.h"
#include "factgraph/core.h"
#include "factgraph/doc.h"
#include "factgraph/input.h"
#include "factgraph/lexicon.h"
#include "factgraph/extract.h"
#include "factgraph/graph.h"
#include "factgraph/facts.h"
#include "factgraph/export.h"

#endif
