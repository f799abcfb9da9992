import Foundation
import Testing

/// `--embedder PATH.onnx` through the commands: chips embedded by an ONNX model, galleries bound to it, and the
/// threshold an ONNX model requires.
@Suite struct EmbedderOptionTests {
    let directory: URL
    var gallery: String { directory.appendingPathComponent("gallery.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-embedder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func model(_ name: String, side: Int64 = 112, variant: Float = 1) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(PoolingEmbedderModel.bytes(side: side, variant: variant)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A `side × side` 24-bit BMP with a colour gradient.
    func chip(side: Int) throws -> String {
        var d = Data("BM".utf8)
        func le32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func le16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        let row = (side * 3 + 3) / 4 * 4
        le32(UInt32(54 + row * side)); le32(0); le32(54)
        le32(40); le32(UInt32(side)); le32(UInt32(side)); le16(1); le16(24); le32(0); le32(UInt32(row * side))
        le32(2835); le32(2835); le32(0); le32(0)
        for y in 0..<side {
            var line = [UInt8](repeating: 0, count: row)
            for x in 0..<side { line[x * 3] = UInt8(x * 2 % 256); line[x * 3 + 1] = UInt8(y * 2 % 256); line[x * 3 + 2] = 90 }
            d.append(contentsOf: line)
        }
        let path = directory.appendingPathComponent("chip\(side).bmp").path
        try d.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func embedPrintsUnitLengthDescriptorsOfTheModelsLength() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["embed", "--chip", "--json", "--embedder", try model("pool.onnx"), try chip(side: 112)])
        #expect(result.status == 0, "\(result.standardError)")
        let line = try #require(result.outputLines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let faces = try #require(object["faces"] as? [[String: Any]])
        let descriptor = try #require(faces.first?["descriptor"] as? [Double])
        #expect(descriptor.count == 8)
        #expect(abs(descriptor.reduce(0) { $0 + $1 * $1 }.squareRoot() - 1) < 1e-5)

        let wrongSize = try CommandRunner.run(["embed", "--chip", "--embedder", try model("pool.onnx"), try chip(side: 150)])
        #expect(wrongSize.status == 1)
        #expect(wrongSize.errorLines.count == 1 && wrongSize.errorLines[0].contains("112×112"), "\(wrongSize.standardError)")
    }

    @Test func aBadModelIsOneLineAndExitCodeTwo() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.onnx").path
        try Data(PoolingEmbedderModel.bytes().prefix(100)).write(to: URL(fileURLWithPath: broken))
        for path in [broken, directory.appendingPathComponent("absent.onnx").path] {
            let result = try CommandRunner.run(["embed", "--chip", "--embedder", path, try chip(side: 112)])
            #expect(result.status == 2)
            #expect(result.errorLines.count == 1 && result.errorLines[0].contains(path), "\(result.standardError)")
        }
    }

    @Test func onnxPreprocessingOptionsAreRefusedForDlib() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["embed", "--chip", "--embedder-mean", "0", try chip(side: 150)])
        #expect(result.status != 0 && result.status != 1)
        #expect(result.standardError.contains("--embedder-mean"))
    }

    @Test func identifyWithAnONNXModelNeedsAThreshold() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["identify", "--embedder", try model("pool.onnx"), "--gallery", gallery,
                                            RecognitionCommandTests.astronaut])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--threshold"))
        #expect(!FileManager.default.fileExists(atPath: gallery))
    }

    @Test func aGalleryBelongsToTheModelThatFilledIt() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = ["--models", CommandRunner.modelsDirectory, "--gallery", gallery]
        let first = try model("first.onnx")
        let enrol = try CommandRunner.run(["enroll", "Eileen", RecognitionCommandTests.astronaut, "--embedder", first] + models)
        #expect(enrol.status == 0, "\(enrol.standardError)")

        let same = try CommandRunner.run(["identify", "--json", "--embedder", first, "--threshold", "0.5",
                                          RecognitionCommandTests.astronaut] + models)
        #expect(same.status == 0, "\(same.standardError)")
        #expect(same.standardOutput.contains("\"identity\":\"Eileen\""), "\(same.standardOutput)")

        let second = try model("second.onnx", variant: 2)
        for embedder in [second, "dlib"] {
            let other = try CommandRunner.run(["identify", "--embedder", embedder, "--threshold", "0.5",
                                               RecognitionCommandTests.astronaut] + models)
            #expect(other.status == 2)
            #expect(other.errorLines.count == 1 && other.errorLines[0].contains("first.onnx"), "\(other.standardError)")
        }
    }
}
