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
