"""Inputs whose lint cost once grew faster than their size, each generated for a count n.

Shared by the bad-input tests (tests/bad_input), which lint each at one size within a time
budget, and `ci/bench scaling`, which times each at n and 2n and prints the ratio (about 2
when the cost is linear).
"""

QUESTION = "<b>1. What is measured here?</b><br>\n"


def long_line_findings(n):
    """n findings of 10 bytes each (html.unexpected-close) on one line."""
    return (QUESTION + "</i>abcde " * n + "\n").encode()


def left_delimiters(n):
    """One display formula of n `\\left(` that nothing closes (math.left-right)."""
    return (QUESTION + "$$\n" + "\\left( x " * n + "\n$$\n").encode()


def open_braces(n):
    """One display formula of n `{` that nothing closes (math.braces)."""
    return (QUESTION + "$$\n" + "{" * n + "\n$$\n").encode()


def unclosed_tags(n):
    """n `<b>` that nothing closes, in one answer (html.unclosed)."""
    return (QUESTION + "<b>x " * n + "\n").encode()


def questions(n):
    """n questions of about 170 bytes, each with an answer."""
    return "".join(
        f"<b>{i}. What does step {i} of the procedure compute, and why?</b><br>\n"
        f"It computes the {i}th partial sum $s_{{{i}}} = \\sum_{{k \\le {i}}} a_k$, "
        f"which the next step reads.\n\n" for i in range(1, n + 1)).encode()


def identical_headings(n):
    """n headings of the same text, each with one question under it, then a link to the last
    one's anchor (`#basics-{n-1}`) and one to an anchor past it (link.anchor)."""
    return ("".join(f"## Basics\n\n<b>{i}. What is {i}?</b><br>\nA number.\n\n"
                    for i in range(1, n + 1)) +
            f"See [the last](#basics-{n - 1}) and [none](#basics-{n}).\n").encode()


def missing_anchor_links(n):
    """n links to an anchor no heading makes (link.anchor)."""
    return (QUESTION + "See [the part](#missing).\n" * n).encode()


def unclosed_comments(n):
    """n `<!-- ` that nothing closes, inside a paragraph (at a line's start, one would open an
    HTML block)."""
    return (QUESTION + "See " + "<!-- " * n + "\n").encode()


def text_in_unclosed_dollar(n):
    """One `$` that nothing closes, then n `\\text{` that nothing closes (math.unclosed)."""
    return (QUESTION + "$x " + "\\text{ " * n + "\n").encode()


def unclosed_link_destinations(n):
    """n `[a](` whose destinations nothing closes, in one paragraph."""
    return (QUESTION + "[a](" * n + "\n").encode()


# Each case with the count it is measured at. The first four and the last three were
# quadratic (or grew 4x per doubling) before: at these counts the old code took over a minute,
# linear code about a second. The three between were linear already; their counts make a few
# megabytes.
CASES = {
    "long_line_findings": (long_line_findings, 200_000),
    "left_delimiters": (left_delimiters, 200_000),
    "open_braces": (open_braces, 320_000),
    "unclosed_tags": (unclosed_tags, 320_000),
    "questions": (questions, 20_000),
    "identical_headings": (identical_headings, 50_000),
    "missing_anchor_links": (missing_anchor_links, 100_000),
    "unclosed_comments": (unclosed_comments, 200_000),
    "text_in_unclosed_dollar": (text_in_unclosed_dollar, 200_000),
    "unclosed_link_destinations": (unclosed_link_destinations, 200_000),
}
