"""Checks the batch-engine manifests in deploy/ against independent references:

- the AWS Batch job definition and array-job submission against botocore's Batch
  service model (RegisterJobDefinition and SubmitJob input shapes), as the AWS CLI
  would validate them before sending;
- the IAM policy as JSON with the policy grammar's top-level shape;
- the Kubernetes Indexed Job: completionMode Indexed, completions = parallelism =
  TRAWL_SHARD_COUNT, a `--shard auto` scan; the AWS Batch array size = its
  TRAWL_SHARD_COUNT.

Prints one line per problem and exits 1 if there is any; prints "ok" otherwise.
Usage: check_deploy.py DEPLOY_DIR
"""
import json
import sys

import botocore.session
import yaml
from botocore.validate import ParamValidator

deploy = sys.argv[1]
problems = []


def env_value(env, name):
    for item in env:
        if item.get("name") == name:
            return item.get("value")
    return None


session = botocore.session.get_session()
batch = session.get_service_model("batch")
validator = ParamValidator()

with open(f"{deploy}/aws-batch/trawl-scan-job-definition.json") as f:
    job_definition = json.load(f)
with open(f"{deploy}/aws-batch/trawl-scan-submit-job.json") as f:
    submit = json.load(f)
for name, op, params in [("job definition", "RegisterJobDefinition", job_definition),
                         ("submit-job", "SubmitJob", submit)]:
    report = validator.validate(params, batch.operation_model(op).input_shape)
    if report.has_errors():
        problems.append(f"{name}: {report.generate_report()}")

container = job_definition["containerProperties"]
batch_count = env_value(container.get("environment", []), "TRAWL_SHARD_COUNT")
if str(submit.get("arrayProperties", {}).get("size")) != batch_count:
    problems.append(f"aws-batch: array size {submit.get('arrayProperties')} != TRAWL_SHARD_COUNT {batch_count}")
command = container["command"]
if command[:1] != ["scan"] or "--shard" not in command or command[command.index("--shard") + 1] != "auto":
    problems.append(f"aws-batch: command is not a `scan ... --shard auto`: {command}")

with open(f"{deploy}/aws-batch/trawl-scan-policy.json") as f:
    policy = json.load(f)
if policy.get("Version") != "2012-10-17" or not all(
        s.get("Effect") in ("Allow", "Deny") and s.get("Action") and s.get("Resource") for s in policy["Statement"]):
    problems.append("policy: not an IAM policy document (Version 2012-10-17, statements with Effect/Action/Resource)")
actions = {a for s in policy["Statement"] for a in s["Action"]}
for needed in ["s3:ListBucket", "s3:GetObject", "s3:ListAllMyBuckets", "securityhub:BatchImportFindings"]:
    if needed not in actions:
        problems.append(f"policy: {needed} missing")

with open(f"{deploy}/kubernetes/trawl-scan-job.yaml") as f:
    documents = [d for d in yaml.safe_load_all(f) if d]
jobs = [d for d in documents if d.get("kind") == "Job"]
if len(jobs) != 1:
    problems.append(f"kubernetes: {len(jobs)} Job documents, expected 1")
else:
    spec = jobs[0]["spec"]
    if spec.get("completionMode") != "Indexed":
        problems.append("kubernetes: completionMode is not Indexed")
    pod = spec["template"]["spec"]
    if pod.get("restartPolicy") not in ("Never", "OnFailure"):
        problems.append("kubernetes: a Job's restartPolicy must be Never or OnFailure")
    trawl = pod["containers"][0]
    count = env_value(trawl.get("env", []), "TRAWL_SHARD_COUNT")
    if not (str(spec.get("completions")) == str(spec.get("parallelism")) == count):
        problems.append(f"kubernetes: completions {spec.get('completions')}, parallelism {spec.get('parallelism')} "
                        f"and TRAWL_SHARD_COUNT {count} differ")
    args = trawl["args"]
    if args[:1] != ["scan"] or "--shard" not in args or args[args.index("--shard") + 1] != "auto":
        problems.append(f"kubernetes: args are not a `scan ... --shard auto`: {args}")
    claims = {d["metadata"]["name"] for d in documents if d.get("kind") == "PersistentVolumeClaim"}
    for volume in pod.get("volumes", []):
        claim = volume.get("persistentVolumeClaim", {}).get("claimName")
        if claim and claim not in claims:
            problems.append(f"kubernetes: volume {volume['name']} names claim {claim}, which the file does not define")
    accounts = {d["metadata"]["name"] for d in documents if d.get("kind") == "ServiceAccount"}
    if pod.get("serviceAccountName") not in accounts:
        problems.append(f"kubernetes: service account {pod.get('serviceAccountName')} is not defined")

for p in problems:
    print(p)
print("ok" if not problems else f"{len(problems)} problems")
sys.exit(1 if problems else 0)
