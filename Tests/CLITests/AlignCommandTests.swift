import Foundation
import Testing

/// `facewatch align` on a tiny folder-per-person dataset: two real photos, a blank picture and a text file
/// pretending to be a JPEG.
@Suite struct AlignCommandTests {
    static let astronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"
    static let messi = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"

    let source: URL
    let destination: URL

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-align-\(UUID().uuidString)")
        source = root.appendingPathComponent("people")
        destination = root.appendingPathComponent("aligned")
        for person in ["eileen", "lionel"] {
            try FileManager.default.createDirectory(at: source.appendingPathComponent(person), withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: Self.astronaut, toPath: source.appendingPathComponent("eileen/astronaut.png").path)
        try FileManager.default.copyItem(atPath: Self.messi, toPath: source.appendingPathComponent("lionel/messi.jpg").path)
        try Self.blankBMP(width: 64, height: 48).write(to: source.appendingPathComponent("lionel/blank.bmp"))
        try Data("not a photo\n".utf8).write(to: source.appendingPathComponent("eileen/notes.jpg"))
    }

    /// A 24-bit BMP of one grey.
    static func blankBMP(width: Int, height: Int) -> Data {
        let rowBytes = (width * 3 + 3) / 4 * 4
        var d = Data("BM".utf8)
        func le32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { d.append(contentsOf: $0) } }
        func le16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { d.append(contentsOf: $0) } }
        le32(54 + rowBytes * height); le32(0); le32(54)
        le32(40); le32(width); le32(height); le16(1); le16(24); le32(0); le32(rowBytes * height); le32(2835); le32(2835)
        le32(0); le32(0)
        d.append(Data(repeating: 0x80, count: rowBytes * height))
        return d
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ path: String) throws -> (Int, Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes.count > 24 && bytes[1...3] == [0x50, 0x4E, 0x47])
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    @Test func alignsTheFacesAndReportsTheBadFiles() throws {
        defer { try? FileManager.default.removeItem(at: source.deletingLastPathComponent()) }
        let result = try CommandRunner.run(["align", source.path, destination.path, "--size", "96", "--margin", "0.1",
                                            "--models", CommandRunner.modelsDirectory])
        #expect(result.status == 0, "\(result.standardError)")
        for chip in ["eileen/astronaut.png", "lionel/messi.png"] {
            let size = try Self.pngSize(destination.appendingPathComponent(chip).path)
            #expect(size == (96, 96), "\(chip)")
        }
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent("lionel/blank.png").path))

        let report = try String(contentsOf: destination.appendingPathComponent("align-report.txt"), encoding: .utf8)
        let lines = report.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(report)")
        #expect(lines.contains { $0.hasPrefix(source.appendingPathComponent("lionel/blank.bmp").path + ": no face") })
        #expect(lines.contains { $0.hasPrefix(source.appendingPathComponent("eileen/notes.jpg").path + ": unreadable") })
        #expect(result.standardOutput.contains("aligned 2, already there 0, no face 1, unreadable 1"))

        let again = try CommandRunner.run(["align", source.path, destination.path, "--size", "96",
                                           "--models", CommandRunner.modelsDirectory])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("aligned 0, already there 2, no face 1, unreadable 1"))
    }

    @Test func templateAndSizeChangeTheChip() throws {
        defer { try? FileManager.default.removeItem(at: source.deletingLastPathComponent()) }
        let result = try CommandRunner.run(["align", source.path, destination.path, "--template", "dlib", "--size", "150",
                                            "--models", CommandRunner.modelsDirectory])
        #expect(result.status == 0, "\(result.standardError)")
        let size = try Self.pngSize(destination.appendingPathComponent("eileen/astronaut.png").path)
        #expect(size == (150, 150))
        let missing = try CommandRunner.run(["align", source.appendingPathComponent("nobody").path, destination.path,
                                             "--models", CommandRunner.modelsDirectory])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("is not a folder"))
    }
}
