// Archive fixtures made at test time by standard tools: python3's zipfile and
// tarfile, bsdtar (libarchive-tools) for 7z and cpio, zip(1) for encryption,
// bzip2/xz/zstd for bare streams. The members' contents are defined here, so the
// expected output of a reader never comes from the reader itself.

import Foundation
import XCTest

/// One member of a fixture archive.
public struct FixtureMember {
    public enum Kind: String, Sendable { case file, dir, symlink }
    public var name: String
    public var data: [UInt8] = []
    public var kind: Kind = .file
    public var target: String = ""

    public static func file(_ name: String, _ data: [UInt8]) -> FixtureMember {
        FixtureMember(name: name, data: data)
    }
    public static func file(_ name: String, _ text: String) -> FixtureMember {
        FixtureMember(name: name, data: Array(text.utf8))
    }
    public static func dir(_ name: String) -> FixtureMember { FixtureMember(name: name, kind: .dir) }
    public static func symlink(_ name: String, to target: String) -> FixtureMember {
        FixtureMember(name: name, kind: .symlink, target: target)
    }
}

/// Builds zip and tar archives with python3 from a JSON description on stdin; the
/// archive is written to stdout. Member data travels as hex.
private let pythonArchiver = #"""
import io, json, sys, tarfile, time, zipfile
spec = json.load(sys.stdin)
out = io.BytesIO()
if spec["kind"] == "zip":
    method = zipfile.ZIP_STORED if spec["mode"] == "stored" else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", compression=method) as z:
        for m in spec["members"]:
            info = zipfile.ZipInfo(m["name"], date_time=(2024, 1, 2, 3, 4, 6))
            info.compress_type = method
            if m["kind"] == "dir":
                info.external_attr = 0o40755 << 16 | 0x10
                z.writestr(info, b"")
            else:
                z.writestr(info, bytes.fromhex(m["hex"]))
else:
    with tarfile.open(fileobj=out, mode="w" + spec["mode"], format=tarfile.PAX_FORMAT) as t:
        for m in spec["members"]:
            info = tarfile.TarInfo(m["name"])
            info.mtime = 1700000000
            data = bytes.fromhex(m["hex"])
            if m["kind"] == "dir":
                info.type = tarfile.DIRTYPE
                t.addfile(info)
            elif m["kind"] == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = m["target"]
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
sys.stdout.buffer.write(out.getvalue())
"""#

private func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// A zip made by python3's zipfile; `deflated: false` stores the members.
public func makeZip(_ members: [FixtureMember], deflated: Bool = true) throws -> [UInt8] {
    try pythonArchive(kind: "zip", mode: deflated ? "deflated" : "stored", members)
}

/// A tar (PAX) made by python3's tarfile; `compression` is "", "gz", "bz2" or "xz".
public func makeTar(_ members: [FixtureMember], compression: String = "") throws -> [UInt8] {
    try pythonArchive(kind: "tar", mode: compression.isEmpty ? "" : ":" + compression, members)
}

private func pythonArchive(kind: String, mode: String, _ members: [FixtureMember]) throws -> [UInt8] {
    let python = try requireTool("python3")
    let spec: [String: Any] = [
        "kind": kind, "mode": mode,
        "members": members.map { ["name": $0.name, "hex": hex($0.data), "kind": $0.kind.rawValue, "target": $0.target] },
    ]
    let json = try JSONSerialization.data(withJSONObject: spec)
    let r = try runTool(python, ["-c", pythonArchiver], stdin: [UInt8](json))
    XCTAssertEqual(r.status, 0, "python3 could not build the \(kind) fixture")
    return r.stdout
}

/// An archive made by bsdtar from files written to a temporary directory, in the
/// given format ("7zip", "cpio", "newc", "zip", ...) and with extra options.
public func makeWithBsdtar(_ members: [FixtureMember], format: String, extraArgs: [String] = []) throws -> [UInt8] {
    let bsdtar = try requireTool("bsdtar")
    let dir = try TempDir()
    try writeMembers(members, in: dir)
    let output = dir.path("out.archive")
    let r = try runTool(bsdtar, ["-c", "-f", output, "--format", format] + extraArgs + members.map(\.name),
                        currentDirectory: dir.url.path)
    XCTAssertEqual(r.status, 0, "bsdtar could not build the \(format) fixture")
    return try readFile(output)
}

/// A zip with ZipCrypto-encrypted members, made by zip(1) -P.
public func makeEncryptedZip(_ members: [FixtureMember], password: String) throws -> [UInt8] {
    let zip = try requireTool("zip")
    let dir = try TempDir()
    try writeMembers(members, in: dir)
    let r = try runTool(zip, ["-q", "-X", "-P", password, "out.zip"] + members.map(\.name),
                        currentDirectory: dir.url.path)
    XCTAssertEqual(r.status, 0, "zip -P failed")
    return try readFile(dir.path("out.zip"))
}

private func writeMembers(_ members: [FixtureMember], in dir: TempDir) throws {
    for m in members {
        let path = dir.path(m.name)
        switch m.kind {
        case .dir:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .file:
            let parent = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try writeFile(path, m.data)
        case .symlink:
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: m.target)
        }
    }
}

/// `tool -c` on stdin (bzip2, xz, zstd, lz4, gzip): a bare compressed stream.
public func compressStream(_ content: [UInt8], tool name: String, args: [String] = ["-c"]) throws -> [UInt8] {
    let path = try requireTool(name)
    let r = try runTool(path, args, stdin: content)
    XCTAssertEqual(r.status, 0, "\(name) failed")
    return r.stdout
}
