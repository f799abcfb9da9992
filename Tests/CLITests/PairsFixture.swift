import Foundation

/// A four-image LFW-style set in a temporary directory, from the Debian sample photos: two copies of the
/// astronaut (Eileen), Messi (Lionel), and a blank picture without a face, with a two-fold pairs file of two
/// same-person and two different-person pairs each; in each fold one different-person pair has the blank picture.
struct PairsFixture {
    let directory: URL
    var images: String { directory.appendingPathComponent("images").path }
    var pairs: String { directory.appendingPathComponent("pairs.txt").path }
    var cache: String { directory.appendingPathComponent("faces.jsonl").path }
    /// The photos as the pairs file resolves them, sorted.
    var imagePaths: [String] {
        ["Blank/Blank_0001.jpg", "Eileen/Eileen_0001.jpg", "Eileen/Eileen_0002.jpg", "Lionel/Lionel_0001.jpg"]
            .map { images + "/" + $0 }
    }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-pairs-\(UUID().uuidString)")
        let files = FileManager.default
        for (person, number, source) in [("Eileen", 1, RecognitionCommandTests.astronaut), ("Eileen", 2, RecognitionCommandTests.astronaut),
                                         ("Lionel", 1, RecognitionCommandTests.messi)] {
            let folder = directory.appendingPathComponent("images/\(person)")
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            try files.copyItem(atPath: source, toPath: folder.appendingPathComponent("\(person)_000\(number).jpg").path)
        }
        let blank = directory.appendingPathComponent("images/Blank")
        try files.createDirectory(at: blank, withIntermediateDirectories: true)
        try RecognitionCommandTests.blankBMP().write(to: blank.appendingPathComponent("Blank_0001.jpg"))
        let lines = [
            "2\t2", "Eileen\t1\t2", "Eileen\t2\t1", "Eileen\t1\tLionel\t1", "Lionel\t1\tBlank\t1",
            "Eileen\t1\t2", "Eileen\t2\t1", "Eileen\t2\tLionel\t1", "Blank\t1\tEileen\t1",
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: pairs))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The one JSON object a command printed.
    static func object(_ result: CommandRunner.Result) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any] else {
            throw FixtureError(message: "not one JSON object: \(result.standardOutput)")
        }
        return object
    }

    struct FixtureError: Error {
        let message: String
    }
}
