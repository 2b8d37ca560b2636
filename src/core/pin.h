/* pin.h: the operator PIN, typed on the kiosk's pad, checked against a plain PIN or a salted,
 * slow hash (crypt(3)'s yescrypt from libxcrypt), in constant time either way. */
#ifndef QB_PIN_H
#define QB_PIN_H

#include <stddef.h>

/* 1 when `pin` is 4 to 8 digits. */
int pin_valid(const char *pin);

/* 1 when `hash` is a crypt(3) hash libxcrypt can check (yescrypt "$y$...", or an older one). */
int pin_hash_valid(const char *hash);

/* 1 when `typed` is the PIN: against `hash` when it is non-empty, else against `plain`.
 * Compared in constant time (every byte is looked at, whatever matched). */
int pin_matches(const char *typed, const char *plain, const char *hash);

/* Hashes `pin` with yescrypt and a fresh salt (libxcrypt reads it from the system's random
 * source) into out; 0, or -1 when it cannot (then out holds why). */
int pin_hash_make(const char *pin, char *out, size_t n);

#endif
