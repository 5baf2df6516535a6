#!/usr/bin/env python3
"""Validate ASFF findings (one JSON object per line) against Security Hub's own model.

Usage: validate_asff.py [FILE]      (reads standard input without FILE)

Each finding is checked, independently of Trawl's code, against the AwsSecurityFinding
shape of the Security Hub service model that botocore ships
(data/securityhub/*/service-2.json):

1. botocore.validate.ParamValidator on the BatchImportFindings input
   {"Findings": [finding]}: member names, types, required members, minimum lengths.
2. What ParamValidator does not check, walking the finding along the same model:
   string patterns (NonEmptyString is `.*\\S.*`), enums (Severity.Label, RecordState,
   Workflow.Status, Partition, ...), no null anywhere, no empty string, array or object
   anywhere, duplicate member names.
3. The limits Security Hub documents for BatchImportFindings: Id and GeneratorId at most
   512 characters, Description at most 1,024, Title at most 256, ProductArn 12-2,048,
   AwsAccountId 12 digits, Resources[].Type at most 256, Region at most 16; Types (and
   FindingProviderFields.Types) entries in the form namespace/category/classifier with a
   valid namespace; timestamps in RFC 3339 form.

Prints one line per problem and exits 1 if there is any; otherwise prints
"N findings valid" and exits 0. Needs only botocore.
"""

import json
import re
import sys

import botocore.session
from botocore.validate import ParamValidator

TYPE_NAMESPACES = {
    "Software and Configuration Checks",
    "TTPs",
    "Effects",
    "Unusual Behaviors",
    "Sensitive Data Identifications",
}
SEVERITY_LABELS = {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"}
# Security Hub accepts RFC 3339 date-times; Trawl writes UTC with milliseconds.
RFC3339 = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d"
    r"(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)
TIMESTAMP_MEMBERS = {"CreatedAt", "UpdatedAt", "FirstObservedAt", "LastObservedAt",
                     "ProcessedAt", "LastModified"}


class DuplicateKey(ValueError):
    pass


def no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(f"duplicate member {key!r}")
        seen[key] = value
    return seen


def walk(value, shape, path, problems):
    """Checks ParamValidator skips: null, empties, patterns, enums, max lengths."""
    if value is None:
        problems.append(f"{path}: null")
        return
    if shape is None:
        return
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return  # ParamValidator reports the type error
        if not value:
            problems.append(f"{path}: empty object")
        for name, member in value.items():
            if name in shape.members:
                walk(member, shape.members[name], f"{path}.{name}", problems)
            elif member is None:
                problems.append(f"{path}.{name}: null")
    elif kind == "list":
        if not isinstance(value, list):
            return
        if not value:
            problems.append(f"{path}: empty array")
        if "max" in shape.metadata and len(value) > shape.metadata["max"]:
            problems.append(f"{path}: {len(value)} items, more than {shape.metadata['max']}")
        for i, item in enumerate(value):
            walk(item, shape.member, f"{path}[{i}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            return
        if not value:
            problems.append(f"{path}: empty map")
        for key, item in value.items():
            walk(key, shape.key, f"{path} key {key!r}", problems)
            walk(item, shape.value, f"{path}[{key!r}]", problems)
    elif kind == "string":
        if not isinstance(value, str):
            return
        if value == "":
            problems.append(f"{path}: empty string")
            return
        pattern = shape.metadata.get("pattern")
        # Smithy/AWS model patterns are not implicitly anchored: search, not fullmatch.
        if pattern and not re.search(pattern, value):
            problems.append(f"{path}: {value[:60]!r} does not match pattern {pattern!r}")
        enum = shape.metadata.get("enum")
        if enum and value not in enum:
            problems.append(f"{path}: {value!r} not one of {enum}")
        if "max" in shape.metadata and len(value) > shape.metadata["max"]:
            problems.append(f"{path}: longer than {shape.metadata['max']}")
        if path.rsplit(".", 1)[-1] in TIMESTAMP_MEMBERS and not RFC3339.match(value):
            problems.append(f"{path}: {value!r} is not an RFC 3339 timestamp")


def check_types(types, path, problems):
    if not isinstance(types, list):
        return
    for i, entry in enumerate(types):
        if not isinstance(entry, str):
            continue
        parts = entry.split("/")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            problems.append(f"{path}[{i}]: {entry!r} is not namespace/category/classifier")
        elif parts[0] not in TYPE_NAMESPACES:
            problems.append(f"{path}[{i}]: namespace {parts[0]!r} not one of {sorted(TYPE_NAMESPACES)}")


def check_limits(finding, problems):
    def length(name, low, high):
        value = finding.get(name)
        if isinstance(value, str) and not (low <= len(value) <= high):
            problems.append(f"{name}: length {len(value)} outside {low}-{high}")

    length("Id", 1, 512)
    length("GeneratorId", 1, 512)
    length("Description", 1, 1024)
    length("Title", 1, 256)
    length("ProductArn", 12, 2048)
    length("ProductName", 1, 128)
    length("CompanyName", 1, 128)
    length("Region", 1, 16)
    account = finding.get("AwsAccountId")
    if isinstance(account, str) and not re.fullmatch(r"\d{12}", account):
        problems.append(f"AwsAccountId: {account!r} is not 12 digits")
    severity = finding.get("Severity")
    if not isinstance(severity, dict) or severity.get("Label") not in SEVERITY_LABELS:
        problems.append(f"Severity.Label: missing or not one of {sorted(SEVERITY_LABELS)}")
    check_types(finding.get("Types"), "Types", problems)
    provider = finding.get("FindingProviderFields")
    if isinstance(provider, dict):
        check_types(provider.get("Types"), "FindingProviderFields.Types", problems)
    for i, resource in enumerate(finding.get("Resources") or []):
        if isinstance(resource, dict):
            for name, high in (("Type", 256), ("Region", 16)):
                value = resource.get(name)
                if isinstance(value, str) and len(value) > high:
                    problems.append(f"Resources[{i}].{name}: longer than {high}")
    fields = finding.get("ProductFields")
    if isinstance(fields, dict):
        if len(fields) > 50:
            problems.append("ProductFields: more than 50 pairs")
        for key, value in fields.items():
            if len(key) > 128:
                problems.append(f"ProductFields key {key[:40]!r}: longer than 128")
            if isinstance(value, str) and len(value) > 2048:
                problems.append(f"ProductFields[{key!r}]: longer than 2048")


def main(argv):
    if len(argv) > 2:
        print("usage: validate_asff.py [FILE]", file=sys.stderr)
        return 2
    stream = open(argv[1], encoding="utf-8") if len(argv) == 2 else sys.stdin
    model = botocore.session.get_session().get_service_model("securityhub")
    operation = model.operation_model("BatchImportFindings")
    finding_shape = operation.input_shape.members["Findings"].member
    validator = ParamValidator()

    count = 0
    failures = 0
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            count += 1
            problems = []
            try:
                finding = json.loads(line, object_pairs_hook=no_duplicates)
            except (ValueError, DuplicateKey) as error:
                print(f"line {number}: not a JSON object: {error}")
                failures += 1
                continue
            if not isinstance(finding, dict):
                print(f"line {number}: not a JSON object")
                failures += 1
                continue
            report = validator.validate({"Findings": [finding]}, operation.input_shape)
            if report.has_errors():
                for error_line in report.generate_report().splitlines():
                    if error_line.strip() and not error_line.startswith("Parameter validation failed"):
                        problems.append(error_line.strip())
            walk(finding, finding_shape, "", problems)
            check_limits(finding, problems)
            finding_id = finding.get("Id", "?")
            for problem in problems:
                print(f"line {number} (Id {finding_id}): {problem.lstrip('.')}")
            if problems:
                failures += 1
    if failures:
        print(f"{failures} of {count} findings invalid")
        return 1
    print(f"{count} findings valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
