/* deck_dir.h: which files a list of deck paths names (a directory loads every deck in it). */
#ifndef QB_DECK_DIR_H
#define QB_DECK_DIR_H

/* Expands paths into deck files. A path that is not a directory is kept as it is (the loader
 * reports a missing one). A directory gives, sorted by name, its files that are decks: those
 * with a deck format's extension (deck_name_has_ext: .md .markdown .html .htm .tsv .csv .txt
 * .gift .aiken), and those without an
 * extension (OpenTriviaQA's category files) whose first 64 KB look like a deck. Hidden files,
 * README, LICENSE, COPYING, CHANGES and NOTICE files and subdirectories are skipped. *nout gets
 * the count; free the result with deck_dir_free. */
char **deck_dir_expand(const char *const *paths, int n, int *nout);
void deck_dir_free(char **paths, int n);
/* The order decks of one directory load in: natural (digit runs by value), then bytewise. */
int deck_dir_compare(const char *a, const char *b);

#endif
