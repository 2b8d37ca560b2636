/* launch.c: runs a program with the CLOCK_MONOTONIC time of the moment just before exec in
 * $QB_BENCH_T0 (nanoseconds), so the shim can time start-up from exec to the first present.
 * Usage: launch PROGRAM [ARG]... */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: launch PROGRAM [ARG]...\n");
        return 64;
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    char t0[32];
    snprintf(t0, sizeof t0, "%llu", (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec);
    if (setenv("QB_BENCH_T0", t0, 1) != 0) {
        perror("launch: setenv");
        return 71;
    }
    execvp(argv[1], argv + 1);
    perror(argv[1]);
    return 127;
}
