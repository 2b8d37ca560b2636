/* pq.c: libpq opened at run time (see pq.h for why). */
#include "pq.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Before libpq is loaded no connection or result can exist, so the only calls that can come
 * are the clean-ups of nothing (a worker that never connected ends with PQfinish(NULL)); libpq
 * defines those as doing nothing, and so do these until the real ones are loaded. */
static void finish_none(PGconn *c)
{
    (void)c;
}
static void clear_none(PGresult *r)
{
    (void)r;
}
static void freemem_none(void *p)
{
    (void)p;
}
#define PQ_NONE {.PQfinish = finish_none, .PQclear = clear_none, .PQfreemem = freemem_none}

struct pq_api pq = PQ_NONE;

#define PQ_FUNCS(X)                                                                                                    \
    X(PQconnectdbParams)                                                                                               \
    X(PQstatus)                                                                                                        \
    X(PQerrorMessage)                                                                                                  \
    X(PQfinish)                                                                                                        \
    X(PQexec)                                                                                                          \
    X(PQexecParams)                                                                                                    \
    X(PQclear)                                                                                                         \
    X(PQresultStatus)                                                                                                  \
    X(PQresultErrorField)                                                                                              \
    X(PQntuples)                                                                                                       \
    X(PQgetvalue)                                                                                                      \
    X(PQsocket)                                                                                                        \
    X(PQconsumeInput)                                                                                                  \
    X(PQnotifies)                                                                                                      \
    X(PQfreemem)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char why[512]; /* empty when loaded */

static void load(void)
{
    /* the soname of libpq 10 and later (Debian's libpq5, which libpq-dev pulls in) */
    void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, sizeof why,
                 "libpq (libpq.so.5) cannot be loaded: %s; install it (Debian/Ubuntu: apt-get install libpq5)",
                 e ? e : "not found");
        return;
    }
    /* Each symbol into its pointer. The sizeof is never evaluated (no reference to libpq is
     * linked); it only makes the compiler check the pointer's type against libpq-fe.h's. A
     * data pointer becomes a function pointer by its bytes (ISO C has no cast between them;
     * POSIX makes them the same size). */
#define LOAD(name)                                                                                                     \
    {                                                                                                                  \
        void *sym = dlsym(h, #name);                                                                                   \
        if (!sym) {                                                                                                    \
            snprintf(why, sizeof why, "libpq (libpq.so.5) has no %s: too old a libpq", #name);                        \
            pq = (struct pq_api)PQ_NONE;                                                                               \
            return;                                                                                                    \
        }                                                                                                              \
        (void)sizeof(pq.name = name);                                                                                  \
        memcpy(&pq.name, &sym, sizeof pq.name);                                                                        \
    }
    PQ_FUNCS(LOAD)
#undef LOAD
    /* kept open for the life of the process: the connections and the worker thread use it */
}

int pq_load(char *err, size_t errlen)
{
    pthread_once(&once, load);
    if (!why[0])
        return 0;
    snprintf(err, errlen, "%s", why);
    return -1;
}
