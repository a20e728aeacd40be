#!/usr/bin/env python3
"""Lists the cases of Wireshark's display-filter test suite (test/suite_dfilter of the source
package tshark comes from), one per line: name, capture, kind, filter (tab-separated; the
filter's tabs and newlines escaped as \\t and \\n). kind is "count" (tshark -Y on the capture),
"fail" or "succeed" (dftest; netsift's test runs them with -Y on the class's capture too).
Only calls whose filter is a string literal, or a name bound to one in the same test, are
listed. Usage: wireshark_suite_cases.py SUITE_DIR
"""
import ast
import os
import sys

CHECKS = {
    "checkDFilterCount": "count",
    "checkDFilterFail": "fail",
    "checkDFilterSucceed": "succeed",
}


def literal(node, names):
    if isinstance(node, ast.Name):
        return names.get(node.id)
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def cases(path):
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    group = os.path.splitext(os.path.basename(path))[0]
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        trace = None
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "trace_file" for t in stmt.targets):
                trace = literal(stmt.value, {})
        calls = {}  # per test name: a class may define a test name twice, both are listed
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef):
                continue
            names = {}
            for stmt in ast.walk(fn):
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(
                        stmt.targets[0], ast.Name):
                    v = literal(stmt.value, names)
                    if v is not None:
                        names[stmt.targets[0].id] = v
            for stmt in fn.body:
                for call in ast.walk(stmt):
                    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                            and call.func.id in CHECKS and call.args):
                        continue
                    dfilter = literal(call.args[0], names)
                    if dfilter is None or trace is None:
                        continue
                    calls[fn.name] = calls.get(fn.name, 0) + 1
                    name = "%s.%s.%s#%d" % (group, cls.name, fn.name, calls[fn.name])
                    yield name, trace, CHECKS[call.func.id], dfilter


def main():
    suite = sys.argv[1]
    for f in sorted(os.listdir(suite)):
        if f.startswith("group_") and f.endswith(".py"):
            for name, trace, kind, dfilter in cases(os.path.join(suite, f)):
                escaped = dfilter.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                print("\t".join((name, trace, kind, escaped)))


if __name__ == "__main__":
    main()
