#!/usr/bin/env python3
"""Puts test objects into an S3-compatible endpoint (moto_server) with botocore, the
independent uploader of the S3 tests (Trawl's own S3 client only reads).

Usage: s3_fixture.py ENDPOINT OPS_JSON

OPS_JSON is a list of operations, run in order:
  {"op": "bucket", "bucket": B}                          create a bucket
  {"op": "put", "bucket": B, "key": K, "text": T | "file": F | "size": N,
   "storage_class": C?, "sse_c": true?}                  put one object ("size": N pseudo-random bytes)
  {"op": "delete", "bucket": B, "key": K}
  {"op": "tree", "root": DIR, "bucket_prefix": P?}      every directory directly under DIR is a
                                                          bucket P + its name (created; S3 names have
                                                          3 characters at least), every file below it
                                                          an object ('/'-separated key); files directly
                                                          under DIR are not uploaded
Prints one JSON object: {"etags": {"B/K": ETag as S3 answered}, "md5": {"B/K": hex md5 of the body}}.
Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of the environment (any value for moto).
"""
import hashlib
import json
import os
import random
import sys

import botocore.session
from botocore.config import Config

endpoint, ops = sys.argv[1], json.loads(sys.argv[2])
client = botocore.session.get_session().create_client(
    "s3", region_name="us-east-1", endpoint_url=endpoint,
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
out = {"etags": {}, "md5": {}}


def put(bucket, key, body, storage_class=None, sse_c=False):
    args = {"Bucket": bucket, "Key": key, "Body": body}
    if storage_class:
        args["StorageClass"] = storage_class
    if sse_c:
        args["SSECustomerAlgorithm"] = "AES256"
        args["SSECustomerKey"] = os.urandom(32)
    r = client.put_object(**args)
    out["etags"][bucket + "/" + key] = r["ETag"]
    out["md5"][bucket + "/" + key] = hashlib.md5(body).hexdigest()


for op in ops:
    kind = op["op"]
    if kind == "bucket":
        client.create_bucket(Bucket=op["bucket"])
    elif kind == "put":
        if "text" in op:
            body = op["text"].encode("utf-8")
        elif "file" in op:
            body = open(op["file"], "rb").read()
        else:
            body = random.Random(op.get("seed", 7)).randbytes(op["size"])
        put(op["bucket"], op["key"], body, op.get("storage_class"), op.get("sse_c", False))
    elif kind == "delete":
        client.delete_object(Bucket=op["bucket"], Key=op["key"])
    elif kind == "tree":
        root = op["root"]
        for bucket in sorted(os.listdir(root)):
            bdir = os.path.join(root, bucket)
            if not os.path.isdir(bdir):
                continue
            target = op.get("bucket_prefix", "") + bucket
            client.create_bucket(Bucket=target)
            for dirpath, _, files in os.walk(bdir):
                for name in files:
                    path = os.path.join(dirpath, name)
                    key = os.path.relpath(path, bdir).replace(os.sep, "/")
                    put(target, key, open(path, "rb").read())
    else:
        raise SystemExit("unknown op " + kind)

print(json.dumps(out))
