import Foundation
import Testing
@testable import FaceIdentity

/// A process enrolling into a gallery is killed with SIGKILL mid-enrolment; the gallery must come back
/// consistent: intact, every person complete, nobody half-enrolled.
///
/// The writer is this very test binary, started again with `crashWriterEnrolsUntilKilled` selected and the
/// gallery's path in the environment; that test is disabled in ordinary runs.
@Suite(.serialized)
struct GalleryCrashTests {
    static let pathVariable = "FACEWATCH_CRASH_WRITER_GALLERY"
    static let roundVariable = "FACEWATCH_CRASH_WRITER_ROUND"
    static let readyMarker = "crash-writer: enrolling"
    static let peoplePerRound = 10_000
    static let descriptorsPerPerson = 10
    static let embedder = EmbedderIdentity.dlibResNet

    @Test(.enabled(
        if: ProcessInfo.processInfo.environment[pathVariable] != nil,
        "run only as the child of killedWriterLeavesAConsistentGallery"))
    func crashWriterEnrolsUntilKilled() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = try #require(environment[Self.pathVariable])
        let round = environment[Self.roundVariable] ?? "0"
        let gallery = try Gallery(path: path, embedder: Self.embedder)
        var generator = SyntheticDescriptors(seed: UInt64(round) ?? 0)
        for person in 0..<Self.peoplePerRound {
            let descriptors = (0..<Self.descriptorsPerPerson).map { image in
                Descriptor(vector: generator.next(for: Self.embedder), sourceImage: "round\(round)/p\(person)/\(image).jpg")
            }
            try gallery.enroll("round\(round)-person\(person)", descriptors: descriptors)
            if person == 0 {
                FileHandle.standardError.write(Data((Self.readyMarker + "\n").utf8))
            }
        }
    }

    @Test func killedWriterLeavesAConsistentGallery() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gallery.sqlite")
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var peopleBefore = 0
        for round in 0..<3 {
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: testBinary)
            writer.arguments = ["--testing-library", "swift-testing", "--filter", "crashWriterEnrolsUntilKilled"]
            var environment = ProcessInfo.processInfo.environment
            environment[Self.pathVariable] = path
            environment[Self.roundVariable] = String(round)
            writer.environment = environment
            let errors = Pipe()
            writer.standardError = errors
            writer.standardOutput = FileHandle.nullDevice
            try writer.run()

            var said = ""
            while !said.contains(Self.readyMarker) {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said += String(decoding: chunk, as: UTF8.self)
            }
            try #require(said.contains(Self.readyMarker), "the writer never started enrolling: \(said)")
            Thread.sleep(forTimeInterval: 0.05 + 0.1 * Double(round))
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            #expect(writer.terminationReason == .uncaughtSignal && writer.terminationStatus == SIGKILL)

            let gallery = try Gallery(existingAt: path)
            let integrity = try gallery.pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"])
            let orphans = try gallery.pool.read {
                try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM descriptor WHERE person_id NOT IN (SELECT id FROM person)")
            }
            #expect(orphans == 0)
            let people = try gallery.people()
            #expect(people.allSatisfy { $0.descriptorCount == Self.descriptorsPerPerson }, "a person is half-enrolled")
            let enrolledThisRound = people.count - peopleBefore
            #expect(enrolledThisRound >= 1, "the first enrolment was reported committed")
            #expect(enrolledThisRound < Self.peoplePerRound, "the writer finished before it was killed")
            let index = try gallery.loadIndex()
            #expect(index.count == people.count * Self.descriptorsPerPerson)
            peopleBefore = people.count
        }
    }
}
