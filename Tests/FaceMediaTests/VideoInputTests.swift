import FaceMedia
import FaceVision
import Foundation
import Testing

/// Video decoding through FFmpeg on clips the ffmpeg command makes, and the ways a source can fail.
@Suite(.enabled(if: FFmpegCommand.path != nil, "needs the ffmpeg command"))
struct VideoInputTests {
    /// A 2-second 25 fps clip of FFmpeg's test pattern.
    static func makeClip(in directory: TemporaryDirectory, name: String = "clip.mp4", size: String = "320x240", extra: [String] = []) throws -> String {
        let path = directory.file(name)
        _ = try FFmpegCommand.run(
            ["-f", "lavfi", "-i", "testsrc2=size=\(size):rate=25:duration=2", "-pix_fmt", "yuv420p"] + extra + [path])
        return path
    }

    @Test func decodesEveryFrameWithItsTime() throws {
        let directory = try TemporaryDirectory()
        let input = try VideoInput(location: .file(path: try Self.makeClip(in: directory)))
        #expect(input.width == 320 && input.height == 240)
        #expect(input.framesPerSecond == 25)
        var frames = [VideoFrame]()
        while let frame = try input.nextFrame() { frames.append(frame) }
        #expect(frames.count == 50)
        for (n, frame) in frames.enumerated() {
            #expect(frame.index == n)
            #expect(abs(frame.pts - Double(n) / 25) < 0.001)
            #expect(frame.image.width == 320 && frame.image.height == 240 && frame.scale == 1)
        }
    }

    @Test func pixelsAgreeWithTheCommandLine() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.makeClip(in: directory, name: "lossless.mkv", extra: ["-c:v", "ffv1"])
        let expected = try FFmpegCommand.run(["-i", path, "-frames:v", "1", "-sws_flags", "bilinear", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        let input = try VideoInput(location: .file(path: path))
        let frame = try #require(try input.nextFrame())
        #expect(expected.count == frame.image.pixels.count)
        let differences = zip(expected, frame.image.pixels).map { abs(Int($0) - Int($1)) }
        #expect((differences.max() ?? 99) <= 2)
        #expect(Double(differences.reduce(0, +)) / Double(differences.count) < 0.5)
    }

    /// Widths that are not a multiple of 16, where swscale's packed output would leave the last pixels of a row
    /// unwritten (100) or run past the end of the picture (360, a portrait clip), at the source's size and
    /// downscaled for analysis: every pixel as the command line converts it.
    @Test(arguments: [("360x640", 0, ""), ("100x80", 0, ""), ("320x240", 100, "scale=100:75"), ("320x240", 200, "scale=200:150")])
    func everyWidthConvertsWhole(size: String, analysisWidth: Int, filter: String) throws {
        let directory = try TemporaryDirectory()
        let path = try Self.makeClip(in: directory, name: "lossless.mkv", size: size, extra: ["-c:v", "ffv1"])
        let filtering = filter.isEmpty ? [] : ["-vf", filter]
        let expected = try FFmpegCommand.run(
            ["-i", path, "-frames:v", "1", "-sws_flags", "bilinear"] + filtering + ["-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
        let input = try VideoInput(location: .file(path: path), options: VideoInputOptions(analysisWidth: analysisWidth))
        let frame = try #require(try input.nextFrame())
        try #require(expected.count == frame.image.pixels.count, "\(frame.image.width)×\(frame.image.height)")
        let differences = zip(expected, frame.image.pixels).map { abs(Int($0) - Int($1)) }
        #expect((differences.max() ?? 99) <= 2)
        #expect(Double(differences.reduce(0, +)) / Double(differences.count) < 0.5)
    }

    @Test func downscalesForAnalysisAndReportsTheScale() throws {
        let directory = try TemporaryDirectory()
        let options = VideoInputOptions(analysisWidth: 160)
        let input = try VideoInput(location: .file(path: try Self.makeClip(in: directory)), options: options)
        let frame = try #require(try input.nextFrame())
        #expect(frame.image.width == 160 && frame.image.height == 120)
        #expect(frame.sourceWidth == 320 && frame.sourceHeight == 240 && frame.scale == 2)
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: VideoInputError.fileNotFound(source: "/nonexistent/clip.mp4")) {
            try VideoInput(location: .file(path: "/nonexistent/clip.mp4"))
        }
    }

    @Test func aTextFileIsNotAVideo() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Array("this is not a video\n".utf8), to: "notes.mp4")
        let error = #expect(throws: VideoInputError.self) { try VideoInput(location: .file(path: path)) }
        guard case .cannotOpen(let source, _) = error else { Issue.record("unexpected \(String(describing: error))"); return }
        #expect(source == path)
        #expect(error?.description.hasPrefix(path + ": cannot open (FFmpeg: ") == true)
    }

    /// A clip cut in half (index first, so it still opens) ends early or fails; it never crashes or hangs.
    @Test func aTruncatedClipEndsCleanly() throws {
        let directory = try TemporaryDirectory()
        let whole = try Self.makeClip(in: directory, extra: ["-movflags", "+faststart"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
        let cut = try directory.write(Array(bytes.prefix(bytes.count / 2)), to: "cut.mp4")
        let input = try VideoInput(location: .file(path: cut))
        var decoded = 0
        do {
            while try input.nextFrame() != nil { decoded += 1 }
        } catch {
            #expect(error.source == cut)
        }
        #expect(decoded > 0 && decoded < 50)
    }

    /// The frames before the cut are delivered, then the end is reported as a failure that names the damage,
    /// not as the quiet end of a whole file.
    @Test func aClipCutShortSaysSoAtItsEnd() throws {
        let directory = try TemporaryDirectory()
        let whole = try Self.makeClip(in: directory, extra: ["-movflags", "+faststart"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
        let cut = try directory.write(Array(bytes.prefix(bytes.count / 2)), to: "cut.mp4")
        let input = try VideoInput(location: .file(path: cut))
        var decoded = 0
        let error = #expect(throws: VideoInputError.self) {
            while try input.nextFrame() != nil { decoded += 1 }
        }
        guard case .readFailed(let source, let detail) = error else { Issue.record("unexpected \(String(describing: error))"); return }
        #expect(source == cut)
        #expect(detail.contains("partial file"), "\(detail)")
        #expect(decoded > 0 && decoded < 50)
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try SilentServer()
        let started = Date()
        let url = "rtsp://127.0.0.1:\(server.port)/cam"
        #expect(throws: VideoInputError.timedOut(source: url, seconds: 0.5, during: "connecting")) {
            try VideoInput(location: .network(url: url), options: VideoInputOptions(timeout: 0.5))
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func cancellingInterruptsAWaitAtOnce() throws {
        let server = try SilentServer()
        let gate = InterruptGate()
        let url = "rtsp://127.0.0.1:\(server.port)/cam"
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { gate.cancel() }
        let started = Date()
        #expect(throws: VideoInputError.cancelled(source: url)) {
            try VideoInput(location: .network(url: url), options: VideoInputOptions(timeout: 60), gate: gate)
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func aRefusedConnectionSaysSo() throws {
        let port = try SilentServer().port  // closed again once the server value is gone
        let url = "rtsp://127.0.0.1:\(port)/cam"
        let error = #expect(throws: VideoInputError.self) {
            try VideoInput(location: .network(url: url), options: VideoInputOptions(timeout: 5))
        }
        #expect(error?.description.contains("Connection refused") == true)
    }
}

struct MediaLocationTests {
    @Test func schemesDecideWhatIsLive() {
        #expect(MediaLocation("rtsp://cam/stream1") == .network(url: "rtsp://cam/stream1"))
        #expect(MediaLocation("HTTPS://cam/x.m3u8").isLive)
        #expect(MediaLocation("/videos/door.mp4") == .file(path: "/videos/door.mp4"))
        #expect(MediaLocation("clips/a:b.mp4") == .file(path: "clips/a:b.mp4"))
        #expect(MediaLocation("file:///x.mp4") == .file(path: "file:///x.mp4"))
    }

    @Test func passwordsNeverReachTheLog() {
        #expect(MediaLocation("rtsp://admin:s3cret@192.0.2.10:554/s1").description == "rtsp://admin:***@192.0.2.10:554/s1")
        #expect(MediaLocation("rtsp://admin@192.0.2.10/s1").description == "rtsp://admin@192.0.2.10/s1")
        #expect(MediaLocation("rtsp://192.0.2.10/s1?a=b@c").description == "rtsp://192.0.2.10/s1?a=b@c")
    }
}
