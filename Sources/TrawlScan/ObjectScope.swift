// Which listed objects a run classifies, as Macie's job scope, sampling and Trawl's
// shards decide; objects outside get no result line, and the summary counts them.
//
// - include / exclude globs on the object key (bucket-relative), gitignore-like: `*`
//   and `?` stay within one '/' segment, `**` spans segments, a pattern without '/'
//   matches the key's last segment anywhere (`*.csv`), a trailing '/' matches a whole
//   prefix (`tmp/` = `tmp/**`); an object is in scope when it matches some include (or
//   there is none) and no exclude.
// - extensions (case-insensitive), size and last-modified bounds.
// - sample: a deterministic share of the objects, picked by a hash of bucket, key and
//   seed (the same objects every run with the same seed, so reruns compare).
// - shard I/N: object goes to shard hash(bucket, key) mod N: N runs together see every
//   object exactly once.

import Crypto
import Foundation
import TrawlStorage

public struct ObjectScope: Sendable {
    public var include: [String] = []
    public var exclude: [String] = []
    public var extensions: [String] = []
    public var minSize: Int64?
    public var maxSize: Int64?
    public var modifiedAfter: Double?
    public var modifiedBefore: Double?
    /// Percent of the objects to classify (0 < p <= 100); nil: all.
    public var samplePercent: Double?
    public var sampleSeed: String = ""
    /// (index, count) with 0 <= index < count.
    public var shard: (index: Int, count: Int)?

    public init() {}

    public var isEverything: Bool {
        include.isEmpty && exclude.isEmpty && extensions.isEmpty && minSize == nil && maxSize == nil
            && modifiedAfter == nil && modifiedBefore == nil && samplePercent == nil && shard == nil
    }

    /// Whether `ref` is classified by this run.
    public func contains(_ ref: ObjectRef) -> Bool {
        if let shard, Self.hash(ref.bucket, ref.key, "shard") % UInt64(shard.count) != UInt64(shard.index) { return false }
        if !include.isEmpty && !include.contains(where: { Self.glob($0, matches: ref.key) }) { return false }
        if exclude.contains(where: { Self.glob($0, matches: ref.key) }) { return false }
        if !extensions.isEmpty {
            let name = ref.key.split(separator: "/").last.map(String.init) ?? ref.key
            guard let dot = name.lastIndex(of: "."),
                  extensions.contains(where: { $0.lowercased() == name[name.index(after: dot)...].lowercased() }) else {
                return false
            }
        }
        // Size and time bounds apply to regular files (the rest are reported as such).
        if ref.kind == .regular {
            if let minSize, ref.size < minSize { return false }
            if let maxSize, ref.size > maxSize { return false }
            if let modifiedAfter, ref.lastModified <= modifiedAfter { return false }
            if let modifiedBefore, ref.lastModified >= modifiedBefore { return false }
        }
        if let samplePercent {
            let bucketPoint = Double(Self.hash(ref.bucket, ref.key, "sample:" + sampleSeed) % 1_000_000) / 10_000
            if bucketPoint >= samplePercent { return false }
        }
        return true
    }

    /// The first 8 bytes of SHA-256(purpose, bucket, key), as a number.
    static func hash(_ bucket: String?, _ key: String, _ purpose: String) -> UInt64 {
        var hasher = SHA256()
        hasher.update(data: Data((purpose + "\u{0}" + (bucket ?? "") + "\u{0}" + key).utf8))
        return hasher.finalize().prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// gitignore-like matching of `pattern` against a '/'-separated key.
    static func glob(_ pattern: String, matches key: String) -> Bool {
        var p = pattern
        if p.hasPrefix("/") { p.removeFirst() }
        if p.hasSuffix("/") { p += "**" }
        let keyParts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if !p.contains("/") {
            // Matches the last segment, anywhere.
            return segment(p, matches: keyParts.last ?? "")
        }
        let patternParts = p.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return parts(patternParts[...], match: keyParts[...])
    }

    /// Segment lists, `**` matching zero or more segments (iteratively over the pattern,
    /// recursing only at each `**`, of which patterns hold few).
    private static func parts(_ pattern: ArraySlice<String>, match key: ArraySlice<String>) -> Bool {
        var pattern = pattern, key = key
        while let first = pattern.first {
            if first == "**" {
                let rest = pattern.dropFirst()
                if rest.isEmpty { return true }
                var k = key
                while true {
                    if parts(rest, match: k) { return true }
                    if k.isEmpty { return false }
                    k = k.dropFirst()
                }
            }
            guard let segmentKey = key.first, segment(first, matches: segmentKey) else { return false }
            pattern = pattern.dropFirst()
            key = key.dropFirst()
        }
        return key.isEmpty
    }

    /// `*` (any run) and `?` (one character) within one segment; `[...]` classes are not
    /// special.
    static func segment(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
