#!/usr/bin/env python3
"""Turn a benchmark corpus into a CloudPortal site (standard library only).

    prepare_corpus.py CORPUS SITE [--symlink]

CORPUS is a folder made by shared/bench/gen_corpus.py (bench_lib.sh's ensure_corpus prints it):
    CORPUS/content/articles/NNNNN-slug.md    CORPUS/data/providers.yaml
SITE is (re)created as
    SITE/cloudportal.yaml, SITE/themes/bench/    copied from bench/site/ beside this script
    SITE/content/articles/NNNNN-slug.md          copies of the corpus articles (--symlink: one
                                                 symbolic link to the corpus's articles folder)
    SITE/content/data/providers/<id>.yaml        one file per provider of data/providers.yaml

The corpus front matter (title, date, lang, tags, providers, summary) is valid CloudPortal front
matter as it is; the article file names carry no language, so `lang:` gives it.
"""
import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SITE_TEMPLATE = os.path.join(HERE, "site")

# The corpus has no provider descriptions; CloudPortal requires a bilingual summary.
SUMMARY = {"zh": "基准测试语料中的云服务商。", "en": "A cloud provider of the benchmark corpus."}


def parse_providers(text):
    """Reads the known shape of gen_corpus.py's providers.yaml.

    Top-level `<id>:` lines at column 0, then indented `name: X` and `name_zh: Y` scalars directly
    under it (two spaces); everything else (regions, zones, comments) is skipped.
    Returns {id: {"name": ..., "name_zh": ...}} in file order.
    """
    providers = {}
    current = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if not line.endswith(":"):
                raise ValueError(f"providers.yaml:{number}: expected '<id>:', got {line!r}")
            current = line[:-1].strip()
            providers[current] = {}
            continue
        if current is None:
            raise ValueError(f"providers.yaml:{number}: indented line before any provider id")
        if line.startswith("  ") and not line.startswith("   ") and ":" in line:
            key, _, value = line.strip().partition(":")
            if key in ("name", "name_zh"):
                providers[current][key] = unquote(value.strip())
    for pid, fields in providers.items():
        missing = [k for k in ("name", "name_zh") if not fields.get(k)]
        if missing:
            raise ValueError(f"providers.yaml: provider {pid} has no {', '.join(missing)}")
    return providers


def unquote(value):
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else json.loads(value)
    return value


def yaml_str(text):
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def provider_yaml(fields):
    return (
        f"name: {{zh: {yaml_str(fields['name_zh'])}, en: {yaml_str(fields['name'])}}}\n"
        f"summary: {{zh: {yaml_str(SUMMARY['zh'])}, en: {yaml_str(SUMMARY['en'])}}}\n"
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="corpus folder (holds content/articles and data/providers.yaml)")
    ap.add_argument("site", help="site folder to create (replaced if it exists)")
    ap.add_argument("--symlink", action="store_true", help="link the corpus's articles folder instead of copying it")
    args = ap.parse_args(argv)

    articles = os.path.join(args.corpus, "content", "articles")
    providers_file = os.path.join(args.corpus, "data", "providers.yaml")
    if not os.path.isdir(articles) or not os.path.isfile(providers_file):
        ap.error(f"{args.corpus} is not a corpus folder (no content/articles/ or data/providers.yaml)")

    if os.path.lexists(args.site):
        shutil.rmtree(args.site)
    shutil.copytree(SITE_TEMPLATE, args.site)

    target = os.path.join(args.site, "content", "articles")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if args.symlink:
        os.symlink(os.path.abspath(articles), target)
    else:
        shutil.copytree(articles, target)

    with open(providers_file, encoding="utf-8") as f:
        providers = parse_providers(f.read())
    data = os.path.join(args.site, "content", "data", "providers")
    os.makedirs(data)
    for pid, fields in providers.items():
        with open(os.path.join(data, pid + ".yaml"), "w", encoding="utf-8", newline="\n") as f:
            f.write(provider_yaml(fields))

    count = sum(1 for n in os.listdir(target) if n.endswith(".md"))
    print(f"prepared {args.site}: {count} articles, {len(providers)} providers", file=sys.stderr)


if __name__ == "__main__":
    main()
