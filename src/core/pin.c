/* pin.c: checking the operator PIN. A hash in the config costs a guesser who reads the file
 * (a backup, a support dump) a yescrypt per guess instead of nothing; the lock-out (game.c)
 * limits the guesses at the pad itself. */
#include "pin.h"

#include <crypt.h>
#include <stdio.h>
#include <string.h>

int pin_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < 4 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

int pin_hash_valid(const char *hash)
{
    if (hash[0] != '$' || crypt_checksalt(hash) != CRYPT_SALT_OK)
        return 0;
    /* a whole hash, not only a salt: hashing anything with it gives a string of its length
     * that shares everything up to the last '$' (one slow hash, once, at start-up) */
    struct crypt_data cd;
    memset(&cd, 0, sizeof cd);
    const char *h = crypt_rn("0000", hash, &cd, (int)sizeof cd);
    const char *last = strrchr(hash, '$');
    size_t head = (size_t)(last - hash) + 1;
    return h && h[0] != '*' && strlen(h) == strlen(hash) && strlen(hash) > head &&
           strncmp(h, hash, head) == 0;
}

/* Equal in constant time over both whole buffers of n bytes (NUL-padded copies). */
static int same_bytes(const char *a, const char *b, size_t n)
{
    unsigned diff = 0;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned)(unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

/* s copied into a zeroed buffer of n bytes (cut to n - 1). */
static void padded(char *out, size_t n, const char *s)
{
    memset(out, 0, n);
    size_t l = strnlen(s, n - 1);
    memcpy(out, s, l);
}

int pin_matches(const char *typed, const char *plain, const char *hash)
{
    if (hash && *hash) {
        struct crypt_data cd;
        memset(&cd, 0, sizeof cd);
        const char *h = crypt_rn(typed, hash, &cd, (int)sizeof cd);
        if (!h || h[0] == '*')
            return 0;
        char a[CRYPT_OUTPUT_SIZE], b[CRYPT_OUTPUT_SIZE];
        padded(a, sizeof a, h);
        padded(b, sizeof b, hash);
        return same_bytes(a, b, sizeof a);
    }
    if (!plain || !*plain)
        return 0;
    char a[16], b[16];
    padded(a, sizeof a, typed);
    padded(b, sizeof b, plain);
    return same_bytes(a, b, sizeof a);
}

int pin_hash_make(const char *pin, char *out, size_t n)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    struct crypt_data cd;
    memset(&cd, 0, sizeof cd);
    if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, (int)sizeof salt)) {
        snprintf(out, n, "cannot make a salt for yescrypt (libxcrypt without it?)");
        return -1;
    }
    const char *h = crypt_rn(pin, salt, &cd, (int)sizeof cd);
    if (!h || h[0] == '*') {
        snprintf(out, n, "yescrypt failed");
        return -1;
    }
    if (strlen(h) >= n) {
        snprintf(out, n, "the hash is too long");
        return -1;
    }
    memcpy(out, h, strlen(h) + 1);
    return 0;
}
