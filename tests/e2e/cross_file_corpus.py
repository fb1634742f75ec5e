"""A small corpus whose files repeat each other's questions, for the tests of the report that
qadeck prints file by file (test_report_stream.py).

It holds, across files: questions repeated word for word, questions nearly the same (a word
spelt another way, an article more), a repeat inside one file (the rule's own finding), a
suppression comment over a repeat, a folder whose configuration makes the repeats errors and
turns the near ones off, a fixable numbering gap, bytes that are not UTF-8, and file names
with a space and with Chinese characters. The output depends only on this script.

    python3 cross_file_corpus.py OUT_DIR
"""

import os
import sys

BANK = [
    "What is gradient descent?",
    "Why does batch normalization help training?",
    "What is the vanishing gradient problem?",
    "How does dropout reduce overfitting?",
    "What is the difference between bagging and boosting?",
    "What is a convolution?",
    "How does weight initialization affect training?",
    "What does the softmax function compute?",
    "What is the bias-variance trade-off?",
    "Why is ReLU preferred over sigmoid?",
    "What is an embedding?",
    "How does attention work?",
    "What is cross-entropy loss?",
    "What is a recurrent neural network?",
    "Why do we shuffle the training data?",
    "What is early stopping?",
    "What is the learning rate?",
    "How does Adam differ from SGD?",
    "What is transfer learning?",
    "What is a residual connection?",
    "What is label smoothing?",
    "Why does data augmentation help?",
    "What is a confusion matrix?",
    "What is precision and recall?",
]

# Spellings that structure.similar-question takes for the same question.
NEAR = {
    "How does weight initialization affect training?":
        "How does weight initialisation affect training?",
    "Why does batch normalization help training?":
        "Why does batch normalisation help training?",
    "What is an embedding?": "What is the embedding?",
}

FILES = 16
PER_FILE = 9


class Lcg:
    """A fixed pseudo-random sequence, the same under every Python."""

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 33) % n


def document(title, questions, first=1, skip_after=None):
    """An html-bold document (the seed's style); numbering jumps by one after question
    `skip_after` (a numbering.gap with a safe fix)."""
    lines = ["---", f"title: {title}", "---", "", f"# {title}", "", "## 1. Questions", "",
             '<p align="justify">']
    number = first
    for q in questions:
        lines.append(f"<b>{number}. {q}</b><br>")
        lines.append(f"Solution: the answer to “{q}” has $x^2$ in it.<br><br>")
        lines.append("")
        number += 2 if skip_after is not None and number == skip_after else 1
    lines.append("</p>")
    return "\n".join(lines) + "\n"


def write(out, name, text):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode("utf-8"))


def generate(out):
    rng = Lcg(16)
    for i in range(FILES):
        picked = []
        while len(picked) < PER_FILE:
            q = BANK[rng.below(len(BANK))]
            if q in NEAR and rng.below(2):
                q = NEAR[q]
            if q not in picked:
                picked.append(q)
        write(out, f"qa-{i:02}.md", document(f"Set {i}", picked,
                                              skip_after=3 if i % 5 == 2 else None))
    # A repeat inside one file, beside repeats of other files' questions.
    write(out, "a intro.md", document("Intro", [BANK[0], BANK[1], BANK[0], BANK[5]]))
    # A suppression comment over a repeat: compared, never reported there.
    suppressed = document("Quiet", [BANK[2], BANK[3]]).replace(
        f"<b>1. {BANK[2]}</b><br>",
        f"<!-- qadeck-disable-next-line structure.duplicate-question -->\n<b>1. {BANK[2]}</b><br>")
    write(out, "quiet.md", suppressed)
    # Its own configuration: repeats are errors, near repeats are not reported.
    write(out, "strict/.qadeck.yml",
          "rules:\n  structure.duplicate-question: error\n  structure.similar-question: off\n")
    write(out, "strict/one.md", document("Strict", [BANK[4], NEAR[BANK[6]], BANK[7]]))
    write(out, "strict/数学.md", document("数学", [BANK[8], BANK[9], BANK[4]]))
    # Bytes that are not UTF-8: structure.encoding, and still compared.
    latin1 = document("Latin", [BANK[10], BANK[11]]).encode("utf-8").replace(
        b"Latin\n---", b"Latin caf\xe9\n---", 1)
    write(out, "z-latin1.md", latin1)


if __name__ == "__main__":
    generate(sys.argv[1])
