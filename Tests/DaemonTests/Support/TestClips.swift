import Foundation

/// The videos the daemon tests feed it, made by the ffmpeg command in the test's directory: H.264 (baseline, no
/// B-frames, a key frame every second) in MP4 with the index in front, at 25 frames per second.
enum TestClips {
    /// FFmpeg's moving test pattern: no face in it.
    static func pattern(in directory: TestDirectory, seconds: Int, name: String = "pattern.mp4") throws -> String {
        try encode(
            ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25"], seconds: seconds, to: directory.file(name),
            in: directory)
    }

    /// The astronaut's face (about 55 pixels wide) gliding across a grey 160×120 frame for 1.4 s of every 2.5 s, so
    /// that each appearance is a new track with its own `track.start`, `identity` and `track.end`.
    static func face(in directory: TestDirectory, seconds: Int, name: String = "face.mp4") throws -> String {
        try encode(
            [
                "-f", "lavfi", "-i", "color=c=gray:size=160x120:rate=25",
                "-loop", "1", "-framerate", "25", "-i", TestEnvironment.astronaut,
                "-filter_complex",
                "[1:v]crop=150:170:150:30,scale=96:108[face];"
                    + "[0:v][face]overlay=x='10+20*mod(t,2.5)':y=6:enable='lt(mod(t,2.5),1.4)':shortest=1",
            ],
            seconds: seconds, to: directory.file(name), in: directory)
    }

    /// `count` bytes from a fixed-seed generator: a file that claims to be a video and is not.
    static func noise(in directory: TestDirectory, count: Int, name: String) throws -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<count).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        return try directory.write(bytes, to: name)
    }

    /// The first `fraction` of the bytes of `clip`.
    static func truncated(_ clip: String, fraction: Double, in directory: TestDirectory, name: String) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: clip)))
        return try directory.write(Array(bytes.prefix(Int(Double(bytes.count) * fraction))), to: name)
    }

    /// Re-muxes `clip` with its index (moov) at the end, where a cut-off copy loses it.
    static func indexAtEnd(_ clip: String, in directory: TestDirectory, name: String) throws -> String {
        let target = directory.file(name)
        try ffmpeg(["-i", clip, "-c", "copy", target], in: directory)
        return target
    }

    private static func encode(_ input: [String], seconds: Int, to target: String, in directory: TestDirectory) throws -> String {
        try ffmpeg(
            input + [
                "-t", String(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-profile:v", "baseline",
                "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-bf", "0", "-movflags", "+faststart", target,
            ],
            in: directory)
        return target
    }

    /// Runs ffmpeg with its messages in a file rather than a pipe: a pipe's end inherited by another test's child
    /// would keep a read to the end of it waiting.
    private static func ffmpeg(_ arguments: [String], in directory: TestDirectory) throws {
        guard let ffmpeg = TestEnvironment.ffmpeg else {
            throw DaemonTestError.helperFailed(program: "ffmpeg", detail: "not installed")
        }
        let run = try ChildProcess(
            ffmpeg, ["-nostdin", "-v", "error", "-y"] + arguments,
            standardOutput: directory.file("ffmpeg.out"), standardError: directory.file("ffmpeg.err"))
        let termination = run.waitForExit(within: 120)
        guard termination == .exited(0) else {
            throw DaemonTestError.helperFailed(
                program: "ffmpeg", detail: "\(termination?.description ?? "still running after 120 s"): \(run.standardError)")
        }
    }
}
