/* fuzz_script.c: libFuzzer harness of script_parse (the headless mode's input scripts). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"
#include "script.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    script s;
    diag_list dl = {0};
    int rc = script_parse(&s, "fuzz.txt", (const char *)data, size, &dl);
    fuzz_check_diags(&dl);
    /* 0 exactly when no error was reported */
    FUZZ_CHECK((rc == 0) == (dl.errors == 0));
    FUZZ_CHECK(s.n >= 0);
    int last_line = 0;
    for (int i = 0; i < s.n; i++) {
        const script_cmd *c = &s.cmds[i];
        FUZZ_CHECK(c->line > last_line);
        last_line = c->line;
        switch (c->op) {
        case SCRIPT_WAIT:
            FUZZ_CHECK(c->a >= 0 && c->a <= 86400000L);
            break;
        case SCRIPT_FRAMES:
            FUZZ_CHECK(c->a >= 0 && c->a <= 10000000L);
            break;
        case SCRIPT_KEY:
        case SCRIPT_KEYDOWN:
        case SCRIPT_KEYUP:
        case SCRIPT_BUTTON:
        case SCRIPT_BUTTONDOWN:
        case SCRIPT_BUTTONUP:
        case SCRIPT_SCREENSHOT:
        case SCRIPT_TEXT:
            FUZZ_CHECK(c->str != NULL && c->str[0] != 0);
            FUZZ_CHECK(fuzz_utf8_ok(c->str));
            break;
        case SCRIPT_CLICK:
            FUZZ_CHECK(c->x >= 0 && c->x <= 1 && c->y >= 0 && c->y <= 1);
            break;
        case SCRIPT_RESIZE:
            FUZZ_CHECK(c->a >= 64 && c->a <= 16384 && c->b >= 64 && c->b <= 16384);
            break;
        case SCRIPT_CLOSE:
        case SCRIPT_QUIT:
            break;
        default:
            FUZZ_CHECK(!"unknown op");
        }
    }
    script_free(&s);
    diag_free(&dl);
    return 0;
}
