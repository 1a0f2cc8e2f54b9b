/* `audition routes`: prints the route table (routes.c), one route a line:
 * METHOD PATTERN PERMISSION ("-" when public, "authenticated" when any valid
 * token will do). For operators, and for the test
 * that checks docs/openapi.json against the server. */
#include <stdio.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "http/routes.h"

int cmd_routes(int argc, char **argv) {
    (void)argv;
    if (argc > 1) {
        cli_error("routes takes no arguments");
        return EXIT_USAGE;
    }
    size_t n;
    const struct route *routes = route_table(&n);
    for (size_t i = 0; i < n; i++) {
        const char *perm[1] = {"-"};
        if (routes[i].perm == PERM_AUTHENTICATED) perm[0] = "authenticated";
        else if (routes[i].perm) perm_names(routes[i].perm, perm, 1);
        printf("%-7s %-40s %s\n", routes[i].method, routes[i].pattern, perm[0]);
    }
    return EXIT_OK;
}
