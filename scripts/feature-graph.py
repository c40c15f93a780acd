#!/usr/bin/env python3
"""Prints which areas under src/Liftoff.Web/Features depend on which, and every cycle among them.

An area A depends on B when a file under Features/A names something declared under Features/B:
a using of (or a name qualified with) the namespace Liftoff.Web.Features.B, a Razor @using,
@inject or @model, or a view component of B invoked by name or with a <vc:...> tag.

Usage: scripts/feature-graph.py [--mermaid]   (exit code 1 when there is a cycle)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEATURES = os.path.join(ROOT, "src", "Liftoff.Web", "Features")
NAMESPACE = re.compile(r"\b(?:Liftoff\.Web\.)?Features\.([A-Z][A-Za-z0-9]*)\b(?=\s*[.;])")
COMPONENT_CLASS = re.compile(r"class\s+([A-Za-z0-9]+)ViewComponent\b")
COMPONENT_BY_NAME = re.compile(r"Component\.InvokeAsync\(\s*\"([A-Za-z0-9]+)\"")
COMPONENT_TAG = re.compile(r"<vc:([a-z0-9-]+)")


def files():
    for area in sorted(os.listdir(FEATURES)):
        folder = os.path.join(FEATURES, area)
        if not os.path.isdir(folder):
            continue
        for path, _, names in os.walk(folder):
            for name in names:
                if name.endswith((".cs", ".cshtml")):
                    with open(os.path.join(path, name), encoding="utf-8") as f:
                        yield area, f.read()


def kebab(name):
    return re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower()


def graph():
    sources = list(files())
    components = {}
    for area, text in sources:
        for name in COMPONENT_CLASS.findall(text):
            components[name] = area
            components[kebab(name)] = area
    edges = {area: set() for area, _ in sources}
    for area, text in sources:
        used = set(NAMESPACE.findall(text))
        used |= {components[n] for n in COMPONENT_BY_NAME.findall(text) if n in components}
        used |= {components[n] for n in COMPONENT_TAG.findall(text) if n in components}
        edges[area] |= {b for b in used if b != area and os.path.isdir(os.path.join(FEATURES, b))}
    return edges


def cycles(edges):
    """Every elementary cycle, each once, starting at its alphabetically smallest area."""
    found = []

    def walk(start, node, path):
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                found.append(path + [start])
            elif nxt > start and nxt not in path:
                walk(start, nxt, path + [nxt])

    for start in sorted(edges):
        walk(start, start, [start])
    return found


def main():
    edges = graph()
    if "--mermaid" in sys.argv:
        print("graph LR")
        for a in sorted(edges):
            for b in sorted(edges[a]):
                print(f"    {a} --> {b}")
    else:
        for a in sorted(edges):
            print(f"{a} -> {', '.join(sorted(edges[a])) or '(nothing)'}")
    found = cycles(edges)
    for c in found:
        print("cycle: " + " -> ".join(c), file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
