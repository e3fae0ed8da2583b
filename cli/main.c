/* placeholder until the CLI lands */
#include "factgraph/factgraph.h"
int main(void) { return 0; }
