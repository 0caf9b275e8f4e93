"""Every example of an OpenAPI document validated against its operation's success schema.

usage: python examples.py DOCUMENT.(yaml|json)...

The examples are the spec's response examples (full envelopes); each must match the success
envelope of its operation (the first branch of the 200 answer's oneOf), formats checked. Prints
one line per failure and the counts; exits 1 when any example fails.
"""

import json
import sys

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def pointer(*parts):
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def check(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f) if path.endswith((".yaml", ".yml")) else json.load(f)
    uri = "urn:dondominio:openapi"
    registry = Registry().with_resource(uri, Resource.from_contents(doc, default_specification=DRAFT202012))
    checked = failed = 0
    for route, item in doc["paths"].items():
        answer = item["post"]["responses"]["200"]["content"]["application/json"]
        branches = answer["schema"]["oneOf"]
        for name, example in answer.get("examples", {}).items():
            value = example["value"]
            ref = branches[0]["$ref"] if value.get("success") is True else branches[1]["$ref"]
            validator = jsonschema.Draft202012Validator(
                {"$ref": uri + ref}, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
            )
            errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
            checked += 1
            if errors:
                failed += 1
                for e in errors:
                    where = "/".join(str(p) for p in e.absolute_path)
                    print(f"{path}: {route} example {name}: at {where or '(root)'}: {e.message[:300]}")
    print(f"{path}: {checked} examples checked, {failed} failed")
    return failed == 0


if __name__ == "__main__":
    ok = all([check(p) for p in sys.argv[1:]])
    sys.exit(0 if ok else 1)
