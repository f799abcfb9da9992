import Foundation
import Testing

/// `facewatch detect` as a person runs it: good and bad images together, JSON out, annotated pictures.
@Suite struct DetectCommandTests {
    static let messi = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ bytes: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try bytes.write(to: url)
        return url.path
    }

    /// A BMP header announcing a 60000×60000 24-bit image, with no pixel data behind it.
    static func hugeBMPHeader() -> Data {
        var d = Data("BM".utf8)
        func le32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func le16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        le32(UInt32(truncatingIfNeeded: 54 + 60000 * 60000 * 3)); le32(0); le32(54)
        le32(40); le32(60000); le32(60000); le16(1); le16(24); le32(0); le32(0); le32(2835); le32(2835); le32(0); le32(0)
        d.append(Data(repeating: 0x7F, count: 4096))
        return d
    }

    /// `facewatch bench detect` (what scripts/bench-detect tabulates): one JSON line per image with the faces, the
    /// time per run and per stage, and the candidates that reached R-Net and O-Net.
    @Test func benchDetectReportsTimesStagesAndCandidates() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["bench", "detect", "--repeat", "1", Self.messi])
        #expect(result.status == 0, "\(result.standardError)")
        let line = try #require(result.outputLines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["faces"] as? Int == 1)
        let ms = try #require(object["ms"] as? [String: Double])
        #expect(ms["min"]! > 0 && ms["min"]! <= ms["median"]! && ms["median"]! <= ms["max"]!)
        let stages = try #require(object["stages"] as? [String: Double])
        #expect(Set(stages.keys) == ["pyramid", "pnet", "rnet", "onet", "nms"])
        let candidates = try #require(object["candidates"] as? [String: Int])
        // Every face O-Net confirms came through R-Net, and R-Net passes on no more than it was given.
        #expect(candidates["rnet"]! >= candidates["onet"]! && candidates["onet"]! >= 1)
    }

    @Test func badImagesGetOneErrorLineEachAndTheRestIsProcessed() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: Self.messi))
        let empty = try file("empty.jpg", Data())
        let truncated = try file("truncated.jpg", jpeg.prefix(jpeg.count / 2))
        let text = try file("notes.jpg", Data("these are not pixels\n".utf8))
        let huge = try file("huge.bmp", Self.hugeBMPHeader())
        let missing = directory.appendingPathComponent("missing.png").path

        let result = try CommandRunner.run(["detect", "--json", "--models", CommandRunner.modelsDirectory,
                                            empty, Self.messi, truncated, text, huge, missing])
        #expect(result.status == 1)
        #expect(result.outputLines.count == 1)
        let json = try JSONSerialization.jsonObject(with: Data(result.outputLines[0].utf8)) as? [String: Any]
        #expect(json?["image"] as? String == Self.messi)
        #expect(json?["width"] as? Int == 548)
        #expect((json?["faces"] as? [Any])?.count == 1)

        #expect(result.errorLines.count == 5, "\(result.standardError)")
        for bad in [empty, truncated, text, huge, missing] {
            #expect(result.errorLines.filter { $0.contains(bad) }.count == 1, "no single error line names \(bad)")
        }
        let hugeLine = result.errorLines.first { $0.contains(huge) } ?? ""
        #expect(hugeLine.contains("60000"))
    }

    @Test func jsonFollowsTheSchema() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["detect", "--json", "--models", CommandRunner.modelsDirectory, Self.messi])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let face = try #require((json["faces"] as? [[String: Any]])?.first)
        let box = try #require(face["box"] as? [Double])
        #expect(box.count == 4)
        #expect((face["score"] as? Double ?? 0) > 0.99)
        let landmarks = try #require(face["landmarks"] as? [[Double]])
        #expect(landmarks.count == 5 && landmarks.allSatisfy { $0.count == 2 })
    }

    @Test func annotateWritesAPicture() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("messi-faces.png").path
        let result = try CommandRunner.run(["detect", "--models", CommandRunner.modelsDirectory, "--annotate", out, Self.messi])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("1 face"))
        let png = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let original = try CommandRunner.run(["detect", "--json", "--models", CommandRunner.modelsDirectory, out])
        #expect(original.status == 0)
    }

    @Test func missingModelsIsOneLineAndExitCodeTwo() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["detect", "--models", directory.appendingPathComponent("nothing").path, Self.messi])
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.contains("models directory not found") == true)
    }
}
