#!/usr/bin/env python3
"""The man page renders without warnings and names every option `netsift --help` lists.

Usage: check_man_page.py NETSIFT docs/netsift.1
"""
import re
import subprocess
import sys


def main():
    netsift, page = sys.argv[1], sys.argv[2]
    render = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page],
                            capture_output=True, text=True)
    problems = [line for line in render.stderr.splitlines() if line.strip()]
    help_text = subprocess.run([netsift, "--help"], capture_output=True, text=True).stdout
    text = open(page, encoding="utf-8").read().replace("\\-", "-")
    text = re.sub(r"\\f[BIRP]", " ", text)  # font changes
    for line in help_text.splitlines():
        m = re.match(r"\s+(-[^\s]+)", line)
        if not m:
            continue
        for name in m.group(1).split(","):
            if name in ("-h", "--help", "-v", "--version"):
                continue
            if not re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                problems.append(f"option {name} of --help is not in {page}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
