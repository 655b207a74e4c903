"""Picks the pages bench/run-site.sh requests, from the tools really in the database.

    python3 bench/site/pick_paths.py DB_FILE OUT_DIR COUNT

Writes to OUT_DIR: cached.txt (the one compare page for the load test), compare-warmup.txt and
tool-warmup.txt (20 pages each, rendered before measuring so the code is jitted), compare-cold.txt
(COUNT canonical compare pages of distinct random pairs) and tool-cold.txt (COUNT distinct tool
pages). No page appears in two files, so every measured request is a miss in the output cache.
Seeded, so every run requests the same pages.
"""
import random
import sqlite3
import sys

db_file, out_dir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as connection:
    slugs = [row[0] for row in connection.execute("SELECT slug FROM tools ORDER BY id")]
if len(slugs) < 4:
    sys.exit(f"{db_file} has {len(slugs)} tools; the benchmark needs a catalog")

rng = random.Random(4)
seen_pairs = set()


def compare_paths(n):
    paths = []
    while len(paths) < n:
        a, b = rng.sample(slugs, 2)
        a, b = min(a, b), max(a, b)  # canonical: ordinal order (Python compares code points)
        if (a, b) not in seen_pairs:
            seen_pairs.add((a, b))
            paths.append(f"/compare/{a}-vs-{b}")
    return paths


tool_pool = rng.sample(slugs, min(len(slugs), count + 20))
files = {
    "cached.txt": compare_paths(1),
    "compare-warmup.txt": compare_paths(20),
    "compare-cold.txt": compare_paths(count),
    "tool-warmup.txt": [f"/tools/{s}" for s in tool_pool[:20]],
    "tool-cold.txt": [f"/tools/{s}" for s in tool_pool[20:]],
}
for name, paths in files.items():
    with open(f"{out_dir}/{name}", "w") as f:
        f.write("\n".join(paths) + "\n")
print(f"{len(slugs)} tools; cached page {files['cached.txt'][0]}")
