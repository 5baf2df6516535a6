// A response whose body is handed over, as it arrives, to a blocking reader on a worker
// thread (S3 GetObject: objects are scanned as they download, never held whole).
//
// Built on AsyncHTTPClient's HTTPClientResponseDelegate: body parts go into a bounded
// queue; once `highWater` bytes wait unread, the delegate answers the next part with a
// future the reader completes when it has drained the queue below half of that, so
// AsyncHTTPClient stops reading from the socket meanwhile (TCP back-pressure). Memory per
// open body is therefore about `highWater` plus one part. The reader waits on an
// NSCondition; a wait longer than `idleTimeout` with nothing arriving cancels the request
// and throws a timeout. Closing before the end cancels the request (its connection is
// not reused).
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

public final class AWSStreamingResponse: @unchecked Sendable {
    public let status: Int
    /// Header names lower-cased.
    public let headers: [String: String]
    let delegate: StreamingBodyDelegate
    let task: HTTPClient.Task<Void>
    /// Kept alive while the body is read: the client's shutdown would cancel the download.
    let client: AWSHTTPClient
    let url: String
    let caBundle: String?
    let idleTimeout: TimeInterval

    init(status: Int, headers: [String: String], delegate: StreamingBodyDelegate, task: HTTPClient.Task<Void>,
         client: AWSHTTPClient, url: String, caBundle: String?, idleTimeout: TimeInterval) {
        self.status = status
        self.headers = headers
        self.delegate = delegate
        self.task = task
        self.client = client
        self.url = url
        self.caBundle = caBundle
        self.idleTimeout = idleTimeout
    }

    deinit { close() }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The most body bytes held unread at any time so far (the hand-over buffer's bound at work).
    public var peakBufferedBytes: Int { delegate.peakBuffered }
    public var isSuccess: Bool { (200...299).contains(status) }

    /// Fills `buffer` with the next body bytes, waiting for them; 0 at the end of the body.
    /// Throws AWSTransportError when the body breaks off or stalls.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        switch delegate.take(into: buffer, idleTimeout: idleTimeout) {
        case .bytes(let n):
            return n
        case .failed(let error):
            throw AWSHTTPClient.classify(error, url: url, caBundle: caBundle)
        case .stalled:
            close()
            throw AWSTransportError(kind: .timeout, url: url,
                                    detail: "no body bytes for \(Int(idleTimeout)) s; the download was cancelled")
        }
    }

    /// The whole (small) body of an error answer, at most `limit` bytes; the rest is dropped.
    func readErrorBody(limit: Int = 64 << 10) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while data.count < limit {
            guard let n = try? chunk.withUnsafeMutableBytes({ try read(into: $0) }), n > 0 else { break }
            data.append(contentsOf: chunk[..<n])
        }
        close()
        return data
    }

    /// Stops the download (cancelling the request if the body has not ended). Idempotent.
    public func close() {
        if delegate.close() { task.cancel() }
    }
}

/// Receives the response on the event loop and hands the body over to one reader thread.
final class StreamingBodyDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = Void

    enum Take {
        case bytes(Int)
        case failed(Error)
        case stalled
    }

    let highWater: Int
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var head: HTTPResponseHead?
    private var chunks = CircularBuffer<ByteBuffer>()
    private var buffered = 0
    private var peak = 0
    private var finished = false
    private var failure: Error?
    private var closed = false
    /// The future the event loop waits on while the queue is full.
    private var pending: EventLoopPromise<Void>?

    init(highWater: Int) {
        self.highWater = max(64 << 10, highWater)
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        condition.lock()
        self.head = head
        condition.broadcast()
        condition.unlock()
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        condition.lock()
        defer { condition.unlock() }
        if closed { return task.eventLoop.makeFailedFuture(HTTPClientError.cancelled) }
        if buffer.readableBytes > 0 {
            chunks.append(buffer)
            buffered += buffer.readableBytes
            peak = max(peak, buffered)
            condition.broadcast()
        }
        guard buffered >= highWater else { return task.eventLoop.makeSucceededVoidFuture() }
        let promise = task.eventLoop.makePromise(of: Void.self)
        pending = promise
        return promise.futureResult
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        let waiting = pending
        pending = nil
        condition.broadcast()
        condition.unlock()
        // Completed outside the lock: completing on the event loop runs its callbacks inline.
        waiting?.fail(error)
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    var peakBuffered: Int {
        condition.lock()
        defer { condition.unlock() }
        return peak
    }

    /// Waits (at most `timeout`) for the response head; nil when it did not come.
    func waitForHead(timeout: TimeInterval) -> Result<HTTPResponseHead, Error>? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while head == nil && failure == nil && !finished {
            if !condition.wait(until: deadline) { break }
        }
        if let head { return .success(head) }
        if let failure { return .failure(failure) }
        return nil
    }

    /// Copies queued body bytes into `buffer`, waiting for some when none are queued.
    func take(into buffer: UnsafeMutableRawBufferPointer, idleTimeout: TimeInterval) -> Take {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .bytes(0) }
        condition.lock()
        // The queue is empty, so the event loop is not held back: a wait this long means the
        // server (or the network) stalled.
        let deadline = Date().addingTimeInterval(idleTimeout)
        while chunks.isEmpty && !finished && failure == nil && !closed {
            if !condition.wait(until: deadline), chunks.isEmpty, !finished, failure == nil, !closed {
                condition.unlock()
                return .stalled
            }
        }
        if chunks.isEmpty {
            // A closed body has nothing more, whatever the event loop reported after the
            // close (the cancellation the close itself caused arrives as an error).
            let result: Take = closed ? .bytes(0) : (failure.map { .failed($0) }) ?? .bytes(0)
            condition.unlock()
            return result
        }
        var copied = 0
        while copied < buffer.count, !chunks.isEmpty {
            var front = chunks.removeFirst()
            let n = min(buffer.count - copied, front.readableBytes)
            front.withUnsafeReadableBytes { src in
                (base + copied).copyMemory(from: src.baseAddress!, byteCount: n)
            }
            front.moveReaderIndex(forwardBy: n)
            copied += n
            if front.readableBytes > 0 { chunks.prepend(front) }
        }
        buffered -= copied
        var resume: EventLoopPromise<Void>?
        if buffered < highWater / 2, let waiting = pending {
            pending = nil
            resume = waiting
        }
        condition.unlock()
        resume?.succeed(())
        return .bytes(copied)
    }

    /// Marks the body closed and drops what is queued; true when the request is still
    /// running (the caller cancels it).
    func close() -> Bool {
        condition.lock()
        let running = !closed && !finished && failure == nil
        closed = true
        chunks.removeAll()
        buffered = 0
        let waiting = pending
        pending = nil
        condition.broadcast()
        condition.unlock()
        waiting?.fail(HTTPClientError.cancelled)
        return running
    }
}

extension AWSHTTPClient {
    /// One attempt whose answer is returned as soon as its head arrives; the body is read
    /// through the result. Throws AWSTransportError when no head comes (connection failed,
    /// dropped, or `timeout` passed). Blocks the calling thread, which must not be an event
    /// loop thread.
    public func openStream(_ request: AWSRequest, timeout: TimeInterval? = nil,
                           highWater: Int = 2 << 20) throws -> AWSStreamingResponse {
        let outgoing = try outgoingRequest(request)
        let urlText = Self.redactedURL(request.url)
        let wait = timeout ?? self.timeout
        let delegate = StreamingBodyDelegate(highWater: highWater)
        // No deadline on the whole request (a large object takes what it takes); the reader's
        // idle timeout bounds a stall instead.
        let task = client.execute(request: outgoing, delegate: delegate, deadline: nil)
        switch delegate.waitForHead(timeout: wait) {
        case .success(let head):
            return AWSStreamingResponse(status: Int(head.status.code), headers: Self.headerMap(head.headers),
                                        delegate: delegate, task: task, client: self, url: urlText, caBundle: caBundle,
                                        idleTimeout: wait)
        case .failure(let error):
            _ = delegate.close()
            throw Self.classify(error, url: urlText, caBundle: caBundle)
        case nil:
            if delegate.close() { task.cancel() }
            throw AWSTransportError(kind: .timeout, url: urlText, detail: "no answer within \(Int(wait)) s")
        }
    }

    /// Signs (through `prepare`, afresh for each attempt) and opens a streamed answer,
    /// retrying per `retry` what fails before the first body byte: transport failures and
    /// retryable error answers (SlowDown, 500, 503, ...). A non-2xx answer is thrown as
    /// AWSServiceError (its small body read and parsed).
    public func performStream(operation: String, retry: RetryPolicy, highWater: Int = 2 << 20,
                              prepare: () throws -> AWSRequest) throws -> AWSStreamingResponse {
        try retrying(retry) {
            let stream = try openStream(try prepare(), highWater: highWater)
            if stream.isSuccess { return .success(stream) }
            let body = stream.readErrorBody()
            let response = AWSHTTPResponse(status: stream.status, headers: stream.headers, body: body)
            return .failure(AWSServiceError.parse(response, operation: operation))
        }
    }
}
