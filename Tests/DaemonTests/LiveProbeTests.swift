import FaceMedia
import Foundation
import Testing

extension DaemonTests {
    /// A live source's first frames come at the stream's pace, not in one burst: FFmpeg hands over at once every
    /// frame it read while probing the stream, and its default probe (about 1.2 s of this server's stream) made
    /// each connection begin with some thirty stale frames, more than a live queue holds.
    @Suite(
        .enabled(
            if: RTSPTestServer.unavailableReason == nil,
            "needs /usr/bin/python3 with GStreamer's RTSP server bindings (scripts/rtsp-deps installs them)"))
    struct LiveProbeTests {
        @Test(.timeLimit(.minutes(1)))
        func theFirstFramesOfAnRTSPStreamArriveAtItsPace() throws {
            let directory = try TestDirectory()
            let server = RTSPTestServer(clip: try TestClips.pattern(in: directory, seconds: 4), in: directory)
            try server.start()
            defer { server.kill() }
            let input = try VideoInput(location: .network(url: server.url))
            defer { input.close() }
            var arrivals = [Double]()
            while arrivals.count < 21, let frame = try input.nextFrame() {
                arrivals.append(frame.decodedAt)
            }
            try #require(arrivals.count == 21)
            // At 25 fps, frames 0…20 span 0.8 s of the stream; with a 0.2 s probe about 0.55 s of that arrives
            // paced. With FFmpeg's default probe all 21 came within about 0.05 s.
            #expect(arrivals[20] - arrivals[0] > 0.3, "21 frames within \(arrivals[20] - arrivals[0]) s")
        }
    }
}
