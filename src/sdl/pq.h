/* pq.h: libpq, loaded the first time a fleet connects (dlopen of libpq.so.5), not linked into
 * the program: a kiosk without a fleet never loads it nor what it pulls in (Kerberos, LDAP,
 * GnuTLS, OpenSSL: 8 ms of every start-up and 5.7 MB of memory, measured here; BENCHMARKS.md).
 * The types and constants are libpq-fe.h's; fleet.c calls libpq as pq.PQexec(...). */
#ifndef QB_PQ_H
#define QB_PQ_H

#include <libpq-fe.h>
#include <stddef.h>

/* the libpq functions the fleet uses, each as libpq-fe.h declares it (pq.c checks the types) */
struct pq_api {
    PGconn *(*PQconnectdbParams)(const char *const *keywords, const char *const *values, int expand_dbname);
    ConnStatusType (*PQstatus)(const PGconn *conn);
    char *(*PQerrorMessage)(const PGconn *conn);
    void (*PQfinish)(PGconn *conn);
    PGresult *(*PQexec)(PGconn *conn, const char *query);
    PGresult *(*PQexecParams)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                              const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                              int resultFormat);
    void (*PQclear)(PGresult *res);
    ExecStatusType (*PQresultStatus)(const PGresult *res);
    char *(*PQresultErrorField)(const PGresult *res, int fieldcode);
    int (*PQntuples)(const PGresult *res);
    char *(*PQgetvalue)(const PGresult *res, int tup_num, int field_num);
    int (*PQsocket)(const PGconn *conn);
    int (*PQconsumeInput)(PGconn *conn);
    PGnotify *(*PQnotifies)(PGconn *conn);
    void (*PQfreemem)(void *ptr);
};

/* Filled by pq_load; use only after it returned 0. */
extern struct pq_api pq;

/* Loads libpq, once for the process (any thread may call it, any number of times): 0 when it is
 * there, else -1 with what is missing and what to install in err. */
int pq_load(char *err, size_t errlen);

#endif
