// AWS Security Hub's REST-JSON API, the two operations publishing needs:
// BatchImportFindings (POST /findings/import) and GetFindings (POST /findings, to read
// back what was imported). Requests are SigV4-signed with fresh credentials for every
// attempt; one call here is one HTTP exchange: retries are the publisher's, which
// knows about per-finding failures and the spool.

import Foundation
import TrawlAWS

public struct BatchImportResult: Sendable {
    public struct Failure: Sendable, Equatable {
        public var id: String
        public var code: String
        public var message: String
    }
    public var successCount: Int
    public var failed: [Failure]
}

public final class SecurityHubClient: Sendable {
    public let endpoint: URL
    public let region: String
    let credentials: any AWSCredentialProvider
    let http: AWSHTTPClient

    public init(endpoint: URL, region: String, credentials: any AWSCredentialProvider, http: AWSHTTPClient) {
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.http = http
    }

    /// One BatchImportFindings call with `findings` (JSON objects, at most 100).
    public func batchImportFindings(_ findings: [[UInt8]]) throws -> BatchImportResult {
        var body: [UInt8] = Array(#"{"Findings":["#.utf8)
        for (i, f) in findings.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body += f
        }
        body += Array("]}".utf8)
        let response = try post("/findings/import", body: Data(body), operation: "securityhub BatchImportFindings")
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw AWSServiceError(status: response.status, code: "MalformedResponse",
                                  message: "BatchImportFindings answered with no JSON object",
                                  operation: "securityhub BatchImportFindings")
        }
        let failed = (object["FailedFindings"] as? [[String: Any]] ?? []).map {
            BatchImportResult.Failure(id: $0["Id"] as? String ?? "", code: $0["ErrorCode"] as? String ?? "",
                                      message: $0["ErrorMessage"] as? String ?? "")
        }
        return BatchImportResult(successCount: object["SuccessCount"] as? Int ?? 0, failed: failed)
    }

    /// Every finding the hub holds (GetFindings, all pages), as JSON objects.
    public func allFindings() throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        var token: String?
        repeat {
            var request: [String: Any] = ["MaxResults": 100]
            if let token { request["NextToken"] = token }
            let response = try post("/findings", body: try JSONSerialization.data(withJSONObject: request),
                                    operation: "securityhub GetFindings")
            guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
                throw AWSServiceError(status: response.status, code: "MalformedResponse",
                                      message: "GetFindings answered with no JSON object", operation: "securityhub GetFindings")
            }
            out += object["Findings"] as? [[String: Any]] ?? []
            token = (object["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return out
    }

    private func post(_ path: String, body: Data, operation: String) throws -> AWSHTTPResponse {
        guard let credentials = try credentials.credentials() else {
            throw AWSCredentialError(source: "credential chain", reason: "no credentials found")
        }
        var url = endpoint
        url.append(path: String(path.dropFirst()))
        var request = AWSRequest(method: "POST", url: url, headers: [AWSHeader("Content-Type", "application/json")],
                                 body: body)
        _ = SigV4Signer(service: AWSService.securityHub.signingName, region: region).sign(&request, credentials: credentials)
        let response = try http.send(request)
        guard response.isSuccess else { throw AWSServiceError.parse(response, operation: operation) }
        return response
    }
}
