import Foundation
import Testing

/// `facewatch train` end to end on generated chips with a tiny network: history, plot, checkpoint, log, an
/// exported model that `facewatch embed` loads, and a resumed run that continues the history.
@Suite struct TrainCommandTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("facewatch-train-\(UUID().uuidString)")
        let palette: [(UInt8, UInt8, UInt8)] = [(220, 40, 40), (40, 200, 60), (50, 70, 230)]
        for person in 0..<3 {
            let folder = root.appendingPathComponent("chips/person\(person)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for image in 0..<4 {
                try BMPFixture.bmp(width: 20, height: 20) { x, y in
                    let bar = person == 1 ? abs(x - 6 - image) <= 1 : abs(y - 6 - image) <= 1
                    return bar ? palette[person] : (UInt8((x * 7 + y * 13 + image * 29) % 50), 20, 20)
                }.write(to: folder.appendingPathComponent("\(image).bmp"))
            }
        }
        try BMPFixture.bmp(width: 16, height: 16) { x, y in (UInt8(x * 10), UInt8(y * 10), 90) }.write(to: root.appendingPathComponent("probe.bmp"))
    }

    private func train(epochs: Int, resume: Bool = false) throws -> CommandRunner.Result {
        try CommandRunner.run([
            "train", "--data", root.appendingPathComponent("chips").path, "--loss", "center",
            "--out", root.appendingPathComponent("model.onnx").path, "--epochs", "\(epochs)", "--batches-per-epoch", "3",
            "--batch-size", "6", "--input-size", "16", "--widths", "4,4,8,8", "--embedding-size", "8",
            "--learning-rate", "0.01",
        ] + (resume ? ["--resume"] : []))
    }

    @Test func trainsExportsAndResumes() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try train(epochs: 2)
        #expect(first.status == 0, "\(first.standardError)")
        let csv = try String(contentsOf: root.appendingPathComponent("model.csv"), encoding: .utf8)
        var rows = csv.split(separator: "\n")
        try #require(rows.count == 4)
        #expect(rows[0].hasPrefix("epoch,learning_rate,loss,"))
        #expect(rows[1].hasPrefix("0,,,"))
        #expect(rows[2].hasPrefix("1,0.01,") && rows[3].hasPrefix("2,0.01,"))
        for name in ["model.onnx", "model.png", "model.checkpoint", "model.log"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path), "\(name)")
        }
        #expect(first.standardError.contains("data: 3 people, 12 chips of 20×20"))

        let embedded = try CommandRunner.run([
            "embed", "--embedder", root.appendingPathComponent("model.onnx").path, "--chip",
            root.appendingPathComponent("probe.bmp").path, "--json",
        ])
        #expect(embedded.status == 0, "\(embedded.standardError)")
        let line = try #require(embedded.outputLines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let faces = try #require(object["faces"] as? [[String: Any]])
        let descriptor = try #require(faces.first?["descriptor"] as? [Double])
        #expect(descriptor.count == 8)
        #expect(abs(descriptor.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)

        let resumed = try train(epochs: 3, resume: true)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardError.contains("resumed from"))
        #expect(resumed.standardError.contains("after epoch 2"))
        rows = try String(contentsOf: root.appendingPathComponent("model.csv"), encoding: .utf8).split(separator: "\n")
        try #require(rows.count == 5)
        #expect(rows[4].hasPrefix("3,0.01,"))
    }

    /// Three people with two validation chips each (the training chips 0 and 1, named as `facewatch align`
    /// names chips), and a two-fold pairs file: each fold two same-person and two different-person pairs.
    private func writeValidationSet() throws -> (pairs: String, data: String) {
        let data = root.appendingPathComponent("validation")
        for person in 0..<3 {
            let folder = data.appendingPathComponent("person\(person)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for image in 0..<2 {
                try FileManager.default.copyItem(at: root.appendingPathComponent("chips/person\(person)/\(image).bmp"),
                                                 to: folder.appendingPathComponent("person\(person)_000\(image + 1).png"))
            }
        }
        let lines = [
            "2\t2", "person0\t1\t2", "person1\t1\t2", "person0\t1\tperson1\t1", "person1\t2\tperson2\t1",
            "person2\t1\t2", "person0\t2\t1", "person0\t2\tperson2\t2", "person2\t1\tperson1\t1",
        ]
        let pairs = root.appendingPathComponent("pairs.txt")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: pairs)
        return (pairs.path, data.path)
    }

    @Test func keepBestLeavesTheBestValidatedEpochInTheOutput() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let validation = try writeValidationSet()
        let result = try CommandRunner.run([
            "train", "--data", root.appendingPathComponent("chips").path, "--loss", "center",
            "--out", root.appendingPathComponent("model.onnx").path, "--epochs", "4", "--batches-per-epoch", "2",
            "--batch-size", "6", "--input-size", "16", "--widths", "4,4,8,8", "--embedding-size", "8",
            "--learning-rate", "0.05", "--validation-pairs", validation.pairs, "--validation-data", validation.data,
            "--keep-best",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        // The best epoch by the history's own figures: the highest accuracy, the earliest of equals.
        let rows = try String(contentsOf: root.appendingPathComponent("model.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let accuracies = rows.map { row -> (epoch: Int, accuracy: Double) in
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            return (Int(fields[0]) ?? -1, Double(fields[3]) ?? -1)
        }.filter { $0.epoch >= 1 }
        try #require(accuracies.count == 4)
        let best = accuracies.reduce(accuracies[0]) { $1.accuracy > $0.accuracy ? $1 : $0 }
        #expect(result.standardError.contains("epoch \(best.epoch): the best validation accuracy so far"))
        #expect(result.standardError.contains("kept epoch \(best.epoch) in "))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("model.onnx").path))
    }

    @Test func keepBestWithoutValidationIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run([
            "train", "--data", root.appendingPathComponent("chips").path, "--loss", "center",
            "--out", root.appendingPathComponent("model.onnx").path, "--keep-best",
        ])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--keep-best needs --validation-pairs"))
    }

    @Test func changedOptionsOnResumeAreRefusedInOneLine() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try train(epochs: 1).status == 0)
        let changed = try CommandRunner.run([
            "train", "--data", root.appendingPathComponent("chips").path, "--loss", "triplet",
            "--out", root.appendingPathComponent("model.onnx").path, "--epochs", "2", "--batches-per-epoch", "3",
            "--batch-size", "6", "--input-size", "16", "--widths", "4,4,8,8", "--embedding-size", "8", "--resume",
        ])
        #expect(changed.status == 1)
        #expect(changed.errorLines.last?.contains("model.checkpoint: checkpoint: made with other settings") == true)
    }

    @Test func missingDataIsAOneLineError() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CommandRunner.run([
            "train", "--data", root.appendingPathComponent("nowhere").path, "--loss", "center",
            "--out", root.appendingPathComponent("model.onnx").path,
        ])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.contains("nowhere: cannot list the data set") == true)
    }
}

/// `facewatch bench train` prints a figure for the forward pass and for each loss.
@Suite struct BenchTrainTests {
    @Test func printsOneLinePerMeasure() throws {
        let result = try CommandRunner.run([
            "bench", "train", "--batches", "1", "--warm-up", "0", "--batch-size", "6", "--input-size", "16",
            "--people", "3", "--images-per-person", "2", "--json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let measures = try result.outputLines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let rate = try #require(object["images_per_second"] as? Double)
            #expect(rate > 0)
            return try #require(object["measure"] as? String)
        }
        #expect(measures == ["forward", "center", "triplet"])
    }
}
