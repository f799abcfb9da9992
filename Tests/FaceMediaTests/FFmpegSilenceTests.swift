import FaceMedia
import FaceVision
import Foundation
import Testing

/// FFmpeg complains loudly about broken files; none of it may reach standard error.
@Suite(.serialized) struct FFmpegSilenceTests {
    @Test func brokenFilesLeaveStandardErrorEmpty() throws {
        let directory = try TemporaryDirectory()
        try ImageFile.encode(SyntheticImages.gradient(width: 120, height: 90, noise: 20), to: directory.file("whole.jpg"))
        let jpeg = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.file("whole.jpg"))))
        let broken = [
            try directory.write(Array(jpeg.prefix(jpeg.count / 2)), to: "half.jpg"),
            try directory.write(CraftedHeaders.png(width: 60000, height: 60000), to: "huge.png"),
            try directory.write(CraftedHeaders.bmp(width: 60000, height: 60000), to: "huge.bmp"),
            try directory.write(Array("not a picture".utf8), to: "text.jpg"),
        ]
        let captured = directory.file("stderr.txt")
        var failures = 0
        try withStandardError(redirectedTo: captured) {
            for path in broken {
                do { _ = try ImageFile.decode(path: path) } catch { failures += 1 }
            }
        }
        #expect(failures == broken.count)
        let written = try String(contentsOfFile: captured, encoding: .utf8)
        #expect(written.isEmpty, "FFmpeg wrote: \(written)")
    }

    private func withStandardError(redirectedTo path: String, _ body: () throws -> Void) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let file = open(path, O_WRONLY)
        try #require(file >= 0)
        let saved = dup(STDERR_FILENO)
        fflush(nil)
        dup2(file, STDERR_FILENO)
        close(file)
        defer {
            fflush(nil)
            dup2(saved, STDERR_FILENO)
            close(saved)
        }
        try body()
    }
}
