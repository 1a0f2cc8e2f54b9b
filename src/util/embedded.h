/* Files compiled into the binary (migrations, demo data), generated at build
 * time by scripts/embed.py. Each group is an array sorted by name. */
#ifndef AUDITION_EMBEDDED_H
#define AUDITION_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
    const char *name;   /* base name, e.g. "0001_init.sql" */
    const char *data;   /* NUL-terminated contents */
    size_t len;
};

extern const struct embedded_file embedded_sqlite_migrations[];
extern const size_t embedded_sqlite_migrations_count;
extern const struct embedded_file embedded_pg_migrations[];
extern const size_t embedded_pg_migrations_count;
extern const struct embedded_file embedded_demo_data[];  /* one file: demo-data.json */
extern const size_t embedded_demo_data_count;
extern const struct embedded_file embedded_demo_casting[];  /* one file: demo-casting.json */
extern const size_t embedded_demo_casting_count;

#endif
