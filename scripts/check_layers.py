#!/usr/bin/env python3
"""Checks that src/ keeps its layers (docs/architecture.md, "Layers").

Usage: check_layers.py SRC_DIR LAYER...   (layers lowest first, as NETSIFT_LAYERS in
src/CMakeLists.txt, which the ctest test passes)

Fails (exit 1, one line per problem) when a file under SRC_DIR lies outside the known layer
directories, or when a file includes a header of a layer above its own ("dissectors/x.cpp"
including "output/y.h"). An include must name its layer ("core/packet.h"); a quoted include
naming no known layer is reported too, so a new directory cannot slip past the check.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
# Files that belong to the build, not to a layer.
TOP_LEVEL_FILES = {"CMakeLists.txt"}


def check(src_dir, layers):
    rank = {name: i for i, name in enumerate(layers)}
    problems = []
    for root, dirs, files in os.walk(src_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src_dir)
            parts = rel.split(os.sep)
            if len(parts) == 1:
                if name not in TOP_LEVEL_FILES:
                    problems.append(f"{rel}: file outside any layer directory")
                continue
            layer = parts[0]
            if layer not in rank:
                problems.append(f"{rel}: '{layer}' is not a layer ({' < '.join(layers)})")
                continue
            if not name.endswith((".h", ".cpp")):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    target_layer = target.split("/", 1)[0] if "/" in target else None
                    if target_layer not in rank:
                        problems.append(f"{rel}:{lineno}: #include \"{target}\" names no layer")
                    elif rank[target_layer] > rank[layer]:
                        problems.append(f"{rel}:{lineno}: #include \"{target}\": {layer} may not "
                                        f"include {target_layer}, a higher layer")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src_dir, layers = argv[1], argv[2:]
    if not os.path.isdir(src_dir):
        print(f"{src_dir}: not a directory", file=sys.stderr)
        return 2
    problems = check(src_dir, layers)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layer violation(s); layers, lowest first: {' < '.join(layers)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
