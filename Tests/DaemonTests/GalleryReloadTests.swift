import FaceEvents
import Foundation
import Testing

extension DaemonTests {
    /// SIGHUP while the daemon runs: the gallery is read again, so a person enrolled meanwhile is named from then
    /// on, without a restart.
    @Suite struct GalleryReloadTests {
        /// The astronaut's face crosses the picture every 2.5 s, each time a new track. With nobody enrolled the
        /// first track is `unknown`; the astronaut is then enrolled with `facewatch enroll` into the daemon's gallery
        /// file and the daemon gets SIGHUP: from then on the face is named (the track on screen as soon as its next
        /// descriptors match, or the next track), and it was not named before the reload.
        @Test(.timeLimit(.minutes(2)))
        func enrolmentsTakeEffectOnSighup() throws {
            let directory = try TestDirectory()
            let run = try GatedFaceClipRun(seconds: 15, subscribers: 0, realtime: true, in: directory)
            defer { run.kill() }
            let (configuration, daemon) = (run.configuration, run.daemon)
            let log = EventLogFollower(path: configuration.log, daemon: daemon)
            let first = try log.next("the first identity", within: 60) { $0.identity != nil }
            #expect(first.identity == FaceEvent.unknownIdentity)

            let enrol = try ChildProcess(
                TestEnvironment.facewatch,
                ["enroll", "Eileen Collins", TestEnvironment.astronaut, "--gallery", configuration.gallery, "--models", configuration.models],
                standardOutput: directory.file("enroll.out"), standardError: directory.file("enroll.err"))
            #expect(enrol.waitForExit(within: 60) == .exited(0), "\(enrol.standardError)")
            daemon.child.send(SIGHUP)
            let reloaded = eventually(within: 10) { daemon.standardErrorLines.contains { $0.contains("gallery reloaded") } }
            try #require(reloaded, "\(daemon.standardErrorLines)")
            let identitiesBeforeReload = log.events.compactMap(\.identity)

            let named = try log.next("an identity naming the astronaut", within: 20) { $0.identity == "Eileen Collins" }
            #expect(!identitiesBeforeReload.contains("Eileen Collins"), "\(identitiesBeforeReload)")
            #expect(daemon.standardErrorLines.contains { $0.contains("gallery reloaded: 1 people, 1 descriptors") })
            let stop = daemon.terminate(within: 5)
            #expect(stop.termination == .exited(0), "\(daemon.standardErrorLines)")
        }
    }
}
