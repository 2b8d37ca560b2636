/* test_lint.c: the deck linter: choice length as seen, mirrored pairs, words echoed from the
 * question, and the figures of whole decks measured over the real draw of choices (own
 * choices, borrowed ones, true/false), with warnings at the card's line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "deck.h"
#include "deck_lint.h"

static deck *parse(const char *text)
{
    diag_list dl = {0};
    deck *d = deck_parse("t.md", text, strlen(text), &dl);
    assert_non_null(d);
    assert_int_equal(dl.errors, 0);
    diag_free(&dl);
    return d;
}

/* 1 if some warning is at line and contains needle. */
static int has_warning(const diag_list *dl, int line, const char *needle)
{
    for (int i = 0; i < dl->n; i++)
        if (dl->items[i].line == line && !dl->items[i].is_error && strstr(dl->items[i].msg, needle))
            return 1;
    return 0;
}

static void visible_length_skips_backticks_and_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(lint_visible_len("virsh list"), 10);
    assert_int_equal(lint_visible_len("`virsh list`"), 10);
    assert_int_equal(lint_visible_len("40–100 ns"), 9);
    assert_int_equal(lint_visible_len(""), 0);
}

static void mirrored_pairs_are_the_same_words_swapped(void **state)
{
    (void)state;
    assert_true(lint_mirrored("setmem sets current RAM; setmaxmem sets its ceiling",
                              "setmaxmem sets current RAM; setmem sets its ceiling"));
    assert_true(lint_mirrored("virsh vcpupin vm1 0 2", "virsh vcpupin vm1 2 0"));
    /* articles and a plural -s do not hide a swap */
    assert_true(lint_mirrored("Containers share the host kernel; each VM boots its own",
                              "VMs share the host kernel; each container boots its own"));
    assert_true(lint_mirrored("A container is an instance of an image", "An image is an instance of a container"));
    /* the same text, other words, a word more, or a single word: no mirror */
    assert_false(lint_mirrored("virsh vcpupin vm1 0 2", "virsh vcpupin vm1 0 2"));
    assert_false(lint_mirrored("virsh vcpupin vm1 0 2", "Virsh  vcpupin, vm1 0 2"));
    assert_false(lint_mirrored("Podman has no daemon", "Docker has no daemon"));
    assert_false(lint_mirrored("virsh vcpupin vm1 0 2", "virsh vcpupin vm1 0 2 3"));
    assert_false(lint_mirrored("KVM", "kvm"));
}

static void echo_counts_content_words_and_prefixes(void **state)
{
    (void)state;
    /* "shut" (four letters) starts "shutdown"; "guest" is there; "which", "the" are not counted */
    assert_int_equal(lint_echo_count("Which command asks the guest to shut down?", "virsh shutdown guest1"), 2);
    assert_int_equal(lint_echo_count("Which command asks the guest to shut down?", "virsh destroy vm1"), 0);
    /* a word counts once however often it is repeated, and case does not matter */
    assert_int_equal(lint_echo_count("Backup or backup?", "BACKUP-begin backup"), 1);
    /* short words only match whole: "vm" is two letters, "vda" is not a prefix of "vdb" */
    assert_int_equal(lint_echo_count("Which vda disk of a vm?", "vdb on vm2"), 0);
    assert_int_equal(lint_echo_count("Which vda disk?", "vda"), 1);
    /* an inflected word still matches; a shared start of four letters alone does not */
    assert_int_equal(lint_echo_count("Which command shuts it down?", "virsh shutdown"), 1);
    assert_int_equal(lint_echo_count("Which virtual NIC?", "virtio-net"), 0);
}

/* Four cards of four own choices. The right answer is the longest on the first card, the
 * shortest on the second, the closest to the mean length on the third, and none of these on the
 * fourth; no choice shares a word with its question. */
static const char *balanced =
    "# Balanced\n"
    "\n"
    "## Q1?\n"
    "level: easy\n"
    "- [x] aaaaaaaaaa\n"
    "- [ ] bbbb\n"
    "- [ ] ccccc\n"
    "- [ ] dddddd\n"
    "\n"
    "## Q2?\n"
    "level: medium\n"
    "- [x] eeee\n"
    "- [ ] fffff\n"
    "- [ ] gggggg\n"
    "- [ ] hhhhhhhhhh\n"
    "\n"
    "## Q3?\n"
    "level: hard\n"
    "- [x] iiiiii\n"
    "- [ ] jjjj\n"
    "- [ ] kkkkk\n"
    "- [ ] llllllllll\n"
    "\n"
    "## Q4?\n"
    "level: hard\n"
    "- [x] mmmmm\n"
    "- [ ] nnnn\n"
    "- [ ] oooooo\n"
    "- [ ] pppppppppp\n";

static void a_balanced_deck_passes_at_chance(void **state)
{
    (void)state;
    deck *d = parse(balanced);
    diag_list dl = {0};
    lint_report rep;
    deck_lint(d, 50, 1, &rep, &dl);
    assert_int_equal(rep.ncards, 4);
    assert_int_equal(rep.draws, 200);
    for (int s = 0; s < LINT_STRATEGY_COUNT; s++)
        assert_true(rep.win[s] > 0.2499 && rep.win[s] < 0.2501);
    assert_true(rep.chance > 0.2499 && rep.chance < 0.2501);
    assert_true(rep.bar > 0.2999 && rep.bar < 0.3001);
    assert_int_equal(rep.mirrored, 0);
    assert_int_equal(rep.duplicates, 0);
    assert_true(rep.level_ratio < LINT_LEVEL_RATIO);
    assert_int_equal(rep.pass, 1);
    assert_int_equal(dl.n, 0);
    diag_free(&dl);
    deck_free(d);
}

static void a_longest_answer_deck_fails_and_names_the_cards(void **state)
{
    (void)state;
    deck *d = parse("# Long\n"
                    "\n"
                    "## Q1?\n"
                    "- [x] the long right answer\n"
                    "- [ ] bbbb\n"
                    "- [ ] cccc\n"
                    "- [ ] dddd\n"
                    "\n"
                    "## Q2?\n"
                    "- [x] another long right answer\n"
                    "- [ ] eeee\n"
                    "- [ ] ffff\n"
                    "- [ ] gggg\n");
    diag_list dl = {0};
    lint_report rep;
    deck_lint(d, 20, 1, &rep, &dl);
    assert_true(rep.win[LINT_LONGEST] > 0.999);
    assert_true(rep.win[LINT_SHORTEST] < 0.001);
    assert_int_equal(rep.pass, 0);
    assert_true(has_warning(&dl, 1, "the longest choice wins 100% of draws (chance 25%, at most 30%)"));
    assert_true(has_warning(&dl, 1, "cards at lines 3, 9"));
    diag_free(&dl);
    deck_free(d);
}

static void echo_mirror_and_duplicates_are_warned_at_the_card(void **state)
{
    (void)state;
    deck *d = parse("# Tells\n"
                    "\n"
                    "## Which command starts a backup job?\n"
                    "- [x] virsh backup-begin vm1\n"
                    "- [ ] virsh save vm1 state\n"
                    "- [ ] virsh dumpxml vm1\n"
                    "- [ ] virsh domjobinfo\n"
                    "\n"
                    "## Which sets what?\n"
                    "- [x] setmem sets current RAM; setmaxmem sets its ceiling\n"
                    "- [ ] setmaxmem sets current RAM; setmem sets its ceiling\n"
                    "- [ ] virsh dumpxml vm1\n"
                    "- [ ] setmem sets guest swap; setmaxmem sets guest RAM\n");
    diag_list dl = {0};
    lint_report rep;
    deck_lint(d, 20, 1, &rep, &dl);
    assert_true(has_warning(&dl, 3, "only the right answer repeats the question's word \"backup\" (in 100% of draws)"));
    assert_int_equal(rep.mirrored, 1);
    assert_true(has_warning(&dl, 9, "mirrored pair"));
    assert_int_equal(rep.duplicates, 1);
    assert_true(has_warning(&dl, 9, "the choice \"virsh dumpxml vm1\" is also written on the card at line 3"));
    assert_int_equal(rep.pass, 0);
    for (int i = 0; i < dl.n; i++)
        assert_string_equal(dl.items[i].file, "t.md");
    diag_free(&dl);
    deck_free(d);
}

/* Cards with no wrong choice of their own borrow the others' right answers, as a round does:
 * the figures come from those draws. */
static void borrowed_choices_are_measured_as_drawn(void **state)
{
    (void)state;
    deck *d = parse("# Borrow\n"
                    "\n"
                    "## Q1?\n- [x] aaaa\n\n"
                    "## Q2?\n- [x] bbbbbbb\n\n"
                    "## Q3?\n- [x] ccccccccccc\n\n"
                    "## Q4?\n- [x] ddddddddddddddddddd\n");
    diag_list dl = {0};
    lint_report rep;
    deck_lint(d, 30, 7, &rep, &dl);
    /* every draw shows the four right answers: each strategy wins one card in four */
    assert_true(rep.chance > 0.2499 && rep.chance < 0.2501);
    assert_true(rep.win[LINT_LONGEST] > 0.2499 && rep.win[LINT_LONGEST] < 0.2501);
    assert_true(rep.win[LINT_SHORTEST] > 0.2499 && rep.win[LINT_SHORTEST] < 0.2501);
    diag_free(&dl);
    deck_free(d);
}

static void true_false_cards_raise_chance_and_the_bar(void **state)
{
    (void)state;
    deck *d = parse("# TF\n\n## Is KVM a kernel module?\n- [x] True\n- [ ] False\n");
    diag_list dl = {0};
    lint_report rep;
    deck_lint(d, 10, 1, &rep, &dl);
    assert_true(rep.chance > 0.4999 && rep.chance < 0.5001);
    assert_true(rep.bar > 0.5499 && rep.bar < 0.5501);
    diag_free(&dl);
    deck_free(d);
}

static void levels_out_of_balance_are_warned(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "# Levels\n\n");
    for (int i = 0; i < 12; i++)
        sb_printf(&b, "## Q%d?\nlevel: %s\n- [x] r%d\n- [ ] w%da\n- [ ] w%db\n- [ ] w%dc\n\n", i,
                  i < 10 ? "easy" : i == 10 ? "medium" : "hard", i, i, i, i);
    deck *d = parse(b.s);
    diag_list dl = {0};
    lint_report rep;
    deck_lint(d, 4, 1, &rep, &dl);
    /* 3 of 10 easy cards against 1 of 1 medium: 3.3 times as often */
    assert_true(rep.level_ratio > 3.33 && rep.level_ratio < 3.34);
    assert_true(has_warning(&dl, 1, "levels out of balance (10 easy, 1 medium, 1 hard)"));
    assert_true(has_warning(&dl, 1, "so a medium card comes up 3.3 times as often as an easy one"));
    diag_free(&dl);
    deck_free(d);
    sb_free(&b);
}

static void the_same_seed_gives_the_same_figures(void **state)
{
    (void)state;
    deck *d = parse(balanced);
    lint_report a, b;
    diag_list da = {0}, db = {0};
    deck_lint(d, 33, 5, &a, &da);
    deck_lint(d, 33, 5, &b, &db);
    assert_memory_equal(a.win, b.win, sizeof a.win);
    assert_int_equal(da.n, db.n);
    diag_free(&da);
    diag_free(&db);
    deck_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(visible_length_skips_backticks_and_counts_code_points),
        cmocka_unit_test(mirrored_pairs_are_the_same_words_swapped),
        cmocka_unit_test(echo_counts_content_words_and_prefixes),
        cmocka_unit_test(a_balanced_deck_passes_at_chance),
        cmocka_unit_test(a_longest_answer_deck_fails_and_names_the_cards),
        cmocka_unit_test(echo_mirror_and_duplicates_are_warned_at_the_card),
        cmocka_unit_test(borrowed_choices_are_measured_as_drawn),
        cmocka_unit_test(true_false_cards_raise_chance_and_the_bar),
        cmocka_unit_test(levels_out_of_balance_are_warned),
        cmocka_unit_test(the_same_seed_gives_the_same_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
