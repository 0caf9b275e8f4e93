"""schemathesis hooks for the sandbox: pinned credentials, and a check that understands the envelope.

The API takes its credentials in the form body (no OpenAPI security scheme can say that), so
before_call writes the sandbox account's into every generated body; the generated value of every
other key is kept.

envelope_rejects_invalid_input replaces the stock negative check: the API says no with
success=false (HTTP 200), not with a 4XX. For a case generated to be invalid that the sandbox
accepted, it reads the form as it was sent (after the tool's serialization, which can make a
mutation valid again: the integer 5 and the text "5" are the same on the wire), gives each value
the type its key has in the document, and fails only when that form does not fit the request
schema.
"""

import email.parser
import email.policy
import json
import os
import re
import urllib.parse

import jsonschema
import schemathesis
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

USER = os.environ["DD_SANDBOX_USER"]
PASSWORD = os.environ["DD_SANDBOX_PASSWORD"]
URI = "urn:dondominio:openapi"

with open(os.environ["DD_OPENAPI"], encoding="utf-8") as f:
    DOC = json.load(f)
REGISTRY = Registry().with_resource(URI, Resource.from_contents(DOC, default_specification=DRAFT202012))


@schemathesis.hook
def before_call(context, case, kwargs):
    # Every phase (examples, coverage, fuzzing) passes here, after generation.
    if isinstance(case.body, dict):
        case.body["apiuser"] = USER
        case.body["apipasswd"] = PASSWORD


def sent_form(request):
    """The form as sent: key -> value, the last one of a repeated key winning (as in PHP)."""
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    content_type = request.headers.get("Content-Type", "")
    pairs = []
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            pairs.append((name, payload.decode("utf-8", "replace")))
    else:
        pairs = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return dict(pairs)


def resolve(schema):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = REGISTRY.resolver(URI).lookup(URI + schema["$ref"]).contents
    return schema


def typed(value, schema):
    """The value as the JSON value of its key's type (the API reads every value from text)."""
    kind = resolve(schema).get("type") if isinstance(schema, dict) else None
    text = value.strip()
    if kind == "integer" and re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            return value
    if kind == "boolean" and value in ("true", "false", "1", "0"):
        return value in ("true", "1")
    return value


def fits(operation_path, form):
    body = DOC["paths"][operation_path]["post"]["requestBody"]["content"]
    schema_ref = next(iter(body.values()))["schema"]
    schema = resolve(schema_ref)
    properties = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    value = {}
    for key, text in form.items():
        prop = properties.get(key)
        if prop is None:
            prop = next((s for p, s in patterns.items() if re.search(p, key)), None)
        value[key] = typed(text, prop) if prop is not None else text
    validator = jsonschema.Draft202012Validator(
        {"$ref": URI + schema_ref["$ref"]},
        registry=REGISTRY,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    return next(iter(validator.iter_errors(value)), None)


@schemathesis.check
def envelope_rejects_invalid_input(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return None
    try:
        answer = response.json()
    except ValueError:
        raise AssertionError(f"the answer is not JSON: {response.text[:200]!r}")
    if not isinstance(answer, dict) or answer.get("success") is not True:
        return None
    form = sent_form(response.request)
    if "apipasswd" in form:
        form["apipasswd"] = "x" * len(form["apipasswd"])
    error = fits(case.operation.path, form)
    if error is None:
        return None  # the mutation did not survive the form encoding
    if "apipasswd" in form:
        form.pop("apipasswd")
    raise AssertionError(
        f"input that does not fit the document was accepted (success=true): {error.message[:300]}; "
        f"form sent (password left out): {json.dumps(form)[:500]}"
    )
