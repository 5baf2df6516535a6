// A compiled PCRE2 pattern: compiled and JIT-compiled once, then shared read-only by
// every worker (PCRE2 code is thread-safe to match with; match data is not, so each
// worker owns a `PCRE2Matcher`).
//
// A detector's regex is compiled once per process (`shared`): the loader compiles it
// when it reads a user's detector file (which checks it, with the file and line at hand),
// and the detector set takes that code instead of compiling it again. The JIT compile
// waits for the pattern's first match: most of the catalogue's 132 regexes never get a
// window in a given scan (about two dozen do on the benchmark's mixed tree), and
// compiling them all with JIT was 22M of start-up's 200M instructions (BuiltOnFirstUse:
// the first caller compiles under a lock; after that a match reads one flag). The
// catalogue's own regexes (`sharedDeferred`) wait for their first match for the compile
// itself too (9.5M instructions of a start-up's 167M): they are known to compile
// (CatalogExamplesTests compiles every one).

import CPCRE2
import Synchronization

public struct PCRE2CompileError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// Character offset in the pattern where PCRE2 gave up.
    public let offset: Int

    public var description: String { "\(message) at pattern offset \(offset)" }
}

public final class PCRE2Pattern: @unchecked Sendable {
    /// The code matches run, and whether it is JIT code.
    struct Compiled {
        /// nil only for a deferred pattern that does not compile (it never matches).
        let code: OpaquePointer?
        let jit: Bool
    }

    public let source: String
    // Immutable after init: the code is made once, before any match reads it
    // (BuiltOnFirstUse); pcre2_match only reads it.
    /// The code and the JIT compile's outcome, made on the first match (JIT false without
    /// JIT, or when its compile fails); for a deferred pattern the compile too.
    private let compiled: BuiltOnFirstUse<Compiled>
    /// The code compiled by `init`; nil for a deferred pattern.
    private let eagerCode: OpaquePointer?

    /// Whether matches run the JIT-compiled code (compiling it first when not yet tried).
    public var isJITCompiled: Bool { compiled.value.pointee.jit }

    /// The code and how to run it (compiling it first when not yet done).
    @inline(__always)
    func code() -> Compiled { compiled.value.pointee }

    static let compileOptions = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF) | UInt32(PCRE2_USE_OFFSET_LIMIT)

    /// `pattern` compiled, or PCRE2's error code and offset.
    private static func compile(_ pattern: String, options: UInt32) -> Result<OpaquePointer, PCRE2CompileError> {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let utf8 = Array(pattern.utf8)
        let compiled: OpaquePointer? = utf8.withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            return .failure(PCRE2CompileError(message: PCRE2Pattern.errorMessage(errorCode), offset: errorOffset))
        }
        return .success(compiled)
    }

    /// Compile options: UTF-8 subjects (invalid sequences tolerated), ASCII `\b` and `\w`
    /// (no UCP): the same dialect ripgrep's `(?-u:\b)` gives. With an offset limit, so a
    /// search in a window stops trying start positions at the window's end.
    /// `jit: false` matches without JIT (a custom identifier's check, which never matches,
    /// and where the set compiles the pattern again); with JIT, it is compiled on the
    /// first match.
    public init(_ pattern: String, caseless: Bool = false, jit: Bool = true) throws(PCRE2CompileError) {
        let code = try Self.compile(pattern, options: Self.compileOptions | (caseless ? UInt32(PCRE2_CASELESS) : 0)).get()
        eagerCode = code
        source = pattern
        compiled = jit ? BuiltOnFirstUse { Compiled(code: code, jit: pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0) }
            : BuiltOnFirstUse(made: Compiled(code: code, jit: false))
    }

    /// `pattern` with the default options, compiled (and JIT-compiled) on its first match.
    /// For regexes known to compile: one that does not never matches.
    init(deferred pattern: String) {
        eagerCode = nil
        source = pattern
        compiled = BuiltOnFirstUse {
            guard case let .success(code) = Self.compile(pattern, options: Self.compileOptions) else {
                return Compiled(code: nil, jit: false)
            }
            return Compiled(code: code, jit: pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0)
        }
    }

    deinit {
        if let code = eagerCode ?? compiled.madeValue?.pointee.code { pcre2_code_free_8(code) }
    }

    /// Compiled (JIT) patterns by source, kept for the process's life: a detector's regex
    /// is looked up here by the loader and again by every detector set built from it.
    private static let cache = Mutex<[String: PCRE2Pattern]>([:])

    /// The pattern `source` compiled with the default options (JIT on its first match),
    /// compiled on the first call and taken from the cache after. (Two threads asking for
    /// the same new source at once may both compile it; the first stored is kept.)
    public static func shared(_ source: String) throws(PCRE2CompileError) -> PCRE2Pattern {
        if let cached = cache.withLock({ $0[source] }) { return cached }
        return keep(try PCRE2Pattern(source))
    }

    /// The same for a regex of the catalogue, known to compile: cached without compiling
    /// it, which waits for its first match (`init(deferred:)`).
    static func sharedDeferred(_ source: String) {
        if cache.withLock({ $0[source] }) != nil { return }
        _ = keep(PCRE2Pattern(deferred: source))
    }

    /// `pattern` in the cache, unless one of the same source got there first (returned).
    private static func keep(_ pattern: PCRE2Pattern) -> PCRE2Pattern {
        cache.withLock { table in
            if let first = table[pattern.source] { return first }
            table[pattern.source] = pattern
            return pattern
        }
    }

    /// Whether the pattern contains backreferences (Macie rejects them in custom identifiers).
    public var hasBackreferences: Bool {
        var value: UInt32 = 0
        guard let code = code().code else { return false }
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
        let compiled = pattern.code()
        guard let code = compiled.code else { return .noMatch }
        let rc = compiled.jit
            ? pcre2_jit_match_8(code, subject, length, start, 0, matchData, context)
            : pcre2_match_8(code, subject, length, start, 0, matchData, context)
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
