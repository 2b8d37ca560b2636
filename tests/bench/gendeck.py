#!/usr/bin/env python3
"""gendeck.py: writes a valid quizblitz Markdown deck of N cards for the deck-load benchmark.

Usage: gendeck.py N OUT.md [--seed S]

Cards look like real ones (README "Decks"): a question of 8-20 words, a level and tags on
two cards in three, one right and three wrong choices, an explanation; about 200 bytes a
card (100,000 cards make about 20 MB). The same N and seed give the same bytes.
"""
import argparse
import random

WORDS = (
    "hypervisor kernel guest host memory page table balloon driver virtio block device network "
    "bridge snapshot image qcow2 raw backing chain live migration numa node socket core thread "
    "vcpu pinning libvirt domain xml qemu kvm module interrupt timer clock storage pool volume "
    "cache writeback writethrough direct disk controller scsi sata nvme passthrough iommu group "
    "firmware uefi bios boot order console serial graphics display spice vnc agent channel "
    "hugepages transparent shared copy write dirty bitmap checkpoint export import template clone"
).split()
LEVELS = ("easy", "medium", "hard")


def phrase(rng, lo, hi):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def card(rng, i):
    lines = ["## Q%d: which %s?" % (i, phrase(rng, 4, 9))]
    k = i % 3
    if k == 0:
        lines.append("level: " + LEVELS[rng.randrange(3)])
        lines.append("tags: %s, %s" % (rng.choice(WORDS), rng.choice(WORDS)))
    elif k == 1:
        lines.append("level: " + LEVELS[rng.randrange(3)])
    lines.append("")
    choices = set()
    while len(choices) < 4:
        choices.add(phrase(rng, 1, 3))
    choices = sorted(choices)
    right = rng.randrange(4)
    for j, c in enumerate(choices):
        lines.append("- [%s] %s" % ("x" if j == right else " ", c))
    lines.append("")
    lines.append("> Because `%s` %s." % (rng.choice(WORDS), phrase(rng, 2, 5)))
    lines.append("")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated deck (%d cards)\nA deck made by tests/bench/gendeck.py for the benchmarks.\n\n" % a.n)
        for i in range(1, a.n + 1):
            f.write(card(rng, i))


if __name__ == "__main__":
    main()
