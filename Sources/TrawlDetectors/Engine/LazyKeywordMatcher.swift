// A detector's keyword matcher (KeywordMatcher), built on the first match that needs it
// (BuiltOnFirstUse): most detectors report nothing in a given scan, and building the
// matchers of all 144 was 10M of start-up's 176M instructions.

struct LazyKeywordMatcher: Sendable {
    private let built: BuiltOnFirstUse<KeywordMatcher>
    /// Whether there is no keyword to look for (none given, or only empty strings): the
    /// built matcher's `isEmpty`, known without building it.
    let isEmpty: Bool

    init(_ words: [String]) {
        built = BuiltOnFirstUse { KeywordMatcher(words) }
        isEmpty = words.allSatisfy(\.isEmpty)
    }

    /// The matcher, built on the first call.
    @inline(__always)
    var matcher: UnsafePointer<KeywordMatcher> { built.value }
}
