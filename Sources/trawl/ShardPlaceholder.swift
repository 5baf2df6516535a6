// `{shard}` in a file option (--output, --results, --state, --spool, --summary-json)
// stands for the shard index, so the N workers of a batch job can write to one shared
// volume from a single manifest (AWS Batch cannot put the array index into a command;
// Kubernetes could with $(VAR), but one spelling serves both).

enum ShardPlaceholder {
    static let token = "{shard}"

    /// `path` with `{shard}` replaced by the shard index; a usage error when the path
    /// has the placeholder and the scan is not sharded.
    static func expand(_ path: String?, option: String, shard: (index: Int, count: Int)?) throws -> String? {
        guard let path, path.contains(token) else { return path }
        guard let shard else {
            throw Failure.usage("\(option) \(path): {shard} stands for the shard index, but --shard is not given")
        }
        return path.replacingOccurrences(of: token, with: String(shard.index))
    }
}
