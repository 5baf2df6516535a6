// The S3 source against moto_server's S3 (objects put by botocore, Tests/tools/s3_fixture.py):
// listing order (bucket by name, then key bytes) across small pages, prefixes, folder
// markers, every bucket; bodies and ranges byte for byte; archived objects, objects
// replaced or removed after the listing. The answers moto cannot give (SSE-C and KMS
// refusals, SlowDown, dropped connections, a body cut short) come from a scripted stub
// (Tests/tools/s3_stub.py) that speaks S3's error XML.

import Foundation
import XCTest
import TrawlAWS
@testable import TrawlStorage
import TrawlTestSupport

final class S3BucketSourceTests: XCTestCase {
    nonisolated(unsafe) static var moto: MotoS3?
    nonisolated(unsafe) static var etags: [String: String] = [:]
    nonisolated(unsafe) static var md5: [String: String] = [:]

    /// Keys of "order-bucket", in no particular order; folder markers are "dir/" and "a/".
    static let orderKeys = ["b", "B", "a/1", "a/10", "a/2", "a b+c.txt", "a-z", "a/", "é.txt", "z", "dir/", "dir/x",
                            "~tilde", "Ü", "0", "a/sub/deep.txt", "a.b", "under_score", "x%41y", "q?&=.txt"]
        + (0..<13).map { "page/\($0)" }

    static func sharedMoto() throws -> MotoS3 {
        if let moto { return moto }
        let m = try MotoS3.start()
        var ops: [[String: Any]] = [["op": "bucket", "bucket": "order-bucket"], ["op": "bucket", "bucket": "zulu-bucket"],
                                    ["op": "bucket", "bucket": "alpha-bucket"]]
        for key in orderKeys {
            ops.append(["op": "put", "bucket": "order-bucket", "key": key, "text": key.hasSuffix("/") ? "" : "body of \(key)"])
        }
        ops.append(["op": "put", "bucket": "zulu-bucket", "key": "z1", "text": "zulu"])
        ops.append(["op": "put", "bucket": "alpha-bucket", "key": "a1", "text": "alpha"])
        ops.append(["op": "put", "bucket": "alpha-bucket", "key": "big.bin", "size": 5_000_000, "seed": 11])
        ops.append(["op": "put", "bucket": "alpha-bucket", "key": "cold.txt", "text": "frozen", "storage_class": "GLACIER"])
        let (etags, md5) = try m.apply(ops)
        moto = m
        Self.etags = etags
        Self.md5 = md5
        return m
    }

    override class func tearDown() {
        moto = nil
        super.tearDown()
    }

    func client(_ endpoint: String, retry: RetryPolicy = .default, bufferLimit: Int = 2 << 20) -> S3Client {
        let creds = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")
        return S3Client(endpoint: URL(string: endpoint)!, region: "us-east-1", credentials: StaticProvider(creds),
                        http: AWSHTTPClient(timeout: 10), forcePathStyle: true, retry: retry, bodyBufferLimit: bufferLimit)
    }

    func source(_ url: String, pageSize: Int? = nil) throws -> S3BucketSource {
        let moto = try Self.sharedMoto()
        return S3BucketSource(client: client(moto.endpoint), location: try S3Location.parse(url), pageSize: pageSize)
    }

    func list(_ source: S3BucketSource) throws -> [ObjectRef] {
        Array(IteratorSequence(try source.makeIterator()))
    }

    func readAll(_ stream: ObjectStream, chunk: Int = 7_000) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { return out }
            out += buffer[..<n]
        }
    }

    static func byteOrder(_ keys: [String]) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: listing

    func testListsKeysInByteOrderAcrossPagesWithoutFolderMarkers() throws {
        let refs = try list(try source("s3://order-bucket", pageSize: 4))
        let expected = Self.byteOrder(Self.orderKeys.filter { !$0.hasSuffix("/") })
        XCTAssertEqual(refs.map(\.key), expected)
        XCTAssertTrue(refs.allSatisfy { $0.bucket == "order-bucket" && $0.kind == .regular && $0.location == $0.key })
        for ref in refs {
            let name = "order-bucket/" + ref.key
            XCTAssertEqual(ref.size, Int64(("body of " + ref.key).utf8.count), name)
            XCTAssertEqual(ref.eTag, Self.etags[name], name)
            XCTAssertEqual(ref.versionToken, Self.etags[name], name)
            XCTAssertEqual(ref.eTag, "\"\(Self.md5[name]!)\"", name)
            XCTAssertEqual(ref.storageClass, "STANDARD", name)
            XCTAssertLessThan(abs(ref.lastModified - Date().timeIntervalSince1970), 3600, name)
        }
        // The default page size lists the same.
        XCTAssertEqual(try list(try source("s3://order-bucket")).map(\.key), expected)
    }

    func testPrefixListsOnlyKeysUnderIt() throws {
        let refs = try list(try source("s3://order-bucket/a/", pageSize: 2))
        XCTAssertEqual(refs.map(\.key), ["a/1", "a/10", "a/2", "a/sub/deep.txt"])
        let page = try list(try source("s3://order-bucket/page/1", pageSize: 3))
        XCTAssertEqual(page.map(\.key), ["page/1", "page/10", "page/11", "page/12"])
    }

    func testEveryBucketIsListedByNameThenKey() throws {
        let refs = try list(try source("s3://", pageSize: 5))
        let expected = Self.byteOrder(["a1", "big.bin", "cold.txt"]).map { "alpha-bucket/" + $0 }
            + Self.byteOrder(Self.orderKeys.filter { !$0.hasSuffix("/") }).map { "order-bucket/" + $0 }
            + ["zulu-bucket/z1"]
        XCTAssertEqual(refs.map { ($0.bucket ?? "?") + "/" + $0.key }, expected)
    }

    func testMissingBucketFailsTheListing() throws {
        XCTAssertThrowsError(try source("s3://no-such-bucket").makeIterator()) { error in
            let e = error as? AWSServiceError
            XCTAssertEqual(e?.status, 404)
            XCTAssertEqual(e?.code, "NoSuchBucket")
        }
    }

    func testMalformedURLsAreRejected() {
        for bad in ["s3:///key", "s3://a b/x", "s3://ab", "http://bucket/x", "s3://bu?ket"] {
            XCTAssertThrowsError(try S3Location.parse(bad), bad)
        }
        XCTAssertEqual(try S3Location.parse("s3://my.bucket/a/b/"), S3Location(bucket: "my.bucket", prefix: "a/b/"))
        XCTAssertEqual(try S3Location.parse("s3://"), S3Location(bucket: nil))
    }

    // MARK: reading

    func testBodiesAndRangesAreReadByteForByte() throws {
        let src = try source("s3://alpha-bucket")
        let refs = try list(src)
        let big = try XCTUnwrap(refs.first { $0.key == "big.bin" })
        XCTAssertEqual(big.size, 5_000_000)
        let whole = try readAll(try src.open(big), chunk: 100_003)
        XCTAssertEqual(whole.count, 5_000_000)
        XCTAssertEqual(Self.md5Hex(whole), Self.md5["alpha-bucket/big.bin"])
        let tail = try readAll(try src.open(big, from: 4_999_000))
        XCTAssertEqual(tail, Array(whole[4_999_000...]))
        let fromMiddle = try readAll(try src.open(big, from: 1_234_567), chunk: 65_536)
        XCTAssertEqual(fromMiddle.count, 5_000_000 - 1_234_567)
        XCTAssertTrue(fromMiddle.elementsEqual(whole[1_234_567...]))
        XCTAssertEqual(try readAll(try src.open(big, from: 5_000_000)), [])
        // A key with characters that need encoding is found and read.
        let order = try list(try source("s3://order-bucket"))
        for key in ["a b+c.txt", "é.txt", "x%41y", "q?&=.txt", "~tilde"] {
            let ref = try XCTUnwrap(order.first { $0.key == key }, key)
            XCTAssertEqual(try readAll(try source("s3://order-bucket").open(ref)), Array("body of \(key)".utf8), key)
        }
    }

    func testClosingEarlyCancelsAndTheNextOpenWorks() throws {
        // A small hand-over buffer: the download waits for the reader, the reader closes.
        let moto = try Self.sharedMoto()
        let src = S3BucketSource(client: client(moto.endpoint, bufferLimit: 64 << 10),
                                 location: S3Location(bucket: "alpha-bucket"))
        let big = try XCTUnwrap(try list(src).first { $0.key == "big.bin" })
        for _ in 0..<5 {
            let stream = try src.open(big)
            var buffer = [UInt8](repeating: 0, count: 1000)
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            XCTAssertGreaterThan(n, 0)
            stream.close()
            XCTAssertEqual(try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }, 0, "closed: nothing more")
        }
        let whole = try readAll(try src.open(big), chunk: 4096)
        XCTAssertEqual(Self.md5Hex(whole), Self.md5["alpha-bucket/big.bin"])
    }

    func testAnOpenBodyHoldsAtMostItsHandOverBuffer() throws {
        let moto = try Self.sharedMoto()
        let limit = 256 << 10
        let src = S3BucketSource(client: client(moto.endpoint, bufferLimit: limit), location: S3Location(bucket: "alpha-bucket"))
        let big = try XCTUnwrap(try list(src).first { $0.key == "big.bin" })
        let stream = try XCTUnwrap(try src.open(big) as? S3ObjectStream)
        var byte = [UInt8](repeating: 0, count: 1)
        XCTAssertEqual(try byte.withUnsafeMutableBytes { try stream.read(into: $0) }, 1)
        // A local server sends 5 MB in far less than this: only back-pressure holds it.
        Thread.sleep(forTimeInterval: 1)
        let peak = stream.response.peakBufferedBytes
        XCTAssertGreaterThanOrEqual(peak, limit, "the buffer filled up to its bound")
        XCTAssertLessThan(peak, limit + (1 << 20), "and not much past it (one body part at most)")
        var rest = try readAll(stream, chunk: 32_768)
        rest.insert(byte[0], at: 0)
        XCTAssertEqual(Self.md5Hex(rest), Self.md5["alpha-bucket/big.bin"])
        XCTAssertLessThan(stream.response.peakBufferedBytes, limit + (1 << 20))
    }

    // MARK: refusals

    func testArchivedObjectIsNotRequested() throws {
        let src = try source("s3://alpha-bucket")
        let cold = try XCTUnwrap(try list(src).first { $0.key == "cold.txt" })
        XCTAssertEqual(cold.storageClass, "GLACIER")
        XCTAssertThrowsError(try src.open(cold)) { XCTAssertEqual($0 as? ObjectOpenError, .invalidObjectState) }
        // Were it asked for anyway, S3 (moto) refuses it with InvalidObjectState: same reason.
        var unlisted = cold
        unlisted.storageClass = nil
        XCTAssertThrowsError(try src.open(unlisted)) { XCTAssertEqual($0 as? ObjectOpenError, .invalidObjectState) }
    }

    func testReplacedObjectIsAVersionMismatchAndRemovedObjectIsGone() throws {
        let moto = try Self.sharedMoto()
        try moto.apply([["op": "bucket", "bucket": "changing-bucket"],
                        ["op": "put", "bucket": "changing-bucket", "key": "doc.txt", "text": "first"],
                        ["op": "put", "bucket": "changing-bucket", "key": "gone.txt", "text": "soon gone"]])
        let src = try source("s3://changing-bucket")
        let refs = try list(src)
        XCTAssertEqual(refs.map(\.key), ["doc.txt", "gone.txt"])
        XCTAssertEqual(try readAll(try src.open(refs[0])), Array("first".utf8))
        try moto.apply([["op": "put", "bucket": "changing-bucket", "key": "doc.txt", "text": "second version"],
                        ["op": "delete", "bucket": "changing-bucket", "key": "gone.txt"]])
        XCTAssertThrowsError(try src.open(refs[0])) { XCTAssertEqual($0 as? ObjectOpenError, .versionMismatch) }
        XCTAssertThrowsError(try src.open(refs[0], from: 2)) { XCTAssertEqual($0 as? ObjectOpenError, .versionMismatch) }
        XCTAssertThrowsError(try src.open(refs[1])) { XCTAssertEqual($0 as? ObjectOpenError, .notFound) }
    }

    /// A GetObject answered by the stub with one error; the source's reason for it.
    func openError(status: Int, code: String, message: String) throws -> ObjectOpenError? {
        let stub = try S3Stub(responses: [["status": status, "body": S3Stub.errorXML(code: code, message: message),
                                           "headers": ["Content-Type": "application/xml"]]])
        let src = S3BucketSource(client: client(stub.endpoint, retry: .none), location: S3Location(bucket: "stub-bucket"))
        let ref = ObjectRef(bucket: "stub-bucket", key: "k.txt", size: 5, lastModified: 0, kind: .regular,
                            location: "k.txt", versionToken: "\"e\"", eTag: "\"e\"")
        do {
            _ = try src.open(ref)
            return nil
        } catch {
            return error
        }
    }

    func testS3RefusalsMapToMacieReasons() throws {
        // S3's answer to a GET without the key of an SSE-C object.
        guard case .invalidEncryption = try openError(status: 400, code: "InvalidRequest",
            message: "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
        else { return XCTFail("SSE-C refusal is not INVALID_ENCRYPTION") }
        guard case .invalidKMSKey = try openError(status: 400, code: "KMS.DisabledException",
                                                   message: "arn:aws:kms:us-east-1:123456789012:key/1234abcd is disabled.")
        else { return XCTFail("KMS.DisabledException is not INVALID_KMS_KEY") }
        guard case .invalidKMSKey = try openError(status: 400, code: "KMS.NotFoundException", message: "Invalid keyId")
        else { return XCTFail("KMS.NotFoundException is not INVALID_KMS_KEY") }
        guard case .invalidKMSKey = try openError(status: 403, code: "AccessDenied",
            message: "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: kms:Decrypt")
        else { return XCTFail("AccessDenied on kms:Decrypt is not INVALID_KMS_KEY") }
        XCTAssertEqual(try openError(status: 403, code: "AccessDenied", message: "Access Denied"), .permissionDenied)
        XCTAssertEqual(try openError(status: 403, code: "InvalidObjectState",
                                     message: "The operation is not valid for the object's storage class"), .invalidObjectState)
        XCTAssertEqual(try openError(status: 412, code: "PreconditionFailed",
                                     message: "At least one of the pre-conditions you specified did not hold"), .versionMismatch)
        XCTAssertEqual(try openError(status: 404, code: "NoSuchKey", message: "The specified key does not exist."), .notFound)
        guard case .io = try openError(status: 400, code: "InvalidArgument", message: "Invalid version id specified")
        else { return XCTFail("an unrelated 400 is not an I/O failure") }
    }

    func testSlowDownServerErrorsAndDroppedConnectionsAreRetriedBeforeTheBody() throws {
        let body = String(repeating: "retried body ", count: 1000)
        let stub = try S3Stub(responses: [
            ["status": 503, "body": S3Stub.errorXML(code: "SlowDown", message: "Please reduce your request rate.")],
            ["status": 500, "body": S3Stub.errorXML(code: "InternalError", message: "We encountered an internal error.")],
            ["drop": true],
            ["status": 200, "body": body, "headers": ["ETag": "\"e\""]],
        ])
        let retry = RetryPolicy(base: 0.01, cap: 0.05, maxAttempts: 5)
        let src = S3BucketSource(client: client(stub.endpoint, retry: retry), location: S3Location(bucket: "stub-bucket"))
        let ref = ObjectRef(bucket: "stub-bucket", key: "dir/k 1.txt", size: Int64(body.utf8.count), lastModified: 0,
                            kind: .regular, location: "dir/k 1.txt", versionToken: "\"e\"", eTag: "\"e\"")
        // The stub ignores Range (200, the whole body): the stream skips to the offset itself.
        XCTAssertEqual(try readAll(try src.open(ref, from: 3)), Array(body.utf8.dropFirst(3)))
        let requests = stub.requests
        XCTAssertEqual(requests.count, 4)
        for r in requests {
            XCTAssertEqual(r["path"] as? String, "/stub-bucket/dir/k%201.txt")
            let headers = r["headers"] as? [String: String] ?? [:]
            XCTAssertEqual(headers["if-match"], "\"e\"")
            XCTAssertEqual(headers["range"], "bytes=3-")
            XCTAssertEqual(headers["x-amz-content-sha256"], SigV4Signer.emptyPayloadHash)
            XCTAssertTrue(headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=testing/") == true)
        }
    }

    func testRetriesRunOutWithTheLastError() throws {
        let stub = try S3Stub(responses: [["status": 503, "body": S3Stub.errorXML(code: "SlowDown", message: "Please reduce your request rate.")]])
        let retry = RetryPolicy(base: 0.01, cap: 0.02, maxAttempts: 3)
        XCTAssertThrowsError(try client(stub.endpoint, retry: retry).listObjects(bucket: "stub-bucket")) {
            XCTAssertEqual(($0 as? AWSServiceError)?.code, "SlowDown")
        }
        XCTAssertEqual(stub.requests.count, 3)
    }

    func testListingIsRetriedAndParsed() throws {
        let page = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>stub-bucket</Name><Prefix></Prefix>
            <KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
            <Contents><Key>a+b%2Bc%C3%A9.txt</Key><LastModified>2024-03-11T10:00:00.000Z</LastModified>
            <ETag>&quot;0123&quot;</ETag><Size>42</Size><StorageClass>DEEP_ARCHIVE</StorageClass></Contents>
            <Contents><Key>logs/</Key><LastModified>2024-03-11T10:00:00.000Z</LastModified><ETag>&quot;d41d&quot;</ETag>
            <Size>0</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>
            """
        let stub = try S3Stub(responses: [
            ["status": 503, "body": S3Stub.errorXML(code: "SlowDown", message: "Please reduce your request rate.")],
            ["drop": true],
            ["status": 200, "body": page, "headers": ["Content-Type": "application/xml"]],
        ])
        let retry = RetryPolicy(base: 0.01, cap: 0.05, maxAttempts: 5)
        let src = S3BucketSource(client: client(stub.endpoint, retry: retry), location: S3Location(bucket: "stub-bucket"))
        let refs = try list(src)
        XCTAssertEqual(refs.count, 1, "the folder marker is not an object")
        XCTAssertEqual(refs.first?.key, "a b+cé.txt")
        XCTAssertEqual(refs.first?.size, 42)
        XCTAssertEqual(refs.first?.eTag, "\"0123\"")
        XCTAssertEqual(refs.first?.lastModified, 1_710_151_200)
        XCTAssertEqual(stub.requests.count, 3)
        XCTAssertThrowsError(try src.open(refs[0])) { XCTAssertEqual($0 as? ObjectOpenError, .invalidObjectState) }
        XCTAssertEqual(stub.requests.count, 3, "an archived object is never requested")
    }

    func testABodyCutShortThrowsFromRead() throws {
        let body = String(repeating: "0123456789", count: 20_000)
        let stub = try S3Stub(responses: [["status": 200, "body": body, "truncate": 50_000]])
        let src = S3BucketSource(client: client(stub.endpoint, retry: .none), location: S3Location(bucket: "stub-bucket"))
        let ref = ObjectRef(bucket: "stub-bucket", key: "k", size: 200_000, lastModified: 0, kind: .regular,
                            location: "k", versionToken: "", eTag: nil)
        let stream = try src.open(ref)
        var got = 0
        var buffer = [UInt8](repeating: 0, count: 8192)
        var thrown: Error?
        do {
            while true {
                let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
                if n == 0 { break }
                got += n
            }
        } catch {
            thrown = error
        }
        XCTAssertNotNil(thrown, "a body cut short is an error, not an end")
        XCTAssertLessThanOrEqual(got, 50_000)
    }

    func testAStalledBodyTimesOut() throws {
        let stub = try S3Stub(responses: [["status": 200, "body": String(repeating: "x", count: 100_000),
                                           "truncate": 1000, "stall": 20]])
        let creds = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")
        let s3 = S3Client(endpoint: URL(string: stub.endpoint)!, region: "us-east-1", credentials: StaticProvider(creds),
                          http: AWSHTTPClient(timeout: 1), forcePathStyle: true, retry: .none)
        let src = S3BucketSource(client: s3, location: S3Location(bucket: "stub-bucket"))
        let ref = ObjectRef(bucket: "stub-bucket", key: "k", size: 100_000, lastModified: 0, kind: .regular,
                            location: "k", versionToken: "")
        let stream = try src.open(ref)
        let started = Date()
        var got = 0
        var buffer = [UInt8](repeating: 0, count: 8192)
        XCTAssertThrowsError(try {
            while true {
                let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
                if n == 0 { return }
                got += n
            }
        }()) { XCTAssertTrue("\($0)".contains("timeout"), "\($0)") }
        XCTAssertEqual(got, 1000)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "bounded by the idle timeout, not the server")
    }

    func testAListingFailingPartWayIsReportedAndOtherBucketsGoOn() throws {
        func page(_ keys: [String], next: String?) -> String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><EncodingType>url</EncodingType>"
                + "<IsTruncated>\(next != nil)</IsTruncated>" + (next.map { "<NextContinuationToken>\($0)</NextContinuationToken>" } ?? "")
                + keys.map { "<Contents><Key>\($0)</Key><Size>3</Size><ETag>&quot;e&quot;</ETag></Contents>" }.joined()
                + "</ListBucketResult>"
        }
        let buckets = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult><Buckets>"
            + "<Bucket><Name>zz-bucket</Name></Bucket><Bucket><Name>aa-bucket</Name></Bucket></Buckets></ListAllMyBucketsResult>"
        let denied = S3Stub.errorXML(code: "AccessDenied", message: "Access Denied")
        let stub = try S3Stub(responses: [
            ["status": 200, "body": buckets],
            ["status": 200, "body": page(["a1", "a2"], next: "tok+/=1")],
            ["status": 403, "body": denied],
            ["status": 200, "body": page(["z1"], next: nil)],
        ])
        let src = S3BucketSource(client: client(stub.endpoint, retry: .none), location: S3Location(bucket: nil))
        let refs = try list(src)
        XCTAssertEqual(refs.map { "\($0.bucket!)/\($0.key)" }, ["aa-bucket/a1", "aa-bucket/a2", "zz-bucket/z1"])
        XCTAssertEqual(src.listingErrors.count, 1)
        XCTAssertTrue(src.listingErrors.first?.contains("aa-bucket") == true, "\(src.listingErrors)")
        XCTAssertTrue(src.listingErrors.first?.contains("AccessDenied") == true, "\(src.listingErrors)")
        let paths = stub.requests.map { $0["path"] as! String }
        XCTAssertEqual(paths.count, 4)
        XCTAssertEqual(paths[0], "/")
        XCTAssertTrue(paths[1].hasPrefix("/aa-bucket?"), paths[1])
        XCTAssertTrue(paths[2].contains("continuation-token=tok%2B%2F%3D1"), paths[2])
        XCTAssertTrue(paths[3].hasPrefix("/zz-bucket?"), paths[3])
        for p in paths.dropFirst() {
            XCTAssertTrue(p.contains("list-type=2") && p.contains("encoding-type=url"), p)
        }
    }

    func testABucketInAnotherRegionIsCalledAgainThere() throws {
        let redirect = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PermanentRedirect</Code><Message>The bucket you are "
            + "attempting to access must be addressed using the specified endpoint.</Message><Endpoint>far-bucket.s3.eu-west-1.amazonaws.com</Endpoint>"
            + "<Bucket>far-bucket</Bucket></Error>"
        let page = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><IsTruncated>false</IsTruncated>"
            + "<Contents><Key>k</Key><Size>5</Size><ETag>&quot;e&quot;</ETag></Contents></ListBucketResult>"
        let stub = try S3Stub(responses: [
            ["status": 301, "body": redirect, "headers": ["x-amz-bucket-region": "eu-west-1"]],
            ["status": 200, "body": page],
            ["status": 200, "body": "hello"],
        ])
        let s3 = client(stub.endpoint, retry: .none)
        let src = S3BucketSource(client: s3, location: S3Location(bucket: "far-bucket"))
        let refs = try list(src)
        XCTAssertEqual(refs.map(\.key), ["k"])
        XCTAssertEqual(try readAll(try src.open(refs[0])), Array("hello".utf8))
        XCTAssertEqual(s3.region(of: "far-bucket"), "eu-west-1")
        XCTAssertEqual(s3.region(of: "other-bucket"), "us-east-1")
        let scopes = stub.requests.map { r -> String in
            let auth = (r["headers"] as? [String: String])?["authorization"] ?? ""
            return auth.contains("/eu-west-1/s3/aws4_request") ? "eu-west-1" : auth.contains("/us-east-1/s3/") ? "us-east-1" : auth
        }
        XCTAssertEqual(scopes, ["us-east-1", "eu-west-1", "eu-west-1"], "signed for the bucket's region once it is known")
        // On AWS's own endpoint, the bucket's region's endpoint is used.
        let aws = try S3Client(configuration: AWSClientConfiguration(environment: ["HOME": "/nonexistent"], region: "us-east-1"),
                               credentials: StaticProvider(AWSCredentials(accessKeyId: "a", secretAccessKey: "b")),
                               http: AWSHTTPClient(timeout: 1))
        XCTAssertEqual(aws.url(bucket: "far-bucket", key: "k", query: [], region: "eu-west-1").absoluteString,
                       "https://far-bucket.s3.eu-west-1.amazonaws.com/k")
    }

    func testAddressingAndEndpointResolution() throws {
        let creds = StaticProvider(AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing"))
        let http = AWSHTTPClient(timeout: 1)
        let aws = try S3Client(configuration: AWSClientConfiguration(environment: ["HOME": "/nonexistent"], region: "eu-west-1"),
                               credentials: creds, http: http)
        XCTAssertFalse(aws.forcePathStyle)
        XCTAssertEqual(aws.url(bucket: "my-bucket", key: "a b/c+d.txt", query: []).absoluteString,
                       "https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd.txt")
        XCTAssertEqual(aws.url(bucket: "my.dotted.bucket", key: "k", query: []).absoluteString,
                       "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/k")
        XCTAssertEqual(aws.url(bucket: nil, key: nil, query: []).absoluteString, "https://s3.eu-west-1.amazonaws.com/")
        let env = ["HOME": "/nonexistent", "AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000"]
        let local = try S3Client(configuration: AWSClientConfiguration(environment: env), credentials: creds, http: http)
        XCTAssertTrue(local.forcePathStyle)
        XCTAssertEqual(local.region, "us-east-1")
        XCTAssertEqual(local.url(bucket: "my-bucket", key: "x/é", query: [("prefix", "a b")]).absoluteString,
                       "http://127.0.0.1:9000/my-bucket/x/%C3%A9?prefix=a%20b")
        let flag = try S3Client(configuration: AWSClientConfiguration(environment: env, endpointURL: "http://127.0.0.1:7000/"),
                                credentials: creds, http: http)
        XCTAssertEqual(flag.url(bucket: "b-1", key: "k", query: []).absoluteString, "http://127.0.0.1:7000/b-1/k")
    }

    static func md5Hex(_ bytes: [UInt8]) -> String {
        // md5 from the system tool (not the code under test).
        let r = try? runTool("/usr/bin/md5sum", [], stdin: bytes)
        return String(decoding: r?.stdout.prefix(32) ?? [], as: UTF8.self)
    }
}

struct StaticProvider: AWSCredentialProvider {
    let sourceName = "static"
    let value: AWSCredentials
    init(_ value: AWSCredentials) { self.value = value }
    func credentials() throws -> AWSCredentials? { value }
}
