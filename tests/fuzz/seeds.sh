#!/bin/sh
# seeds.sh: builds a fuzzer's seed corpus from the repository's own inputs.
#   sh tests/fuzz/seeds.sh NAME OUTDIR [GEN_SCORE_SEEDS]
# NAME is deck, scores, script or config. Files are copied (never moved, never written into
# tests/); existing files in OUTDIR are left alone, so a grown corpus keeps what it found.
set -eu
name=$1
out=$2
gen=${3:-}
mkdir -p "$out"

# put SRC PREFIX_OCTAL TAG: copies SRC to OUTDIR, led by one byte when PREFIX_OCTAL is set
put() {
    dst="$out/seed-$3-$(echo "$1" | tr '/ ' '__')"
    [ -e "$dst" ] && return 0
    if [ -n "$2" ]; then
        { printf "\\$2"; cat "$1"; } >"$dst"
    else
        cp "$1" "$dst"
    fi
}

# the first byte of a deck input picks the file name (see fuzz_deck.c: byte % 8)
deck_byte() {
    case "$1" in
    *.md) echo 000 ;;
    *.tsv) echo 001 ;;
    *.gift) echo 002 ;;
    *.aiken) echo 003 ;;
    *.txt) echo 005 ;;
    *.markdown) echo 006 ;;
    *.csv) echo 007 ;;
    *.html) echo 010 ;;
    *) echo 004 ;;
    esac
}

# inline NAME PREFIX_OCTAL TEXT: a small seed written here, for what no file in the repository
# shows (every format has at least one seed: cards/ and tests/decks/import/ hold the others)
inline() {
    dst="$out/seed-inline-$1"
    [ -e "$dst" ] && return 0
    { printf "\\$2"; printf '%s' "$3"; } >"$dst"
}

# files_in DIR...: every regular file under the directories that exist, one a line, sorted
files_in() {
    for d in "$@"; do
        if [ -d "$d" ]; then find "$d" -type f ! -name '.*'; fi
    done | LC_ALL=C sort
}

case "$name" in
deck)
    files_in cards tests/decks tests/corpus tests/fuzz/regressions/deck | while IFS= read -r f; do
        case "$f" in
        tests/fuzz/regressions/*) put "$f" "" regress ;;
        *)
            put "$f" "$(deck_byte "$f")" ext
            # the same bytes with no extension: the sniffer must recognise the format
            put "$f" 004 sniff
            ;;
        esac
    done
    nl='
'
    inline quizdown 000 "---${nl}shuffleAnswers: true${nl}---${nl}# What is \`x\`?${nl}> a hint${nl}1. [x] 2${nl}1. [ ] 3${nl}> Because.${nl}# Order?${nl}1. one${nl}2. two${nl}"
    inline md-escapes 000 "# Title \\##${nl}\\# not a heading${nl}<!-- a${nl}comment -->${nl}~~~${nl}## fenced${nl}~~~${nl}## C \\#${nl}level: hard${nl}tags: a, b${nl}time: 30${nl}${nl}- [x] [x] a${nl}* [ ] b${nl}+ [X] c${nl}${nl}> one${nl}>${nl}> > two${nl}"
    inline tsv-plain 001 "Q?	A	tag1 tag2${nl}\"multi${nl}line\"	\"a \"\"quoted\"\" answer\"${nl}one field${nl}"
    inline csv-plain 007 "What?,Answer,tags${nl}\"a, b\",c${nl}"
    inline anki-cloze 005 "#separator:Tab${nl}#html:true${nl}#notetype column:1${nl}#tags column:4${nl}#tags:all${nl}Cloze	{{c1::Paris}} is in {{c2::France::country}}.<br>&nbsp;	Extra	geo${nl}Basic	<b>Q</b>&amp;	[sound:a.mp3]A	${nl}"
    inline gift-kinds 002 "\$CATEGORY: \$course\$/top/A/B${nl}${nl}// [tag:x]${nl}::T:: [html] Q<br>? {${nl}=a #fb${nl}~%50%b${nl}~%-25%c${nl}####gen${nl}}${nl}${nl}S {T#w#r}${nl}${nl}N {#3:1}${nl}${nl}M {=a -> b =c -> d}${nl}${nl}E {}${nl}${nl}X {~%50%a ~%50%b}${nl}${nl}A \\{b\\} \\= \\~ \\# \\: {=x\\ny ~z}${nl}"
    inline gift-weights 002 "Q {~3 ~=4 ~5}${nl}${nl}W {~%-100%a ~%50%b ~%50%c}${nl}${nl}P {=a ~%25%b ~c}${nl}${nl}C {1:SA:=am} {1:MC:~x~=y}${nl}${nl}L {oops ~a =b ~}${nl}"
    inline anki-columns 005 "#separator:tab${nl}#columns:Back	Front	Tags${nl}A	Q?	t${nl}${nl}0001	<img src=x>	Q?	A	{{c1::x}}	tag${nl}0002	<img src=y>	R?	B	C	tag${nl}front	back	tags${nl}Q	Q<hr id=answer>A${nl}"
    inline quizdown-page 010 "<p>x</p>${nl}<div class=\"quizdown\">${nl}  ---${nl}  a: b${nl}  ---${nl}  #### Q?${nl}  ---${nl}  shuffleAnswers: false${nl}  ---${nl}  ![](i.png)${nl}  1. [x] a${nl}      > why${nl}  1. [ ] b${nl}</div>${nl}\`\`\`quizdown${nl}### R?${nl}- [x] c${nl}- [ ] d${nl}\`\`\`${nl}{{< quizdown >}}${nl}## S?${nl}1. one${nl}{{< /quizdown >}}${nl}"
    inline aiken-forms 003 "Q1${nl}A) a${nl}B. b${nl}ANSWER: B${nl}Q2 on${nl}two lines${nl}a) x${nl}ANSWER: A${nl}"
    inline otqa-mess 004 "#Q Caf$(printf '\351') $(printf '\342\200\234')q$(printf '\342\200')?${nl}${nl}more${nl}^ a${nl}A a${nl}B a${nl}C ${nl}${nl}#Q T/F?${nl}^ True${nl}A True${nl}B False${nl}"
    ;;
scores)
    if [ -n "$gen" ]; then
        tmp=$(mktemp -d)
        "$gen" "$tmp"
        for f in "$tmp"/*; do put "$f" "" gen; done
        rm -rf "$tmp"
    fi
    files_in tests/scores tests/fuzz/regressions/scores | while IFS= read -r f; do put "$f" "" file; done
    ;;
script)
    files_in tests/scripts tests/fuzz/regressions/script | while IFS= read -r f; do put "$f" "" file; done
    all="$out/seed-every-op"
    [ -e "$all" ] || printf '%s\n' '# every op once' 'wait 100' 'frames 3' 'key Return' \
        'keydown Left Ctrl' 'keyup Left Ctrl' 'text Zoë 名前' 'click 0.5 0.25' 'button a' \
        'buttondown start' 'buttonup start' 'screenshot a b.bmp' 'resize 800 600' 'close' \
        'wait 5 # comment' 'quit' >"$all"
    ;;
config)
    files_in tests/config tests/fuzz/regressions/config packaging | while IFS= read -r f; do
        case "$f" in *.ini | *.conf | *.cfg | tests/*) put "$f" "" file ;; esac
    done
    min="$out/seed-minimal"
    [ -e "$min" ] || printf '%s\n' '; quizblitz.ini' '[game]' 'round = 10' 'order = ladder' \
        '[sound]' 'sfx_volume = 80' '[kiosk]' 'enabled = false' >"$min"
    ;;
*)
    echo "seeds.sh: unknown fuzzer '$name'" >&2
    exit 64
    ;;
esac
echo "seeds.sh: $name: $(find "$out" -type f | wc -l) inputs in $out"
