import FaceEvents
import Foundation
import Glibc
import Testing

extension DaemonTests {
    /// Damaged videos, a camera that never answers and a client that talks back, all in one daemon beside a healthy
    /// stream.
    @Suite struct BadInputTests {
        static let silentReason = "no data for 1 s while connecting"

        /// Each bad source is reported in one line naming the cause (a file once, the silent camera at every
        /// attempt), the chatty client in one line on standard error, and the healthy stream and the other
        /// subscriber carry on as if nothing happened.
        @Test(.timeLimit(.minutes(3)))
        func badSourcesAndAChattyClientLeaveTheRestAlone() throws {
            let directory = try TestDirectory()
            let faceClip = try TestClips.face(in: directory, seconds: 10)
            let patternClip = try TestClips.pattern(in: directory, seconds: 2)
            let indexAtEnd = try TestClips.indexAtEnd(patternClip, in: directory, name: "index-at-end.mp4")
            let hungCamera = try LoopbackTCPPort(listening: true)
            var healthy = DaemonConfiguration.Stream(name: "healthy", url: faceClip)
            healthy.realtime = true
            var silent = DaemonConfiguration.Stream(name: "silent", url: "rtsp://127.0.0.1:\(hungCamera.port)/cam")
            silent.timeout = 1
            silent.reconnect = (initialDelay: 0.2, maxDelay: 0.5)
            let damaged = [
                ("noise", try TestClips.noise(in: directory, count: 64 * 1024, name: "noise.mp4")),
                ("lost-index", try TestClips.truncated(indexAtEnd, fraction: 0.5, in: directory, name: "lost-index.mp4")),
                ("cut-short", try TestClips.truncated(patternClip, fraction: 0.5, in: directory, name: "cut-short.mp4")),
            ].map { DaemonConfiguration.Stream(name: $0.0, url: $0.1) }
            let configuration = DaemonConfiguration(in: directory, streams: [healthy] + damaged + [silent])
            let daemon = try DaemonProcess(configuration: configuration, in: directory)
            defer { daemon.child.kill() }
            try daemon.waitForSocket(configuration.socket)
            let subscriber = try SubscriberRecorder(socketPath: configuration.socket)
            let log = EventLogFollower(path: configuration.log, daemon: daemon)

            let failing = ["noise", "lost-index", "cut-short", "silent"]
            let allFailed = eventually(within: 60) {
                let downs = Set(log.events.filter { $0.down != nil }.map(\.stream))
                return failing.allSatisfy(downs.contains) || !daemon.isRunning
            }
            try #require(allFailed, "not every bad stream was reported: \(log.lines)")
            let chatty = try RawSocketClient(path: configuration.socket)
            for garbage in Self.garbage {
                try chatty.send(garbage)
                Thread.sleep(forTimeInterval: 0.1)
            }
            _ = eventually(within: 5) { daemon.standardErrorLines.contains { $0.contains("unexpected bytes") } }
            let linesBeforeTheGarbageWasRead = log.lines.count
            let laterFace = eventually(within: 60) {
                !daemon.isRunning
                    || log.events.dropFirst(linesBeforeTheGarbageWasRead).contains { $0.stream == "healthy" && $0.track != nil }
            }
            #expect(laterFace, "no track event from the healthy stream after the bad input: \(log.lines.suffix(5))")
            let stop = daemon.terminate(within: 5)
            #expect(stop.termination == .exited(0), "\(daemon.standardErrorLines)")

            let events = log.events
            Self.expectRefusedFile(events.filter { $0.stream == "noise" })
            Self.expectRefusedFile(events.filter { $0.stream == "lost-index" })
            Self.expectCutShort(events.filter { $0.stream == "cut-short" })
            Self.expectSilentCamera(events.filter { $0.stream == "silent" })
            let healthyDowns = events.filter { $0.stream == "healthy" }.compactMap(\.down?.reason)
            #expect(healthyDowns == ["facewatch is stopping"] || healthyDowns == [FaceEvent.endOfFileReason])

            let errors = daemon.standardErrorLines
            let complaints = errors.filter { $0.contains("unexpected bytes") }
            #expect(complaints.count == 1 && complaints[0].contains("(pid \(getpid()))"), "\(errors)")
            #expect(errors.allSatisfy { $0.hasPrefix("facewatch: ") && isOneLine($0) }, "\(errors)")

            #expect(subscriber.waitForEnd(within: 5))
            #expect(!subscriber.lines.isEmpty && subscriber.lines == Array(log.lines.suffix(subscriber.lines.count)))
            let heardByChatty = chatty.readToEnd(within: 5)
            #expect(heardByChatty.closedByServer && !heardByChatty.bytes.isEmpty)
            #expect(log.bytes.suffix(heardByChatty.bytes.count) == heardByChatty.bytes[...], "the chatty client missed events")
        }

        /// What the chatty client sends: a stray line, every byte value, and 100 KB ending in a forged event.
        static let garbage: [[UInt8]] = [
            Array("hello?\n".utf8),
            (0...255).map { UInt8($0) },
            Array(repeating: UInt8(ascii: "x"), count: 100_000)
                + Array("\n{\"v\":1,\"type\":\"stream.up\",\"stream\":\"forged\"}\n".utf8),
        ]

        /// A file FFmpeg cannot open: one `stream.down`, no retry, the cause in one line.
        static func expectRefusedFile(_ events: [FaceEvent]) {
            let reasons = events.compactMap(\.down?.reason)
            #expect(events.count == 1 && reasons.count == 1, "\(events)")
            #expect(reasons.allSatisfy { $0.hasPrefix("cannot open (") && isOneLine($0) }, "\(reasons)")
            #expect(events.allSatisfy { $0.down?.retryIn == nil }, "a file is not retried: \(events)")
        }

        /// A clip cut in half with its index in front: it opens and plays, then ends with a read failure, not with
        /// the `end of file` of a whole clip.
        static func expectCutShort(_ events: [FaceEvent]) {
            #expect(events.first?.isStreamUp == true, "\(events)")
            let end = events.last?.down
            #expect(end.map { $0.reason.hasPrefix("read failed (") && isOneLine($0.reason) } == true, "\(events)")
            #expect(end?.retryIn == nil)
        }

        /// A camera that accepts the connection and never answers: down at every attempt, retried within the
        /// configured delays; never up.
        static func expectSilentCamera(_ events: [FaceEvent]) {
            let downs = events.compactMap(\.down)
            #expect(!downs.isEmpty && downs.count == events.count, "\(events)")
            for down in downs.dropLast() {
                #expect(down.reason == silentReason && down.retryIn.map { $0 > 0 && $0 <= 0.5 } == true, "\(down)")
            }
            // The daemon may stop during an attempt: that one ends without a stream.down of its own.
            #expect(downs.last.map { $0.reason == silentReason && $0.retryIn != nil } == true, "\(events)")
        }
    }
}
