import Foundation
import Testing

/// `validate` with a detection cache, the retry pass and mirror averaging, on `PairsFixture`'s four photos.
@Suite struct ValidateCommandTests {
    let fixture: PairsFixture
    var cache: String { fixture.cache }

    init() throws {
        fixture = try PairsFixture()
    }

    func validate(_ extra: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(["validate", "--json", "--pairs", fixture.pairs, "--images", fixture.images, "--threads", "2",
                               "--models", CommandRunner.modelsDirectory] + extra)
    }

    func summary(_ result: CommandRunner.Result) throws -> [String: Any] {
        try PairsFixture.object(result)
    }

    @Test func theCacheHoldsWhatDetectPrintsAndIsReadBack() throws {
        defer { fixture.remove() }
        let first = try validate(["--detections-cache", cache])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try summary(first)["imagesWithoutFace"] as? Int == 1)

        let lines = try String(contentsOfFile: cache, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == #"{"detector":{"minFace":20.0,"thresholds":[0.6,0.7,0.7],"factor":0.709,"retryThresholds":[0.4,0.5,0.7]}}"#)
        let detect = try CommandRunner.run(["detect", "--json", "--models", CommandRunner.modelsDirectory] + fixture.imagePaths)
        #expect(Array(lines.dropFirst()) == detect.outputLines, "the cache lines are detect --json's lines, sorted by path")

        // Give the blank picture the astronaut's face: a second run must take it from the cache.
        let astronautLine = try #require(lines.first { $0.contains("Eileen_0001") })
        let tampered = lines.map { line in
            line.contains("Blank_0001") ? astronautLine.replacingOccurrences(of: "Eileen/Eileen_0001", with: "Blank/Blank_0001") : line
        }
        try (tampered.joined(separator: "\n") + "\n").write(toFile: cache, atomically: true, encoding: .utf8)
        let second = try validate(["--detections-cache", cache])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(try summary(second)["imagesWithoutFace"] as? Int == 0)
        #expect(try String(contentsOfFile: cache, encoding: .utf8).split(separator: "\n").count == 5, "nothing new to append")
    }

    @Test func aCacheMadeWithOtherSettingsOrDamagedIsRefused() throws {
        defer { fixture.remove() }
        #expect(try validate(["--detections-cache", cache]).status == 0)
        let other = try validate(["--detections-cache", cache, "--thresholds", "0.5,0.7,0.7"])
        #expect(other.status == 2)
        #expect(other.errorLines == [
            "facewatch: \(cache): the detection cache was made with --min-face 20.0 --thresholds 0.6,0.7,0.7 --factor 0.709 "
                + "--retry-thresholds 0.4,0.5,0.7, this run asks for --min-face 20.0 --thresholds 0.5,0.7,0.7 --factor 0.709 "
                + "--retry-thresholds 0.4,0.5,0.7; delete it or use another file",
        ])

        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cache))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"image\":\"x\",\"faces\":[{\"box\":[1,2],\"score\":1,\"landmarks\":[]}]}\n".utf8))
        try handle.close()
        let damaged = try validate(["--detections-cache", cache])
        #expect(damaged.status == 2)
        #expect(damaged.errorLines == ["facewatch: \(cache):6: damaged detection cache line (a box has 2 numbers, not 4); delete the file to detect again"])
    }

    @Test func mirrorAveragingChangesTheDistancesNotTheVerdicts() throws {
        defer { fixture.remove() }
        let plain = try summary(try validate([]))
        let mirrored = try summary(try validate(["--mirror-average"]))
        #expect(plain["accuracy"] as? Double == 0.75 && mirrored["accuracy"] as? Double == 0.75,
                "in each fold three pairs right, the one with the blank picture wrong")
        let thresholds = try #require(plain["thresholds"] as? [Double]), mirroredThresholds = try #require(mirrored["thresholds"] as? [Double])
        #expect(thresholds != mirroredThresholds, "the Eileen–Lionel distance moves")
    }

    @Test func aGalleryEnrolledWithoutMirrorAveragingRefusesIt() throws {
        defer { fixture.remove() }
        let gallery = fixture.directory.appendingPathComponent("gallery.sqlite").path
        let models = ["--models", CommandRunner.modelsDirectory, "--gallery", gallery]
        #expect(try CommandRunner.run(["enroll", "Eileen", RecognitionCommandTests.astronaut] + models).status == 0)
        let refused = try CommandRunner.run(["identify", "--mirror-average", RecognitionCommandTests.astronaut] + models)
        #expect(refused.status == 2)
        #expect(refused.errorLines.count == 1 && refused.errorLines[0].contains("dlib_face_recognition_resnet_model_v1+mirror-average"),
                "\(refused.standardError)")
        let matched = try CommandRunner.run(["identify", "--json", RecognitionCommandTests.astronaut] + models)
        #expect(matched.standardOutput.contains("\"identity\":\"Eileen\""), "\(matched.standardOutput)")
    }
}
