import FaceMedia
import FaceVision
import Foundation
import Testing

/// `ImageFile.decode` must give exactly the pixels of `ffmpeg -i FILE -f rawvideo -pix_fmt rgb24 -`, which is how
/// the reference detector reads images. Runs only where the `ffmpeg` command is installed.
@Suite(.enabled(if: FFmpegCommand.path != nil, "needs the ffmpeg command"))
struct FFmpegCommandLineAgreementTests {
    /// Pictures in several formats, pixel layouts and odd sizes, made by the ffmpeg command from its test pattern.
    @Test(arguments: [
        ("yuvj420p.jpg", ["-pix_fmt", "yuvj420p"]),
        ("yuvj444p.jpg", ["-pix_fmt", "yuvj444p"]),
        ("yuv422-bt709.mkv", ["-pix_fmt", "yuv422p", "-colorspace", "bt709", "-c:v", "ffv1"]),
        ("lossy.webp", []),
        ("plain.bmp", []),
        ("palette.gif", []),
        ("rgba.png", ["-pix_fmt", "rgba"]),
        ("gray.png", ["-pix_fmt", "gray"]),
        ("deep.png", ["-pix_fmt", "rgb48be"]),
        ("plain.tiff", []),
    ])
    func generatedPicturesMatch(name: String, options: [String]) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(name)
        _ = try FFmpegCommand.run(["-f", "lavfi", "-i", "testsrc2=size=333x217", "-frames:v", "1"] + options + [path])
        try expectAgreement(path)
    }

    static let realPhotos = [
        "/usr/share/doc/opencv-doc/examples/data/messi5.jpg",
        SharedData.path("photos/face_recognition/examples/obama.jpg"),
        SharedData.path("photos/face_recognition/examples/lin-manuel-miranda.png"),
        SharedData.path("photos/face_recognition/tests/test_images/32bit.png"),
        SharedData.path("photos/ipazc_mtcnn/resources/ivan.jpg"),
        SharedData.path("lfw/lfw-deepfunneled/Aaron_Eckhart/Aaron_Eckhart_0001.jpg"),
    ].filter { FileManager.default.fileExists(atPath: $0) }

    @Test(.enabled(if: !realPhotos.isEmpty, "needs opencv-doc or the shared data"))
    func realPhotosMatch() throws {
        for path in Self.realPhotos { try expectAgreement(path) }
    }

    private func expectAgreement(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try ImageFile.decode(path: path)
        let theirs = try FFmpegCommand.run(["-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        #expect(theirs.count == ours.pixels.count, "\(path): size", sourceLocation: sourceLocation)
        let differing = zip(theirs, ours.pixels).filter { $0 != $1 }.count
        #expect(differing == 0, "\(path): \(differing) of \(theirs.count) bytes differ", sourceLocation: sourceLocation)
    }
}

/// The `ffmpeg` command-line tool, when installed.
enum FFmpegCommand {
    static let path: String? = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    struct Failure: Error, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        var description: String { "ffmpeg \(arguments.joined(separator: " ")): exit status \(status)" }
    }

    /// Runs ffmpeg quietly and returns what it wrote to standard output.
    static func run(_ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = ["-nostdin", "-v", "error", "-y"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(arguments: arguments, status: process.terminationStatus) }
        return [UInt8](bytes)
    }
}

/// The project's shared real data (`../shared/data` beside the repository), which may be absent.
enum SharedData {
    static func path(_ relative: String) -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/data/\(relative)").path
    }
}
