// A compiled PCRE2 pattern: compiled and JIT-compiled once, then shared read-only by
// every worker (PCRE2 code is thread-safe to match with; match data is not, so each
// worker owns a `PCRE2Matcher`).
//
// A detector's regex is compiled once per process (`shared`): the loader compiles it
// when it reads the detector file (which checks it, with the file and line at hand), and
// the detector set takes that code instead of compiling it again. The JIT compile waits
// for the pattern's first match: most of the catalogue's 132 regexes never get a window
// in a given scan (about two dozen do on the benchmark's mixed tree), and compiling them
// all with JIT was 22M of start-up's 200M instructions (BuiltOnFirstUse: the first caller
// compiles under a lock; after that a match reads one flag).

import CPCRE2
import Synchronization

public struct PCRE2CompileError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// Character offset in the pattern where PCRE2 gave up.
    public let offset: Int

    public var description: String { "\(message) at pattern offset \(offset)" }
}

public final class PCRE2Pattern: @unchecked Sendable {
    // Immutable after init but for the JIT compile, which happens once, before any match
    // reads the code (BuiltOnFirstUse); pcre2_match only reads the code.
    let code: OpaquePointer
    public let source: String
    /// Whether matches run JIT code: the JIT compile's outcome, made on the first match
    /// (false without JIT, or when the compile fails).
    private let jit: BuiltOnFirstUse<Bool>

    /// Whether matches run the JIT-compiled code (compiling it first when not yet tried).
    public var isJITCompiled: Bool { jitCompiled() }

    @inline(__always)
    func jitCompiled() -> Bool { jit.value.pointee }

    /// Compile options: UTF-8 subjects (invalid sequences tolerated), ASCII `\b` and `\w`
    /// (no UCP): the same dialect ripgrep's `(?-u:\b)` gives. With an offset limit, so a
    /// search in a window stops trying start positions at the window's end.
    /// `jit: false` matches without JIT (a custom identifier's check, which never matches,
    /// and where the set compiles the pattern again); with JIT, it is compiled on the
    /// first match.
    public init(_ pattern: String, caseless: Bool = false, jit: Bool = true) throws(PCRE2CompileError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF) | UInt32(PCRE2_USE_OFFSET_LIMIT)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        let utf8 = Array(pattern.utf8)
        let compiled: OpaquePointer? = utf8.withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw PCRE2CompileError(message: PCRE2Pattern.errorMessage(errorCode), offset: errorOffset)
        }
        code = compiled
        source = pattern
        self.jit = jit ? BuiltOnFirstUse { pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0 }
            : BuiltOnFirstUse(made: false)
    }

    deinit { pcre2_code_free_8(code) }

    /// Compiled (JIT) patterns by source, kept for the process's life: a detector's regex
    /// is looked up here by the loader and again by every detector set built from it.
    private static let cache = Mutex<[String: PCRE2Pattern]>([:])

    /// The pattern `source` compiled with the default options (JIT on its first match),
    /// compiled on the first call and taken from the cache after. (Two threads asking for
    /// the same new source at once may both compile it; the first stored is kept.)
    public static func shared(_ source: String) throws(PCRE2CompileError) -> PCRE2Pattern {
        if let cached = cache.withLock({ $0[source] }) { return cached }
        let compiled = try PCRE2Pattern(source)
        return cache.withLock { table in
            if let first = table[source] { return first }
            table[source] = compiled
            return compiled
        }
    }

    /// Whether the pattern contains backreferences (Macie rejects them in custom identifiers).
    public var hasBackreferences: Bool {
        var value: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_BACKREFMAX), &value)
        return value > 0
    }

    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, 256) }
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}

/// Per-worker matching state: match data and a match context with limits.
/// Not thread-safe; one per worker, reused for every call.
public final class PCRE2Matcher {
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    /// PCRE2_UNSET (all bits set, as a size_t): no offset limit.
    private static let unset = -1
    /// The offset limit set in `context`.
    private var offsetLimit = unset

    /// - Parameters:
    ///   - matchLimit: PCRE2's backtracking budget per call (PCRE2_ERROR_MATCHLIMIT past it).
    ///   - depthLimit: PCRE2's nesting/heap budget per call.
    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000) {
        matchData = pcre2_match_data_create_8(8, nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
    }

    public enum Outcome: Equatable {
        case match(Range<Int>)
        case noMatch
        /// A match or depth limit was hit: the search at this start gave up.
        case limitExceeded
    }

    /// Find the first match of `pattern` in `subject[..<length]` starting at `start`, and
    /// (with `startsBefore`) starting before that offset: the bytes from there to `length`
    /// are only look-ahead context, and no start position among them is tried.
    /// The subject may extend before `start` so look-behinds and `\b` see real neighbours.
    @inline(__always)
    public func firstMatch(_ pattern: PCRE2Pattern, in subject: UnsafeRawBufferPointer,
                           from start: Int, length: Int, startsBefore: Int? = nil) -> Outcome {
        guard let base = subject.baseAddress, start <= length else { return .noMatch }
        if let startsBefore, startsBefore <= start { return .noMatch }
        let subject = base.assumingMemoryBound(to: UInt8.self)
        // PCRE2's offset limit is the last offset a match may start at.
        let limit = startsBefore.map { $0 - 1 } ?? Self.unset
        if limit != offsetLimit {
            pcre2_set_offset_limit_8(context, limit)
            offsetLimit = limit
        }
        // The JIT fast path skips pcre2_match's argument checks (most calls cover a few bytes).
        let rc = pattern.jitCompiled()
            ? pcre2_jit_match_8(pattern.code, subject, length, start, 0, matchData, context)
            : pcre2_match_8(pattern.code, subject, length, start, 0, matchData, context)
        if rc >= 0 {
            let ovector = pcre2_get_ovector_pointer_8(matchData)!
            let s = Int(ovector[0]), e = Int(ovector[1])
            return .match(s..<e)
        }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT
            || rc == PCRE2_ERROR_JIT_STACKLIMIT {
            return .limitExceeded
        }
        return .noMatch
    }
}
