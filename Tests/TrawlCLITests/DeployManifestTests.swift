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
}
