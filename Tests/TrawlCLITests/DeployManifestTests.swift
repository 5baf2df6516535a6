// The batch-engine manifests in deploy/ are checked by Tests/tools/check_deploy.py
// against independent references (botocore's AWS Batch service model for the job
// definition and the array-job submission; the Indexed Job's shard count against
// TRAWL_SHARD_COUNT). A broken copy must be refused, naming each problem.

import Foundation
import XCTest
import TrawlTestSupport

final class DeployManifestTests: XCTestCase {
    static let python = Trawl.packageRoot + "/.venv/bin/python"
    static let checker = Trawl.packageRoot + "/Tests/tools/check_deploy.py"

    func testTheShippedManifestsAreValid() throws {
        let r = try runTool(Self.python, [Self.checker, Trawl.packageRoot + "/deploy"])
        let out = String(decoding: r.stdout, as: UTF8.self)
        XCTAssertEqual(r.status, 0, out)
        XCTAssertEqual(out, "ok\n")
    }

    func testABrokenCopyIsRefusedWithEachProblem() throws {
        let dir = try TempDir()
        let copy = dir.path("deploy")
        try FileManager.default.copyItem(atPath: Trawl.packageRoot + "/deploy", toPath: copy)
        // An unknown key (the CLI's memoryMB instead of memory) and a shard count that
        // differs from the array size.
        let definition = copy + "/aws-batch/trawl-scan-job-definition.json"
        var text = try String(contentsOfFile: definition, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"jobRoleArn\"", with: "\"memoryMB\": 4096,\n    \"jobRoleArn\"")
        try text.write(toFile: definition, atomically: true, encoding: .utf8)
        let job = copy + "/kubernetes/trawl-scan-job.yaml"
        let yaml = try String(contentsOfFile: job, encoding: .utf8)
        try yaml.replacingOccurrences(of: "parallelism: 16", with: "parallelism: 8").write(toFile: job, atomically: true, encoding: .utf8)
        let r = try runTool(Self.python, [Self.checker, copy])
        let out = String(decoding: r.stdout, as: UTF8.self)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(out.contains("Unknown parameter in containerProperties: \"memoryMB\""), out)
        XCTAssertTrue(out.contains("completions 16, parallelism 8 and TRAWL_SHARD_COUNT 16 differ"), out)
    }

    /// The trawl arguments of the Kubernetes Job, read from the manifest by PyYAML.
    func kubernetesArguments() throws -> [String] {
        let script = """
        import json, sys, yaml
        docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
        job = next(d for d in docs if d.get("kind") == "Job")
        print(json.dumps(job["spec"]["template"]["spec"]["containers"][0]["args"]))
        """
        let r = try runTool(Self.python, ["-c", script, Trawl.packageRoot + "/deploy/kubernetes/trawl-scan-job.yaml"])
        XCTAssertEqual(r.status, 0)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout)) as? [String])
    }

    func testTheKubernetesArgumentsRunAsALocalScanOfOneShard() throws {
        // The manifest's own arguments, with the bucket replaced by the demo tree, the
        // shared volume by a temporary directory and publishing left out (no hub here);
        // the index as the Job controller sets it. Every {shard} file is shard 3's.
        let dir = try Trawl.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = try kubernetesArguments()
        XCTAssertEqual(Array(args.prefix(2)), ["scan", "s3://example-data-lake"])
        args[1] = Trawl.packageRoot + "/Corpus/demo"
        if let p = args.firstIndex(of: "--publish") { args.removeSubrange(p...(p + 1)) }
        args = args.map { $0.replacingOccurrences(of: "/var/lib/trawl/shared", with: dir) }
        let run = try Trawl.run(args, environment: ["JOB_COMPLETION_INDEX": "3", "TRAWL_SHARD_COUNT": "16"])
        XCTAssertEqual(run.code, 0, run.stderr)
        for file in ["results-3.jsonl", "state-3.sqlite", "summary-3.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/" + file), file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/results-{shard}.jsonl"))
        // Without --shard, {shard} has no meaning: refused with exit 2, naming the option.
        let bad = try Trawl.run(["scan", Trawl.packageRoot + "/Corpus/demo", "--quiet", "--results", dir + "/r-{shard}.jsonl"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("--results"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--shard is not given"), bad.stderr)
    }
}
