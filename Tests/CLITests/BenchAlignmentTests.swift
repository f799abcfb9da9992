import Foundation
import Testing

/// `bench alignment` on the four-image set: one line per variant, and the variant that is the product's
/// alignment scores exactly as `validate` does.
@Suite struct BenchAlignmentTests {
    let fixture: PairsFixture

    init() throws {
        fixture = try PairsFixture()
    }

    func lines(_ result: CommandRunner.Result) throws -> [[String: Any]] {
        try result.outputLines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw PairsFixture.FixtureError(message: "not a JSON object: \(line)")
            }
            return object
        }
    }

    @Test func everyVariantIsReportedAndTheProductsMatchesValidate() throws {
        defer { fixture.remove() }
        let distances = fixture.directory.appendingPathComponent("distances.tsv").path
        let bench = try CommandRunner.run([
            "bench", "alignment", "--pairs", fixture.pairs, "--images", fixture.images, "--models", CommandRunner.modelsDirectory,
            "--detections-cache", fixture.cache, "--scales", "1,1.5", "--mirror", "--ensemble", "--pair-distances", distances,
        ])
        #expect(bench.status == 0, "\(bench.standardError)")
        let reports = try lines(bench)
        #expect(reports.count == 6, "two scales, each plain and mirrored, then the two ensembles")
        #expect(reports.map { $0["scale"] as? Double } == [1, 1, 1.5, 1.5, nil, nil])
        #expect(reports.map { $0["mirror"] as? Bool } == [false, true, false, true, false, true])
        #expect(reports.allSatisfy { $0["pairsWithoutFace"] as? Int == 2 })

        let validate = try CommandRunner.run([
            "validate", "--json", "--pairs", fixture.pairs, "--images", fixture.images, "--models", CommandRunner.modelsDirectory,
            "--detections-cache", fixture.cache,
        ])
        let validated = try PairsFixture.object(validate)
        #expect(reports[0]["accuracy"] as? Double == validated["accuracy"] as? Double)
        #expect(reports[0]["auc"] as? Double == validated["auc"] as? Double)

        let rows = try String(contentsOfFile: distances, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(rows.count == 8 && rows.allSatisfy { $0.count == 4 + 6 })
        #expect(rows[0][0] == "2" && rows[0][1] == "1" && rows[0][4] == "0.00000", "line 2: Eileen and her copy")
        #expect(rows[3][4] == "-", "the blank picture has no face")
        let zoomed = try #require(Double(rows[2][6])), plain = try #require(Double(rows[2][4]))
        #expect(abs(zoomed - plain) > 0.01, "framing the face 1.5× larger changes the Eileen–Lionel distance")
    }

    @Test func badGridValuesAreRefused() throws {
        defer { fixture.remove() }
        let result = try CommandRunner.run([
            "bench", "alignment", "--pairs", fixture.pairs, "--images", fixture.images, "--nose-weights", "1,-0.5",
        ])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--nose-weights must not be negative"), "\(result.standardError)")
    }
}
