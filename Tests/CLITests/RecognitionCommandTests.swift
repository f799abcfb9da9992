import Foundation
import Testing

/// `enroll`, `identify` and `identities` on a temporary gallery, with photos from Debian packages.
@Suite struct RecognitionCommandTests {
    static let astronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"
    static let messi = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg"

    let directory: URL
    var gallery: String { directory.appendingPathComponent("gallery.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-recognition-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) throws -> CommandRunner.Result {
        let models = arguments.first == "identities" ? [] : ["--models", CommandRunner.modelsDirectory]
        return try CommandRunner.run(arguments + ["--gallery", gallery] + models)
    }

    /// A 64×64 mid-grey BMP: a valid photo with no face in it.
    static func blankBMP() -> Data {
        BMPFixture.bmp(width: 64, height: 64) { _, _ in (128, 128, 128) }
    }

    @Test func enrolIdentifyRenameRemove() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let photos = directory.appendingPathComponent("eileen")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.astronaut, toPath: photos.appendingPathComponent("portrait.png").path)
        try Self.blankBMP().write(to: photos.appendingPathComponent("wall.bmp"))

        let enrol = try run(["enroll", "Eileen Collins", photos.path])
        #expect(enrol.status == 0, "\(enrol.standardError)")
        #expect(enrol.standardOutput.contains("enrolled Eileen Collins: 1 descriptor added"))
        #expect(enrol.errorLines.count == 1 && enrol.errorLines[0].contains("wall.bmp") && enrol.errorLines[0].contains("no face"))

        let identify = try run(["identify", "--json", Self.astronaut, Self.messi])
        #expect(identify.status == 0, "\(identify.standardError)")
        let lines = try identify.outputLines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let astronautFaces = lines.first?.flatMap { $0["faces"] as? [[String: Any]] } ?? []
        let messiFaces = lines.last?.flatMap { $0["faces"] as? [[String: Any]] } ?? []
        #expect(astronautFaces.count == 1 && astronautFaces.first?["identity"] as? String == "Eileen Collins")
        #expect((astronautFaces.first?["distance"] as? Double ?? 1) < 0.3)
        #expect(messiFaces.count == 1 && messiFaces.first?["identity"] as? String == "unknown")

        #expect(try run(["identities", "list"]).standardOutput == "Eileen Collins\t1\n")
        #expect(try run(["identities", "rename", "Eileen Collins", "Eileen M. Collins"]).status == 0)
        let missing = try run(["identities", "rename", "Nobody", "Somebody"])
        #expect(missing.status == 1 && missing.errorLines.count == 1 && missing.errorLines[0].contains("Nobody"))
        #expect(try run(["identities", "remove", "Eileen M. Collins"]).status == 0)
        #expect(try run(["identities", "list"]).standardOutput.isEmpty)
    }

    @Test func photoWithoutAnyFaceEnrolsNothing() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let blank = directory.appendingPathComponent("blank.bmp")
        try Self.blankBMP().write(to: blank)
        let result = try run(["enroll", "Nobody", blank.path])
        #expect(result.status == 1)
        if FileManager.default.fileExists(atPath: gallery) {
            #expect(try run(["identities", "list"]).standardOutput.isEmpty)
        }
    }

    @Test func aFileThatIsNotAGalleryIsOneLine() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: gallery))
        for arguments in [["identities", "list"], ["identify", Self.messi]] {
            let result = try run(arguments)
            #expect(result.status != 0)
            #expect(result.errorLines.count == 1 && result.errorLines[0].contains(gallery), "\(result.standardError)")
        }
    }
}
