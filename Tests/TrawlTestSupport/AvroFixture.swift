// Avro object container files written by hand from the Avro 1.11 specification
// ("Object Container Files", "Binary Encoding"), for tests that must know every
// value without an Avro library having produced the file.

public enum AvroFixture {
    /// Zig-zag varint (the spec's `long` encoding).
    public static func long(_ v: Int64) -> [UInt8] {
        var z = UInt64(bitPattern: (v << 1) ^ (v >> 63))
        var out: [UInt8] = []
        while z >= 0x80 { out.append(UInt8(z & 0x7F) | 0x80); z >>= 7 }
        out.append(UInt8(z))
        return out
    }

    /// A `string` (or `bytes`): its length, then its UTF-8 bytes.
    public static func string(_ s: String) -> [UInt8] { long(Int64(s.utf8.count)) + Array(s.utf8) }

    /// The 16-byte sync marker the fixtures use.
    public static let sync: [UInt8] = Array(0xA0...0xAF)

    /// A container file: the header (magic, metadata map with the schema and the codec,
    /// sync marker), then `blocks` of (record count, encoded records) each ended by the sync.
    public static func container(schema: String, codec: String? = nil, blocks: [(Int, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]
        out += long(codec == nil ? 1 : 2) + string("avro.schema") + string(schema)
        if let codec { out += string("avro.codec") + string(codec) }
        out += long(0) + sync
        for (count, data) in blocks { out += long(Int64(count)) + long(Int64(data.count)) + data + sync }
        return out
    }
}
