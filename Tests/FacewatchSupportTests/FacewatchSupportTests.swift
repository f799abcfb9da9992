import FacewatchSupport
import Foundation
import Testing

struct OneLineTests {
    @Test func escapesControlCharactersOnly() {
        #expect(oneLine("a\nb\tc") == "a\\nb\\tc")
        #expect(oneLine("Zoë Ågren — 名前") == "Zoë Ågren — 名前")
        #expect(!oneLine("line\u{0}\r\n").contains("\n"))
    }
}

struct WholeFileTests {
    @Test func writesReadsAndNamesTheCause() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wholefile-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try WholeFile.write([1, 2, 3, 255], to: path)
        #expect(try WholeFile.read(path) == [1, 2, 3, 255])
        #expect(throws: WholeFile.AccessError.self) { try WholeFile.read(path + "-missing") }
        let error = #expect(throws: WholeFile.AccessError.self) { try WholeFile.read("/") }
        #expect(error?.description.contains("directory") == true)
    }
}

struct FNV1a64Tests {
    /// Test vectors published with the FNV specification (draft-eastlake-fnv).
    @Test func matchesThePublishedVectors() {
        #expect(FNV1a64.hash([]).hexDigits == "cbf29ce484222325")
        #expect(FNV1a64.hash(Array("a".utf8)).hexDigits == "af63dc4c8601ec8c")
        #expect(FNV1a64.hash(Array("foobar".utf8)).hexDigits == "85944171f73967e8")
    }

    @Test func piecesHashLikeTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var pieces = FNV1a64()
        pieces.combine(Array(bytes[..<333]))
        pieces.combine(Array(bytes[333...]))
        #expect(pieces == FNV1a64.hash(bytes))
        var changed = bytes
        changed[500] ^= 1
        #expect(FNV1a64.hash(changed) != FNV1a64.hash(bytes))
    }
}
