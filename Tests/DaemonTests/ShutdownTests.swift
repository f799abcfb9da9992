import FaceEvents
import Foundation
import Testing

extension DaemonTests {
    /// SIGTERM while a video with faces is being analysed.
    @Suite struct ShutdownTests {
        /// The daemon exits 0 within 5 s, ends the open track and the stream with events, and every line of its log
        /// reached every subscriber (all three connected before the first event: the video comes through a named
        /// pipe that the test fills only after they connected).
        @Test(.timeLimit(.minutes(2)))
        func sigtermDuringAnalysisDeliversEveryEventAndExitsZero() throws {
            let directory = try TestDirectory()
            let run = try GatedFaceClipRun(seconds: 10, subscribers: 3, realtime: true, in: directory)
            defer { run.kill() }
            let (configuration, daemon, subscribers) = (run.configuration, run.daemon, run.subscribers)

            let log = EventLogFollower(path: configuration.log, daemon: daemon)
            _ = try log.next("track.start", within: 60) { $0.typeName == "track.start" }
            let stop = daemon.terminate(within: 5)
            #expect(stop.termination == .exited(0), "\(daemon.standardErrorLines)")
            #expect(stop.seconds < 5)
            #expect(daemon.standardErrorLines.contains { $0.contains("stopping (signal \(SIGTERM))") })

            let events = log.events
            #expect(events.last?.down?.reason == "facewatch is stopping")
            #expect(events.last?.down?.retryIn == nil)
            let started = Set(events.filter { $0.typeName == "track.start" }.compactMap(\.track))
            let ended = Set(events.filter { $0.typeName == "track.end" }.compactMap(\.track))
            #expect(!started.isEmpty && started == ended)
            let logBytes = log.bytes
            for (number, subscriber) in subscribers.enumerated() {
                #expect(subscriber.waitForEnd(within: 5))
                #expect(subscriber.end == "end of stream", "subscriber \(number)")
                #expect(
                    subscriber.bytes == logBytes, "subscriber \(number): \(subscriber.lines.count) lines, log \(events.count)")
            }
        }
    }
}
